import { describe, expect, it } from 'vitest'
import { canRebuild, describeTarget, electronTarget, failureAdvice, failureLine, nativeDir, parseVerify, prebuildArgs, rebuildArgs, staleReason, verifyScript } from './native-lib.mjs'

const target = electronTarget({ electronVersion: '38.8.6', moduleVersion: '12.11.1', platform: 'linux', arch: 'x64', abiOf: () => 139 })
const info = { ...target, method: 'prebuilt' as const, builtAt: '2026-12-07T08:00:00Z', verified: null }

describe('target', () => {
  it('names the module, Electron, ABI and platform', () => {
    expect(target).toEqual({ module: 'better-sqlite3', moduleVersion: '12.11.1', electron: '38.8.6', abi: '139', platform: 'linux', arch: 'x64' })
    expect(describeTarget(target)).toBe('Electron 38.8.6 (ABI 139), linux-x64')
  })

  it('an Electron newer than node-abi knows: ABI unknown, still a target', () => {
    const t = electronTarget({
      electronVersion: '99.0.0',
      moduleVersion: '12.11.1',
      platform: 'linux',
      arch: 'x64',
      abiOf: () => {
        throw new Error('Could not detect abi for version 99.0.0 and runtime electron')
      },
    })
    expect(t.abi).toBeNull()
    expect(describeTarget(t)).toBe('Electron 99.0.0, linux-x64')
  })

  it('each platform/arch has its own folder under node_modules/.cache (serve keeps node_modules/better-sqlite3/build)', () => {
    expect(nativeDir('/p', 'darwin', 'arm64')).toBe('/p/node_modules/.cache/noc-console/better-sqlite3-electron/darwin-arm64')
  })
})

describe('staleReason (when the build is redone)', () => {
  it('up to date: same Electron, platform, arch and better-sqlite3', () => {
    expect(staleReason(info, target, true)).toBeNull()
  })
  it.each([
    ['no build', null, true, 'no Electron build of better-sqlite3 yet'],
    ['binary deleted', info, false, 'no Electron build of better-sqlite3 yet'],
    ['Electron upgraded', { ...info, electron: '37.2.0' }, true, 'the build is for Electron 37.2.0, this is Electron 38.8.6'],
    ['other arch', { ...info, arch: 'arm64' }, true, 'the build is for linux-arm64, not linux-x64'],
    ['better-sqlite3 upgraded', { ...info, moduleVersion: '12.6.2' }, true, 'the build is of better-sqlite3 12.6.2, the installed one is 12.11.1'],
  ])('%s', (_what, i, exists, reason) => expect(staleReason(i as never, target, exists as boolean)).toBe(reason))
})

describe('commands', () => {
  it('prebuild-install asks for the electron runtime at this version and arch', () => {
    expect(prebuildArgs(target)).toEqual(['--runtime', 'electron', '--target', '38.8.6', '--platform', 'linux', '--arch', 'x64', '--verbose'])
  })
  it('@electron/rebuild compiles only better-sqlite3, from source, in the staging project', () => {
    expect(rebuildArgs(target, '/stage')).toEqual(['--version', '38.8.6', '--arch', 'x64', '--platform', 'linux', '--module-dir', '/stage', '--only', 'better-sqlite3', '--force', '--build-from-source'])
  })
  it('compiling is for this machine only; prebuilt binaries can be fetched for any (packaging)', () => {
    expect(canRebuild(target, { platform: 'linux', arch: 'x64' })).toBe(true)
    expect(canRebuild({ ...target, platform: 'win32' }, { platform: 'linux', arch: 'x64' })).toBe(false)
  })
})

describe('failures', () => {
  it('picks the line that says what went wrong', () => {
    const output = [
      'prebuild-install info begin Prebuild-install version 7.1.3',
      'prebuild-install http request GET https://github.com/WiseLibs/better-sqlite3/releases/download/v12.11.1/better-sqlite3-v12.11.1-electron-v139-linux-x64.tar.gz',
      'prebuild-install warn install getaddrinfo EAI_AGAIN github.com',
      '    at GetAddrInfoReqWrap.onlookup (node:dns:109:26)',
    ].join('\n')
    expect(failureLine({ status: 1, signal: null, output })).toBe('prebuild-install warn install getaddrinfo EAI_AGAIN github.com')
    expect(failureLine({ status: 1, signal: null, output: 'gyp info ok\ngyp ERR! find Python\ngyp ERR! not ok' })).toBe('gyp ERR! not ok')
    expect(failureLine({ status: null, signal: 'SIGTERM' })).toBe('killed by SIGTERM')
    expect(failureLine({ status: null, signal: null, error: Object.assign(new Error('spawn x ENOENT'), { code: 'ENOENT', path: '/x' }) })).toBe('/x was not found')
    expect(failureLine({ status: 2, signal: null, output: '' })).toBe('exit code 2')
  })

  it('the advice lists every attempt and what to run on a machine with internet access', () => {
    const msg = failureAdvice(target, [
      { step: 'prebuilt binary (prebuild-install)', reason: 'prebuild-install warn install getaddrinfo EAI_AGAIN github.com' },
      { step: 'rebuild from source (@electron/rebuild)', reason: 'gyp ERR! find Python' },
    ], '/p/node_modules/.cache/noc-console/better-sqlite3-electron/linux-x64')
    expect(msg.split('\n').slice(0, 3)).toEqual([
      'could not get better-sqlite3 12.11.1 for Electron 38.8.6 (ABI 139), linux-x64:',
      '  - prebuilt binary (prebuild-install): prebuild-install warn install getaddrinfo EAI_AGAIN github.com',
      '  - rebuild from source (@electron/rebuild): gyp ERR! find Python',
    ])
    expect(msg).toContain('    npm run native:electron')
    expect(msg).toContain('or copy its /p/node_modules/.cache/noc-console/better-sqlite3-electron/linux-x64 folder here (better_sqlite3.node + build-info.json).')
  })
})

describe('verification in Electron', () => {
  it('the script loads better-sqlite3 with the candidate as nativeBinding and reports the versions', async () => {
    const { execFileSync } = await import('node:child_process')
    const { createRequire } = await import('node:module')
    const { join } = await import('node:path')
    const pkg = createRequire(import.meta.url).resolve('better-sqlite3/package.json')
    const moduleDir = join(pkg, '..')
    // Here Node plays Electron, with Node's own build as the candidate: the script must really open SQLite.
    const ok = execFileSync(process.execPath, ['-e', verifyScript(moduleDir, join(moduleDir, 'build', 'Release', 'better_sqlite3.node'))], { encoding: 'utf8' })
    expect(parseVerify(ok)).toEqual({ sqlite: expect.stringMatching(/^3\.\d+/), modules: process.versions.modules, electron: null })
    let failed = ''
    try {
      execFileSync(process.execPath, ['-e', verifyScript(moduleDir, '/nowhere/better_sqlite3.node')], { encoding: 'utf8', stdio: 'pipe' })
    } catch (e) {
      failed = String((e as { stdout?: string }).stdout ?? '')
    }
    expect(parseVerify(failed)).toBeNull()
  })
})
