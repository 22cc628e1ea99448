/**
 * The NOC mark: a dark rounded square with a green heartbeat line and a red alert dot — "something is watched,
 * and something needs you". Drawn in a 64-unit design grid and scaled, so every size is drawn, not resized.
 * The tray variants carry state: the fill is the worst open severity (the console's own colours), a badge shows
 * how many incidents have it, and the attention frame is a red square with "!" (alternated while a P1 waits).
 */
import type { Severity } from '@shared/model/severity'
import { Canvas, circle, glyphText, hex, inflate, polyline, roundRect, union, vertical, type Rgba } from './raster'

/** The same colours as the console's severity chips (src-renderer/src/styles/theme.css). */
export const SEVERITY_COLOR: Record<Severity, string> = {
  critical: '#d32f2f',
  major: '#f57c00',
  minor: '#fbc02d',
  warning: '#4fc3f7',
  info: '#90a4ae',
  ok: '#2e7d32',
}

const PULSE: readonly (readonly [number, number])[] = [
  [10, 36],
  [21, 36],
  [26, 24],
  [33, 48],
  [39, 28],
  [43, 36],
  [54, 36],
]

const scaled = (pts: readonly (readonly [number, number])[], k: number) => pts.map(([x, y]) => [x * k, y * k] as const)

/** The application icon at `size` px (16…1024). */
export const drawAppIcon = (size: number): Canvas => {
  const k = size / 64
  const c = new Canvas(size, size)
  const square = roundRect(3 * k, 3 * k, 58 * k, 58 * k, 13 * k)
  c.fill(square, vertical(3 * k, 61 * k, hex('#243244'), hex('#0b1220')))
  // A thin light rim keeps the dark square visible on a dark dock or taskbar (skipped where it would blur).
  if (size >= 48) c.fill((x, y) => Math.abs(square(x, y) + 0.75 * k) - 0.75 * k, hex('#ffffff', 38))
  // Small sizes get a heavier line so the heartbeat survives 16 px.
  const stroke = Math.max(5.5 * k, size <= 24 ? 2.2 : 1.5)
  c.fill(polyline(scaled(PULSE, k), stroke), hex('#34d399'))
  const dot = circle(49 * k, 15 * k, 7 * k)
  c.fill(inflate(dot, Math.max(2.5 * k, 1)), vertical(3 * k, 61 * k, hex('#243244'), hex('#0b1220')))
  c.fill(dot, hex('#ef4444'))
  return c
}

export interface TrayLook {
  /** Worst open severity, or null when nothing is open (green). */
  severity: Severity | null
  /** How many open incidents have that severity (0 = no badge). */
  count: number
  /** Draw the attention frame instead (red square, "!"). */
  attention?: boolean
}

export const badgeText = (n: number): string => (n > 99 ? '99+' : String(n))

const WHITE: Rgba = [255, 255, 255, 255]
const INK: Rgba = [17, 17, 17, 255]

/** Readable ink on a severity fill: dark on the light ones, white on the dark ones (as the console does). */
const inkOn = (s: Severity | null): Rgba => (s === 'major' || s === 'minor' || s === 'warning' || s === 'info' ? INK : WHITE)

/** A tray icon (Windows, Linux): `size` 16…64 px. */
export const drawTrayIcon = (look: TrayLook, size = 32): Canvas => {
  const k = size / 64
  const c = new Canvas(size, size)
  const square = roundRect(2 * k, 2 * k, 60 * k, 60 * k, 14 * k)
  if (look.attention) {
    c.fill(square, hex(SEVERITY_COLOR.critical))
    c.fill(roundRect(27 * k, 10 * k, 10 * k, 30 * k, 5 * k), WHITE)
    c.fill(circle(32 * k, 50 * k, 6 * k), WHITE)
    return c
  }
  const sev = look.severity
  c.fill(square, hex(sev ? SEVERITY_COLOR[sev] : SEVERITY_COLOR.ok))
  c.fill(polyline(scaled(PULSE, k), Math.max(6 * k, 1.6)), inkOn(sev))
  if (look.count > 0) {
    const text = badgeText(look.count)
    // Glyph cells of whole pixels stay crisp; the badge grows to the left for two or three digits.
    const cell = Math.max(1, Math.round(size / 16))
    const probe = glyphText(text, 0, 0, cell)
    const padX = cell + 1
    const w = probe.width + 2 * padX
    const h = probe.height + 2 * cell
    const x0 = size - w
    const y0 = size - h
    const pill = roundRect(x0, y0, w, h, Math.min(h / 2, 3 * cell))
    c.clear(inflate(pill, Math.max(1, cell / 2)))
    c.fill(pill, hex('#111827'))
    c.fill(glyphText(text, x0 + padX, y0 + cell, cell).shape, WHITE)
  }
  return c
}

/** macOS menu-bar template: black + alpha only (the system tints it); state goes in the title text beside it. */
export const drawTrayTemplate = (size = 32, attention = false): Canvas => {
  const k = size / 64
  const c = new Canvas(size, size)
  const black: Rgba = [0, 0, 0, 255]
  if (attention) {
    c.fill(union(roundRect(26 * k, 6 * k, 12 * k, 36 * k, 6 * k), circle(32 * k, 53 * k, 7 * k)), black)
    return c
  }
  c.fill(polyline(scaled(PULSE, k), Math.max(7 * k, 1.6)), black)
  return c
}
