/**
 * Charts in reports, as vector shapes: one chart model, one geometry (`chartShapes`), drawn as SVG in HTML and as
 * PDF paths by the PDF renderer — so both show the same picture. Pure: no fonts, no I/O.
 *
 * Lines connect the known points across empty buckets (as the console's charts do) and mark each known point
 * with a dot when there are few, so a lone value between gaps is visible; bars start at zero.
 */

export interface ChartSeries {
  name: string
  kind: 'line' | 'bar'
  axis: 'left' | 'right'
  color: string
  values: (number | null)[]
  /** The values as a reader reads them ("4m", "12"), for tables and tooltips; "—" where unknown. */
  labels: string[]
}

export interface ChartAxis {
  title: string
  max: number
  ticks: { value: number; label: string }[]
}

export interface Chart {
  title: string
  note?: string
  /** One per bucket ("11-16"). */
  xLabels: string[]
  series: ChartSeries[]
  left: ChartAxis
  right?: ChartAxis
}

export interface ChartInput {
  title: string
  note?: string
  xLabels: string[]
  series: Omit<ChartSeries, 'labels'>[]
  left: AxisInput
  right?: AxisInput
}

export interface AxisInput {
  title: string
  format: (v: number) => string
  integer?: boolean
  /** Allowed tick steps, ascending (e.g. minutes: 5, 10, 15, 30, 60, 120 …); default 1, 2, 2.5, 5 × 10ⁿ. */
  steps?: readonly number[]
}

/** Tick steps for an axis in minutes: whole minutes, quarter hours, hours, days. */
export const MINUTE_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 240, 360, 480, 720, 1440, 2880, 4320, 7200, 10080] as const

