/**
 * `npm start` end to end with fake binaries: a throwaway project tree holds the real launcher scripts and stand-ins
 * for Electron (a shell script that records how it was launched and, run as Node, really is Node), prebuild-install
 * and @electron/rebuild (which "fetch" or "compile" by copying the Node build of better-sqlite3), and serve. Only
 * the network and the compilers are faked: the cache folder, build-info.json, the Electron-side load check and the
 * fallback to the browser are the real code paths.
 */
import { spawnSync } from 'node:child_process'
import { chmodSync, chownSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const here = dirname(new URL(import.meta.url).pathname)
const realModule = dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json'))
const nodeBuild = join(realModule, 'build', 'Release', 'better_sqlite3.node')
const asRoot = process.getuid?.() === 0
const NOBODY = 65534

let root = ''
const cache = () => join(root, 'node_modules', '.cache', 'noc-console', 'better-sqlite3-electron', `${process.platform}-${process.arch}`)
const log = (name: string) => join(root, 'calls', `${name}.jsonl`)
const calls = (name: string): { argv: string[]; binding?: string; cwd: string }[] =>
  existsSync(log(name)) ? readFileSync(log(name), 'utf8').trim().split('\n').map((l) => JSON.parse(l)) : []

const write = (p: string, text: string, exec = false) => {
  mkdirSync(dirname(p), { recursive: true })
  writeFileSync(p, text)
  if (exec) chmodSync(p, 0o755)
}
const record = (name: string) =>
  `require('fs').appendFileSync(${JSON.stringify(join('@ROOT', 'calls', `${name}.jsonl`))}.replace('@ROOT', process.env.FAKE_ROOT), JSON.stringify({ argv: process.argv.slice(2), binding: process.env.NOC_SQLITE_BINDING, cwd: process.cwd() }) + '\\n')`
const copyBuild = (to: string) => `{ const fs = require('fs'), p = require('path'); fs.mkdirSync(p.dirname(${to}), { recursive: true }); fs.copyFileSync(${JSON.stringify(nodeBuild)}, ${to}) }`

const makeProject = () => {
  root = mkdtempSync(join(tmpdir(), 'noc-start-'))
  mkdirSync(join(root, 'scripts'))
  for (const f of ['start.mjs', 'start-lib.mjs', 'launch-lib.mjs', 'native-lib.mjs', 'electron-native.mjs']) copyFileSync(join(here, f), join(root, 'scripts', f))
  mkdirSync(join(root, 'calls'), { recursive: true })
  const nm = join(root, 'node_modules')
  // better-sqlite3: its JS and package.json (no build: the tree has no Node build, like a fresh Electron-only need).
  cpSync(join(realModule, 'lib'), join(nm, 'better-sqlite3', 'lib'), { recursive: true })
  copyFileSync(join(realModule, 'package.json'), join(nm, 'better-sqlite3', 'package.json'))
  // Electron 38.8.6: run as Node it is Node; run as an app it opens SQLite through NOC_SQLITE_BINDING like main.ts.
  write(join(nm, 'electron', 'package.json'), JSON.stringify({ name: 'electron', version: '38.8.6' }))
  write(join(nm, 'electron', 'path.txt'), 'electron')
  write(
    join(nm, 'electron', 'fake-main.cjs'),
    `${record('electron')}
const code = Number(process.env.FAKE_ELECTRON_EXIT || 0)
try {
  const Database = require(${JSON.stringify(join(nm, 'better-sqlite3', 'lib', 'index.js'))})
  new Database(':memory:', { nativeBinding: process.env.NOC_SQLITE_BINDING }).close()
} catch (e) { console.error('fake electron: ' + e.message); process.exit(78) }
process.exit(code)
`,
  )
  write(
    join(nm, 'electron', 'dist', 'electron'),
    `#!/bin/sh\nif [ "$ELECTRON_RUN_AS_NODE" = "1" ]; then exec ${JSON.stringify(process.execPath)} "$@"; fi\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(join(nm, 'electron', 'fake-main.cjs'))} "$@"\n`,
    true,
  )
  // prebuild-install: FAKE_PREBUILD=ok copies a "downloaded" binary into ./build/Release, fail = GitHub unreachable, junk = a broken file.
  write(join(nm, 'prebuild-install', 'package.json'), JSON.stringify({ name: 'prebuild-install', version: '7.1.3' }))
  // The real node-abi (prebuild-install's), so the ABI shown is the one prebuild-install would ask for.
  const realPrebuild = createRequire(join(realModule, 'package.json')).resolve('prebuild-install/package.json')
  cpSync(dirname(createRequire(realPrebuild).resolve('node-abi/package.json')), join(nm, 'node-abi'), { recursive: true })
  write(
    join(nm, 'prebuild-install', 'bin.js'),
    `${record('prebuild')}
const mode = process.env.FAKE_PREBUILD || 'ok'
console.error('prebuild-install info begin Prebuild-install version 7.1.3')
if (mode === 'fail') { console.error('prebuild-install warn install getaddrinfo EAI_AGAIN github.com'); process.exit(1) }
if (mode === 'junk') { require('fs').mkdirSync('build/Release', { recursive: true }); require('fs').writeFileSync('build/Release/better_sqlite3.node', 'not a library') }
else ${copyBuild("'build/Release/better_sqlite3.node'")}
console.error('prebuild-install info install Successfully installed prebuilt binary!')
`,
  )
  // @electron/rebuild's CLI: FAKE_REBUILD=ok "compiles" into <module-dir>/node_modules/better-sqlite3/build/Release.
  write(
    join(nm, '@electron', 'rebuild', 'lib', 'cli.js'),
    `${record('rebuild')}
const args = process.argv.slice(2), dir = args[args.indexOf('--module-dir') + 1]
if ((process.env.FAKE_REBUILD || 'ok') === 'fail') { console.error('gyp ERR! stack Error: not found: make'); process.exit(1) }
${copyBuild("require('path').join(dir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')")}
console.log('✔ Rebuild Complete')
`,
  )
  // serve (`node --import tsx src-main/serve.ts …`): the "tsx" hook itself plays serve — announces its URL like
  // the real one and exits before Node gets to the .ts file.
  write(join(nm, 'tsx', 'package.json'), JSON.stringify({ name: 'tsx', type: 'module', exports: { '.': './fake-serve.mjs' } }))
  write(
    join(nm, 'tsx', 'fake-serve.mjs'),
    `import { appendFileSync } from 'node:fs'
appendFileSync(process.env.FAKE_ROOT + '/calls/serve.jsonl', JSON.stringify({ argv: process.argv.slice(1).map((a) => a.replace(process.cwd() + '/', '')), cwd: process.cwd() }) + '\\n')
console.log('NOC console serving at http://127.0.0.1:5555/  (data: x)')
process.exit(0)
`,
  )
  if (asRoot) chownTree(root)
}

/** Chromium will not run as root, so neither does the launcher's Electron path: the tests run it as nobody. */
const chownTree = (p: string) => {
  chownSync(p, NOBODY, NOBODY)
  if (statSync(p).isDirectory()) for (const f of readdirSync(p)) chownTree(join(p, f))
}

const start = (env: Record<string, string> = {}, args: string[] = []) => {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'start.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    env: { PATH: process.env.PATH ?? '', HOME: root, DISPLAY: ':99', NOC_SKIP_BUILD: '1', FAKE_ROOT: root, ...env },
    ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
  })
  return { code: r.status, out: `${r.stdout}${r.stderr}` }
}
const info = () => JSON.parse(readFileSync(join(cache(), 'build-info.json'), 'utf8'))

