/**
 * The Electron shell's wiring, with its one outside dependency (the engine) injected so the unit tests can run
 * it against a fake `electron` and a fake hub. Order matters and is the point of this file:
 * lock → scheme → ready → native binding → security → engine → IPC → window → tray; quit closes the engine
 * (its writer worker commits what it holds, closes SQLite and ends) before exiting; a writer that dies on its own
 * ends the app with a dialog and WRITER_STOPPED_EXIT instead of leaving a window that answers nothing.
 */
import { existsSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { app, dialog, screen } from 'electron'
import { WRITER_STOPPED_EXIT } from '../../scripts/start-lib.mjs'
import type { Hub } from '../app/hub'
import { registerAppScheme, resolveRendererSource, serveAppProtocol, type RendererSource } from './app-protocol'
import { parseShellArgs, type ShellArgs } from './args'
import { registerDesktopIpc } from './desktop-ipc'
import { createDesktopNotifier, type DesktopNotifierPort } from './desktop-notifier'
import { createDesktopSettings } from './desktop-settings'
import { createWindowManager, type ScreenInfo, type WindowManager } from './desktop-window'
import { displayName } from './displays'
import { hubWorkerEntry } from './hub-worker-entry'
import { forwardDeltas, registerIpc } from './ipc'
import { createLoginItems } from './login-item'
import { NATIVE_LOAD_FAILED_EXIT, isNativeLoadError, resolveNativeBinding } from './native-binding'
import { buildCsp, installSecurity } from './security'
import { createTrayController, type TrayController } from './tray'
import { startTrayFeed } from './tray-feed'
import { preloadPathFor } from './window'
import { windowStateFile } from './window-state'

type Log = (msg: string, err?: unknown) => void

export interface EngineOptions {
  dataDir: string
  configPath?: string
  demo: boolean
  port: number
  host: string
  /** The desktop channel of the hub's notification layer (main.ts attaches it with `ops.attachDesktop`). */
  notifier: DesktopNotifierPort
  /** better_sqlite3.node built for Electron's ABI: whoever opens the database (hub worker) loads this one. */
  nativeBinding: string
  /** The writer worker's bundle when it is not next to the main bundle (installed app: app.asar.unpacked). */
  workerEntry?: string
  /** Report fonts of the installed app (`<resources>/fonts`); unset from a checkout (found under resources/). */
  fontsDir?: string
  /** The writer worker died after start (requests in flight were refused with 503): the shell tells the operator. */
  onWriterStopped(reason: Error): void
}

/** The app's exit code when its writer died: EX_SOFTWARE, as `serve` exits (app/worker-hub.ts); the launcher knows it. */
export { WRITER_STOPPED_EXIT }

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
  /** Injected for tests (tray flashing, window-state saves). */
  every?(ms: number, fn: () => void): () => void
  later?(ms: number, fn: () => void): () => void
}

export interface DesktopApp {
  args: ShellArgs
  source: RendererSource
  engine: Engine
  windows: WindowManager
  tray: TrayController
  window(): Electron.BrowserWindow | null
}

/** Route an Ack (notification button, tray menu) through the same contract method the console uses. */
export const ackViaHub = async (hub: Pick<Hub, 'call'>, incidentId: string, by: string, remote = 'desktop-notification'): Promise<void> => {
  await hub.call('incidents.ack', { id: incidentId, by }, { transport: 'internal', remote })
}

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T | undefined> =>
  Promise.race([p, new Promise<undefined>((r) => setTimeout(() => r(undefined), ms).unref?.())])

const userName = (env: Record<string, string | undefined>): string => env.USER ?? env.USERNAME ?? 'desktop'

const screenInfo: ScreenInfo = { all: () => screen.getAllDisplays(), primary: () => screen.getPrimaryDisplay() }

