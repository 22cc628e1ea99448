/**
 * Where the timeline's text goes, so no two labels are drawn on top of each other ("acknowledged" and
 * "resolved" a few seconds apart used to share one spot). Pure and tested: the chart asks for rows, draws.
 *
 * Labels are placed left to right; each takes the first of its rows where it does not touch a label already
 * placed there (a small gap between). A label that fits no row is left out of the chart — its marker stays,
 * with a tooltip, and every entry is in the list under the chart — rather than drawn over another.
 */
import type { Incident, TimelineEntry, TimelineKind } from '@shared/model/incident'

/** Width of bold label text at `fontPx`: a per-character estimate (SVG text is not measured before it exists). */
export const labelWidth = (text: string, fontPx = 13): number => Math.ceil(text.length * fontPx * 0.6) + 4

export interface LabelBox {
  /** Anchor x, px. */
  x: number
  width: number
  /** How the text hangs off its anchor (SVG text-anchor). */
  anchor: 'start' | 'middle' | 'end'
  /** Rows it may use, in order of preference. */
  rows: readonly number[]
}

const span = (b: LabelBox): [number, number] =>
  b.anchor === 'start' ? [b.x, b.x + b.width] : b.anchor === 'end' ? [b.x - b.width, b.x] : [b.x - b.width / 2, b.x + b.width / 2]

/** The row each label gets, or -1 when none is free. Order of the result = order of `labels`. */
export const placeLabels = (labels: readonly LabelBox[], gap = 6, bounds?: { left: number; right: number }): number[] => {
  const taken = new Map<number, [number, number][]>()
  const out = new Array<number>(labels.length).fill(-1)
  const order = labels.map((l, i) => ({ l, i, s: span(l) })).sort((a, b) => a.s[0] - b.s[0] || a.i - b.i)
  for (const { l, i, s } of order) {
    let [a, b] = s
    // Keep text inside the chart: shift it in rather than let it run off the edge.
    if (bounds) {
      if (a < bounds.left) [a, b] = [bounds.left, bounds.left + (b - a)]
      if (b > bounds.right) [a, b] = [bounds.right - (b - a), bounds.right]
    }
    for (const row of l.rows) {
      const used = taken.get(row) ?? []
      if (used.some(([x, y]) => a < y + gap && b > x - gap)) continue
      used.push([a, b])
      taken.set(row, used)
      out[i] = row
      break
    }
  }
  return out
}

/**
 * One row of labels that must ALL be shown (the state band's words, "now"): each wants to start at `x`; a label
 * that would touch the one before it slides right, and if the last runs off the right edge the row slides back
 * left. Returns each label's start, in input order. Text may end up a little off its boundary; the band's
 * colours still say where the boundary is, and nothing is drawn over anything.
 */
export const packRow = (labels: readonly { x: number; width: number }[], bounds: { left: number; right: number }, gap = 8): number[] => {
  const order = labels.map((l, i) => ({ ...l, i })).sort((a, b) => a.x - b.x || a.i - b.i)
  const start = order.map((l) => Math.max(bounds.left, l.x))
  for (let k = 1; k < order.length; k++) start[k] = Math.max(start[k], start[k - 1] + order[k - 1].width + gap)
  for (let k = order.length - 1; k >= 0; k--) {
    const limit = k === order.length - 1 ? bounds.right : start[k + 1] - gap
    if (start[k] + order[k].width > limit) start[k] = Math.max(bounds.left, limit - order[k].width)
  }
  const out = new Array<number>(labels.length)
  order.forEach((l, k) => (out[l.i] = start[k]))
  return out
}

/** Where a label's text starts once kept inside the bounds (what the chart passes as x with anchor 'start'). */
export const clampedStart = (l: LabelBox, bounds: { left: number; right: number }): number => {
  const [a, b] = span(l)
  if (a < bounds.left) return bounds.left
  if (b > bounds.right) return bounds.right - (b - a)
  return a
}

// ---- the whole chart's geometry ----

