/**
 * `metrics.summary` → what the charts draw. The series conversion (minutes, percent, LTTB thinning, tick labels)
 * lives in src-shared/lib/metrics-chart.ts, shared with the report charts, so the console and a client's report
 * show the same numbers; the rest here is the view's own (scopes, ranges, number formats).
 */
import { formatMinutes } from '@shared/lib/metrics-chart'
import type { MetricsSeries, MetricsSummary, MetricsTotals } from '@shared/model/metrics'

export { chartRows, formatMinutes, MAX_POINTS, thin, tickLabel, type ChartRow } from '@shared/lib/metrics-chart'

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

export const formatMs = (ms: number | null | undefined): string => formatMinutes(ms === null || ms === undefined ? null : ms / 60_000)

export const formatRate = (r: number | null | undefined): string => (r === null || r === undefined ? '—' : `${Math.round(r * 100)}%`)
