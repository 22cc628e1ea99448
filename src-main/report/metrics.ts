/**
 * Time series for the console's metrics views (the NetApp workflow's success metrics): MTTD / MTTA / MTTR trends
 * per client, events vs incidents, escalation rate, automation rate — one point per bucket (a day by default).
 *
 * Bucket membership follows the period report's definitions (client-period.ts), so a month of daily points
 * adds up to the month's report: incidents, escalation and MTTD by openedAt; MTTA by first ack; MTTR and
 * automation by final resolution. Merged-away incidents are left out.
 */
import { zonedMidnight } from './period'
import { localParts } from './format'
import { incidentTimes, type IncidentTimes } from './times'
import type { IncidentWithTimeline } from './types'

export const DAY_MS = 86_400_000
const MAX_BUCKETS = 20_000

export interface MetricsInput {
  from: number
  to: number
  /**
   * Bucket starts (ascending, the first ≥ from): `dayBoundaries(from, to, tz)` gives local days that follow DST.
   * Without it buckets are `bucketMs` wide (default one day) starting at `from`.
   */
  boundaries?: number[]
  bucketMs?: number
  incidents: IncidentWithTimeline[]
  /** Event counts at any granularity no coarser than a bucket (e.g. per hour from the store): t is inside the slice. */
  events: { client: string; t: number; n: number }[]
  /** Limit to these clients (default: every client seen in incidents or events). */
  clients?: string[]
}

export interface MetricsPoint {
  /** Bucket start (epoch ms). */
  t: number
  events: number
  incidents: number
  acked: number
  resolved: number
  escalated: number
  automated: number
  mttdMs: number | null
  mttaMs: number | null
  mttrMs: number | null
  /** escalated / incidents opened in the bucket. */
  escalationRate: number | null
  /** automated / resolved in the bucket. */
  automationRate: number | null
}

export interface MetricsSeries {
  /** Client id, or `*` for all clients together. */
  client: string
  points: MetricsPoint[]
  totals: Omit<MetricsPoint, 't'>
}

export interface MetricsSummary {
  from: number
  to: number
  buckets: number[]
  overall: MetricsSeries
  clients: MetricsSeries[]
}

/** Local midnights from the day containing `from` up to `to` (each day 23, 24 or 25 hours long). */
export const dayBoundaries = (from: number, to: number, timeZone = 'UTC'): number[] => {
  const p = localParts(from, timeZone)
  const out: number[] = []
  for (let i = 0; out.length < MAX_BUCKETS; i++) {
    const b = zonedMidnight(p.year, p.month, p.day + i, timeZone)
    if (b >= to) break
    out.push(b)
  }
  return out
}

const fixedBoundaries = (from: number, to: number, width: number): number[] => {
  if (!(width > 0)) throw new RangeError('bucketMs must be positive')
  const n = Math.ceil((to - from) / width)
  if (n > MAX_BUCKETS) throw new RangeError(`${n} buckets requested; at most ${MAX_BUCKETS}`)
  return Array.from({ length: Math.max(0, n) }, (_, i) => from + i * width)
}

/** Index of the bucket holding t, or -1 (outside [first boundary, to)). */
const bucketOf = (b: number[], to: number, t: number | null): number => {
  if (t === null || t >= to || !b.length || t < b[0]) return -1
  let lo = 0
  let hi = b.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (b[mid] <= t) lo = mid
    else hi = mid - 1
  }
  return lo
}

interface Acc {
  events: number
  incidents: number
  escalated: number
  acked: number
  resolved: number
  automated: number
  ttd: number[]
  tta: number[]
  ttr: number[]
}
const emptyAcc = (): Acc => ({ events: 0, incidents: 0, escalated: 0, acked: 0, resolved: 0, automated: 0, ttd: [], tta: [], ttr: [] })
const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null)

const point = (a: Acc) => ({
  events: a.events,
  incidents: a.incidents,
  acked: a.acked,
  resolved: a.resolved,
  escalated: a.escalated,
  automated: a.automated,
  mttdMs: avg(a.ttd),
  mttaMs: avg(a.tta),
  mttrMs: avg(a.ttr),
  escalationRate: a.incidents ? a.escalated / a.incidents : null,
  automationRate: a.resolved ? a.automated / a.resolved : null,
})

const add = (acc: Acc, into: Acc) => {
  for (const k of ['events', 'incidents', 'escalated', 'acked', 'resolved', 'automated'] as const) into[k] += acc[k]
  into.ttd.push(...acc.ttd)
  into.tta.push(...acc.tta)
  into.ttr.push(...acc.ttr)
}

export const buildMetrics = (input: MetricsInput): MetricsSummary => {
  const { from, to } = input
  const b = input.boundaries?.filter((x) => x >= from && x < to) ?? fixedBoundaries(from, to, input.bucketMs ?? DAY_MS)
  const wanted = input.clients ? new Set(input.clients) : null
  const series = new Map<string, Acc[]>()
  const accOf = (client: string, i: number): Acc | null => {
    if (i < 0 || (wanted && !wanted.has(client))) return null
    let s = series.get(client)
    if (!s) series.set(client, (s = b.map(emptyAcc)))
    return s[i]
  }
  for (const e of input.events) {
    const a = accOf(e.client, bucketOf(b, to, e.t))
    if (a) a.events += e.n
  }
  for (const x of input.incidents) {
    const t: IncidentTimes = incidentTimes(x.incident, x.timeline, x.onsetAt ?? null)
    if (t.mergedAway) continue
    const c = x.incident.client
    const opened = accOf(c, bucketOf(b, to, t.openedAt))
    if (opened) {
      opened.incidents++
      if (t.escalated) opened.escalated++
      if (t.ttd !== null) opened.ttd.push(t.ttd)
    }
    const acked = accOf(c, bucketOf(b, to, t.firstAckAt))
    if (acked && t.tta !== null) {
      acked.acked++
      acked.tta.push(t.tta)
    }
    const resolved = accOf(c, bucketOf(b, to, t.resolvedAt))
    if (resolved && t.ttr !== null) {
      resolved.resolved++
      resolved.ttr.push(t.ttr)
      if (t.automated) resolved.automated++
    }
  }
  // Asked-for clients appear even with nothing in the range (a flat line, not a missing chart).
  if (wanted) for (const c of wanted) if (!series.has(c)) series.set(c, b.map(emptyAcc))

  const toSeries = (client: string, accs: Acc[]): MetricsSeries => {
    const total = emptyAcc()
    for (const a of accs) add(a, total)
    return { client, points: accs.map((a, i) => ({ t: b[i], ...point(a) })), totals: point(total) }
  }
  const clients = [...series.keys()].sort().map((c) => toSeries(c, series.get(c) as Acc[]))
  const overall = b.map(emptyAcc)
  for (const accs of series.values()) accs.forEach((a, i) => add(a, overall[i]))
  return { from, to, buckets: b, overall: toSeries('*', overall), clients }
}

/** LTTB lives in src-shared (the console's charts use it too); re-exported for the report layer's callers. */
export { downsample } from '@shared/lib/downsample'
