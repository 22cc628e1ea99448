/**
 * The Electron shell's wiring, with its one outside dependency (the engine) injected so the unit tests can run
 * it against a fake `electron` and a fake hub. Order matters and is the point of this file:
 * lock → scheme → ready → security → engine → IPC → window → tray; quit closes the engine before exiting.
 */
import { join } from 'node:path'
import { app, dialog, powerSaveBlocker } from 'electron'
import type { BrowserWindow, Tray } from 'electron'
import type { Hub } from '../app/hub'
import { registerAppScheme, resolveRendererSource, serveAppProtocol, type RendererSource } from './app-protocol'
import { parseShellArgs, type ShellArgs } from './args'
import { createDesktopNotifier, type DesktopNotifierPort } from './desktop-notifier'
import { forwardDeltas, registerIpc } from './ipc'
import { buildCsp, installSecurity } from './security'
import { createTray, trayIconPath } from './tray'
import { createMainWindow, focusWindow, preloadPathFor, toggleWall } from './window'

type Log = (msg: string, err?: unknown) => void

export interface EngineOptions {
  dataDir: string
  configPath?: string
  demo: boolean
  port: number
  host: string
  /** The desktop channel of the hub's notification layer (main.ts attaches it with `ops.attachDesktop`). */
  notifier: DesktopNotifierPort
}

/** The hub plus whatever listens for webhooks; closing it closes the hub. */
export interface Engine {
  hub: Hub
  /** Where webhooks and browsers reach this engine, when it listens. */
  url?: string
  close(): Promise<void>
}

export interface DesktopDeps {
  startEngine(opts: EngineOptions): Promise<Engine>
  argv: readonly string[]
  /** Directory of the built main bundle (out/main): preload and renderer are found relative to it. */
  mainDir: string
  env?: Record<string, string | undefined>
  log?: Log
  /** Upper bound on a clean shutdown; a wedged close must not keep a NOC console from quitting. */
  closeTimeoutMs?: number
}

export interface DesktopApp {
  args: ShellArgs
  source: RendererSource
  engine: Engine
  window(): BrowserWindow | null
}

/** Route a notification's Ack button through the same contract method (`incidents.ack`) the console uses. */
export const ackViaHub = async (hub: Pick<Hub, 'call'>, incidentId: string, by: string): Promise<void> => {
  await hub.call('incidents.ack', { id: incidentId, by }, { transport: 'internal', remote: 'desktop-notification' })
}

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T | undefined> =>
  Promise.race([p, new Promise<undefined>((r) => setTimeout(() => r(undefined), ms).unref?.())])

/** Returns null when another instance already runs (that one gets focused and this one quits). */
export const startDesktop = async (deps: DesktopDeps): Promise<DesktopApp | null> => {
  const log: Log = deps.log ?? ((m, e) => (e === undefined ? console.log(m) : console.error(m, e)))
  const env = deps.env ?? process.env

  // A second console on the same database would race the first; hand over to the running one instead.
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return null
  }
  const args = parseShellArgs(deps.argv)
  registerAppScheme()
  app.enableSandbox()
  if (process.platform === 'win32') app.setAppUserModelId('org.noc-console')

  let win: BrowserWindow | null = null
  let tray: Tray | null = null
  let engine: Engine | null = null
  let openWindow: (() => void) | null = null

  app.on('second-instance', () => {
    if (win && !win.isDestroyed()) focusWindow(win)
    else openWindow?.()
  })

  await app.whenReady()

  const source = resolveRendererSource({ devUrl: env.ELECTRON_RENDERER_URL, isPackaged: app.isPackaged, wall: args.wall })
  const csp = buildCsp(source.dev ? { devOrigin: source.origin } : {})
  installSecurity({ trustedOrigin: source.origin, csp, log: (m) => log(`[security] ${m}`) })
  if (!source.dev) serveAppProtocol(join(deps.mainDir, '..', 'renderer'), csp)

  const notifier = createDesktopNotifier({
    ack: (id) => ackViaHub(engine!.hub, id, userName(env)),
    focus: () => (win && !win.isDestroyed() ? focusWindow(win) : openWindow?.()),
    log,
  })

  try {
    engine = await deps.startEngine({
      dataDir: args.dataDir ?? app.getPath('userData'),
      configPath: args.configPath,
      demo: args.demo,
      port: args.port,
      host: args.host,
      notifier,
    })
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e)
    log('engine failed to start', e)
    dialog.showErrorBox('NOC console could not start', reason)
    app.exit(1)
    return null
  }
  const hub = engine.hub
  if (engine.url) log(`NOC engine listening at ${engine.url} (webhooks: ${engine.url}/webhook/<format>)`)

  const unregisterIpc = registerIpc(hub, () => (win && !win.isDestroyed() ? { webContents: win.webContents, trustedOrigin: source.origin } : null), log)

  const preload = preloadPathFor(deps.mainDir)
  const icon = join(app.getAppPath(), 'resources', 'icons', 'icon.png')
  let blocker: number | null = null
  const setWallPower = (on: boolean) => {
    if (on && blocker === null) blocker = powerSaveBlocker.start('prevent-display-sleep')
    if (!on && blocker !== null) {
      powerSaveBlocker.stop(blocker)
      blocker = null
    }
  }

  openWindow = () => {
    const w = createMainWindow({ preload, url: source.url, wall: args.wall, icon, log })
    forwardDeltas(hub, w.webContents)
    w.on('closed', () => {
      if (win === w) win = null
    })
    win = w
  }
  openWindow()
  setWallPower(args.wall)

  tray = createTray(
    trayIconPath(app.getAppPath()),
    {
      show: () => (win && !win.isDestroyed() ? focusWindow(win) : openWindow?.()),
      toggleWall: () => win && !win.isDestroyed() && setWallPower(toggleWall(win)),
      quit: () => app.quit(),
    },
    log,
  )

  app.on('activate', () => {
    if (!win) openWindow?.()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  let closed = false
  let closing: Promise<void> | null = null
  app.on('before-quit', (event) => {
    if (closed) return
    event.preventDefault()
    closing ??= (async () => {
      unregisterIpc()
      setWallPower(false)
      tray?.destroy()
      tray = null
      try {
        await withTimeout(engine!.close(), deps.closeTimeoutMs ?? 5000)
      } catch (e) {
        log('engine close failed', e)
      }
      closed = true
      app.quit()
    })()
  })

  return { args, source, engine, window: () => win }
}

const userName = (env: Record<string, string | undefined>): string => env.USER ?? env.USERNAME ?? 'desktop'
