import { z } from 'zod'
import { Criticality } from './config'
import { Severity } from './severity'

/**
 * Read-only shapes the console's screens need that are not plain rows: the severity heatmaps and the
 * client profiles shown in settings. Computed on the server from the event journal, alerts and the config.
 */

export const HEATMAP_RANGES = ['1h', '24h'] as const
export const HeatmapRange = z.enum(HEATMAP_RANGES)
export type HeatmapRange = z.infer<typeof HeatmapRange>

/** One time bucket of one client: worst firing severity seen in it (null: nothing fired) and events received. */
export const HeatCell = z.object({ worst: Severity.nullable(), events: z.number().int() })
export type HeatCell = z.infer<typeof HeatCell>

export const HeatmapQuery = z.object({ range: HeatmapRange.default('1h') })

export const Heatmap = z.object({
  range: HeatmapRange,
  /** Start of the first bucket (epoch ms, aligned to the bucket size). */
  from: z.number(),
  to: z.number(),
  bucketMs: z.number().int(),
  /** Clients with at least one event in the range, busiest first. Each row has one cell per bucket. */
  rows: z.array(z.object({ client: z.string(), name: z.string(), cells: z.array(HeatCell) })),
})
export type Heatmap = z.infer<typeof Heatmap>

/** One client × service cell: worst open severity (null: nothing open), open alerts, events in the range. */
export const ServiceCell = z.object({ worst: Severity.nullable(), open: z.number().int(), events: z.number().int() })
export type ServiceCell = z.infer<typeof ServiceCell>

/** Alerts without a service are counted under this name. */
export const NO_SERVICE = '(no service)'

export const ServiceMatrix = z.object({
  range: HeatmapRange,
  /** Service names, most troubled first (open alerts, then events). */
  services: z.array(z.string()),
  rows: z.array(z.object({ client: z.string(), name: z.string(), cells: z.record(z.string(), ServiceCell) })),
})
export type ServiceMatrix = z.infer<typeof ServiceMatrix>

/** A client as configured (or defaulted), for the settings screen. */
export const ClientProfileView = z.object({
  id: z.string(),
  name: z.string(),
  tier: z.string(),
  timeZone: z.string(),
  businessHours: z.object({ days: z.array(z.number().int()), start: z.string(), end: z.string() }),
  /** Configured services with their criticality, plus services seen on alerts (criticality: the default). */
  services: z.array(z.object({ name: z.string(), criticality: Criticality, configured: z.boolean() })),
  contacts: z.array(z.object({ name: z.string(), email: z.string().optional(), phone: z.string().optional(), role: z.string().optional() })),
  configured: z.boolean(),
  firstSeen: z.number().nullable(),
  lastSeen: z.number().nullable(),
})
export type ClientProfileView = z.infer<typeof ClientProfileView>
