import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Delta } from '@shared/api/contract'
import type { Hub } from '../app/hub'
import { fakeHub } from '../testing/fake-hub'
import { FakeBrowserWindow, FakeTray, fakeApp, fakeElectron, fakeIpcMain, fakeState, resetFakeElectron } from '../testing/fake-electron'
import { ackViaHub, startDesktop, type EngineOptions } from './desktop-shell'
import { CALL_CHANNEL, DELTA_CHANNEL } from './ipc-protocol'

vi.mock('electron', async () => (await import('../testing/fake-electron')).fakeElectron)

const MAIN_DIR = '/app/out/main'

const fakeEngine = (close: () => Promise<void> = async () => {}) => {
  const { hub, listeners, push } = fakeHub({ call: vi.fn(async () => ({ status: 'ok' })) as unknown as Hub['call'] })
  return { hub, listeners, push, url: 'http://127.0.0.1:8080', close: vi.fn(close) }
}

const start = async (argv: string[] = ['.'], engine = fakeEngine(), extra: { env?: Record<string, string>; closeTimeoutMs?: number } = {}) => {
  const startEngine = vi.fn(async (_o: EngineOptions) => engine)
  const desktop = await startDesktop({ startEngine, argv, mainDir: MAIN_DIR, env: extra.env ?? {}, log: () => {}, closeTimeoutMs: extra.closeTimeoutMs })
  const win = () => desktop?.window() as unknown as FakeBrowserWindow | null
  return { desktop, engine, startEngine, win }
}

const quitAndWait = () => {
  const done = new Promise<void>((r) => fakeApp.once('will-quit', () => r()))
  fakeApp.quit()
  return done
}

beforeEach(() => resetFakeElectron())