export type Lane = 'alerts' | 'people' | 'engine'
export const LANES: readonly { lane: Lane; label: string }[] = [
  { lane: 'alerts', label: 'Alerts' },
  { lane: 'people', label: 'People' },
  { lane: 'engine', label: 'Lifecycle' },
]
/** Kinds added later (by newer servers) fall into the lifecycle lane. */
const LANE_OF: Partial<Record<TimelineKind, Lane>> = {
  opened: 'alerts', 'alert-joined': 'alerts', 'alert-resolved': 'alerts', 'alert-refired': 'alerts',
  'role-changed': 'engine', 'severity-changed': 'engine', 'priority-changed': 'engine', worsened: 'engine', flapping: 'engine', problem: 'engine',
  ack: 'people', unack: 'people', note: 'people', assign: 'people', escalate: 'people', notify: 'people',
  resolve: 'engine', close: 'engine', reopen: 'engine', merge: 'engine', split: 'engine', response: 'engine',
}
export const laneOf = (k: TimelineKind): Lane => LANE_OF[k] ?? 'engine'

/** Entries labelled on the chart; the rest are markers with a tooltip (and all are in the list below it). */
const LABELLED = new Set<TimelineKind>(['opened', 'ack', 'escalate', 'resolve', 'close', 'reopen', 'note'])
const SHORT: Partial<Record<TimelineKind, string>> = {
  opened: 'first event', ack: 'ack', escalate: 'escalated', resolve: 'resolved', close: 'closed', reopen: 're-opened', note: 'note',
}
const KIND_LABELS: Partial<Record<TimelineKind, string>> = {
  opened: 'Opened', 'alert-joined': 'Alert joined', 'alert-resolved': 'Alert resolved', 'alert-refired': 'Alert re-fired',
  'role-changed': 'Role changed', 'severity-changed': 'Severity changed', 'priority-changed': 'Priority changed', worsened: 'Worsened',
  flapping: 'Flapping', problem: 'Problem', ack: 'Acknowledged', unack: 'Ack taken back', note: 'Note', assign: 'Assigned',
  escalate: 'Escalated', resolve: 'Resolved', close: 'Closed', reopen: 'Re-opened', merge: 'Merged', split: 'Split', notify: 'Notified',
  response: 'Response action',
}
export const kindLabel = (k: TimelineKind): string => KIND_LABELS[k] ?? k

export const LEFT = 110
export const RIGHT = 24
/** The state band, then one row of band labels under it (for those that do not fit on the band), then the lanes. */
export const BAND_Y = 6
export const BAND_H = 18
const BAND_ROW_Y = [BAND_Y + 13, BAND_Y + BAND_H + 14] as const
export const TOP = BAND_Y + BAND_H + 26
export const LANE_H = 50
export const HEIGHT = TOP + LANE_H * LANES.length + 36
/** Marker labels: above the marker, below it. */
const MARKER_ROW_DY = [-13, 25] as const

export interface BandRect {
  state: 'open' | 'acknowledged' | 'resolved'
  x: number
  width: number
}
export interface PlacedText {
  text: string
  x: number
  y: number
  /** Text drawn on the coloured band (dark halo not needed) or on the chart background. */
  onBand: boolean
}
export interface MarkerCluster {
  lane: Lane
  x: number
  y: number
  entries: TimelineEntry[]
  label: PlacedText | null
}

export interface TimelineGeometry {
  from: number
  to: number
  x: (t: number) => number
  bands: BandRect[]
  bandLabels: PlacedText[]
  /** "now" on the axis for incidents still going (placed with the band labels, so they never overlap). */
  now: PlacedText | null
  clusters: MarkerCluster[]
}

