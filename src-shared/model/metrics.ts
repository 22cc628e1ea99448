/**
 * Service metrics series (`metrics.summary`): per client and for all clients together (`client: '*'`), one
 * point per bucket. Definitions in docs/reports.md: incidents, escalation and MTTD count by opening, MTTA by
 * first ack, MTTR and automation by final resolution, so daily points add up to the period report.
 */
import { z } from 'zod'
import { Instant } from './report'

export const MetricsTotals = z.object({
  events: z.number().int(),
  incidents: z.number().int(),
  acked: z.number().int(),
  resolved: z.number().int(),
  escalated: z.number().int(),
  automated: z.number().int(),
  /** Means in ms; null when nothing in the bucket qualifies (not zero). */
  mttdMs: z.number().nullable(),
  mttaMs: z.number().nullable(),
  mttrMs: z.number().nullable(),
  /** escalated / incidents opened. */
  escalationRate: z.number().nullable(),
  /** automated / resolved. */
  automationRate: z.number().nullable(),
})
export type MetricsTotals = z.infer<typeof MetricsTotals>

export const MetricsPoint = MetricsTotals.extend({ t: z.number() })
export type MetricsPoint = z.infer<typeof MetricsPoint>

export const MetricsSeries = z.object({ client: z.string(), points: z.array(MetricsPoint), totals: MetricsTotals })
export type MetricsSeries = z.infer<typeof MetricsSeries>

/** `5min` is for the last hours (a fresh console, a shift in progress); `day` follows the local calendar. */
export const METRICS_BUCKETS = ['day', 'hour', '5min'] as const
export type MetricsBucket = (typeof METRICS_BUCKETS)[number]

export const MetricsSummary = z.object({
  from: z.number(),
  to: z.number(),
  /** Bucket starts: local midnights (23–25 h days across DST), whole hours or 5-minute marks. */
  buckets: z.array(z.number()),
  bucket: z.enum(METRICS_BUCKETS),
  /** Zone the day buckets follow. */
  timeZone: z.string(),
  overall: MetricsSeries,
  clients: z.array(MetricsSeries),
})
export type MetricsSummary = z.infer<typeof MetricsSummary>

/** Longest range per bucket size (keeps an answer a chart can use: ≤ ~400 days, ~3 months of hours, 2 days of 5 minutes). */
export const MAX_METRICS_RANGE_MS: Record<MetricsBucket, number> = { day: 400 * 86_400_000, hour: 92 * 86_400_000, '5min': 2 * 86_400_000 }

/** Width of the fixed-size buckets. */
export const BUCKET_MS = { hour: 3_600_000, '5min': 300_000 } as const

export const MetricsQuery = z
  .object({
    /** Default: 30 days before `to`. */
    from: Instant.optional(),
    /** Default: now. */
    to: Instant.optional(),
    client: z.string().min(1).max(200).optional(),
    bucket: z.enum(METRICS_BUCKETS).default('day'),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from < q.to, { message: 'from must be before to', path: ['from'] })
export type MetricsQuery = z.output<typeof MetricsQuery>
