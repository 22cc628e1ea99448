import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Delta } from '@shared/api/contract'
import type { Hub } from '../app/hub'
import { fakeHub } from '../testing/fake-hub'
import { FakeBrowserWindow, FakeNotification, FakeTray, fakeApp, fakeDisplay, fakeElectron, fakeEvent, fakeIpcMain, fakeScreen, fakeState, resetFakeElectron } from '../testing/fake-electron'
import { WRITER_STOPPED_EXIT, ackViaHub, startDesktop, type EngineOptions } from './desktop-shell'
import { CALL_CHANNEL, DELTA_CHANNEL, DESKTOP_CHANNEL } from './ipc-protocol'
import { NATIVE_LOAD_FAILED_EXIT } from './native-binding'

vi.mock('electron', async () => (await import('../testing/fake-electron')).fakeElectron)

const MAIN_DIR = '/app/out/main'

type Inc = { id: string; status: string; priority: string; severity: string; title: string; client: string; openedAt: number; seq: number }
const inc = (id: string, o: Partial<Inc> = {}): Inc => ({ id, status: 'open', priority: 'P3', severity: 'major', title: `t ${id}`, client: 'acme', openedAt: 1, seq: 1, ...o })
const delta = (incidents: Inc[], seq = 9): Delta => ({ type: 'delta', seq, alerts: [], clients: [], incidents: incidents as never, problems: [] })

const fakeEngine = (opts: { close?: () => Promise<void>; open?: Inc[] } = {}) => {
  const call = vi.fn(async (method: string) => {
    if (method === 'incidents.list') return opts.open ?? []
    return { status: 'ok' }
  })
  const { hub, listeners, push } = fakeHub({ call: call as unknown as Hub['call'] })
  return { hub, listeners, call, push, url: 'http://127.0.0.1:8080', close: vi.fn(opts.close ?? (async () => {})) }
}

/** A real file standing in for the Electron build of better-sqlite3 (the fake engine never loads it). */
const bindingFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'noc-binding-'))
  const p = join(dir, 'better_sqlite3.node')
  writeFileSync(p, '')
  return p
}

let userData: string
let env: Record<string, string>
const timers: { ms: number; fn: () => void }[] = []
const every = (ms: number, fn: () => void) => {
  const t = { ms, fn }
  timers.push(t)
  return () => void timers.splice(timers.indexOf(t), 1)
}
/** Window-state saves run at once: the debounce is tested in window.test.ts. */
const later = (_ms: number, fn: () => void) => {
  fn()
  return () => {}
}

const start = async (argv: string[] = ['.'], engine = fakeEngine(), extra: { env?: Record<string, string>; closeTimeoutMs?: number; mainDir?: string } = {}) => {
  const startEngine = vi.fn(async (_o: EngineOptions) => engine)
  const desktop = await startDesktop({ startEngine, argv, mainDir: extra.mainDir ?? MAIN_DIR, env: { ...env, ...extra.env }, log: () => {}, closeTimeoutMs: extra.closeTimeoutMs, every, later })
  const win = () => desktop?.window() as unknown as FakeBrowserWindow | null
  const ours = () => ({ sender: win()!.webContents, senderFrame: { url: win()!.loadedUrl!, parent: null } })
  return { desktop, engine, startEngine, win, ours, tray: () => FakeTray.instances.at(-1)! }
}

const quitAndWait = () => {
  const done = new Promise<void>((r) => fakeApp.once('will-quit', () => r()))
  fakeApp.quit()
  return done
}

beforeEach(() => {
  resetFakeElectron()
  timers.length = 0
  userData = mkdtempSync(join(tmpdir(), 'noc-userdata-'))
  fakeApp.paths.userData = userData
  env = { NOC_SQLITE_BINDING: bindingFile(), XDG_CONFIG_HOME: join(userData, 'xdg'), USER: 'os-user' }
})

