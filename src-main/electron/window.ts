import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { BrowserWindow } from 'electron'
import type { BrowserWindowConstructorOptions } from 'electron'
import { secureWebPreferences } from './security'

export interface MainWindowOptions {
  /** Absolute path of the built preload script. */
  preload: string
  /** From `resolveRendererSource` (app://noc/index.html or the dev server). */
  url: string
  /** Wall mode: kiosk + fullscreen, no chrome. */
  wall: boolean
  icon?: string
  log?: (msg: string) => void
}

/** electron-vite writes the preload next to main: out/main → out/preload (CommonJS, as sandboxed preloads must be). */
export const preloadPathFor = (mainDir: string): string => {
  const candidates = ['index.cjs', 'index.js'].map((f) => join(mainDir, '..', 'preload', f))
  return candidates.find((p) => existsSync(p)) ?? candidates[1]
}

export const mainWindowOptions = (o: Pick<MainWindowOptions, 'preload' | 'wall' | 'icon'>): BrowserWindowConstructorOptions => ({
  width: 1440,
  height: 900,
  minWidth: 960,
  minHeight: 600,
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

export const toggleWall = (win: BrowserWindow): boolean => {
  const on = !win.isKiosk()
  win.setKiosk(on)
  win.setFullScreen(on)
  return on
}
