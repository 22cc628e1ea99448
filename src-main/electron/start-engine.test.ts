import { describe, expect, it, vi } from 'vitest'
import type { RunningServer, ServerOptions } from '../server'
import { fakeHub } from '../testing/fake-hub'
import type { EngineOptions } from './desktop-shell'
import { engineStarter } from './start-engine'

const options = (o: Partial<EngineOptions> = {}): EngineOptions => ({
  dataDir: '/data',
  configPath: '/etc/noc.yaml',
  demo: false,
  port: 8080,
  host: '127.0.0.1',
  notifier: { notify: vi.fn() } as unknown as EngineOptions['notifier'],
  nativeBinding: '/cache/electron/better_sqlite3.node',
  workerEntry: '/opt/noc/resources/app.asar.unpacked/out/main/hub-worker.js',
  onWriterStopped: vi.fn(),
  ...o,
})

const fakeServer = () => {
  const { hub } = fakeHub()
  const attachDesktop = vi.spyOn(hub, 'attachDesktop')
  const startServer = vi.fn(async (_o: ServerOptions) => ({ hub, url: 'http://127.0.0.1:8080', close: vi.fn(async () => {}) }) as unknown as RunningServer)
  return { hub, attachDesktop, startServer }
}

describe('engineStarter (the Electron main engine)', () => {
  it("hands the worker what only the shell knows: Electron's better-sqlite3, the worker bundle, what to do when it dies", async () => {
    const { startServer } = fakeServer()
    const o = options()
    await engineStarter(startServer, {})(o)
    expect(startServer).toHaveBeenCalledTimes(1)
    const given = startServer.mock.calls[0][0]
    expect(given).toEqual({
      dataDir: '/data',
      configPath: '/etc/noc.yaml',
      demo: false,
      port: 8080,
      host: '127.0.0.1',
      nativeBinding: '/cache/electron/better_sqlite3.node',
      workerEntry: '/opt/noc/resources/app.asar.unpacked/out/main/hub-worker.js',
      onFatal: o.onWriterStopped,
    })
    // The shell's handler is the one the hub calls: no default that would exit the process without a word.
    given.onFatal!(new Error('gone'))
    expect(o.onWriterStopped).toHaveBeenCalledWith(new Error('gone'))
  })

  it("attaches the shell's notifier as the notification layer's desktop channel once the hub runs", async () => {
    const { startServer, attachDesktop } = fakeServer()
    const o = options()
    const engine = await engineStarter(startServer, {})(o)
    expect(attachDesktop).toHaveBeenCalledWith(o.notifier)
    expect(engine.url).toBe('http://127.0.0.1:8080')
  })

  it('a port in use becomes a sentence naming the port and what to do; other failures pass through unchanged', async () => {
    const inUse = Object.assign(new Error('listen EADDRINUSE: address already in use 127.0.0.1:8080'), { code: 'EADDRINUSE' })
    await expect(engineStarter(vi.fn(async () => Promise.reject(inUse)), {})(options())).rejects.toThrow(
      'port 8080 on 127.0.0.1 is already in use (is `npm run serve` running?). Start with --port N.',
    )
    const tooNew = new Error('noc.db was written by a newer version')
    await expect(engineStarter(vi.fn(async () => Promise.reject(tooNew)), {})(options())).rejects.toBe(tooNew)
  })

  it("the installed app's report fonts reach the worker through the shared environment, unless the operator chose a folder", async () => {
    const env: NodeJS.ProcessEnv = {}
    await engineStarter(fakeServer().startServer, env)(options({ fontsDir: '/opt/noc/resources/fonts' }))
    expect(env.NOC_FONTS_DIR).toBe('/opt/noc/resources/fonts')
    const chosen: NodeJS.ProcessEnv = { NOC_FONTS_DIR: '/srv/fonts' }
    await engineStarter(fakeServer().startServer, chosen)(options({ fontsDir: '/opt/noc/resources/fonts' }))
    expect(chosen.NOC_FONTS_DIR).toBe('/srv/fonts')
    const checkout: NodeJS.ProcessEnv = {}
    await engineStarter(fakeServer().startServer, checkout)(options({ fontsDir: undefined }))
    expect(checkout).toEqual({})
  })
})