describe('desktop shell', () => {
  it('a second launch hands over to the running instance and quits without touching the database', async () => {
    fakeApp.lockAvailable = false
    const { desktop, startEngine } = await start()
    expect(desktop).toBeNull()
    expect(startEngine).not.toHaveBeenCalled()
    expect(fakeApp.quitCount).toBe(1)
    expect(FakeBrowserWindow.all).toHaveLength(0)
  })

  it('starts the engine in userData and opens one secure window on app://noc', async () => {
    const { startEngine, win } = await start()
    expect(startEngine.mock.calls[0][0]).toMatchObject({ dataDir: '/tmp/fake-electron/userData', demo: true, port: 8080, host: '127.0.0.1' })
    expect(fakeState.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } }])
    expect(fakeState.protocolHandlers.has('app')).toBe(true)
    expect(fakeApp.sandboxEnabled).toBe(true)
    expect(FakeBrowserWindow.all).toHaveLength(1)
    expect(win()!.loadedUrl).toBe('app://noc/index.html')
    expect(win()!.options.webPreferences).toMatchObject({
      preload: join(MAIN_DIR, '..', 'preload', 'index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    })
    // Security is installed before the window exists, so the window is hardened.
    expect(fakeElectron.session.defaultSession.permissionRequestHandler).toBeTypeOf('function')
    expect(win()!.webContents.attemptWindowOpen('https://x.example/')).toEqual({ action: 'deny' })
    expect(win()!.webContents.attemptNavigation('https://evil.example/')).toBe(true)
  })

  it('answers IPC from its window, refuses it from any other, and pushes deltas to the window', async () => {
    const { engine, win } = await start()
    const w = win()!
    const ours = { sender: w.webContents, senderFrame: { url: 'app://noc/index.html', parent: null } }
    expect(await fakeIpcMain.invoke(CALL_CHANNEL, ours, 'health.get', {})).toEqual({ ok: true, output: { status: 'ok' } })
    const stranger = new FakeBrowserWindow({})
    const theirs = { sender: stranger.webContents, senderFrame: { url: 'app://noc/index.html', parent: null } }
    expect(await fakeIpcMain.invoke(CALL_CHANNEL, theirs, 'health.get', {})).toMatchObject({ ok: false, error: 'forbidden' })
    expect(engine.hub.call).toHaveBeenCalledTimes(1)

    const delta: Delta = { type: 'delta', seq: 9, alerts: [], clients: [], incidents: [], problems: [] }
    engine.push(delta)
    expect(w.webContents.sent).toEqual([{ channel: DELTA_CHANNEL, args: [delta] }])
  })

  it('a second launch focuses the existing window instead of opening another', async () => {
    const { win } = await start()
    win()!.minimize()
    fakeApp.launchSecondInstance(['.', '--wall'])
    expect(FakeBrowserWindow.all).toHaveLength(1)
    expect(win()).toMatchObject({ minimized: false, visible: true, focused: true })
  })

  it('a second launch after the window was closed (macOS) opens a new one', async () => {
    const { win } = await start()
    const first = win()!
    first.close()
    expect(win()).toBeNull()
    fakeApp.launchSecondInstance()
    expect(win()).not.toBeNull()
    expect(win()).not.toBe(first)
  })

  it('--wall opens a kiosk window, tells the renderer, and keeps the display awake until quit', async () => {
    const { win } = await start(['.', '--wall'])
    expect(win()!.options).toMatchObject({ kiosk: true, fullscreen: true })
    expect(win()!.loadedUrl).toBe('app://noc/index.html?wall=1')
    expect(fakeState.powerBlockers.size).toBe(1)
    await quitAndWait()
    expect(fakeState.powerBlockers.size).toBe(0)
  })

  it('passes --data/--config/--port/--no-demo to the engine', async () => {
    const { startEngine } = await start(['.', '--data', '/srv/noc', '--config', '/etc/noc.yaml', '--port', '9099', '--no-demo'])
    expect(startEngine.mock.calls[0][0]).toMatchObject({ dataDir: '/srv/noc', configPath: '/etc/noc.yaml', port: 9099, demo: false })
  })

  it('quits cleanly: the engine is closed before the app goes, IPC and tray are released', async () => {
    const { engine } = await start()
    expect(FakeTray.instances).toHaveLength(1)
    await quitAndWait()
    expect(engine.close).toHaveBeenCalledTimes(1)
    expect(fakeIpcMain.handlers.size).toBe(0)
    expect(FakeTray.instances[0].destroyed).toBe(true)
  })

  it('a wedged engine close does not keep the console from quitting', async () => {
    const { engine } = await start(['.'], fakeEngine(() => new Promise(() => {})), { closeTimeoutMs: 20 })
    await quitAndWait()
    expect(engine.close).toHaveBeenCalledTimes(1)
  })

  it('an engine that cannot start is reported in a dialog and the app exits 1', async () => {
    const startEngine = vi.fn(async () => {
      throw new Error('port 8080 on 127.0.0.1 is already in use')
    })
    const desktop = await startDesktop({ startEngine, argv: ['.'], mainDir: MAIN_DIR, env: {}, log: () => {} })
    expect(desktop).toBeNull()
    expect(fakeState.errorBoxes).toEqual([{ title: 'NOC console could not start', content: 'port 8080 on 127.0.0.1 is already in use' }])
    expect(fakeApp.exitCode).toBe(1)
    expect(FakeBrowserWindow.all).toHaveLength(0)
  })

  it('uses the electron-vite dev server when told to, trusting only that origin', async () => {
    const { desktop, win } = await start(['.'], fakeEngine(), { env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' } })
    expect(desktop!.source).toEqual({ url: 'http://localhost:5173/', origin: 'http://localhost:5173', dev: true })
    expect(win()!.loadedUrl).toBe('http://localhost:5173/')
    expect(fakeState.protocolHandlers.has('app')).toBe(false)
    expect(win()!.webContents.attemptNavigation('http://localhost:5173/other')).toBe(false)
    expect(win()!.webContents.attemptNavigation('app://noc/index.html')).toBe(true)
  })

  it('runs without a tray when the icon is missing', async () => {
    fakeState.emptyImages = true
    const { win } = await start()
    expect(FakeTray.instances).toHaveLength(0)
    expect(win()).not.toBeNull()
  })
})

describe('ackViaHub', () => {
  it('acks through the contract as the desktop user, marked as coming from a notification', async () => {
    const call = vi.fn(async () => ({}))
    await ackViaHub({ call } as never, 'INC-1001', 'op')
    expect(call).toHaveBeenCalledWith('incidents.ack', { id: 'INC-1001', by: 'op' }, { transport: 'internal', remote: 'desktop-notification' })
  })
})
