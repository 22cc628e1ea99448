/**
 * A metrics series (`metrics.summary`, or the period report's daily points — both from `buildMetrics`) → what a
 * chart draws, for the console's metrics view and the report charts alike, so both show the same numbers.
 * Times stay epoch ms; means become minutes and rates percentages (what the axes print). Series longer than
 * MAX_POINTS are thinned with LTTB (./downsample) per chart, by the value that chart is about, so peaks survive.
 */
import type { MetricsBucket, MetricsSeries } from '../model/metrics'
import { downsample } from './downsample'

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

export const chartRows = (s: MetricsSeries | { points: MetricsSeries['points'] }): ChartRow[] =>
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
