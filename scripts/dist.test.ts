import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { distTargets } from './dist.mjs'
import { nativeDir } from './native-lib.mjs'

const root = resolve(__dirname, '..')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const build = pkg.build
const require = createRequire(import.meta.url)

describe('the `dist` configuration (package.json "build")', () => {
  it("passes electron-builder's own schema check (the one it runs before packaging)", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config')
    const { DebugLogger } = require('builder-util')
    await expect(validateConfiguration(build, new DebugLogger(false))).resolves.toBeUndefined()
    // The check is real: a wrong key is refused.
    await expect(validateConfiguration({ ...build, linux: { ...build.linux, icn: 'x' } }, new DebugLogger(false))).rejects.toThrow(/configuration\.linux/)
  })

  it('targets: Linux AppImage + deb, macOS dmg, Windows nsis', () => {
    expect(build.linux.target).toEqual(['AppImage', 'deb'])
    expect(build.mac.target).toEqual(['dmg'])
    expect(build.win.target).toEqual(['nsis'])
  })

  it("ships each platform's Electron build of better-sqlite3 outside app.asar, from where the launcher puts it", () => {
    for (const [key, platform] of [['linux', 'linux'], ['mac', 'darwin'], ['win', 'win32']] as const) {
      const [native] = build[key].extraResources
      expect(native.from).toBe(nativeDir('.', platform, '${arch}').replace(/^\.\//, '').replace(/\\/g, '/'))
      expect(native).toMatchObject({ to: 'native', filter: ['better_sqlite3.node', 'build-info.json'] })
    }
    expect(build.asarUnpack).toContain('**/*.node')
    // electron-builder must not rebuild node_modules/better-sqlite3 in place (serve and the tests keep the Node build)…
    expect(build.npmRebuild).toBe(false)
    // …and the Node build is not shipped at all.
    expect(build.files).toEqual(expect.arrayContaining(['!node_modules/better-sqlite3/{build,deps,src}/**']))
  })

  it('icons and the Zabbix media type come from resources/', () => {
    expect(readFileSync(join(root, build.mac.icon)).toString('ascii', 0, 4)).toBe('icns')
    expect(readFileSync(join(root, build.win.icon)).readUInt16LE(2)).toBe(1)
    for (const s of [16, 32, 48, 64, 128, 256, 512]) expect(existsSync(join(root, build.linux.icon, `${s}x${s}.png`))).toBe(true)
    expect(build.extraResources).toContainEqual({ from: 'resources/zabbix', to: 'zabbix' })
    expect(existsSync(join(root, 'resources', 'zabbix', 'noc-console-media-type.yaml'))).toBe(true)
  })

  it("the report fonts go to resources/fonts, where the report writer looks (<resourcesPath>/fonts)", () => {
    expect(build.extraResources).toContainEqual({ from: 'resources/fonts', to: 'fonts' })
  })

  it('the hub worker and what it loads stay outside app.asar: built code, and the JavaScript half of better-sqlite3', () => {
    // A worker thread may lack Electron's asar support; from plain files it needs none.
    expect(build.asarUnpack).toEqual(expect.arrayContaining(['out/main/**', 'node_modules/better-sqlite3/package.json', 'node_modules/better-sqlite3/lib/**']))
  })

  it('the runtime finds what the package ships: the main entry and the window icon', () => {
    expect(pkg.main).toBe('out/main/index.js')
    expect(build.files).toEqual(expect.arrayContaining(['out/**', 'package.json', 'resources/icons/icon.png']))
  })
})

describe('distTargets', () => {
  const host = { platform: 'linux', arch: 'x64' }
  it('defaults to this machine, reads platform and arch flags like electron-builder', () => {
    expect(distTargets([], host)).toEqual([{ platform: 'linux', arch: 'x64' }])
    expect(distTargets(['--win', '--mac', '--arm64', '--x64'], host)).toEqual([
      { platform: 'win32', arch: 'x64' },
      { platform: 'win32', arch: 'arm64' },
      { platform: 'darwin', arch: 'x64' },
      { platform: 'darwin', arch: 'arm64' },
    ])
    expect(distTargets(['-l', '--dir'], host)).toEqual([{ platform: 'linux', arch: 'x64' }])
  })
})
