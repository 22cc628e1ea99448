/**
 * `metrics.summary` → what the charts draw. Pure, so it is tested without a DOM. Times stay epoch ms; means
 * become minutes and rates percentages (what the axes print). Series longer than MAX_POINTS are thinned with
 * LTTB (src-shared/lib/downsample) per chart, by the value that chart is about, so peaks survive.
 */
import { downsample } from '@shared/lib/downsample'
import type { MetricsBucket, MetricsSeries, MetricsSummary, MetricsTotals } from '@shared/model/metrics'

export const MAX_POINTS = 600

export interface ChartRow {
  t: number
  events: number
  incidents: number
  /** Mean minutes; null where nothing qualified in the bucket (a gap, not a zero). */
  mttd: number | null
  mtta: number | null
  mttr: number | null
  /** Percent, null where the bucket had no incidents (escalation) or no resolutions (automation). */
  escalation: number | null
  automation: number | null
}

const minutes = (ms: number | null): number | null => (ms === null ? null : Math.round((ms / 60_000) * 10) / 10)
const percent = (r: number | null): number | null => (r === null ? null : Math.round(r * 1000) / 10)

export const chartRows = (s: MetricsSeries): ChartRow[] =>
  s.points.map((p) => ({
    t: p.t,
    events: p.events,
    incidents: p.incidents,
    mttd: minutes(p.mttdMs),
    mtta: minutes(p.mttaMs),
    mttr: minutes(p.mttrMs),
    escalation: percent(p.escalationRate),
    automation: percent(p.automationRate),
  }))

/** At most MAX_POINTS rows, chosen by `by` (the series that matters most in that chart). */
export const thin = (rows: readonly ChartRow[], by: (r: ChartRow) => number | null): ChartRow[] => downsample(rows, MAX_POINTS, by)

/** The series a scope shows: one client's, or every client together. */
export const seriesOf = (m: MetricsSummary, client: string | null): MetricsSeries | undefined =>
  client === null ? m.overall : m.clients.find((c) => c.client === client)

export interface ClientRow extends MetricsTotals {
  client: string
}

/** Per-client totals, busiest first (incidents, then events). */
export const clientTable = (m: MetricsSummary): ClientRow[] =>
  m.clients.map((c) => ({ client: c.client, ...c.totals })).sort((a, b) => b.incidents - a.incidents || b.events - a.events || a.client.localeCompare(b.client))

export const RANGES = [
  { id: '6h', label: 'Last 6 hours', ms: 6 * 3_600_000, bucket: '5min' },
  { id: '24h', label: 'Last 24 hours', ms: 86_400_000, bucket: 'hour' },
  { id: '7d', label: 'Last 7 days', ms: 7 * 86_400_000, bucket: 'hour' },
  { id: '30d', label: 'Last 30 days', ms: 30 * 86_400_000, bucket: 'day' },
  { id: '90d-hourly', label: 'Last 90 days, hourly', ms: 90 * 86_400_000, bucket: 'hour' },
  { id: '365d', label: 'Last 365 days', ms: 365 * 86_400_000, bucket: 'day' },
] as const
export type RangeId = (typeof RANGES)[number]['id']

export const rangeQuery = (id: RangeId, now: number, client: string | null) => {
  const r = RANGES.find((x) => x.id === id) ?? RANGES[1]
  return { from: now - r.ms, to: now, bucket: r.bucket, ...(client ? { client } : {}) }
}

/** Axis ticks in the zone the buckets follow: "11-16" for days, "11-16 14:00" for hours and minutes. */
export const tickLabel = (t: number, bucket: MetricsBucket, timeZone: string): string => {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    month: '2-digit',
    day: '2-digit',
    hour: bucket !== 'day' ? '2-digit' : undefined,
    minute: bucket !== 'day' ? '2-digit' : undefined,
    hourCycle: 'h23',
  }).formatToParts(t)
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return bucket !== 'day' ? `${get('month')}-${get('day')} ${get('hour')}:${get('minute')}` : `${get('month')}-${get('day')}`
}

/** "4m", "1h 30m", "—" for unknown: response times as operators say them. */
export const formatMinutes = (min: number | null | undefined): string => {
  if (min === null || min === undefined) return '—'
  if (min < 1) return `${Math.round(min * 60)}s`
  if (min < 60) return `${Math.round(min)}m`
  const h = Math.floor(min / 60)
  const m = Math.round(min % 60)
  if (h < 48) return m ? `${h}h ${m}m` : `${h}h`
  return `${Math.round(h / 24)}d`
}

export const formatMs = (ms: number | null | undefined): string => formatMinutes(ms === null || ms === undefined ? null : ms / 60_000)

export const formatRate = (r: number | null | undefined): string => (r === null || r === undefined ? '—' : `${Math.round(r * 100)}%`)