/** Returns null when another instance already runs (that one gets focused and this one quits). */
export const startDesktop = async (deps: DesktopDeps): Promise<DesktopApp | null> => {
  const log: Log = deps.log ?? ((m, e) => (e === undefined ? console.log(m) : console.error(m, e)))
  const env = deps.env ?? process.env
  const fail = (title: string, reason: string, code: number) => {
    log(`${title}: ${reason}`)
    dialog.showErrorBox(title, reason)
    app.exit(code)
    return null
  }

  // A second console on the same database would race the first; hand over to the running one instead, with
  // this launch's flags (`--wall --display 2` on a running console moves it to the wall).
  if (!app.requestSingleInstanceLock({ argv: [...deps.argv] })) {
    app.quit()
    return null
  }
  const args = parseShellArgs(deps.argv)
  registerAppScheme()
  app.enableSandbox()
  if (process.platform === 'win32') app.setAppUserModelId('org.noc-console')

  let windows: WindowManager | null = null
  const pendingLaunches: ShellArgs[] = []
  app.on('second-instance', (_event, argv: string[], _cwd: string, data: unknown) => {
    const forwarded = Array.isArray((data as { argv?: unknown })?.argv) ? ((data as { argv: string[] }).argv) : argv
    const next = parseShellArgs(forwarded)
    if (!windows) return void pendingLaunches.push(next)
    windows.show({ wall: next.wall, display: next.display })
  })

  await app.whenReady()

  const binding = resolveNativeBinding({
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath ?? '',
    appPath: app.getAppPath(),
    env,
    platform: process.platform,
    arch: process.arch,
    electronVersion: process.versions.electron ?? '',
    exists: existsSync,
    readInfo: (p) => {
      try {
        return JSON.parse(readFileSync(p, 'utf8'))
      } catch {
        return null
      }
    },
  })
  if (!binding.ok) return fail('NOC console cannot open its database', binding.message, NATIVE_LOAD_FAILED_EXIT)

  const sourceFor = (wall: boolean) => resolveRendererSource({ devUrl: env.ELECTRON_RENDERER_URL, isPackaged: app.isPackaged, wall })
  const source = sourceFor(args.wall)
  const csp = buildCsp(source.dev ? { devOrigin: source.origin } : {})
  installSecurity({ trustedOrigin: source.origin, csp, log: (m) => log(`[security] ${m}`) })
  if (!source.dev) serveAppProtocol(join(deps.mainDir, '..', 'renderer'), csp)

  const userData = app.getPath('userData')
  const loginItems = createLoginItems(app, { platform: process.platform, isPackaged: app.isPackaged, execPath: process.execPath, appPath: app.getAppPath(), env, homedir: homedir() })
  const settings = createDesktopSettings({
    file: join(userData, 'desktop-settings.json'),
    loginItems,
    displays: () => ({ all: screenInfo.all(), primary: screenInfo.primary() }),
    defaultOperator: userName(env),
    log,
  })

  let engine: Engine | null = null
  let quitting = false
  const dataDir = args.dataDir ?? userData
  const writerStopped = (reason: Error) => {
    // Closing ends the worker on purpose; worker-hub reports that as no failure, but a death mid-quit is no news either.
    if (quitting) return log(`writer stopped while quitting: ${reason.message}`)
    fail(
      'NOC console stopped: its database writer failed',
      `${reason.message}\n\nEverything the console acknowledged is in ${join(dataDir, 'noc.db')}; requests in flight were refused, so senders retry them. Start the console again.`,
      WRITER_STOPPED_EXIT,
    )
  }
  const ack = (id: string, remote: string) => ackViaHub(engine!.hub, id, settings.operator(), remote)
  const notifier = createDesktopNotifier({ ack: (id) => ack(id, 'desktop-notification'), focus: () => windows?.show(), log })

  try {
    engine = await deps.startEngine({
      dataDir,
      configPath: args.configPath,
      demo: args.demo,
      port: args.port,
      host: args.host,
      notifier,
      nativeBinding: binding.path,
      workerEntry: hubWorkerEntry(deps.mainDir, existsSync),
      fontsDir: app.isPackaged && process.resourcesPath ? join(process.resourcesPath, 'fonts') : undefined,
      onWriterStopped: writerStopped,
    })
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e)
    if (isNativeLoadError(e)) return fail('NOC console cannot open its database', `${binding.path} does not load in this Electron: ${reason}`, NATIVE_LOAD_FAILED_EXIT)
    log('engine failed to start', e)
    return fail('NOC console could not start', reason, 1)
  }
  const hub = engine.hub
  if (engine.url) log(`NOC engine listening at ${engine.url} (webhooks: ${engine.url}/webhook/<format>)`)

  const target = () => {
    const w = windows?.current()
    return w ? { webContents: w.webContents, trustedOrigin: source.origin } : null
  }
  const unregisterIpc = registerIpc(hub, target, log)

  let tray: TrayController | null = null
  const unregisterDesktopIpc = registerDesktopIpc(settings, target, log, () => tray?.refreshMenu())

  windows = createWindowManager({
    preload: preloadPathFor(deps.mainDir),
    url: (wall) => sourceFor(wall).url,
    icon: join(app.getAppPath(), 'resources', 'icons', 'icon.png'),
    stateFile: windowStateFile(join(userData, 'window-state.json'), log),
    screen: screenInfo,
    defaultDisplay: () => settings.wallDisplay(),
    onOpen: (w) => void forwardDeltas(hub, w.webContents),
    log,
    later: deps.later,
  })
  windows.show({ wall: args.wall, display: args.display })
  for (const p of pendingLaunches.splice(0)) windows.show({ wall: p.wall, display: p.display })

  const wm = windows
  tray = createTrayController(
    {
      platform: process.platform,
      displays: () => screenInfo.all().map(displayName),
      loginItem: () => ({ supported: loginItems.supported, on: loginItems.supported && loginItems.get() }),
      attention: (on) => {
        const w = wm.current()
        if (w) w.flashFrame(on)
        if (on && process.platform === 'darwin') app.dock?.bounce('critical')
      },
      log,
      every: deps.every,
    },
    {
      show: () => wm.show(),
      toggleWall: () => wm.toggleWall(),
      wallOn: (n) => wm.setWall(true, String(n)),
      ack: (id) => void ack(id, 'desktop-tray').catch((e: unknown) => log(`ack of ${id} from the tray failed`, e)),
      setOpenAtLogin: (on) => {
        loginItems.set(on)
        tray?.refreshMenu()
      },
      quit: () => app.quit(),
    },
  )
  const trayNow = tray
  const stopTrayFeed = await startTrayFeed(hub, (s) => trayNow.update(s), log)
  const refreshMenu = () => trayNow.refreshMenu()
  screen.on('display-added', refreshMenu)
  screen.on('display-removed', refreshMenu)

  app.on('activate', () => {
    if (!wm.current()) wm.show()
  })
  app.on('window-all-closed', () => {
    // The tray keeps a NOC console running with no window (like every tray monitor); without a tray, quit.
    if (process.platform !== 'darwin' && !trayNow.tray) app.quit()
  })

  let closed = false
  let closing: Promise<void> | null = null
  app.on('before-quit', (event) => {
    if (closed) return
    event.preventDefault()
    quitting = true
    closing ??= (async () => {
      unregisterIpc()
      unregisterDesktopIpc()
      stopTrayFeed()
      screen.off('display-added', refreshMenu)
      screen.off('display-removed', refreshMenu)
      wm.release()
      trayNow.destroy()
      try {
        await withTimeout(engine!.close(), deps.closeTimeoutMs ?? 5000)
      } catch (e) {
        log('engine close failed', e)
      }
      closed = true
      app.quit()
    })()
  })

  return { args, source, engine, windows: wm, tray: trayNow, window: () => wm.current() }
}
