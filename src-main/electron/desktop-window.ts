/**
 * The one console window: opened where it was left (window-state.ts) or as the wall on a chosen display
 * (displays.ts), re-opened after it was closed, focused on a second launch, switched in and out of wall mode
 * (which reloads the renderer with or without `?wall=1`, so the page lays itself out for the wall), and kept
 * awake while it is the wall.
 */
import { powerSaveBlocker } from 'electron'
import type { BrowserWindow } from 'electron'
import { chooseDisplay, type DisplayInfo } from './displays'
import { createMainWindow, enterWall, focusWindow, isWall, leaveWall, trackWindowState } from './window'
import { restoreWindowState, type StateFile } from './window-state'

type Log = (msg: string, err?: unknown) => void

export interface ScreenInfo {
  all(): DisplayInfo[]
  primary(): DisplayInfo
}

export interface WindowManagerOptions {
  preload: string
  /** The renderer URL, with `?wall=1` or without. */
  url(wall: boolean): string
  icon?: string
  stateFile: StateFile
  screen: ScreenInfo
  /** `--display` from the settings when the command line gives none. */
  defaultDisplay(): string | undefined
  /** Every new window (deltas are forwarded to it). */
  onOpen(win: BrowserWindow): void
  log: Log
  later?(ms: number, fn: () => void): () => void
}

export interface WindowManager {
  current(): BrowserWindow | null
  /** Open the window if there is none (wall or not, as asked), else focus it. */
  show(opts?: { wall?: boolean; display?: string }): BrowserWindow
  /** Wall mode on (on `display`, or the settings' display) or off. */
  setWall(on: boolean, display?: string): void
  toggleWall(): void
  /** Stop the display-sleep blocker (quit). */
  release(): void
}

export const createWindowManager = (o: WindowManagerOptions): WindowManager => {
  let win: BrowserWindow | null = null
  let blocker: number | null = null
  const alive = () => (win && !win.isDestroyed() ? win : null)
  const keepAwake = (on: boolean) => {
    if (on && blocker === null) blocker = powerSaveBlocker.start('prevent-display-sleep')
    if (!on && blocker !== null) {
      powerSaveBlocker.stop(blocker)
      blocker = null
    }
  }
  const wallDisplay = (spec: string | undefined) => {
    const choice = chooseDisplay(o.screen.all(), o.screen.primary(), spec ?? o.defaultDisplay())
    if (choice.warning) o.log(`wall display: ${choice.warning}`)
    return choice.display
  }

  const open = (wall: boolean, display?: string): BrowserWindow => {
    const wallOn = wall ? wallDisplay(display) : null
    const restored = wallOn ? null : restoreWindowState(o.stateFile.load(), o.screen.all(), o.screen.primary())
    if (restored?.adjusted) o.log(`window: ${restored.adjusted}`)
    const w = createMainWindow({ preload: o.preload, url: o.url(wall), wall, bounds: wallOn?.bounds ?? restored?.bounds, icon: o.icon, log: o.log })
    if (restored?.maximized) w.maximize()
    trackWindowState(w, { file: o.stateFile, displays: o.screen.all, later: o.later })
    w.on('closed', () => {
      if (win === w) {
        win = null
        keepAwake(false)
      }
    })
    win = w
    keepAwake(wall)
    o.onOpen(w)
    return w
  }

  const setWall = (on: boolean, display?: string) => {
    const w = alive()
    if (!w) {
      open(on, display)
      return
    }
    const url = o.url(on)
    if (on) enterWall(w, wallDisplay(display))
    else if (isWall(w)) leaveWall(w)
    // The renderer decides its wall layout from the URL it was loaded with.
    if (w.webContents.getURL() !== url) w.loadURL(url).catch((e: unknown) => o.log(`loading ${url} failed`, e))
    keepAwake(on)
    focusWindow(w)
  }

  return {
    current: alive,
    show(opts = {}) {
      const w = alive()
      if (!w) return open(opts.wall ?? false, opts.display)
      if (opts.wall) setWall(true, opts.display)
      else focusWindow(w)
      return w
    },
    setWall,
    toggleWall() {
      const w = alive()
      setWall(!(w && isWall(w)))
    },
    release: () => keepAwake(false),
  }
}
