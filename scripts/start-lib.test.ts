import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  NATIVE_LOAD_FAILED_EXIT,
  afterNative,
  consoleUrl,
  decideLaunch,
  findConsoleUrl,
  hasDisplay,
  probeElectron,
  WRITER_STOPPED_EXIT,
  quickExitReason,
  shouldFallBackAfterExit,
  splitArgs,
  summarizeInstallFailure,
  type ElectronProbe,
} from './start-lib.mjs'

const dir = '/repo/node_modules/electron'

/** A file system with just these files (path → content); `noExec` lists files without the x bit. */
const fakeFs = (files: Record<string, string>, noExec: string[] = []) => ({
  exists: (p: string) => p in files,
  read: (p: string) => files[p],
  executable: (p: string) => p in files && !noExec.includes(p),
})

describe('probeElectron', () => {
  it('finds the binary named by path.txt', () => {
    const fs = fakeFs({ [join(dir, 'package.json')]: '{}', [join(dir, 'path.txt')]: 'electron', [join(dir, 'dist', 'electron')]: '' })
    expect(probeElectron({ electronDir: dir, fs })).toEqual({ ok: true, binary: join(dir, 'dist', 'electron') })
  })

  it('reports a never-downloaded binary as installable (this machine)', () => {
    const probe = probeElectron({ electronDir: dir, fs: fakeFs({ [join(dir, 'package.json')]: '{}' }) })
    expect(probe).toMatchObject({ ok: false, installable: true })
    expect(probe.ok ? '' : probe.reason).toMatch(/never downloaded/)
  })

  it('reports a missing or non-executable binary', () => {
    const files = { [join(dir, 'package.json')]: '{}', [join(dir, 'path.txt')]: 'electron' }
    expect(probeElectron({ electronDir: dir, fs: fakeFs(files) })).toMatchObject({ ok: false, reason: expect.stringMatching(/missing/) })
    const bin = join(dir, 'dist', 'electron')
    expect(probeElectron({ electronDir: dir, fs: fakeFs({ ...files, [bin]: '' }, [bin]) })).toMatchObject({ ok: false, reason: expect.stringMatching(/not executable/) })
  })

  it('honours ELECTRON_OVERRIDE_DIST_PATH like electron/index.js does', () => {
    const fs = fakeFs({ [join(dir, 'package.json')]: '{}', ['/opt/electron/electron']: '' })
    expect(probeElectron({ electronDir: dir, env: { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' }, fs })).toEqual({ ok: true, binary: '/opt/electron/electron' })
  })

  it('says when the package itself is absent (not installable by its script)', () => {
    expect(probeElectron({ electronDir: dir, fs: fakeFs({}) })).toMatchObject({ ok: false, installable: false })
  })

  it('on this machine the binary is not usable', () => {
    expect(probeElectron({ electronDir: join(process.cwd(), 'node_modules', 'electron') }).ok).toBe(false)
  })
})

describe('decideLaunch', () => {
  const ok: ElectronProbe = { ok: true, binary: '/e/electron' }
  const missing: ElectronProbe = { ok: false, reason: 'the Electron binary was never downloaded', installable: true }
  const base = { display: true, isRoot: false }

  it('launches Electron when the binary is usable and there is a display', () => {
    expect(decideLaunch({ ...base, probe: ok })).toEqual({ mode: 'electron', binary: '/e/electron' })
  })

  it('tries the download once, then serves with both reasons', () => {
    expect(decideLaunch({ ...base, probe: missing })).toEqual({ mode: 'install' })
    const after = decideLaunch({ ...base, probe: missing, installTried: true, installError: 'RequestError: getaddrinfo ENOTFOUND github.com' })
    expect(after).toEqual({
      mode: 'serve',
      reason: 'the Electron binary was never downloaded; fetching it failed: RequestError: getaddrinfo ENOTFOUND github.com',
    })
  })

  it('launches Electron when the download worked', () => {
    expect(decideLaunch({ ...base, probe: ok, installTried: true })).toEqual({ mode: 'electron', binary: '/e/electron' })
  })

  it('skips the download when asked to', () => {
    expect(decideLaunch({ ...base, probe: missing, skipInstall: true })).toEqual({ mode: 'serve', reason: missing.ok ? '' : missing.reason })
  })

  it('serves without a display or as root, without trying to download', () => {
    expect(decideLaunch({ display: false, probe: missing })).toMatchObject({ mode: 'serve', reason: expect.stringMatching(/no graphical display/) })
    expect(decideLaunch({ display: true, isRoot: true, probe: ok })).toMatchObject({ mode: 'serve', reason: expect.stringMatching(/root/) })
  })

  it('NOC_SHELL forces a shell; a forced Electron that cannot run fails instead of falling back', () => {
    expect(decideLaunch({ ...base, forced: 'serve', probe: ok })).toEqual({ mode: 'serve', reason: 'NOC_SHELL=serve was set' })
    expect(decideLaunch({ display: false, isRoot: true, forced: 'electron', probe: ok })).toEqual({ mode: 'electron', binary: '/e/electron' })
    expect(decideLaunch({ ...base, forced: 'electron', probe: missing, installTried: true })).toMatchObject({ mode: 'fail' })
  })
})

describe('summarizeInstallFailure', () => {
  it('keeps the first meaningful line, not the stack', () => {
    const stderr = 'RequestError: getaddrinfo ENOTFOUND github.com\n    at ClientRequest.<anonymous> (got/index.js:970:111)\n'
    expect(summarizeInstallFailure({ status: 1, signal: null, stderr }, 60_000)).toBe('RequestError: getaddrinfo ENOTFOUND github.com')
  })

  it('names a timeout', () => {
    const error = Object.assign(new Error('spawnSync node ETIMEDOUT'), { code: 'ETIMEDOUT' })
    expect(summarizeInstallFailure({ status: null, signal: 'SIGTERM', error }, 60_000)).toBe('no answer within 60 s')
  })
})

describe('arguments and URL', () => {
  it('passes everything to Electron, and everything but --wall and --display to serve', () => {
    expect(splitArgs(['--port', '9000', '--wall', '--display', '2', '--data', 'd', '--display=DELL'])).toEqual({
      wall: true,
      electronArgs: ['--port', '9000', '--wall', '--display', '2', '--data', 'd', '--display=DELL'],
      serveArgs: ['--port', '9000', '--data', 'd'],
    })
  })

  it("finds the URL in serve's banner and adds the wall flag", () => {
    const line = 'NOC console serving at http://127.0.0.1:8080/  (data: /x/.noc-data, demo feed ON — pass --no-demo to disable)'
    expect(findConsoleUrl(line)).toBe('http://127.0.0.1:8080/')
    expect(findConsoleUrl('  webhooks: http://127.0.0.1:8080/webhook/...')).toBeNull()
    expect(consoleUrl('http://127.0.0.1:8080/', true)).toBe('http://127.0.0.1:8080/?wall=1')
  })

  it('falls back only when Electron dies quickly with an error', () => {
    expect(shouldFallBackAfterExit({ code: 1, signal: null, uptimeMs: 800 })).toBe(true)
    expect(shouldFallBackAfterExit({ code: 0, signal: null, uptimeMs: 800 })).toBe(false)
    expect(shouldFallBackAfterExit({ code: 1, signal: null, uptimeMs: 60_000 })).toBe(false)
    expect(shouldFallBackAfterExit({ code: null, signal: 'SIGINT', uptimeMs: 800 })).toBe(false)
  })
})

describe('after the Electron build of better-sqlite3 was sought', () => {
  it('launches Electron with the path in NOC_SQLITE_BINDING', () => {
    expect(afterNative({ native: { ok: true, path: '/p/better_sqlite3.node' } })).toEqual({ mode: 'electron', env: { NOC_SQLITE_BINDING: '/p/better_sqlite3.node' } })
  })

  it('serves with the reason when there is none; a forced Electron fails instead', () => {
    const native = { ok: false as const, message: 'could not get better-sqlite3 …' }
    expect(afterNative({ native })).toEqual({ mode: 'serve', reason: 'Electron cannot open the database: could not get better-sqlite3 …' })
    expect(afterNative({ forced: 'electron', native })).toMatchObject({ mode: 'fail', reason: expect.stringMatching(/^NOC_SHELL=electron, but Electron cannot open/) })
  })

  it('a quick exit because the build would not load says so and how it is redone', () => {
    expect(quickExitReason(NATIVE_LOAD_FAILED_EXIT)).toMatch(/could not load its build of better-sqlite3.*npm run native:electron -- --force/)
    expect(quickExitReason(WRITER_STOPPED_EXIT)).toBe('its database writer stopped (the reason is in its output above)')
    expect(quickExitReason(1)).toBe('it exited immediately with code 1 (see its output above)')
  })
})
