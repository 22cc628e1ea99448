import { z } from 'zod'
import { Severity } from './severity'
import { AlertStatus, Component, Labels, Source } from './event'

/** De-duplicated events sharing a (client, fingerprint). */
export const Alert = z.object({
  id: z.number().int(),
  fingerprint: z.string(),
  fingerprintKind: z.enum(['source', 'tapin']),
  client: z.string(),
  source: Source,
  class: z.string(),
  ems: z.string(),
  rule: z.string(),
  group: z.string().nullable(),
  components: z.array(Component),
  resource: z.string().nullable(),
  service: z.string().nullable(),
  severity: Severity,
  status: AlertStatus,
  count: z.number().int(),
  firstSeen: z.number(),
  lastSeen: z.number(),
  /** Source time of the latest state-deciding event (orders out-of-order deliveries). */
  stateTime: z.number(),
  resolvedAt: z.number().nullable(),
  summary: z.string(),
  description: z.string().nullable(),
  labels: Labels,
  annotations: Labels,
  url: z.string().nullable(),
  runbookUrl: z.string().nullable(),
  /** Monotonic change sequence: consoles resume from the last one they saw. */
  seq: z.number().int(),
})
export type Alert = z.infer<typeof Alert>

export const AlertQuery = z.object({
  client: z.string().optional(),
  status: AlertStatus.optional(),
  severity: Severity.optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
  /** Opaque cursor from the previous page's `nextCursor`. */
  cursor: z.string().optional(),
})
export type AlertQuery = z.infer<typeof AlertQuery>

export const AlertPage = z.object({ items: z.array(Alert), nextCursor: z.string().nullable() })
export type AlertPage = z.infer<typeof AlertPage>
