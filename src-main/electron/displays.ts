/**
 * Which display the wall goes on (`--display 2`, `--display primary`, `--display "DELL U2720Q"`, or a display
 * id), and the tray's list of displays. Pure: the Electron `screen` module's Display objects are passed in.
 */
export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export interface DisplayInfo {
  id: number
  /** Platform label (macOS/Windows name it; Linux often leaves it empty). */
  label?: string
  bounds: Rect
  workArea: Rect
}

export interface DisplayChoice {
  display: DisplayInfo
  /** Set when the request could not be honoured and the primary display was used instead. */
  warning?: string
}

/** "Display 2: DELL U2720Q 2560×1440" — what the tray menu and the warnings say. */
export const displayName = (d: DisplayInfo, index: number): string =>
  `Display ${index + 1}${d.label ? `: ${d.label}` : ''} ${d.bounds.width}×${d.bounds.height}`

/**
 * `spec` is 1-based like the OS settings ("Display 2"), `primary`, a display id, or a case-insensitive part of
 * its label. Unknown → the primary display; ambiguous → the first match; both with a warning naming what exists.
 */
export const chooseDisplay = (displays: readonly DisplayInfo[], primary: DisplayInfo, spec: string | undefined): DisplayChoice => {
  if (spec === undefined || spec.trim() === '' || spec.trim().toLowerCase() === 'primary') return { display: primary }
  const s = spec.trim()
  const known = () => displays.map((d, i) => displayName(d, i)).join('; ')
  if (/^\d+$/.test(s)) {
    const n = Number(s)
    const byId = displays.find((d) => d.id === n)
    // Small numbers are positions (ids are large on every platform); a large one may be an id.
    if (n >= 1 && n <= displays.length) return { display: displays[n - 1] }
    if (byId) return { display: byId }
    return { display: primary, warning: `there is no display ${s} (${displays.length} connected: ${known()}); using the primary display` }
  }
  const matches = displays.filter((d) => d.label && d.label.toLowerCase().includes(s.toLowerCase()))
  if (matches.length === 1) return { display: matches[0] }
  if (matches.length > 1) return { display: matches[0], warning: `"${s}" matches ${matches.length} displays; using the first (${known()})` }
  return { display: primary, warning: `no display is called "${s}" (${known()}); using the primary display` }
}
