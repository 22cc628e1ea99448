// better-sqlite3 for Electron, decided by pure functions (scripts/electron-native.mjs does the side effects).
// Node and Electron have different native ABIs: node_modules/better-sqlite3/build keeps the Node build (serve,
// tests, benches); the Electron build lives in its own folder and Electron loads it through better-sqlite3's
// `nativeBinding` option. Types: native-lib.d.mts.
import { join } from 'node:path'

export const MODULE = 'better-sqlite3'
export const BINARY = 'better_sqlite3.node'
export const INFO = 'build-info.json'

/** Where the Electron build for one platform/arch lives (npm ci wipes it with node_modules: it is rebuilt). */
export function nativeDir(root, platform, arch) {
  return join(root, 'node_modules', '.cache', 'noc-console', 'better-sqlite3-electron', `${platform}-${arch}`)
}

/** What a build must match. `abi` is informational (null when node-abi does not know this Electron yet). */
export function electronTarget({ electronVersion, moduleVersion, platform, arch, abiOf }) {
  let abi = null
  try {
    abi = abiOf ? String(abiOf(electronVersion)) : null
  } catch {
    abi = null
  }
  return { module: MODULE, moduleVersion, electron: electronVersion, abi, platform, arch }
}

export function describeTarget(t) {
  return `Electron ${t.electron}${t.abi ? ` (ABI ${t.abi})` : ''}, ${t.platform}-${t.arch}`
}

/** Null when `info` (build-info.json, or null when absent) is a build for `target`; otherwise why a new one is needed. */
export function staleReason(info, target, binaryExists) {
  if (!info || !binaryExists) return `no Electron build of ${MODULE} yet`
  if (info.electron !== target.electron) return `the build is for Electron ${info.electron}, this is Electron ${target.electron}`
  if (info.platform !== target.platform || info.arch !== target.arch) return `the build is for ${info.platform}-${info.arch}, not ${target.platform}-${target.arch}`
  if (info.moduleVersion !== target.moduleVersion) return `the build is of ${MODULE} ${info.moduleVersion}, the installed one is ${target.moduleVersion}`
  return null
}

/** prebuild-install, run in a staging folder holding a copy of better-sqlite3's package.json (so node_modules is untouched). */
export function prebuildArgs(target) {
  return ['--runtime', 'electron', '--target', target.electron, '--platform', target.platform, '--arch', target.arch, '--verbose']
}

/** @electron/rebuild's CLI on a staging project whose node_modules holds a copy of better-sqlite3's sources. */
export function rebuildArgs(target, stageDir) {
  return ['--version', target.electron, '--arch', target.arch, '--platform', target.platform, '--module-dir', stageDir, '--only', MODULE, '--force', '--build-from-source']
}

/** A rebuild compiles for this machine only; a prebuilt binary can be fetched for any platform (packaging). */
export function canRebuild(target, host) {
  return target.platform === host.platform && target.arch === host.arch
}

/** The line of a tool's output that says what went wrong (last warning/error line, not a stack frame). */
export function failureLine({ status, signal, error, output = '' }) {
  if (error) return error.code === 'ENOENT' ? `${error.path ?? 'the program'} was not found` : error.message
  if (signal) return `killed by ${signal}`
  const lines = output
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !/^at\s/.test(l))
  const bad = lines.filter((l) => /\b(warn|err!?|error|fail(ed)?|not found|enoent|eai_again|enotfound|econn\w*|404|403)\b/i.test(l))
  return ((bad.length ? bad[bad.length - 1] : lines[lines.length - 1]) ?? `exit code ${status}`).slice(0, 300)
}

/**
 * The message when no Electron build could be had: each attempt and why it failed, then what to run on a
 * machine with internet access (or where to copy a build from).
 */
export function failureAdvice(target, attempts, dir) {
  const lines = [`could not get ${MODULE} ${target.moduleVersion} for ${describeTarget(target)}:`]
  for (const a of attempts) lines.push(`  - ${a.step}: ${a.reason}`)
  lines.push(
    'On a machine with internet access (the prebuilt binary comes from the better-sqlite3 releases on GitHub; a',
    'rebuild needs a C++ toolchain — build-essential/python3, Xcode command line tools, or Visual Studio Build Tools —',
    "and Electron's headers), run in this folder:",
    '    npm run native:electron',
    `or copy its ${dir} folder here (${BINARY} + ${INFO}).`,
  )
  return lines.join('\n')
}

/** The script Electron runs as Node (ELECTRON_RUN_AS_NODE=1) to prove the build loads in it and works. */
export function verifyScript(moduleDir, binaryPath) {
  return [
    `const Database = require(${JSON.stringify(join(moduleDir, 'lib', 'index.js'))});`,
    `const db = new Database(':memory:', { nativeBinding: ${JSON.stringify(binaryPath)} });`,
    `const v = db.prepare('select sqlite_version() as v').get().v; db.close();`,
    `console.log('NOC_NATIVE_OK ' + JSON.stringify({ sqlite: v, modules: process.versions.modules, electron: process.versions.electron || null }));`,
  ].join(' ')
}

/** Parse the verify script's output: the versions when it loaded, else null. */
export function parseVerify(output) {
  const m = /NOC_NATIVE_OK (\{.*\})/.exec(output)
  if (!m) return null
  try {
    return JSON.parse(m[1])
  } catch {
    return null
  }
}
