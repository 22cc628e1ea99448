#!/usr/bin/env node
// `npm start [-- --port N --data DIR --config FILE --wall]`: the desktop console where Electron can run,
// otherwise the same console served to a browser. Decisions live in start-lib.mjs (unit-tested).
//   NOC_SHELL=serve|electron          force one shell (electron: fail instead of falling back)
//   NOC_SKIP_ELECTRON_INSTALL=1       do not try to download the Electron binary
//   NOC_ELECTRON_INSTALL_TIMEOUT_MS   how long that download may take (default 60000)
//   NOC_SKIP_BUILD=1                  reuse out/ as it is
// Before Electron starts, better-sqlite3 gets an Electron build of its own (scripts/electron-native.mjs);
// node_modules/better-sqlite3 keeps the Node build that serve and the tests use.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { ensureElectronNative } from './electron-native.mjs'
import { stopWithParent } from './launch-lib.mjs'
import { nativeDir, INFO } from './native-lib.mjs'
import {
  NATIVE_LOAD_FAILED_EXIT,
  afterNative,
  consoleUrl,
  decideLaunch,
  findConsoleUrl,
  hasDisplay,
  probeElectron,
  quickExitReason,
  shouldFallBackAfterExit,
  splitArgs,
  summarizeInstallFailure,
} from './start-lib.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const env = process.env
const electronDir = join(root, 'node_modules', 'electron')
const bin = {
  vite: join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
  electronVite: join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'),
}
const say = (msg) => console.log(`[start] ${msg}`)

/** Run a node script to completion, output shown; exit this process if it fails. */
const runNode = (script, args, what) => {
  if (!existsSync(script)) {
    console.error(`[start] ${what}: ${script} is missing — run \`npm install\` first.`)
    process.exit(1)
  }
  const r = spawnSync(process.execPath, [script, ...args], { cwd: root, stdio: 'inherit', env })
  if (r.status !== 0) {
    console.error(`[start] ${what} failed (exit ${r.status ?? r.signal}).`)
    process.exit(r.status ?? 1)
  }
}

/** Keep the child in charge of shutdown: Ctrl+C reaches it; we leave when it does. */
const supervise = (child, onExit) => {
  const forward = (sig) => () => child.exitCode === null && child.kill(sig)
  const handlers = { SIGINT: forward('SIGINT'), SIGTERM: forward('SIGTERM') }
  for (const [sig, h] of Object.entries(handlers)) process.on(sig, h)
  child.on('exit', (code, signal) => {
    for (const [sig, h] of Object.entries(handlers)) process.off(sig, h)
    onExit(code, signal)
  })
}

const serve = (reason, args, wall) => {
  console.log(`\nElectron is not available on this machine (${reason}); serving the console in the browser instead.\n`)
  if (env.NOC_SKIP_BUILD !== '1') {
    say('building the renderer (vite build --config vite.renderer.config.ts)…')
    runNode(bin.vite, ['build', '--config', 'vite.renderer.config.ts', '--logLevel', 'warn'], 'renderer build')
  }
  // tsx as an import hook, not its CLI: no wrapper process between us and the server, so our signals reach it.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/serve.ts', ...args], { cwd: root, env, stdio: ['inherit', 'pipe', 'inherit'] })
  let announced = false
  createInterface({ input: child.stdout }).on('line', (line) => {
    console.log(line)
    const url = !announced && findConsoleUrl(line)
    if (url) {
      announced = true
      console.log(`\n  ➜  Open the console: ${consoleUrl(url, wall)}${wall ? '   (wall mode; press F11 for fullscreen)' : ''}\n`)
    }
  })
  supervise(child, (code, signal) => process.exit(code ?? (signal ? 0 : 1)))
}

const launchElectron = async (binary, args, serveArgs, wall) => {
  if (env.NOC_SKIP_BUILD !== '1') {
    say('building main, preload and renderer (electron-vite build)…')
    runNode(bin.electronVite, ['build'], 'electron-vite build')
  }
  const native = await ensureElectronNative({ root, electronBinary: binary, env, say })
  const next = afterNative({ forced: env.NOC_SHELL, native })
  if (next.mode === 'serve') return serve(next.reason, serveArgs, wall)
  if (next.mode === 'fail') {
    console.error(`[start] ${next.reason}`)
    process.exit(1)
  }
  say(`launching ${binary}`)
  const startedAt = Date.now()
  const child = spawn(binary, ['.', ...args], { cwd: root, env: { ...env, ...next.env }, stdio: 'inherit' })
  child.on('error', (e) => {
    // spawn failure (ENOENT/EACCES): nothing was shown, so serve instead.
    serve(`launching it failed: ${e.message}`, serveArgs, wall)
  })
  supervise(child, (code, signal) => {
    // A build that Electron refuses is not reused: the next start fetches or compiles a fresh one.
    if (code === NATIVE_LOAD_FAILED_EXIT) rmSync(join(nativeDir(root, process.platform, process.arch), INFO), { force: true })
    if (shouldFallBackAfterExit({ code, signal, uptimeMs: Date.now() - startedAt })) {
      serve(quickExitReason(code), serveArgs, wall)
      return
    }
    process.exit(code ?? 0)
  })
}

const main = () => {
  // A SIGTERM to npm kills only the shell between it and us: stop (and stop the child, see supervise) when it goes.
  stopWithParent()
  const { wall, electronArgs, serveArgs } = splitArgs(process.argv.slice(2))
  const common = {
    forced: env.NOC_SHELL,
    display: hasDisplay({ platform: process.platform, env }),
    isRoot: process.platform === 'linux' && process.getuid?.() === 0,
    skipInstall: env.NOC_SKIP_ELECTRON_INSTALL === '1',
  }
  let decision = decideLaunch({ ...common, probe: probeElectron({ electronDir, env }) })

  if (decision.mode === 'install') {
    const timeoutMs = Number(env.NOC_ELECTRON_INSTALL_TIMEOUT_MS) || 60_000
    say(`the Electron binary is missing; trying to fetch it (node node_modules/electron/install.js, up to ${timeoutMs / 1000} s)…`)
    const r = spawnSync(process.execPath, [join(electronDir, 'install.js')], { cwd: electronDir, env, timeout: timeoutMs, encoding: 'utf8' })
    const installError = r.status === 0 ? undefined : summarizeInstallFailure(r, timeoutMs)
    decision = decideLaunch({ ...common, probe: probeElectron({ electronDir, env }), installTried: true, installError })
  }

  switch (decision.mode) {
    case 'electron':
      return void launchElectron(decision.binary, electronArgs, serveArgs, wall)
    case 'serve':
      return serve(decision.reason, serveArgs, wall)
    case 'fail':
      console.error(`[start] ${decision.reason}`)
      process.exit(1)
  }
}

main()