export const layoutTimeline = (incident: Incident, entries: readonly TimelineEntry[], now: number, width: number): TimelineGeometry => {
  const times = [incident.openedAt, ...entries.map((e) => e.at)]
  const live = incident.status === 'open' || incident.status === 'acknowledged'
  const end = live ? now : Math.max(...times, incident.resolvedAt ?? 0, incident.closedAt ?? 0)
  const start = Math.min(...times)
  const pad = Math.max(30_000, (end - start) * 0.03)
  const from = start - pad
  const to = end + pad
  const x = (t: number) => LEFT + ((t - from) / (to - from)) * (width - LEFT - RIGHT)
  const bounds = { left: LEFT, right: width - RIGHT }

  // ---- state band and its labels ----
  const ackAt = incident.acknowledgedAt
  const endAt = incident.resolvedAt ?? incident.closedAt
  const bandEnd = endAt ?? now
  const bands: BandRect[] = [{ state: 'open', x: x(incident.openedAt), width: Math.max(2, x(ackAt ?? bandEnd) - x(incident.openedAt)) }]
  if (ackAt !== null) bands.push({ state: 'acknowledged', x: x(ackAt), width: Math.max(2, x(endAt ?? now) - x(ackAt)) })
  if (endAt !== null) bands.push({ state: 'resolved', x: x(endAt), width: Math.max(2, x(to) - x(endAt)) })
  const texts = [ackAt === null && endAt === null ? 'open — not acknowledged' : 'open']
  if (ackAt !== null) texts.push('acknowledged')
  if (endAt !== null) texts.push(incident.status === 'closed' ? 'closed' : 'resolved')
  // On the band when the label fits inside its own segment; the others (and "now") share the row under the band,
  // packed so that every one of them is drawn and none touches another.
  const bandLabels: PlacedText[] = []
  const under: { text: string; x: number; width: number }[] = []
  bands.forEach((b, i) => {
    const w = labelWidth(texts[i])
    if (w + 6 <= b.width && b.x + 6 + w <= bounds.right) bandLabels.push({ text: texts[i], x: b.x + 6, y: BAND_ROW_Y[0], onBand: true })
    else under.push({ text: texts[i], x: b.x + 2, width: w })
  })
  if (live) under.push({ text: 'now', x: x(now) + 4, width: labelWidth('now') })
  const starts = packRow(under, bounds)
  let nowLabel: PlacedText | null = null
  under.forEach((u, i) => {
    const placed = { text: u.text, x: starts[i], y: BAND_ROW_Y[1], onBand: false }
    if (live && i === under.length - 1) nowLabel = placed
    else bandLabels.push(placed)
  })
  bandLabels.sort((a, b) => texts.indexOf(a.text) - texts.indexOf(b.text))

  // ---- markers: entries closer than ~10 px in one lane draw as one marker with a count ----
  const laneY = (l: Lane) => TOP + LANES.findIndex((d) => d.lane === l) * LANE_H + LANE_H / 2
  const clusters: MarkerCluster[] = []
  const open: Partial<Record<Lane, MarkerCluster>> = {}
  for (const e of [...entries].sort((a, b) => a.at - b.at || a.id - b.id)) {
    const lane = laneOf(e.kind)
    const ex = x(e.at)
    const c = open[lane]
    if (c && ex - c.x < 10) c.entries.push(e)
    else clusters.push((open[lane] = { lane, x: ex, y: laneY(lane), entries: [e], label: null }))
  }
  // Marker labels: above or below their marker, never over another label in the same lane.
  for (const { lane } of LANES) {
    const inLane = clusters.filter((c) => c.lane === lane)
    const wanted = inLane.map((c) => {
      const named = c.entries.find((e) => LABELLED.has(e.kind))
      if (!named && c.entries.length === 1) return null
      const first = c.entries[0]
      const base = named ? (named.kind === 'escalate' && typeof named.data?.level === 'number' ? `escalated L${named.data.level}` : SHORT[named.kind]!) : kindLabel(first.kind).toLowerCase()
      return `${base}${c.entries.length > 1 ? (named ? ` +${c.entries.length - 1} more` : ` ×${c.entries.length}`) : ''}`
    })
    const lb: LabelBox[] = inLane.map((c, i) => ({ x: c.x, width: wanted[i] ? labelWidth(wanted[i]!) : 0, anchor: 'middle', rows: wanted[i] ? [0, 1] : [] }))
    const r = placeLabels(lb, 6, bounds)
    inLane.forEach((c, i) => {
      if (wanted[i] && r[i] >= 0) c.label = { text: wanted[i]!, x: clampedStart(lb[i], bounds), y: c.y + MARKER_ROW_DY[r[i]], onBand: false }
    })
  }
  return { from, to, x, bands, bandLabels, now: nowLabel, clusters }
}
