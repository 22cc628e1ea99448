import { z } from 'zod'
import { Severity } from './severity'
import { AlertStatus, Component, Labels, Source } from './event'

/**
 * What dedup remembers about the state it applied last (engine/episode.ts): the current (or last) episode, when the
 * one before it ended, and on which clock and at which precision the deciding event's time was.
 */
export const AlertEpisode = z.object({
  /** Source episode id (Zabbix problem event id), when the format has one. */
  key: z.string().nullable(),
  /** When the current or last episode began, source time (Alertmanager `startsAt`, else the first fire's time). */
  start: z.number().nullable(),
  /** When the episode before it ended (source time), once known. */
  prevEnd: z.number().nullable(),
  basis: z.enum(['source', 'received']),
  precisionMs: z.number().int().positive(),
  /** Our receive time of the event that decided the state. */
  receivedAt: z.number(),
})
export type AlertEpisode = z.infer<typeof AlertEpisode>

/** The latest event dedup ignored because it was older than the recorded state, and how many were. */
export const IgnoredEvents = z.object({
  count: z.number().int().nonnegative(),
  last: z.object({
    receivedAt: z.number(),
    /** The event's own (source) time. */
    time: z.number(),
    status: AlertStatus,
    severity: Severity,
    source: Source,
    reason: z.string(),
  }),
})
export type IgnoredEvents = z.infer<typeof IgnoredEvents>

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
  /** Ordering bookkeeping (absent on rows written before it existed). */
  episode: AlertEpisode.nullable().optional(),
  /** Events ignored as older than the recorded state ("ignored an older state from …"). */
  ignored: IgnoredEvents.nullable().optional(),
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
