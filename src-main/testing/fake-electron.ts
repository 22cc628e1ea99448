/**
 * Test helper: an in-memory stand-in for the `electron` module (no binary can be downloaded here). It records
 * what the shell asked for and lets a test play the other side (navigate, invoke, launch a second instance).
 *
 *   vi.mock('electron', async () => (await import('../testing/fake-electron')).fakeElectron)
 *   beforeEach(() => resetFakeElectron())
 *
 * State lives on long-lived objects mutated in place, so the module the code under test imported stays current.
 */
import { EventEmitter } from 'node:events'

type Fn = (...args: any[]) => any

export interface FakeEvent {
  defaultPrevented: boolean
  preventDefault(): void
  url?: string
}
export const fakeEvent = (extra: Record<string, unknown> = {}): FakeEvent => {
  const e = {
    defaultPrevented: false,
    preventDefault() {
      e.defaultPrevented = true
    },
    ...extra,
  }
  return e
}

export interface FakeFrame {
  url: string
  parent: FakeFrame | null
}

let nextWebContentsId = 1

export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++
  url = ''
  destroyed = false
  readonly sent: { channel: string; args: unknown[] }[] = []
  windowOpenHandler: Fn | null = null
  readonly mainFrame: FakeFrame = { url: '', parent: null }

  send(channel: string, ...args: unknown[]) {
    if (this.destroyed) throw new Error('Object has been destroyed')
    this.sent.push({ channel, args })
  }
  setWindowOpenHandler(h: Fn) {
    this.windowOpenHandler = h
  }
  getURL() {
    return this.url
  }
  isDestroyed() {
    return this.destroyed
  }
  /** Test side: what the page would trigger by `location = url` (returns whether it was prevented). */
  attemptNavigation(url: string, kind: 'will-navigate' | 'will-redirect' = 'will-navigate'): boolean {
    const e = fakeEvent({ url })
    this.emit(kind, e, url)
    return e.defaultPrevented
  }
  /** Test side: `window.open(url)`. */
  attemptWindowOpen(url: string): { action: string } {
    if (!this.windowOpenHandler) return { action: 'allow' }
    return this.windowOpenHandler({ url, frameName: '', features: '', disposition: 'new-window', referrer: { url: '', policy: 'default' } })
  }
  destroy() {
    this.destroyed = true
    this.emit('destroyed')
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static all: FakeBrowserWindow[] = []
  static getAllWindows() {
    return FakeBrowserWindow.all.filter((w) => !w.destroyed)
  }
  readonly webContents = new FakeWebContents()
  loadedUrl: string | null = null
  visible = false
  focused = false
  minimized = false
  kiosk: boolean
  fullScreen: boolean
  destroyed = false

  constructor(readonly options: Record<string, any> = {}) {
    super()
    this.kiosk = !!options.kiosk
    this.fullScreen = !!options.fullscreen
    FakeBrowserWindow.all.push(this)
    // Electron announces every new webContents; the security module hooks in here.
    fakeApp.emit('web-contents-created', fakeEvent(), this.webContents)
  }
  async loadURL(url: string) {
    this.loadedUrl = url
    this.webContents.url = url
    this.webContents.mainFrame.url = url
  }
  show() {
    this.visible = true
  }
  focus() {
    this.focused = true
  }
  minimize() {
    this.minimized = true
    this.focused = false
  }
  restore() {
    this.minimized = false
  }
  isMinimized() {
    return this.minimized
  }
  isDestroyed() {
    return this.destroyed
  }
  isKiosk() {
    return this.kiosk
  }
  setKiosk(on: boolean) {
    this.kiosk = on
  }
  setFullScreen(on: boolean) {
    this.fullScreen = on
  }
  close() {
    this.destroyed = true
    this.webContents.destroy()
    this.emit('closed')
  }
}

class FakeApp extends EventEmitter {
  lockAvailable = true
  ready = false
  isPackaged = false
  quitCount = 0
  exitCode: number | null = null
  sandboxEnabled = false
  paths: Record<string, string> = { userData: '/tmp/fake-electron/userData' }
  appPath = '/tmp/fake-electron/app'
  requestSingleInstanceLock() {
    return this.lockAvailable
  }
  enableSandbox() {
    this.sandboxEnabled = true
  }
  setAppUserModelId() {}
  async whenReady() {
    this.ready = true
  }
  isReady() {
    return this.ready
  }
  getPath(name: string) {
    return this.paths[name] ?? `/tmp/fake-electron/${name}`
  }
  getAppPath() {
    return this.appPath
  }
  /** Like Electron: `before-quit` may be prevented; otherwise the app is done. */
  quit() {
    this.quitCount++
    const e = fakeEvent()
    this.emit('before-quit', e)
    if (!e.defaultPrevented) this.emit('will-quit', fakeEvent())
  }
  exit(code = 0) {
    this.exitCode = code
  }
  /** Test side: someone launched the app again. */
  launchSecondInstance(argv: string[] = []) {
    this.emit('second-instance', fakeEvent(), argv, '/tmp', {})
  }
}
export const fakeApp = new FakeApp()

