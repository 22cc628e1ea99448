#!/usr/bin/env node
// better-sqlite3 for Electron's ABI, beside the Node build (decisions in native-lib.mjs, unit-tested).
//   npm run native:electron [-- --platform P --arch A --force]
// 1. reuse node_modules/.cache/noc-console/better-sqlite3-electron/<platform>-<arch>/ when its build-info.json
//    names this Electron, platform, arch and better-sqlite3 version;
// 2. else the prebuilt binary for the Electron runtime (prebuild-install --runtime electron, in a staging folder);
// 3. else a rebuild from source (@electron/rebuild --build-from-source, on a staging copy of the sources);
// then Electron itself loads it (ELECTRON_RUN_AS_NODE=1) before it is recorded as good.
import { spawn } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { BINARY, INFO, MODULE, canRebuild, describeTarget, electronTarget, failureAdvice, failureLine, nativeDir, parseVerify, prebuildArgs, rebuildArgs, staleReason, verifyScript } from './native-lib.mjs'

const readJson = (p) => {
  try {
    return JSON.parse(readFileSync(p, 'utf8'))
  } catch {
    return null
  }
}

/** Run a program, showing its output as it comes (progress) and keeping it for the failure summary. */
export const run = (cmd, args, { cwd, env, quiet = false } = {}) =>
  new Promise((done) => {
    let output = ''
    let child
    try {
      child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    } catch (error) {
      done({ status: null, signal: null, error, output })
      return
    }
    const take = (stream, to) =>
      stream.on('data', (b) => {
        output += b
        if (!quiet) to.write(b.toString().replace(/^(?=.)/gm, '    '))
      })
    take(child.stdout, process.stdout)
    take(child.stderr, process.stderr)
    child.on('error', (error) => done({ status: null, signal: null, error, output }))
    child.on('close', (status, signal) => done({ status, signal, output }))
  })

const abiResolver = (moduleDir) => {
  try {
    const req = createRequire(join(moduleDir, 'package.json'))
    const nodeAbi = createRequire(req.resolve('prebuild-install/package.json'))('node-abi')
    return (v) => nodeAbi.getAbi(v, 'electron')
  } catch {
    return undefined
  }
}

/**
 * Make sure an Electron build of better-sqlite3 exists for `platform`/`arch` (default: this machine).
 * Resolves `{ ok: true, path, info, reused }` or `{ ok: false, message }`; never throws for an expected failure.
 */
