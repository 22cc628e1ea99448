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
  maximized = false
  flashing = false
  destroyed = false
  bounds: { x: number; y: number; width: number; height: number }

  constructor(readonly options: Record<string, any> = {}) {
    super()
    this.kiosk = !!options.kiosk
    this.fullScreen = !!options.fullscreen
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 }
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
  isFullScreen() {
    return this.fullScreen
  }
  maximize() {
    this.maximized = true
    this.emit('maximize')
  }
  unmaximize() {
    this.maximized = false
    this.emit('unmaximize')
  }
  isMaximized() {
    return this.maximized
  }
  getBounds() {
    return { ...this.bounds }
  }
  getNormalBounds() {
    return { ...this.bounds }
  }
  /** Test side too: what dragging the window does. */
  setBounds(b: Partial<{ x: number; y: number; width: number; height: number }>) {
    this.bounds = { ...this.bounds, ...b }
    this.emit('move')
  }
  flashFrame(on: boolean) {
    this.flashing = on
  }
  close() {
    this.emit('close', fakeEvent())
    this.destroyed = true
    this.webContents.destroy()
    this.emit('closed')
  }
}

class FakeApp extends EventEmitter {
  lockAvailable = true
  lockData: unknown = undefined
  loginItem = { openAtLogin: false, path: undefined as string | undefined, args: undefined as string[] | undefined }
  bounces: string[] = []
  dock = {
    bounce: (type = 'informational') => {
      this.bounces.push(type)
      return this.bounces.length
    },
  }
  ready = false
  isPackaged = false
  quitCount = 0
  exitCode: number | null = null
  sandboxEnabled = false
  paths: Record<string, string> = { userData: '/tmp/fake-electron/userData' }
  appPath = '/tmp/fake-electron/app'
  requestSingleInstanceLock(additionalData?: unknown) {
    this.lockData = additionalData
    return this.lockAvailable
  }
  setLoginItemSettings(s: { openAtLogin: boolean; path?: string; args?: string[] }) {
    this.loginItem = { openAtLogin: s.openAtLogin, path: s.path, args: s.args }
  }
  getLoginItemSettings() {
    return { openAtLogin: this.loginItem.openAtLogin }
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
  /** Test side: someone launched the app again (Electron hands over argv and the lock's additional data). */
  launchSecondInstance(argv: string[] = [], additionalData: unknown = { argv }) {
    this.emit('second-instance', fakeEvent(), argv, '/tmp', additionalData)
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
  /** Set to make `new Tray` throw (a Linux session without a status notifier host). */
  static unavailable = false
  tooltip = ''
  title = ''
  menu: any = null
  destroyed = false
  images: unknown[] = []
  constructor(readonly image: unknown) {
    super()
    if (FakeTray.unavailable) throw new Error('no status notifier host')
    this.images.push(image)
    FakeTray.instances.push(this)
  }
  setImage(image: unknown) {
    this.images.push(image)
  }
  setTitle(t: string) {
    this.title = t
  }
  /** Test side: the menu item whose label starts with `label`. */
  item(label: string): any {
    const find = (items: any[]): any => {
      for (const i of items) {
        if (typeof i.label === 'string' && i.label.startsWith(label)) return i
        if (Array.isArray(i.submenu)) {
          const hit = find(i.submenu)
          if (hit) return hit
        }
      }
      return undefined
    }
    return this.menu ? find(this.menu.template) : undefined
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

export interface FakeDisplay {
  id: number
  label: string
  bounds: { x: number; y: number; width: number; height: number }
  workArea: { x: number; y: number; width: number; height: number }
}

/** A display at (x, y) of w×h, with a 30 px panel off its work area. */
export const fakeDisplay = (id: number, label: string, x: number, y: number, w = 1920, h = 1080): FakeDisplay => ({
  id,
  label,
  bounds: { x, y, width: w, height: h },
  workArea: { x, y: y + 30, width: w, height: h - 30 },
})

class FakeScreen extends EventEmitter {
  displays: FakeDisplay[] = [fakeDisplay(1, 'Built-in', 0, 0)]
  primaryId = 1
  getAllDisplays() {
    return this.displays
  }
  getPrimaryDisplay() {
    return this.displays.find((d) => d.id === this.primaryId) ?? this.displays[0]
  }
  /** Test side: plug or unplug monitors. */
  setDisplays(displays: FakeDisplay[], primaryId = displays[0].id) {
    this.displays = displays
    this.primaryId = primaryId
    this.emit('display-removed', fakeEvent(), displays[0])
  }
}
export const fakeScreen = new FakeScreen()

/** What `nativeImage.createFromBuffer` returns: keeps the PNG so tests can look at the pixels. */
export interface FakeImage {
  buffer: Buffer
  scaleFactor: number
  representations: { scaleFactor: number; buffer: Buffer }[]
  template: boolean
  isEmpty(): boolean
  addRepresentation(r: { scaleFactor: number; buffer: Buffer }): void
  setTemplateImage(on: boolean): void
}
const fakeImageFromBuffer = (buffer: Buffer, o: { scaleFactor?: number } = {}): FakeImage => {
  const img: FakeImage = {
    buffer,
    scaleFactor: o.scaleFactor ?? 1,
    representations: [],
    template: false,
    isEmpty: () => buffer.length === 0,
    addRepresentation: (r) => void img.representations.push(r),
    setTemplateImage: (on) => void (img.template = on),
  }
  return img
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
  nativeImage: { createFromPath: (path: string) => ({ path, isEmpty: () => fakeState.emptyImages }), createFromBuffer: fakeImageFromBuffer },
  screen: fakeScreen,
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
  Object.assign(fakeApp, { lockAvailable: true, lockData: undefined, ready: false, isPackaged: false, quitCount: 0, exitCode: null, sandboxEnabled: false, bounces: [] })
  fakeApp.loginItem = { openAtLogin: false, path: undefined, args: undefined }
  fakeApp.paths = { userData: '/tmp/fake-electron/userData' }
  fakeScreen.removeAllListeners()
  fakeScreen.displays = [fakeDisplay(1, 'Built-in', 0, 0)]
  fakeScreen.primaryId = 1
  FakeBrowserWindow.all = []
  fakeIpcMain.handlers.clear()
  fakeIpcRenderer.removeAllListeners()
  fakeIpcRenderer.invoked = []
  fakeIpcRenderer.reply = async () => ({ ok: true, output: null })
  Object.assign(session.defaultSession, { headersListener: null, permissionRequestHandler: null, permissionCheckHandler: null })
  FakeNotification.instances = []
  FakeNotification.supported = true
  FakeTray.instances = []
  FakeTray.unavailable = false
  fakeState.openedExternal = []
  fakeState.exposed = {}
  fakeState.privilegedSchemes = []
  fakeState.protocolHandlers.clear()
  fakeState.errorBoxes = []
  fakeState.powerBlockers.clear()
  fakeState.emptyImages = false
}
