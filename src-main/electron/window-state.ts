/**
 * The console window comes back where the operator left it: bounds, maximised, and on which display. Saved to
 * userData/window-state.json; restored only where it still makes sense (that display is gone, or the window
 * would be off every screen → centred on the primary display, sized to fit). Decisions are pure; the file and
 * the BrowserWindow are at the edges.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { DisplayInfo, Rect } from './displays'

export interface WindowState {
  bounds: Rect
  maximized: boolean
  /** The display the window was mostly on. */
  displayId: number | null
}

export const DEFAULT_SIZE = { width: 1440, height: 900 }
export const MIN_SIZE = { width: 960, height: 600 }
/** How much of the title bar must be on a screen for saved bounds to count as reachable. */
const MIN_VISIBLE = { width: 160, height: 48 }

const isRect = (r: unknown): r is Rect =>
  typeof r === 'object' && r !== null && ['x', 'y', 'width', 'height'].every((k) => Number.isFinite((r as Record<string, unknown>)[k]))

/** A saved state, or null when the file is missing, corrupt or nonsense (never throws). */
export const parseWindowState = (raw: unknown): WindowState | null => {
  if (typeof raw !== 'object' || raw === null) return null
  const o = raw as Record<string, unknown>
  if (!isRect(o.bounds) || o.bounds.width <= 0 || o.bounds.height <= 0) return null
  return {
    bounds: { x: Math.round(o.bounds.x), y: Math.round(o.bounds.y), width: Math.round(o.bounds.width), height: Math.round(o.bounds.height) },
    maximized: o.maximized === true,
    displayId: typeof o.displayId === 'number' && Number.isFinite(o.displayId) ? o.displayId : null,
  }
}

const overlap = (a: Rect, b: Rect): Rect => {
  const x = Math.max(a.x, b.x)
  const y = Math.max(a.y, b.y)
  return { x, y, width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - x), height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - y) }
}
const area = (r: Rect) => r.width * r.height

/** The display showing most of `r` (ties → the first), or null when it is on none. */
export const displayOf = (r: Rect, displays: readonly DisplayInfo[]): DisplayInfo | null => {
  let best: DisplayInfo | null = null
  let bestArea = 0
  for (const d of displays) {
    const a = area(overlap(r, d.bounds))
    if (a > bestArea) {
      best = d
      bestArea = a
    }
  }
  return best
}

/** The title-bar strip is on some display's work area, so the window can be grabbed and moved. */
const reachable = (r: Rect, displays: readonly DisplayInfo[]): boolean =>
  displays.some((d) => {
    const o = overlap({ x: r.x, y: r.y, width: r.width, height: MIN_VISIBLE.height }, d.workArea)
    return o.width >= Math.min(MIN_VISIBLE.width, r.width) && o.height >= Math.min(MIN_VISIBLE.height / 2, r.height)
  })

/** Default size on `d`, shrunk to its work area, centred. */
export const centredOn = (d: DisplayInfo, size: { width: number; height: number } = DEFAULT_SIZE): Rect => {
  const width = Math.min(size.width, d.workArea.width)
  const height = Math.min(size.height, d.workArea.height)
  return { x: d.workArea.x + Math.round((d.workArea.width - width) / 2), y: d.workArea.y + Math.round((d.workArea.height - height) / 2), width, height }
}

export interface RestoredWindow {
  bounds: Rect
  maximized: boolean
  /** Why the saved bounds were not used (logged), when they were not. */
  adjusted?: string
}

export const restoreWindowState = (saved: WindowState | null, displays: readonly DisplayInfo[], primary: DisplayInfo): RestoredWindow => {
  if (!saved) return { bounds: centredOn(primary), maximized: false }
  const savedDisplay = saved.displayId === null ? null : displays.find((d) => d.id === saved.displayId)
  if (saved.displayId !== null && !savedDisplay) {
    // Its monitor was unplugged: same size (if it fits) in the middle of the primary display.
    return { bounds: centredOn(primary, saved.bounds), maximized: saved.maximized, adjusted: `display ${saved.displayId} is gone; window moved to the primary display` }
  }
  if (!reachable(saved.bounds, displays)) {
    const home = savedDisplay ?? primary
    return { bounds: centredOn(home, saved.bounds), maximized: saved.maximized, adjusted: 'the saved position is off screen; window centred' }
  }
  // Larger than its display now (resolution lowered): fit it.
  const home = savedDisplay ?? displayOf(saved.bounds, displays) ?? primary
  if (saved.bounds.width > home.workArea.width || saved.bounds.height > home.workArea.height) {
    return { bounds: centredOn(home, saved.bounds), maximized: saved.maximized, adjusted: 'the saved size no longer fits the display; window resized' }
  }
  return { bounds: saved.bounds, maximized: saved.maximized }
}

/** What to save: the normal (un-maximised) bounds, so un-maximising after a restart goes back to them. */
export const captureWindowState = (normalBounds: Rect, maximized: boolean, displays: readonly DisplayInfo[]): WindowState => ({
  bounds: normalBounds,
  maximized,
  displayId: displayOf(normalBounds, displays)?.id ?? null,
})

export interface StateFile {
  load(): WindowState | null
  save(s: WindowState): void
}

/** JSON file written atomically (temp + rename): a crash mid-write leaves the previous state, not half a file. */
export const windowStateFile = (path: string, log: (m: string) => void = () => {}): StateFile => ({
  load() {
    try {
      return parseWindowState(JSON.parse(readFileSync(path, 'utf8')))
    } catch {
      return null
    }
  },
  save(s) {
    try {
      mkdirSync(dirname(path), { recursive: true })
      writeFileSync(`${path}.tmp`, `${JSON.stringify(s)}\n`)
      renameSync(`${path}.tmp`, path)
    } catch (e) {
      log(`could not save the window state to ${path}: ${String(e)}`)
    }
  },
})
