import { z } from 'zod'
import { Severity } from './severity'

export const SOURCES = ['alertmanager', 'grafana', 'zabbix', 'pagerduty', 'alerta', 'native', 'heartbeat'] as const
export const Source = z.enum(SOURCES)
export type Source = z.infer<typeof Source>

export const AlertStatus = z.enum(['firing', 'resolved'])
export type AlertStatus = z.infer<typeof AlertStatus>

export const Component = z.object({ type: z.string().min(1).max(200), name: z.string().min(1).max(500) })
export type Component = z.infer<typeof Component>

const shortText = z.string().max(200)
/** Label maps are string → string; values are capped so one hostile label cannot bloat every row. */
export const Labels = z.record(z.string().max(200), z.string().max(4000))
export type Labels = z.infer<typeof Labels>

/**
 * The console's own event format (POST /api/v1/events, WS agents), after the Tap In event model.
 * Unknown fields are tolerated and ignored (senders add fields over time); known ones are strict.
 */
export const NativeEventInput = z.object({
  client: shortText.min(1).optional(),
  class: shortText.min(1),
  ems: shortText.min(1).optional(),
  rule: shortText.min(1),
  group: shortText.optional(),
  components: z.array(Component).max(50).default([]),
  severity: Severity,
  text: z.string().max(4000).default(''),
  time: z.union([z.iso.datetime({ offset: true }), z.number().int().nonnegative()]).optional(),
  attributes: z.record(z.string().max(200), z.unknown()).optional(),
  fingerprint: shortText.min(1).optional(),
  source: shortText.optional(),
  service: shortText.optional(),
  resource: shortText.optional(),
  status: AlertStatus.optional(),
})
export type NativeEventInput = z.infer<typeof NativeEventInput>

/**
 * A normalized occurrence, as every adapter emits it and the hub ingests it.
 * Times are epoch milliseconds.
 */
export const NocEvent = z.object({
  source: Source,
  client: z.string(),
  fingerprint: z.string(),
  /** Why this fingerprint: 'source' (the sender's own key) or 'tapin' (client+class+ems+rule+components). */
  fingerprintKind: z.enum(['source', 'tapin']),
  class: z.string(),
  ems: z.string(),
  rule: z.string(),
  group: z.string().optional(),
  components: z.array(Component),
  resource: z.string().optional(),
  service: z.string().optional(),
  severity: Severity,
  status: AlertStatus,
  summary: z.string(),
  description: z.string().optional(),
  /** When the source says it happened. */
  time: z.number(),
  /** When we accepted it. */
  receivedAt: z.number(),
  labels: Labels,
  annotations: Labels.optional(),
  attributes: z.record(z.string(), z.unknown()).optional(),
  url: z.string().optional(),
  runbookUrl: z.string().optional(),
  /**
   * Which clock `time` is on: the source's own (`source`, the default) or ours because the payload carried no
   * usable time (`received`). Times on different clocks are compared with a tolerance, not to the millisecond.
   */
  timeBasis: z.enum(['source', 'received']).optional(),
  /** Resolution of `time` at the source in ms (1000 for whole seconds: Zabbix, RFC 3339 without a fraction). Default 1. */
  timePrecisionMs: z.number().int().positive().optional(),
  /**
   * The source's own identity of the firing episode this event belongs to, where its format has one: `key`
   * (Zabbix problem event id) and/or `start` (Alertmanager/Grafana `startsAt`, epoch ms). See engine/episode.ts.
   */
  episode: z.object({ key: z.string().max(200).optional(), start: z.number().optional() }).optional(),
  /**
   * The payload described nothing (e.g. a PagerDuty resolve/acknowledge with no payload): keep the alert's
   * summary, labels and severity rather than overwrite them with placeholders.
   */
  sparse: z.boolean().optional(),
})
export type NocEvent = z.infer<typeof NocEvent>
