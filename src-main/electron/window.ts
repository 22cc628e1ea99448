import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { BrowserWindow } from 'electron'
import type { BrowserWindowConstructorOptions } from 'electron'
import type { DisplayInfo, Rect } from './displays'
import { secureWebPreferences } from './security'
import { MIN_SIZE, captureWindowState, type StateFile } from './window-state'

export interface MainWindowOptions {
  /** Absolute path of the built preload script. */
  preload: string
  /** From `resolveRendererSource` (app://noc/index.html or the dev server). */
  url: string
  /** Wall mode: kiosk + fullscreen, no chrome — on `wallDisplay`. */
  wall: boolean
  /** Where the window opens: the restored state, or the wall display's bounds. */
  bounds?: Rect
  icon?: string
  log?: (msg: string) => void
}

/** electron-vite writes the preload next to main: out/main → out/preload (CommonJS, as sandboxed preloads must be). */
export const preloadPathFor = (mainDir: string): string => {
  const candidates = ['index.cjs', 'index.js'].map((f) => join(mainDir, '..', 'preload', f))
  return candidates.find((p) => existsSync(p)) ?? candidates[1]
}

export const mainWindowOptions = (o: Pick<MainWindowOptions, 'preload' | 'wall' | 'icon' | 'bounds'>): BrowserWindowConstructorOptions => ({
  width: o.bounds?.width ?? 1440,
  height: o.bounds?.height ?? 900,
  ...(o.bounds ? { x: o.bounds.x, y: o.bounds.y } : {}),
  minWidth: MIN_SIZE.width,
  minHeight: MIN_SIZE.height,
  title: 'NOC console',
  // Shown on ready-to-show: no white flash on a dark wall.
  show: false,
  backgroundColor: '#0b0f14',
  autoHideMenuBar: true,
  kiosk: o.wall,
  fullscreen: o.wall,
  ...(o.icon ? { icon: o.icon } : {}),
  webPreferences: secureWebPreferences(o.preload),
})

export const createMainWindow = (o: MainWindowOptions): BrowserWindow => {
  const win = new BrowserWindow(mainWindowOptions(o))
  win.once('ready-to-show', () => win.show())
  win.loadURL(o.url).catch((e: unknown) => (o.log ?? console.error)(`loading ${o.url} failed: ${String(e)}`))
  return win
}

/** Bring the console to the operator: restore, show, focus (second launch, tray click, notification click). */
export const focusWindow = (win: BrowserWindow): void => {
  if (win.isMinimized()) win.restore()
  win.show()
  win.focus()
}

/**
 * Kiosk full screen on `display`. The window is moved there first: fullscreen and kiosk take the display the
 * window is on, so the order is what picks the monitor.
 */
export const enterWall = (win: BrowserWindow, display: DisplayInfo): void => {
  if (win.isKiosk()) win.setKiosk(false)
  if (win.isFullScreen()) win.setFullScreen(false)
  if (win.isMaximized()) win.unmaximize()
  win.setBounds(display.bounds)
  win.setKiosk(true)
  win.setFullScreen(true)
}

export const leaveWall = (win: BrowserWindow): void => {
  win.setKiosk(false)
  win.setFullScreen(false)
}

export const isWall = (win: BrowserWindow): boolean => win.isKiosk()

/** Wall on (on `display`) ↔ off. Returns whether the wall is now on. */
export const toggleWall = (win: BrowserWindow, display?: DisplayInfo): boolean => {
  if (isWall(win)) {
    leaveWall(win)
    return false
  }
  if (display) enterWall(win, display)
  else {
    win.setKiosk(true)
    win.setFullScreen(true)
  }
  return true
}

export interface TrackOptions {
  file: StateFile
  displays(): DisplayInfo[]
  /** Injected for tests: schedule `fn` after `ms`; returns a cancel function. */
  later?(ms: number, fn: () => void): () => void
}

export const SAVE_DELAY_MS = 500

/**
 * Save bounds/maximised/display as the operator moves the window (debounced) and when it closes. A window in
 * wall mode is not saved: its bounds are the monitor's, not a place the operator chose.
 */
export const trackWindowState = (win: BrowserWindow, o: TrackOptions): (() => void) => {
  const later = o.later ?? ((ms, fn) => {
    const t = setTimeout(fn, ms)
    return () => clearTimeout(t)
  })
  let cancel: (() => void) | null = null
  const saveNow = () => {
    cancel?.()
    cancel = null
    if (win.isDestroyed() || win.isKiosk() || win.isFullScreen() || win.isMinimized()) return
    o.file.save(captureWindowState(win.getNormalBounds(), win.isMaximized(), o.displays()))
  }
  const soon = () => {
    cancel?.()
    cancel = later(SAVE_DELAY_MS, saveNow)
  }
  const events = ['resize', 'move', 'maximize', 'unmaximize'] as const
  for (const e of events) win.on(e as 'resize', soon)
  win.on('close', saveNow)
  return () => {
    cancel?.()
    for (const e of events) win.off(e as 'resize', soon)
    win.off('close', saveNow)
  }
}