/** 0 and about `count` round steps (1, 2, 2.5 or 5 × 10ⁿ) up to at least `max`. */
export const niceTicks = (max: number, count = 4, integer = false, steps?: readonly number[]): number[] => {
  const top = max > 0 && Number.isFinite(max) ? max : 1
  const raw = top / count
  const mag = 10 ** Math.floor(Math.log10(raw))
  let step = steps?.find((x) => x >= raw) ?? ([1, 2, 2.5, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag
  if (integer) step = Math.max(1, Math.ceil(step))
  const n = Math.ceil(top / step - 1e-9)
  return Array.from({ length: n + 1 }, (_, i) => Math.round(i * step * 1e6) / 1e6)
}

const axis = (a: AxisInput, values: (number | null)[]): ChartAxis => {
  const ticks = niceTicks(Math.max(0, ...values.filter((v): v is number => v !== null)), 4, a.integer, a.steps)
  return { title: a.title, max: ticks[ticks.length - 1], ticks: ticks.map((value) => ({ value, label: value === 0 ? '0' : a.format(value) })) }
}

export const buildChart = (input: ChartInput): Chart => {
  const on = (side: 'left' | 'right') => input.series.filter((s) => s.axis === side).flatMap((s) => s.values)
  const fmt = (s: Omit<ChartSeries, 'labels'>) => (s.axis === 'right' && input.right ? input.right.format : input.left.format)
  return {
    title: input.title,
    ...(input.note ? { note: input.note } : {}),
    xLabels: input.xLabels,
    series: input.series.map((s) => ({ ...s, labels: s.values.map((v) => (v === null ? '—' : fmt(s)(v))) })),
    left: axis(input.left, on('left')),
    ...(input.right ? { right: axis(input.right, on('right')) } : {}),
  }
}

export type Shape =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; fill: string }
  | { kind: 'line'; points: [number, number][]; stroke: string; width: number; dash?: number }
  | { kind: 'dot'; x: number; y: number; r: number; fill: string }
  | { kind: 'text'; x: number; y: number; text: string; size: number; color: string; anchor: 'start' | 'middle' | 'end'; bold?: boolean }

const GRID = '#dddddd'
const INK = '#555555'
/** A rough advance for laying out labels without fonts (Noto Sans digits and Latin average ~0.55 em). */
const approxWidth = (s: string, size: number) => [...s].length * size * 0.56

/** The chart in a box of `width` × `height` points, origin top left. */
export const chartShapes = (c: Chart, width: number, height: number): Shape[] => {
  const out: Shape[] = []
  const tickSize = 7.5
  const pad = { top: 30, bottom: 18, left: 8 + Math.max(...c.left.ticks.map((t) => approxWidth(t.label, tickSize))), right: c.right ? 10 + Math.max(...c.right.ticks.map((t) => approxWidth(t.label, tickSize))) : 10 }
  const x0 = pad.left
  const x1 = width - pad.right
  const y0 = pad.top
  const y1 = height - pad.bottom
  const n = c.xLabels.length
  const band = n ? (x1 - x0) / n : x1 - x0
  const cx = (i: number) => x0 + (i + 0.5) * band
  const yOf = (a: ChartAxis) => (v: number) => y1 - (a.max > 0 ? (v / a.max) * (y1 - y0) : 0)

  out.push({ kind: 'text', x: 0, y: 10, text: c.title, size: 9.5, color: '#111111', anchor: 'start', bold: true })
  if (c.note) out.push({ kind: 'text', x: 0, y: 21, text: c.note, size: 7, color: INK, anchor: 'start' })
  // Legend, right-aligned on the title line.
  let lx = width
  for (const s of [...c.series].reverse()) {
    lx -= approxWidth(s.name, 7.5) + 4
    out.push({ kind: 'text', x: lx, y: 10, text: s.name, size: 7.5, color: INK, anchor: 'start' })
    lx -= 12
    if (s.kind === 'bar') out.push({ kind: 'rect', x: lx, y: 4, w: 9, h: 7, fill: s.color })
    else out.push({ kind: 'line', points: [[lx, 7.5], [lx + 9, 7.5]], stroke: s.color, width: 2 })
    lx -= 8
  }

  const left = yOf(c.left)
  for (const t of c.left.ticks) {
    out.push({ kind: 'line', points: [[x0, left(t.value)], [x1, left(t.value)]], stroke: GRID, width: 0.5, ...(t.value ? { dash: 2 } : {}) })
    out.push({ kind: 'text', x: x0 - 4, y: left(t.value) + 2.5, text: t.label, size: tickSize, color: INK, anchor: 'end' })
  }
  if (c.right) {
    const right = yOf(c.right)
    for (const t of c.right.ticks) out.push({ kind: 'text', x: x1 + 4, y: right(t.value) + 2.5, text: t.label, size: tickSize, color: INK, anchor: 'start' })
  }
  out.push({ kind: 'line', points: [[x0, y1], [x1, y1]], stroke: '#999999', width: 0.7 })

  // Every k-th date, so labels never overlap.
  const labelW = Math.max(1, ...c.xLabels.map((l) => approxWidth(l, tickSize))) + 6
  const every = Math.max(1, Math.ceil(labelW / band))
  c.xLabels.forEach((l, i) => {
    if (i % every === 0) out.push({ kind: 'text', x: cx(i), y: y1 + 11, text: l, size: tickSize, color: INK, anchor: 'middle' })
  })

  const bars = c.series.filter((s) => s.kind === 'bar')
  const barW = Math.min(18, (band * 0.7) / Math.max(1, bars.length))
  bars.forEach((s, k) => {
    const y = yOf(s.axis === 'right' && c.right ? c.right : c.left)
    s.values.forEach((v, i) => {
      if (v === null || v <= 0) return
      const x = cx(i) - (bars.length * barW) / 2 + k * barW
      out.push({ kind: 'rect', x, y: y(v), w: barW, h: y1 - y(v), fill: s.color })
    })
  })
  for (const s of c.series.filter((x) => x.kind === 'line')) {
    const y = yOf(s.axis === 'right' && c.right ? c.right : c.left)
    const pts = s.values.flatMap((v, i): [number, number][] => (v === null ? [] : [[cx(i), y(v)]]))
    if (pts.length > 1) out.push({ kind: 'line', points: pts, stroke: s.color, width: 1.6 })
    if (pts.length <= 60) for (const [x, yy] of pts) out.push({ kind: 'dot', x, y: yy, r: 1.9, fill: s.color })
  }
  if (!n) out.push({ kind: 'text', x: (x0 + x1) / 2, y: (y0 + y1) / 2, text: 'no data in this period', size: 8, color: INK, anchor: 'middle' })
  return out
}