const supported = process.platform !== 'win32'

describe.runIf(supported)('npm start with fake Electron, prebuild-install and @electron/rebuild', () => {
  beforeAll(() => {
    mkdirSync(join(tmpdir()), { recursive: true })
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('first start: fetches the prebuilt binary for the Electron runtime, checks it in Electron, launches Electron with it', () => {
    makeProject()
    const r = start({}, ['--port', '9001'])
    expect(r.code).toBe(0)
    expect(r.out).toContain(`better-sqlite3 for Electron 38.8.6 (ABI 139), ${process.platform}-${process.arch}: no Electron build of better-sqlite3 yet`)
    expect(r.out).toContain('[1/2] downloading the prebuilt binary: prebuild-install --runtime electron --target 38.8.6')
    expect(r.out).toContain('    prebuild-install info install Successfully installed prebuilt binary!') // the tool's own output, shown as progress
    expect(r.out).toMatch(/ready \(prebuilt, SQLite 3\.\d+\.\d+ loaded in Electron\)/)
    expect(calls('prebuild')[0].argv).toEqual(['--runtime', 'electron', '--target', '38.8.6', '--platform', process.platform, '--arch', process.arch, '--verbose'])
    // Run in a staging folder: node_modules/better-sqlite3 (the Node build's home) is never touched.
    expect(calls('prebuild')[0].cwd).not.toBe(join(root, 'node_modules', 'better-sqlite3'))
    expect(existsSync(join(root, 'node_modules', 'better-sqlite3', 'build'))).toBe(false)
    expect(calls('rebuild')).toEqual([])
    expect(calls('electron')).toEqual([{ argv: ['.', '--port', '9001'], binding: join(cache(), 'better_sqlite3.node'), cwd: root }])
    expect(info()).toMatchObject({ module: 'better-sqlite3', electron: '38.8.6', abi: '139', platform: process.platform, arch: process.arch, method: 'prebuilt', verified: { sqlite: expect.any(String) } })
  })

  it('next start: reuses the build without fetching anything', () => {
    const r = start()
    expect(r.code).toBe(0)
    expect(r.out).toContain(`using ${join(cache(), 'better_sqlite3.node')}`)
    expect(calls('prebuild')).toHaveLength(1)
    expect(calls('electron')).toHaveLength(2)
  })

  it('Electron upgraded: the build is redone for the new version', () => {
    writeFileSync(join(root, 'node_modules', 'electron', 'package.json'), JSON.stringify({ name: 'electron', version: '38.9.0' }))
    const r = start()
    expect(r.code).toBe(0)
    expect(r.out).toContain('the build is for Electron 38.8.6, this is Electron 38.9.0')
    expect(calls('prebuild').at(-1)!.argv).toContain('38.9.0')
    expect(info().electron).toBe('38.9.0')
  })

  it('no prebuilt binary reachable: compiles with @electron/rebuild instead', () => {
    rmSync(cache(), { recursive: true })
    const r = start({ FAKE_PREBUILD: 'fail' })
    expect(r.code).toBe(0)
    expect(r.out).toContain('[2/2] compiling from source: electron-rebuild --version 38.9.0')
    expect(calls('rebuild').at(-1)!.argv).toEqual(expect.arrayContaining(['--only', 'better-sqlite3', '--build-from-source']))
    expect(info().method).toBe('rebuild')
    expect(calls('electron').at(-1)!.binding).toBe(join(cache(), 'better_sqlite3.node'))
  })

  it('a downloaded binary Electron cannot load is not kept; the rebuild is tried', () => {
    rmSync(cache(), { recursive: true })
    const r = start({ FAKE_PREBUILD: 'junk' })
    expect(r.code).toBe(0)
    expect(info().method).toBe('rebuild')
  })

  it('neither works (offline, no compiler): says what failed and what to run, then serves the console in the browser', () => {
    rmSync(cache(), { recursive: true })
    const launched = calls('electron').length
    const r = start({ FAKE_PREBUILD: 'fail', FAKE_REBUILD: 'fail' }, ['--wall', '--display', '2', '--port', '9002'])
    expect(r.code).toBe(0)
    expect(r.out).toContain('could not get better-sqlite3 12.')
    expect(r.out).toContain('  - prebuilt binary (prebuild-install): prebuild-install warn install getaddrinfo EAI_AGAIN github.com')
    expect(r.out).toContain('  - rebuild from source (@electron/rebuild): gyp ERR! stack Error: not found: make')
    expect(r.out).toContain('    npm run native:electron')
    expect(r.out).toContain('serving the console in the browser instead')
    expect(r.out).toContain('Open the console: http://127.0.0.1:5555/?wall=1')
    expect(calls('electron')).toHaveLength(launched)
    expect(calls('serve').at(-1)!.argv).toEqual(['src-main/serve.ts', '--port', '9002'])
  })

  it('NOC_SHELL=electron fails instead of falling back', () => {
    const r = start({ FAKE_PREBUILD: 'fail', FAKE_REBUILD: 'fail', NOC_SHELL: 'electron' })
    expect(r.code).toBe(1)
    expect(r.out).toContain('NOC_SHELL=electron, but Electron cannot open the database: could not get better-sqlite3')
  })

  it('Electron refusing the build at start (exit 78): the build is discarded and the console is served', () => {
    const ok = start()
    expect(ok.code).toBe(0)
    writeFileSync(join(cache(), 'better_sqlite3.node'), 'corrupted after the check')
    const r = start()
    expect(r.out).toContain('fake electron: ')
    expect(r.out).toContain('it could not load its build of better-sqlite3')
    expect(r.out).toContain('serving the console in the browser instead')
    expect(existsSync(join(cache(), 'build-info.json'))).toBe(false)
    // …so the next start gets a fresh one.
    const again = start()
    expect(again.out).toContain('no Electron build of better-sqlite3 yet')
    expect(calls('electron').at(-1)!.binding).toBe(join(cache(), 'better_sqlite3.node'))
  })

  it('npm run native:electron does the same on its own, for this or another platform', () => {
    const run = (args: string[], env: Record<string, string> = {}) =>
      spawnSync(process.execPath, [join(root, 'scripts', 'electron-native.mjs'), ...args], { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: root, FAKE_ROOT: root, ...env }, ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}) })
    expect(run(['--force']).stdout).toMatch(/a new build was asked for \(--force\)[\s\S]*ready \(prebuilt/)
    const win = run(['--platform', 'win32', '--arch', 'x64'])
    expect(win.status).toBe(0)
    expect(existsSync(join(root, 'node_modules', '.cache', 'noc-console', 'better-sqlite3-electron', 'win32-x64', 'better_sqlite3.node'))).toBe(true)
    const winFail = run(['--platform', 'darwin', '--arch', 'arm64'], { FAKE_PREBUILD: 'fail' })
    expect(winFail.status).toBe(1)
    expect(winFail.stderr).toContain('native modules cannot be cross-compiled; build on a darwin-arm64 machine')
  })
})