class FakeIpcMain {
  handlers = new Map<string, Fn>()
  handle(channel: string, fn: Fn) {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    this.handlers.set(channel, fn)
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel)
  }
  /** Test side: what `ipcRenderer.invoke` from `sender`/`senderFrame` would do. */
  async invoke(channel: string, event: { sender: unknown; senderFrame: FakeFrame | null }, ...args: unknown[]) {
    const h = this.handlers.get(channel)
    if (!h) throw new Error(`No handler registered for '${channel}'`)
    return h(event, ...args)
  }
}

class FakeIpcRenderer extends EventEmitter {
  invoked: { channel: string; args: unknown[] }[] = []
  /** What the main process answers; tests replace it. */
  reply: Fn = async () => ({ ok: true, output: null })
  async invoke(channel: string, ...args: unknown[]) {
    this.invoked.push({ channel, args })
    return this.reply(channel, ...args)
  }
}

const session = {
  defaultSession: {
    headersListener: null as Fn | null,
    permissionRequestHandler: null as Fn | null,
    permissionCheckHandler: null as Fn | null,
    webRequest: {
      onHeadersReceived(fn: Fn) {
        session.defaultSession.headersListener = fn
      },
    },
    setPermissionRequestHandler(fn: Fn) {
      session.defaultSession.permissionRequestHandler = fn
    },
    setPermissionCheckHandler(fn: Fn) {
      session.defaultSession.permissionCheckHandler = fn
    },
  },
}

export class FakeNotification extends EventEmitter {
  static instances: FakeNotification[] = []
  static supported = true
  static isSupported() {
    return FakeNotification.supported
  }
  shown = false
  constructor(readonly options: Record<string, any>) {
    super()
    FakeNotification.instances.push(this)
  }
  show() {
    this.shown = true
  }
}

export class FakeTray extends EventEmitter {
  static instances: FakeTray[] = []
  tooltip = ''
  menu: any = null
  destroyed = false
  constructor(readonly image: unknown) {
    super()
    FakeTray.instances.push(this)
  }
  setToolTip(t: string) {
    this.tooltip = t
  }
  setContextMenu(m: unknown) {
    this.menu = m
  }
  destroy() {
    this.destroyed = true
  }
}

export const fakeState = {
  openedExternal: [] as string[],
  exposed: {} as Record<string, unknown>,
  privilegedSchemes: [] as unknown[],
  protocolHandlers: new Map<string, Fn>(),
  errorBoxes: [] as { title: string; content: string }[],
  powerBlockers: new Set<number>(),
  emptyImages: false,
}

export const fakeIpcMain = new FakeIpcMain()
export const fakeIpcRenderer = new FakeIpcRenderer()

/** The module object handed to `vi.mock('electron', …)`. */
export const fakeElectron = {
  app: fakeApp,
  BrowserWindow: FakeBrowserWindow,
  ipcMain: fakeIpcMain,
  ipcRenderer: fakeIpcRenderer,
  session,
  Notification: FakeNotification,
  Tray: FakeTray,
  Menu: { buildFromTemplate: (template: unknown[]) => ({ template }) },
  nativeImage: { createFromPath: (path: string) => ({ path, isEmpty: () => fakeState.emptyImages }) },
  shell: {
    async openExternal(url: string) {
      fakeState.openedExternal.push(url)
    },
  },
  contextBridge: {
    exposeInMainWorld(key: string, api: unknown) {
      if (key in fakeState.exposed) throw new Error(`Cannot bind an API on top of an existing property on the window object`)
      fakeState.exposed[key] = api
    },
  },
  protocol: {
    registerSchemesAsPrivileged(schemes: unknown[]) {
      fakeState.privilegedSchemes.push(...schemes)
    },
    handle(scheme: string, fn: Fn) {
      fakeState.protocolHandlers.set(scheme, fn)
    },
  },
  dialog: {
    showErrorBox(title: string, content: string) {
      fakeState.errorBoxes.push({ title, content })
    },
  },
  powerSaveBlocker: {
    next: 1,
    start() {
      const id = fakeElectron.powerSaveBlocker.next++
      fakeState.powerBlockers.add(id)
      return id
    },
    stop(id: number) {
      fakeState.powerBlockers.delete(id)
    },
  },
}

/** Forget everything between tests. */
export const resetFakeElectron = (): void => {
  fakeApp.removeAllListeners()
  Object.assign(fakeApp, { lockAvailable: true, ready: false, isPackaged: false, quitCount: 0, exitCode: null, sandboxEnabled: false })
  FakeBrowserWindow.all = []
  fakeIpcMain.handlers.clear()
  fakeIpcRenderer.removeAllListeners()
  fakeIpcRenderer.invoked = []
  fakeIpcRenderer.reply = async () => ({ ok: true, output: null })
  Object.assign(session.defaultSession, { headersListener: null, permissionRequestHandler: null, permissionCheckHandler: null })
  FakeNotification.instances = []
  FakeNotification.supported = true
  FakeTray.instances = []
  fakeState.openedExternal = []
  fakeState.exposed = {}
  fakeState.privilegedSchemes = []
  fakeState.protocolHandlers.clear()
  fakeState.errorBoxes = []
  fakeState.powerBlockers.clear()
  fakeState.emptyImages = false
}
