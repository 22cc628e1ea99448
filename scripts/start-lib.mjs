// The decisions behind `npm start`, as pure functions (file system and environment passed in) so they are
// unit-tested without Electron. scripts/start.mjs does the side effects. Types: start-lib.d.mts.
import { accessSync, constants, existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** @typedef {{ ok: true, binary: string } | { ok: false, reason: string, installable: boolean }} ElectronProbe */

const realFs = {
  exists: (p) => existsSync(p),
  read: (p) => readFileSync(p, 'utf8'),
  executable: (p) => {
    try {
      accessSync(p, constants.X_OK)
      return true
    } catch {
      return false
    }
  },
}

/**
 * Is the Electron binary usable? Mirrors node_modules/electron/index.js (path.txt → dist/<path>) without
 * requiring it, because that module throws when the download never happened.
 */
export function probeElectron({ electronDir, env = {}, fs = realFs }) {
  if (!fs.exists(join(electronDir, 'package.json'))) {
    return { ok: false, reason: 'the electron package is not installed', installable: false }
  }
  const pathFile = join(electronDir, 'path.txt')
  const relative = fs.exists(pathFile) ? fs.read(pathFile).trim() : ''
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH || join(electronDir, 'dist')
  if (!relative && !env.ELECTRON_OVERRIDE_DIST_PATH) {
    return {
      ok: false,
      reason: 'the Electron binary was never downloaded (package.json sets allowScripts.electron=false; its download needs github.com)',
      installable: true,
    }
  }
  const binary = join(distDir, relative || 'electron')
  if (!fs.exists(binary)) return { ok: false, reason: `the Electron binary is missing (${binary})`, installable: true }
  if (!fs.executable(binary)) return { ok: false, reason: `the Electron binary is not executable (${binary})`, installable: true }
  return { ok: true, binary }
}

/** Electron needs a screen: X11 or Wayland on Linux/BSD; macOS and Windows always have one. */
export function hasDisplay({ platform, env }) {
  if (platform === 'darwin' || platform === 'win32') return true
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY)
}

/**
 * What `npm start` does next.
 * @returns {{ mode: 'electron', binary: string } | { mode: 'install' } | { mode: 'serve', reason: string } | { mode: 'fail', reason: string }}
 */
export function decideLaunch({ forced, display, isRoot = false, probe, installTried = false, installError, skipInstall = false }) {
  if (forced === 'serve') return { mode: 'serve', reason: 'NOC_SHELL=serve was set' }
  const must = forced === 'electron'
  const fallback = (reason) => (must ? { mode: 'fail', reason: `NOC_SHELL=electron, but ${reason}` } : { mode: 'serve', reason })
  if (!display && !must) return fallback('there is no graphical display (DISPLAY / WAYLAND_DISPLAY are not set)')
  // Chromium refuses to start as root unless its sandbox is disabled; we will not disable it silently.
  if (isRoot && !must) return fallback('it is running as root, and Chromium will not run as root with its sandbox on')
  if (probe.ok) return { mode: 'electron', binary: probe.binary }
  if (probe.installable && !installTried && !skipInstall) return { mode: 'install' }
  const why = installTried ? `${probe.reason}; fetching it failed${installError ? `: ${installError}` : ''}` : probe.reason
  return fallback(why)
}

/** The first meaningful line of a failed install's output (e.g. "RequestError: getaddrinfo ENOTFOUND github.com"). */
export function summarizeInstallFailure({ status, signal, error, stderr = '', stdout = '' }, timeoutMs) {
  if (error && error.code === 'ETIMEDOUT') return `no answer within ${Math.round(timeoutMs / 1000)} s`
  if (error) return error.message
  if (signal) return `killed by ${signal}`
  const line = `${stderr}\n${stdout}`
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l && !l.startsWith('at '))
  return (line ?? `exit code ${status}`).slice(0, 200)
}

/**
 * `npm start -- [flags]`: Electron gets everything (it ignores what it does not know); serve gets everything
 * but the desktop-only `--wall` and `--display N`, which its strict parser would refuse (in a browser the wall is
 * `?wall=1` on the URL, and the browser window goes on whichever monitor it is dragged to).
 */
export function splitArgs(argv) {
  const wall = argv.includes('--wall')
  const serveArgs = []
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--wall' || argv[i].startsWith('--display=')) continue
    if (argv[i] === '--display') {
      i++
      continue
    }
    serveArgs.push(argv[i])
  }
  return { wall, electronArgs: [...argv], serveArgs }
}

/** The console URL from a line of serve's output ("NOC console serving at http://127.0.0.1:8080/ …"). */
export function findConsoleUrl(line) {
  const m = /serving at (https?:\/\/\S+?)\/?(\s|$)/.exec(line)
  return m ? `${m[1]}/` : null
}

export function consoleUrl(base, wall) {
  return wall ? `${base}?wall=1` : base
}

/** Electron that dies within seconds of launch (sandbox helper, GPU, missing libs) → serve instead of nothing. */
export function shouldFallBackAfterExit({ code, signal, uptimeMs }, quickMs = 10_000) {
  return uptimeMs < quickMs && signal === null && code !== 0
}

/** Electron main exits with this when better-sqlite3's Electron build will not load (src-main/electron/native-binding.ts). */
export const NATIVE_LOAD_FAILED_EXIT = 78

/** Electron main (and serve) exit with this when the hub's writer worker died (src-main/electron/desktop-shell.ts). */
export const WRITER_STOPPED_EXIT = 70

/** Where `nativeBinding` points Electron: the launcher passes it in this variable. */
export const BINDING_ENV = 'NOC_SQLITE_BINDING'

/**
 * After the Electron build of better-sqlite3 was sought: launch with it, or say what failed and serve (a forced
 * Electron fails instead of falling back).
 * @param {{ forced?: string, native: { ok: true, path: string } | { ok: false, message: string } }} o
 * @returns {{ mode: 'electron', env: Record<string, string> } | { mode: 'serve', reason: string } | { mode: 'fail', reason: string }}
 */
export function afterNative({ forced, native }) {
  if (native.ok) return { mode: 'electron', env: { [BINDING_ENV]: native.path } }
  const reason = `Electron cannot open the database: ${native.message}`
  return forced === 'electron' ? { mode: 'fail', reason: `NOC_SHELL=electron, but ${reason}` } : { mode: 'serve', reason }
}

/** Why a quick Electron exit happened, in words for the fallback banner. */
export function quickExitReason(code) {
  if (code === NATIVE_LOAD_FAILED_EXIT) {
    return `it could not load its build of better-sqlite3 (see above); the build was discarded, \`npm start\` gets a new one next time (or run \`npm run native:electron -- --force\`)`
  }
  if (code === WRITER_STOPPED_EXIT) return `its database writer stopped (the reason is in its output above)`
  return `it exited immediately with code ${code} (see its output above)`
}