export async function ensureElectronNative({ root, electronBinary, platform = process.platform, arch = process.arch, force = false, say = console.log, env = process.env }) {
  const moduleDir = join(root, 'node_modules', MODULE)
  const electronPkg = readJson(join(root, 'node_modules', 'electron', 'package.json'))
  const modulePkg = readJson(join(moduleDir, 'package.json'))
  if (!electronPkg || !modulePkg) {
    return { ok: false, message: `${!electronPkg ? 'electron' : MODULE} is not installed (run \`npm install\`)` }
  }
  const target = electronTarget({ electronVersion: electronPkg.version, moduleVersion: modulePkg.version, platform, arch, abiOf: abiResolver(moduleDir) })
  const dir = nativeDir(root, platform, arch)
  const binary = join(dir, BINARY)
  const stale = force ? 'a new build was asked for (--force)' : staleReason(readJson(join(dir, INFO)), target, existsSync(binary))
  if (!stale) {
    say(`${MODULE} for ${describeTarget(target)}: using ${binary}`)
    return { ok: true, path: binary, info: readJson(join(dir, INFO)), reused: true }
  }
  say(`${MODULE} for ${describeTarget(target)}: ${stale}; getting one into ${dir}`)

  const host = { platform: process.platform, arch: process.arch }
  const verifiable = electronBinary && canRebuild(target, host)
  const verify = async (candidate) => {
    if (!verifiable) return { ok: true, verified: null }
    say(`  checking that Electron loads it (ELECTRON_RUN_AS_NODE=1 ${electronBinary} -e …)`)
    const r = await run(electronBinary, ['-e', verifyScript(moduleDir, candidate)], { cwd: root, env: { ...env, ELECTRON_RUN_AS_NODE: '1' }, quiet: true })
    const v = parseVerify(r.output ?? '')
    return v ? { ok: true, verified: v } : { ok: false, reason: `Electron could not load it: ${failureLine(r)}` }
  }
  const stage = join(dir, '..', `.stage-${platform}-${arch}`)
  const attempts = []
  const keep = (built, method, verified) => {
    mkdirSync(dir, { recursive: true })
    rmSync(binary, { force: true })
    renameSync(built, binary)
    const info = { ...target, method, builtAt: new Date().toISOString(), verified }
    writeFileSync(join(dir, INFO), `${JSON.stringify(info, null, 2)}\n`)
    rmSync(stage, { recursive: true, force: true })
    say(`  ${MODULE} for ${describeTarget(target)} ready (${method}${verified ? `, SQLite ${verified.sqlite} loaded in Electron` : ''}): ${binary}`)
    return { ok: true, path: binary, info, reused: false }
  }

  // 1. The prebuilt binary for the Electron runtime.
  let prebuildBin = null
  try {
    prebuildBin = createRequire(join(moduleDir, 'package.json')).resolve('prebuild-install/bin.js')
  } catch {
    attempts.push({ step: 'prebuilt binary (prebuild-install)', reason: 'prebuild-install is not installed (it comes with better-sqlite3: run `npm install`)' })
  }
  if (prebuildBin) {
    rmSync(stage, { recursive: true, force: true })
    mkdirSync(stage, { recursive: true })
    writeFileSync(join(stage, 'package.json'), JSON.stringify(modulePkg))
    say(`  [1/2] downloading the prebuilt binary: prebuild-install ${prebuildArgs(target).join(' ')}`)
    const r = await run(process.execPath, [prebuildBin, ...prebuildArgs(target)], { cwd: stage, env })
    const built = join(stage, 'build', 'Release', BINARY)
    if (r.status === 0 && existsSync(built)) {
      const v = await verify(built)
      if (v.ok) return keep(built, 'prebuilt', v.verified)
      attempts.push({ step: 'prebuilt binary (prebuild-install)', reason: v.reason })
    } else {
      attempts.push({ step: 'prebuilt binary (prebuild-install)', reason: failureLine(r) })
    }
  }

  // 2. A rebuild from source against Electron's headers.
  const rebuildCli = join(root, 'node_modules', '@electron', 'rebuild', 'lib', 'cli.js')
  if (!canRebuild(target, host)) {
    attempts.push({ step: 'rebuild from source (@electron/rebuild)', reason: `native modules cannot be cross-compiled; build on a ${platform}-${arch} machine` })
  } else if (!existsSync(rebuildCli)) {
    attempts.push({ step: 'rebuild from source (@electron/rebuild)', reason: '@electron/rebuild is not installed (it is a devDependency: run `npm install`)' })
  } else {
    rmSync(stage, { recursive: true, force: true })
    const copy = join(stage, 'node_modules', MODULE)
    mkdirSync(copy, { recursive: true })
    for (const part of ['package.json', 'binding.gyp', 'lib', 'src', 'deps']) {
      if (existsSync(join(moduleDir, part))) cpSync(join(moduleDir, part), join(copy, part), { recursive: true })
    }
    writeFileSync(join(stage, 'package.json'), JSON.stringify({ name: 'noc-native-stage', private: true, dependencies: { [MODULE]: modulePkg.version } }))
    say(`  [2/2] compiling from source: electron-rebuild ${rebuildArgs(target, stage).join(' ')}`)
    const r = await run(process.execPath, [rebuildCli, ...rebuildArgs(target, stage)], { cwd: stage, env })
    const built = join(copy, 'build', 'Release', BINARY)
    if (r.status === 0 && existsSync(built)) {
      const v = await verify(built)
      if (v.ok) return keep(built, 'rebuild', v.verified)
      attempts.push({ step: 'rebuild from source (@electron/rebuild)', reason: v.reason })
    } else {
      attempts.push({ step: 'rebuild from source (@electron/rebuild)', reason: r.status === 0 ? `it finished but wrote no ${BINARY}` : failureLine(r) })
    }
  }
  rmSync(stage, { recursive: true, force: true })
  return { ok: false, message: failureAdvice(target, attempts, dir), target }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { platform: { type: 'string' }, arch: { type: 'string' }, force: { type: 'boolean' }, electron: { type: 'string' } } })
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
  const { probeElectron } = await import('./start-lib.mjs')
  const probe = probeElectron({ electronDir: join(root, 'node_modules', 'electron'), env: process.env })
  const r = await ensureElectronNative({
    root,
    electronBinary: values.electron ?? (probe.ok ? probe.binary : undefined),
    platform: values.platform,
    arch: values.arch,
    force: values.force,
    say: (m) => console.log(`[native] ${m}`),
  })
  if (!r.ok) {
    console.error(`[native] ${r.message}`)
    process.exit(1)
  }
}
