/**
 * A real electron-builder run of the `dist` configuration, offline: `--dir` (the unpacked app every installer
 * is made from) for Linux x64, with a stand-in unpacked Electron (electronDist) instead of the download and a
 * stand-in Electron build of better-sqlite3. What is checked is the layout electron-builder produces from our
 * configuration: app.asar contents, the native module outside it, the Zabbix media type, the executable name.
 * The installers themselves (AppImage, deb, dmg, nsis) need Electron's zip and their tools: not here.
 */
import { spawnSync } from 'node:child_process'
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createWorkerHub } from '../src-main/app/worker-hub'

const root = resolve(__dirname, '..')
const require = createRequire(import.meta.url)

/** Newest modification time under the given paths (files or folders). */
const newest = (paths: string[]): number => {
  let t = 0
  const walk = (p: string) => {
    const st = statSync(p)
    if (st.isDirectory()) for (const n of readdirSync(p)) walk(join(p, n))
    else t = Math.max(t, st.mtimeMs)
  }
  for (const p of paths) if (existsSync(p)) walk(p)
  return t
}

/** out/ is what gets packed: rebuilt when any part is missing or older than the sources it is built from. */
const outIsCurrent = (): boolean => {
  const built = ['index.js', 'package.json', 'hub-worker.js'].map((f) => join(root, 'out', 'main', f))
  if (!built.every((f) => existsSync(f))) return false
  const sources = newest(['src-main', 'src-shared', 'src-renderer', 'electron.vite.config.ts'].map((p) => join(root, p)))
  return Math.min(...built.map((f) => statSync(f).mtimeMs)) >= sources
}