describe('desktop shell', () => {
  it('a second launch hands over to the running instance, with its argv, and quits without touching the database', async () => {
    fakeApp.lockAvailable = false
    const { desktop, startEngine } = await start(['.', '--wall', '--display', '2'])
    expect(desktop).toBeNull()
    expect(fakeApp.lockData).toEqual({ argv: ['.', '--wall', '--display', '2'] })
    expect(startEngine).not.toHaveBeenCalled()
    expect(fakeApp.quitCount).toBe(1)
    expect(FakeBrowserWindow.all).toHaveLength(0)
  })

  it('starts the engine in userData with the Electron build of better-sqlite3 and opens one secure window on app://noc', async () => {
    const { startEngine, win } = await start()
    expect(startEngine.mock.calls[0][0]).toMatchObject({ dataDir: userData, demo: true, port: 8080, host: '127.0.0.1', nativeBinding: env.NOC_SQLITE_BINDING })
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

  it('from app.asar the engine starts its writer worker from the unpacked copy beside the archive; elsewhere from next to main', async () => {
    const resources = mkdtempSync(join(tmpdir(), 'noc-resources-'))
    const worker = join(resources, 'app.asar.unpacked', 'out', 'main', 'hub-worker.js')
    mkdirSync(dirname(worker), { recursive: true })
    writeFileSync(worker, '')
    const packed = await start(['.'], fakeEngine(), { mainDir: join(resources, 'app.asar', 'out', 'main') })
    expect(packed.startEngine.mock.calls[0][0].workerEntry).toBe(worker)
    await quitAndWait()
    resetFakeElectron()
    const dev = await start()
    expect(dev.startEngine.mock.calls[0][0].workerEntry).toBeUndefined()
  })

  it('a writer that dies after start ends the app with a dialog saying what happened and the exit code serve uses', async () => {
    const { startEngine, win } = await start(['.', '--data', join(userData, 'db')])
    expect(win()).not.toBeNull()
    const stopped = startEngine.mock.calls[0][0].onWriterStopped
    stopped(new Error('the writer worker exited (code 1)'))
    expect(fakeApp.exitCode).toBe(WRITER_STOPPED_EXIT)
    expect(WRITER_STOPPED_EXIT).toBe(70)
    expect(fakeState.errorBoxes).toHaveLength(1)
    expect(fakeState.errorBoxes[0].title).toBe('NOC console stopped: its database writer failed')
    expect(fakeState.errorBoxes[0].content).toContain('the writer worker exited (code 1)')
    expect(fakeState.errorBoxes[0].content).toContain(join(userData, 'db', 'noc.db'))
  })

  it('a writer that ends while the app quits is no failure: no dialog, the quit completes with its own code', async () => {
    let finishClose!: () => void
    const engine = fakeEngine({ close: () => new Promise<void>((r) => (finishClose = r)) })
    const { startEngine } = await start(['.'], engine)
    const quit = quitAndWait()
    startEngine.mock.calls[0][0].onWriterStopped(new Error('the writer worker exited (code 1)'))
    finishClose()
    await quit
    expect(fakeState.errorBoxes).toEqual([])
    expect(fakeApp.exitCode).toBeNull()
  })

  it('the installed app points the worker at its report fonts (resources/fonts); a checkout leaves the lookup to the worker', async () => {
    const dev = await start()
    expect(dev.startEngine.mock.calls[0][0].fontsDir).toBeUndefined()
    await quitAndWait()
    resetFakeElectron()
    const resources = mkdtempSync(join(tmpdir(), 'noc-resources-'))
    mkdirSync(join(resources, 'native'))
    writeFileSync(join(resources, 'native', 'better_sqlite3.node'), '')
    const saved = (process as { resourcesPath?: string }).resourcesPath
    Object.assign(process, { resourcesPath: resources })
    fakeApp.isPackaged = true
    try {
      const packed = await start()
      expect(packed.startEngine.mock.calls[0][0]).toMatchObject({ fontsDir: join(resources, 'fonts'), nativeBinding: join(resources, 'native', 'better_sqlite3.node') })
    } finally {
      Object.assign(process, { resourcesPath: saved })
    }
  })

  it('without an Electron build of better-sqlite3 it says what to run and exits with the code the launcher knows', async () => {
    const { desktop, startEngine } = await start(['.'], fakeEngine(), { env: { NOC_SQLITE_BINDING: '/nowhere/better_sqlite3.node' } })
    expect(desktop).toBeNull()
    expect(startEngine).not.toHaveBeenCalled()
    expect(fakeApp.exitCode).toBe(NATIVE_LOAD_FAILED_EXIT)
    expect(fakeState.errorBoxes[0].content).toMatch(/no Electron build at \/nowhere\/better_sqlite3.node: run `npm start`.*`npm run native:electron`/)
  })

  it('a build Electron refuses to load (wrong ABI) ends the same way, naming the file', async () => {
    const startEngine = vi.fn(async () => {
      throw new Error('The module was compiled against a different Node.js version using NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 139.')
    })
    const desktop = await startDesktop({ startEngine, argv: ['.'], mainDir: MAIN_DIR, env, log: () => {} })
    expect(desktop).toBeNull()
    expect(fakeApp.exitCode).toBe(NATIVE_LOAD_FAILED_EXIT)
    expect(fakeState.errorBoxes[0].content).toContain(`${env.NOC_SQLITE_BINDING} does not load in this Electron`)
  })

  it('answers IPC from its window, refuses it from any other, and pushes deltas to the window', async () => {
    const { engine, win, ours } = await start()
    expect(await fakeIpcMain.invoke(CALL_CHANNEL, ours(), 'health.get', {})).toEqual({ ok: true, output: { status: 'ok' } })
    const stranger = new FakeBrowserWindow({})
    const theirs = { sender: stranger.webContents, senderFrame: { url: 'app://noc/index.html', parent: null } }
    expect(await fakeIpcMain.invoke(CALL_CHANNEL, theirs, 'health.get', {})).toMatchObject({ ok: false, error: 'forbidden' })
    expect(await fakeIpcMain.invoke(DESKTOP_CHANNEL, theirs, 'set', { openAtLogin: true })).toMatchObject({ ok: false, error: 'forbidden' })
    expect(engine.call.mock.calls.filter(([m]) => m === 'health.get')).toHaveLength(1)

    const d = delta([])
    engine.push(d)
    expect(win()!.webContents.sent).toEqual([{ channel: DELTA_CHANNEL, args: [d] }])
  })

  it('a second launch focuses the existing window instead of opening another', async () => {
    const { win } = await start()
    win()!.minimize()
    fakeApp.launchSecondInstance(['.'])
    expect(FakeBrowserWindow.all).toHaveLength(1)
    expect(win()).toMatchObject({ minimized: false, visible: true, focused: true })
  })

  it('a second launch with --wall --display 2 turns the running console into the wall on display 2', async () => {
    fakeScreen.displays = [fakeDisplay(1, 'Built-in', 0, 0), fakeDisplay(7, 'DELL U2720Q', 1920, 0, 2560, 1440)]
    const { win } = await start()
    expect(win()!.kiosk).toBe(false)
    fakeApp.launchSecondInstance(['/opt/noc/noc-console', '--wall', '--display', '2'])
    expect(FakeBrowserWindow.all).toHaveLength(1)
    expect(win()).toMatchObject({ kiosk: true, fullScreen: true, bounds: { x: 1920, y: 0, width: 2560, height: 1440 } })
    expect(win()!.loadedUrl).toBe('app://noc/index.html?wall=1')
    expect(fakeState.powerBlockers.size).toBe(1)
  })

  it('a second launch after the window was closed opens a new one; the tray keeps the app running meanwhile', async () => {
    const { win } = await start()
    const first = win()!
    first.close()
    fakeApp.emit('window-all-closed')
    expect(fakeApp.quitCount).toBe(0)
    expect(win()).toBeNull()
    fakeApp.launchSecondInstance()
    expect(win()).not.toBeNull()
    expect(win()).not.toBe(first)
  })

  it('--wall --display "dell" opens the kiosk window on that monitor, tells the renderer, keeps the display awake until quit', async () => {
    fakeScreen.displays = [fakeDisplay(1, 'Built-in', 0, 0), fakeDisplay(7, 'DELL U2720Q', 1920, 0, 2560, 1440)]
    const { win } = await start(['.', '--wall', '--display', 'dell'])
    expect(win()!.options).toMatchObject({ kiosk: true, fullscreen: true, x: 1920, y: 0, width: 2560, height: 1440 })
    expect(win()!.loadedUrl).toBe('app://noc/index.html?wall=1')
    expect(fakeState.powerBlockers.size).toBe(1)
    await quitAndWait()
    expect(fakeState.powerBlockers.size).toBe(0)
  })

  it('the wall display chosen in the desktop settings is used when the command line names none', async () => {
    fakeScreen.displays = [fakeDisplay(1, 'Built-in', 0, 0), fakeDisplay(7, 'DELL U2720Q', 1920, 0, 2560, 1440)]
    writeFileSync(join(userData, 'desktop-settings.json'), JSON.stringify({ wallDisplay: '2' }))
    const { win } = await start(['.', '--wall'])
    expect(win()!.options).toMatchObject({ x: 1920, width: 2560 })
  })

  it('remembers the window: bounds and maximised come back on the next start, on the same display', async () => {
    fakeScreen.displays = [fakeDisplay(1, 'Built-in', 0, 0), fakeDisplay(7, 'DELL U2720Q', 1920, 0, 2560, 1440)]
    const first = await start()
    first.win()!.setBounds({ x: 2100, y: 100, width: 1200, height: 800 })
    first.win()!.maximize()
    first.win()!.close()
    await quitAndWait()
    expect(JSON.parse(readFileSync(join(userData, 'window-state.json'), 'utf8'))).toEqual({ bounds: { x: 2100, y: 100, width: 1200, height: 800 }, maximized: true, displayId: 7 })

    resetFakeElectron()
    fakeApp.paths.userData = userData
    fakeScreen.displays = [fakeDisplay(1, 'Built-in', 0, 0), fakeDisplay(7, 'DELL U2720Q', 1920, 0, 2560, 1440)]
    const second = await start()
    expect(second.win()!.options).toMatchObject({ x: 2100, y: 100, width: 1200, height: 800 })
    expect(second.win()!.maximized).toBe(true)
  })

  it('a remembered window whose display was unplugged opens centred on the primary display', async () => {
    writeFileSync(join(userData, 'window-state.json'), JSON.stringify({ bounds: { x: 2100, y: 100, width: 1200, height: 800 }, maximized: false, displayId: 7 }))
    const { win } = await start()
    // Primary work area: (0, 30) 1920×1050 → centred.
    expect(win()!.options).toMatchObject({ x: 360, y: 155, width: 1200, height: 800 })
  })

  it('passes --data/--config/--port/--no-demo to the engine', async () => {
    const { startEngine } = await start(['.', '--data', '/srv/noc', '--config', '/etc/noc.yaml', '--port', '9099', '--no-demo'])
    expect(startEngine.mock.calls[0][0]).toMatchObject({ dataDir: '/srv/noc', configPath: '/etc/noc.yaml', port: 9099, demo: false })
  })

  it('quits cleanly: the engine is closed before the app goes, IPC and tray are released', async () => {
    const { engine, tray } = await start()
    expect(FakeTray.instances).toHaveLength(1)
    await quitAndWait()
    expect(engine.close).toHaveBeenCalledTimes(1)
    expect(fakeIpcMain.handlers.size).toBe(0)
    expect(tray().destroyed).toBe(true)
    expect(engine.listeners.size).toBe(1) // only the closed window's forwarder, which its destroy removes
  })

  it('a wedged engine close does not keep the console from quitting', async () => {
    const { engine } = await start(['.'], fakeEngine({ close: () => new Promise(() => {}) }), { closeTimeoutMs: 20 })
    await quitAndWait()
    expect(engine.close).toHaveBeenCalledTimes(1)
  })

  it('an engine that cannot start is reported in a dialog and the app exits 1', async () => {
    const startEngine = vi.fn(async () => {
      throw new Error('port 8080 on 127.0.0.1 is already in use')
    })
    const desktop = await startDesktop({ startEngine, argv: ['.'], mainDir: MAIN_DIR, env, log: () => {} })
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

  it('runs without a tray where the desktop has none, and then quits with its last window', async () => {
    FakeTray.unavailable = true
    const { win } = await start()
    expect(FakeTray.instances).toHaveLength(0)
    expect(win()).not.toBeNull()
    fakeApp.emit('window-all-closed')
    if (process.platform !== 'darwin') expect(fakeApp.quitCount).toBe(1)
  })
})

describe('desktop shell: tray and notifications', () => {
  it('counts the open incidents by severity from the start, then follows the deltas', async () => {
    const engine = fakeEngine({ open: [inc('INC-1', { severity: 'critical', priority: 'P2' }), inc('INC-2'), inc('INC-3', { status: 'acknowledged' })] })
    const { tray } = await start(['.'], engine)
    expect(engine.call).toHaveBeenCalledWith('incidents.list', { status: ['open', 'acknowledged'], limit: 5000 })
    expect(tray().tooltip).toBe('NOC console — 1 crit · 2 maj (2 unacked)')
    engine.push(delta([inc('INC-1', { severity: 'critical', status: 'resolved', seq: 2 })]))
    expect(tray().tooltip).toBe('NOC console — 2 maj (1 unacked)')
    expect(timers).toHaveLength(0) // no P1: no flashing
  })

  it('a new P1 turns attention on (flashing icon, window flash) until it is acknowledged', async () => {
    const engine = fakeEngine()
    const { tray, win } = await start(['.'], engine)
    const images = () => tray().images.length
    engine.push(delta([inc('INC-7', { priority: 'P1', severity: 'critical', title: 'db01 down', seq: 3 })]))
    expect(win()!.flashing).toBe(true)
    expect(tray().tooltip).toContain('P1 INC-7 acme: db01 down')
    expect(tray().item('Ack INC-7')).toBeDefined()
    expect(timers).toHaveLength(1)
    const before = images()
    timers[0].fn()
    timers[0].fn()
    expect(images()).toBe(before + 2) // the "!" frame, then the severity icon again

    engine.push(delta([inc('INC-7', { priority: 'P1', severity: 'critical', status: 'acknowledged', seq: 4 })]))
    expect(timers).toHaveLength(0)
    expect(win()!.flashing).toBe(false)
    expect(tray().item('Ack INC-7')).toBeUndefined()
  })

  it("the tray's Ack acks through the contract as the operator named in the console's settings", async () => {
    const engine = fakeEngine({ open: [inc('INC-7', { priority: 'P1', severity: 'critical' })] })
    const { tray, ours } = await start(['.'], engine)
    expect(await fakeIpcMain.invoke(DESKTOP_CHANNEL, ours(), 'set', { operator: 'Dana (NOC)' })).toMatchObject({ ok: true, output: { operator: 'Dana (NOC)' } })
    tray().item('Ack INC-7').click()
    await vi.waitFor(() => expect(engine.call).toHaveBeenCalledWith('incidents.ack', { id: 'INC-7', by: 'Dana (NOC)' }, { transport: 'internal', remote: 'desktop-tray' }))
  })

  it("a notification's Ack acks through the contract (OS user until the operator sets a name)", async () => {
    const engine = fakeEngine()
    const { startEngine } = await start(['.'], engine)
    const { notifier } = startEngine.mock.calls[0][0]
    notifier.notify({ title: 'P1 INC-9', body: 'acme: db01 down', severity: 'critical', incidentId: 'INC-9', actions: ['ack'] })
    FakeNotification.instances[0].emit('action', fakeEvent(), 0)
    await vi.waitFor(() => expect(engine.call).toHaveBeenCalledWith('incidents.ack', { id: 'INC-9', by: 'os-user' }, { transport: 'internal', remote: 'desktop-notification' }))
  })

  it('start at login is a desktop setting (XDG autostart on Linux, login items elsewhere) and a tray checkbox', async () => {
    const { ours, tray } = await start()
    const reply = (await fakeIpcMain.invoke(DESKTOP_CHANNEL, ours(), 'set', { openAtLogin: true })) as { ok: boolean; output: { openAtLogin: boolean } }
    if (process.platform === 'linux') {
      expect(reply).toMatchObject({ ok: true, output: { openAtLogin: true, loginItemSupported: true } })
      expect(existsSync(join(userData, 'xdg', 'autostart', 'noc-console.desktop'))).toBe(true)
      expect(tray().item('Start at login')).toMatchObject({ type: 'checkbox', checked: true })
      tray().item('Start at login').click()
      expect(existsSync(join(userData, 'xdg', 'autostart', 'noc-console.desktop'))).toBe(false)
    } else if (process.platform === 'win32') {
      expect(fakeApp.loginItem.openAtLogin).toBe(true)
    }
    expect(await fakeIpcMain.invoke(DESKTOP_CHANNEL, ours(), 'set', { openAtLogin: 'yes' })).toMatchObject({ ok: false, error: 'invalid input', issues: [{ path: 'openAtLogin' }] })
  })

  it('the tray lists the displays for the wall and moves the wall there', async () => {
    fakeScreen.displays = [fakeDisplay(1, 'Built-in', 0, 0), fakeDisplay(7, 'DELL U2720Q', 1920, 0, 2560, 1440)]
    const { tray, win } = await start()
    tray().item('Display 2: DELL U2720Q').click()
    expect(win()).toMatchObject({ kiosk: true, bounds: { x: 1920, width: 2560 } })
    tray().item('Toggle wall mode').click()
    expect(win()!.kiosk).toBe(false)
    expect(win()!.loadedUrl).toBe('app://noc/index.html')
  })
})

describe('ackViaHub', () => {
  it('acks through the contract as the given operator, marked with where it came from', async () => {
    const call = vi.fn(async () => ({}))
    await ackViaHub({ call } as never, 'INC-1001', 'op')
    expect(call).toHaveBeenCalledWith('incidents.ack', { id: 'INC-1001', by: 'op' }, { transport: 'internal', remote: 'desktop-notification' })
  })
})
