/**
 * Which better_sqlite3.node the Electron main process loads. Node and Electron have different native ABIs, so
 * the package's own build (node_modules/better-sqlite3/build, Node's ABI: serve, tests) cannot be loaded here;
 * the launcher makes an Electron build beside it (scripts/electron-native.mjs) and electron-builder ships that one
 * in resources/native/. It reaches better-sqlite3 through its `nativeBinding` option, in whichever thread opens
 * the database.
 */
import { join } from 'node:path'
import { BINARY, INFO, nativeDir } from '../../scripts/native-lib.mjs'
import { BINDING_ENV, NATIVE_LOAD_FAILED_EXIT } from '../../scripts/start-lib.mjs'

export { NATIVE_LOAD_FAILED_EXIT }

export interface BindingContext {
  isPackaged: boolean
  /** process.resourcesPath: next to app.asar in an installed app. */
  resourcesPath: string
  /** app.getAppPath(): the project folder when run as `electron .`. */
  appPath: string
  env: Record<string, string | undefined>
  platform: string
  arch: string
  /** process.versions.electron */
  electronVersion: string
  exists(path: string): boolean
  /** build-info.json next to the binary, or null. */
  readInfo(path: string): { electron?: string; platform?: string; arch?: string } | null
}

export type BindingChoice = { ok: true; path: string; source: 'packaged' | 'launcher' | 'cache' } | { ok: false; message: string }

const FIX = 'run `npm start` (it gets one) or `npm run native:electron`'

export const resolveNativeBinding = (c: BindingContext): BindingChoice => {
  const pick = (path: string, source: 'packaged' | 'launcher' | 'cache'): BindingChoice => {
    if (!c.exists(path)) {
      return { ok: false, message: `better-sqlite3 has no Electron build at ${path}${source === 'packaged' ? ' (the installer is incomplete; reinstall)' : `: ${FIX}`}` }
    }
    const info = c.readInfo(join(path, '..', INFO))
    // Without build-info.json (a hand-copied binary) the load itself is the check.
    if (info?.electron && info.electron !== c.electronVersion) {
      return { ok: false, message: `the better-sqlite3 build at ${path} is for Electron ${info.electron}, this is Electron ${c.electronVersion}: ${FIX}` }
    }
    if (info?.platform && (info.platform !== c.platform || info.arch !== c.arch)) {
      return { ok: false, message: `the better-sqlite3 build at ${path} is for ${info.platform}-${info.arch}, this is ${c.platform}-${c.arch}: ${FIX}` }
    }
    return { ok: true, path, source }
  }
  // An installed app ignores the variable: an environment must not choose native code for a signed app.
  if (c.isPackaged) return pick(join(c.resourcesPath, 'native', BINARY), 'packaged')
  const fromLauncher = c.env[BINDING_ENV]
  if (fromLauncher) return pick(fromLauncher, 'launcher')
  return pick(join(nativeDir(c.appPath, c.platform, c.arch), BINARY), 'cache')
}

/** Errors that mean "this .node is for another ABI or platform", as Node and better-sqlite3 word them. */
export const isNativeLoadError = (e: unknown): boolean => {
  const m = e instanceof Error ? e.message : String(e)
  return /NODE_MODULE_VERSION|compiled against a different Node\.js version|better_sqlite3\.node|invalid ELF header|not a valid Win32 application|incompatible architecture|wrong ELF class|mach-o/i.test(m)
}
