import { describe, expect, it } from 'vitest'
import { isNativeLoadError, resolveNativeBinding, type BindingContext } from './native-binding'

const ctx = (o: Partial<BindingContext> & { files?: Record<string, unknown> } = {}): BindingContext => {
  const files = o.files ?? {}
  return {
    isPackaged: false,
    resourcesPath: '/opt/noc/resources',
    appPath: '/src/noc',
    env: {},
    platform: 'linux',
    arch: 'x64',
    electronVersion: '38.8.6',
    exists: (p) => p in files,
    readInfo: (p) => (files[p] as never) ?? null,
    ...o,
  }
}
const cacheDir = '/src/noc/node_modules/.cache/noc-console/better-sqlite3-electron/linux-x64'

describe('resolveNativeBinding', () => {
  it('dev: the launcher-made build in the project cache, checked against build-info.json', () => {
    const files = { [`${cacheDir}/better_sqlite3.node`]: '', [`${cacheDir}/build-info.json`]: { electron: '38.8.6', platform: 'linux', arch: 'x64' } }
    expect(resolveNativeBinding(ctx({ files }))).toEqual({ ok: true, path: `${cacheDir}/better_sqlite3.node`, source: 'cache' })
  })

  it('dev: the path the launcher passes in NOC_SQLITE_BINDING wins', () => {
    const files = { '/elsewhere/better_sqlite3.node': '' }
    expect(resolveNativeBinding(ctx({ files, env: { NOC_SQLITE_BINDING: '/elsewhere/better_sqlite3.node' } }))).toEqual({ ok: true, path: '/elsewhere/better_sqlite3.node', source: 'launcher' })
  })

  it('a build for another Electron (upgraded without `npm start`) or another arch is refused with what to run', () => {
    const bin = `${cacheDir}/better_sqlite3.node`
    const old = resolveNativeBinding(ctx({ files: { [bin]: '', [`${cacheDir}/build-info.json`]: { electron: '37.2.0', platform: 'linux', arch: 'x64' } } }))
    expect(old).toEqual({ ok: false, message: `the better-sqlite3 build at ${bin} is for Electron 37.2.0, this is Electron 38.8.6: run \`npm start\` (it gets one) or \`npm run native:electron\`` })
    const arm = resolveNativeBinding(ctx({ files: { [bin]: '', [`${cacheDir}/build-info.json`]: { electron: '38.8.6', platform: 'linux', arch: 'arm64' } } }))
    expect(arm).toMatchObject({ ok: false, message: expect.stringMatching(/is for linux-arm64, this is linux-x64/) })
  })

  it('missing: says where it looked and what to run', () => {
    expect(resolveNativeBinding(ctx())).toEqual({ ok: false, message: `better-sqlite3 has no Electron build at ${cacheDir}/better_sqlite3.node: run \`npm start\` (it gets one) or \`npm run native:electron\`` })
  })

  it('installed app: resources/native only; the environment variable is ignored', () => {
    const files = { '/opt/noc/resources/native/better_sqlite3.node': '', '/evil/better_sqlite3.node': '' }
    expect(resolveNativeBinding(ctx({ isPackaged: true, files, env: { NOC_SQLITE_BINDING: '/evil/better_sqlite3.node' } }))).toEqual({ ok: true, path: '/opt/noc/resources/native/better_sqlite3.node', source: 'packaged' })
    expect(resolveNativeBinding(ctx({ isPackaged: true }))).toMatchObject({ ok: false, message: expect.stringMatching(/installer is incomplete/) })
  })
})

describe('isNativeLoadError', () => {
  it.each([
    ['The module \'/x/better_sqlite3.node\' was compiled against a different Node.js version using NODE_MODULE_VERSION 115.', true],
    ['/x/better_sqlite3.node: invalid ELF header', true],
    ['dlopen(/x/better_sqlite3.node, 0x0001): tried: … (mach-o file, but is an incompatible architecture)', true],
    ['%1 is not a valid Win32 application.', true],
    ['SQLITE_CANTOPEN: unable to open database file', false],
    ['port 8080 on 127.0.0.1 is already in use', false],
  ])('%s → %s', (m, yes) => expect(isNativeLoadError(new Error(m))).toBe(yes))
})