describe.runIf(process.platform === 'linux' && process.arch === 'x64')('npm run dist (electron-builder --dir, offline)', () => {
  const work = mkdtempSync(join(tmpdir(), 'noc-dist-'))
  const out = join(work, 'dist')
  let unpacked = ''

  beforeAll(async () => {
    if (!outIsCurrent()) {
      const r = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, encoding: 'utf8' })
      expect(r.status, r.stderr).toBe(0)
    }
    const electronDist = join(work, 'electron')
    mkdirSync(electronDist)
    writeFileSync(join(electronDist, 'electron'), '#!/bin/sh\n')
    chmodSync(join(electronDist, 'electron'), 0o755)
    writeFileSync(join(electronDist, 'LICENSE'), 'MIT')
    writeFileSync(join(electronDist, 'version'), '38.8.6')
    // Our stand-in "Electron build": a copy of the Node one, in its own folder (the real cache is left alone).
    const native = join(work, 'native')
    mkdirSync(native)
    copyFileSync(join(require.resolve('better-sqlite3/package.json'), '..', 'build', 'Release', 'better_sqlite3.node'), join(native, 'better_sqlite3.node'))
    writeFileSync(join(native, 'build-info.json'), JSON.stringify({ electron: '38.8.6', platform: 'linux', arch: 'x64' }))
    const pkg = require(join(root, 'package.json'))
    const { build, Platform, Arch } = require('electron-builder')
    // package.json's "build" as it is, but for the stand-ins and the output folder (a config file replaces the
    // "build" key instead of being merged with it, which would copy both native folders).
    const config = join(work, 'electron-builder.json')
    writeFileSync(
      config,
      JSON.stringify({
        ...pkg.build,
        electronDist,
        directories: { ...pkg.build.directories, output: out },
        linux: { ...pkg.build.linux, extraResources: [{ ...pkg.build.linux.extraResources[0], from: native }] },
      }),
    )
    await build({ projectDir: root, targets: Platform.LINUX.createTarget('dir', Arch.x64), config })
    unpacked = join(out, 'linux-unpacked')
  }, 240_000)

  it('the executable is noc-console; SQLite native code is outside app.asar, next to the Zabbix media type', () => {
    expect(existsSync(join(unpacked, 'noc-console'))).toBe(true)
    expect(existsSync(join(unpacked, 'resources', 'native', 'better_sqlite3.node'))).toBe(true)
    expect(existsSync(join(unpacked, 'resources', 'native', 'build-info.json'))).toBe(true)
    expect(existsSync(join(unpacked, 'resources', 'zabbix', 'noc-console-media-type.yaml'))).toBe(true)
  })

  it('app.asar holds the built app and its runtime dependencies, not the Node build of better-sqlite3 nor dev tools', () => {
    const { listPackage } = require('@electron/asar')
    const files: string[] = listPackage(join(unpacked, 'resources', 'app.asar'), {}).map((f: string) => f.replace(/\\/g, '/'))
    for (const f of ['/package.json', '/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html', '/resources/icons/icon.png', '/node_modules/better-sqlite3/lib/index.js', '/node_modules/ws/package.json', '/node_modules/zod/package.json', '/node_modules/yaml/package.json']) {
      expect(files, f).toContain(f)
    }
    expect(files.filter((f) => f.endsWith('.node'))).toEqual([])
    expect(files.some((f) => f.startsWith('/node_modules/better-sqlite3/build') || f.startsWith('/node_modules/better-sqlite3/deps'))).toBe(false)
    expect(files.some((f) => /^\/node_modules\/(electron|electron-builder|vite|react|tsx|esbuild|vitest)\//.test(f))).toBe(false)
    expect(files.some((f) => f.startsWith('/src-'))).toBe(false)
  })

  it('the built main code and better-sqlite3 are also plain files (app.asar.unpacked): loadable where asar is not', () => {
    const plain = join(unpacked, 'resources', 'app.asar.unpacked')
    expect(JSON.parse(readFileSync(join(plain, 'out', 'main', 'package.json'), 'utf8'))).toEqual({ type: 'module' })
    expect(existsSync(join(plain, 'out', 'main', 'index.js'))).toBe(true)
    expect(existsSync(join(plain, 'out', 'main', 'hub-worker.js'))).toBe(true)
    // Plain Node knows nothing of asar: an ES module there, beside the worker, imports better-sqlite3 and opens a
    // database with the shipped native build — what the hub worker does in the installed app.
    const probe = join(plain, 'out', 'main', 'probe.js')
    writeFileSync(
      probe,
      "import Database from 'better-sqlite3'\n" +
        'const db = new Database(":memory:", { nativeBinding: process.argv[2] })\n' +
        "console.log(JSON.stringify(db.prepare('select sqlite_version() as v').get()))\n",
    )
    const r = spawnSync(process.execPath, [probe, join(unpacked, 'resources', 'native', 'better_sqlite3.node')], { encoding: 'utf8' })
    expect(r.stderr).toBe('')
    expect(JSON.parse(r.stdout).v).toMatch(/^3\.\d+/)
  })

  it("the packed writer worker (app.asar.unpacked/out/main/hub-worker.js) runs the hub on the shipped native build", async () => {
    // The installed app's layout, under plain Node: the worker electron-vite bundled, the better-sqlite3 JavaScript
    // beside it and the native build from resources/native — what Electron's main starts (start-engine.ts).
    const hub = await createWorkerHub({
      dataDir: mkdtempSync(join(work, 'data-')),
      workerEntry: join(unpacked, 'resources', 'app.asar.unpacked', 'out', 'main', 'hub-worker.js'),
      nativeBinding: join(unpacked, 'resources', 'native', 'better_sqlite3.node'),
      quiet: true,
      tickMs: 0,
      onFatal: (e) => {
        throw e
      },
    })
    try {
      const answer = await hub.ingest('native', [{ client: 'acme', class: 'db', rule: 'lag', fingerprint: 'db01', severity: 'critical', text: 'db01 lag' }], { transport: 'http', remote: 'test', endpoint: 'test' })
      expect(answer).toMatchObject({ accepted: 1 })
      expect(await hub.call('alerts.list', { client: 'acme' })).toMatchObject({ items: [{ client: 'acme', fingerprint: 'db01', count: 1 }] })
    } finally {
      await hub.close()
    }
  })
})
