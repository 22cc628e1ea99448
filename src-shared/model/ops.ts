import { z } from 'zod'
import { Instant } from './ops-config'
import { Priority, Severity } from './severity'

/**
 * What the console shows about notification, escalation, suppression, source health, storms and responses.
 * Rows carry `seq` (the change sequence) so consoles resume them like alerts and incidents.
 */

const epoch = z.number()

/** A flag from a query string (`?activeOnly=true`) or a JSON body (`true`). */
export const BoolParam = z.union([z.boolean(), z.stringbool()])

// ---- deliveries (the outbox) ----

export const DeliveryStatus = z.enum(['pending', 'sent', 'failed'])
export type DeliveryStatus = z.infer<typeof DeliveryStatus>
export const DeliveryEvent = z.enum(['trigger', 'escalate', 'acknowledge', 'resolve', 'response'])
export type DeliveryEvent = z.infer<typeof DeliveryEvent>
export const ChannelType = z.enum(['desktop', 'slack', 'pagerduty', 'webhook', 'response'])
export type ChannelType = z.infer<typeof ChannelType>

/** One notification (or response action call) in the persisted outbox, with its latest attempt. */
export const Delivery = z.object({
  id: z.number().int(),
  incidentId: z.string().nullable(),
  channel: z.string(),
  channelType: ChannelType,
  event: DeliveryEvent,
  /** The escalation target (role) or rule that caused it. */
  target: z.string().nullable(),
  status: DeliveryStatus,
  attempts: z.number().int(),
  /** When the next attempt is due (pending only). */
  nextAttemptAt: epoch.nullable(),
  /** Why the last attempt failed (`HTTP 500: …`, `connect ECONNREFUSED …`). */
  error: z.string().nullable(),
  /** Enqueued at. */
  at: epoch,
  updatedAt: epoch,
  sentAt: epoch.nullable(),
  seq: z.number().int(),
})
export type Delivery = z.infer<typeof Delivery>

export const DeliveryQuery = z.object({
  incidentId: z.string().optional(),
  status: DeliveryStatus.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
})

/** A desktop notification for consoles (Web Notifications + sound) and the Electron shell. */
export const DesktopNotice = z.object({
  deliveryId: z.number().int(),
  incidentId: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  severity: Severity,
  priority: Priority.nullable(),
  event: DeliveryEvent,
  at: epoch,
})
export type DesktopNotice = z.infer<typeof DesktopNotice>

// ---- escalation ----

/** One scheduled notification of an incident: an escalation step or a delayed notification rule. */
export const ScheduledStep = z.object({
  incidentId: z.string(),
  kind: z.enum(['step', 'rule']),
  /** Policy (steps) or rule name. */
  ref: z.string(),
  /** Repeat round (0 = first run of the chain) and step index; 0/0 for rules. */
  round: z.number().int(),
  step: z.number().int(),
  notify: z.array(z.string()),
  dueAt: epoch,
  firedAt: epoch.nullable(),
  cancelledAt: epoch.nullable(),
  cancelReason: z.string().nullable(),
  /** Why a due step waits (maintenance, silence, inhibition, outside business hours); null when not held. */
  held: z.string().nullable(),
})
export type ScheduledStep = z.infer<typeof ScheduledStep>

// ---- suppression ----

export const MaintenanceSchedule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('once'), start: epoch, end: epoch }),
  z.object({ kind: z.literal('weekly'), days: z.array(z.number().int()), start: z.string(), end: z.string(), timeZone: z.string().nullable() }),
])
export type MaintenanceSchedule = z.infer<typeof MaintenanceSchedule>

export const MaintenanceWindow = z.object({
  id: z.string(),
  name: z.string(),
  client: z.string().nullable(),
  service: z.string().nullable(),
  resource: z.string().nullable(),
  schedule: MaintenanceSchedule,
  /** `config` windows come from the file and cannot be deleted through the API. */
  origin: z.enum(['config', 'api']),
  createdBy: z.string(),
  createdAt: epoch,
  /** In force now (for a weekly window: in its local time zone). */
  active: z.boolean(),
  seq: z.number().int(),
})
export type MaintenanceWindow = z.infer<typeof MaintenanceWindow>

const by = z.string().trim().min(1).max(200)

/**
 * `POST /api/v1/maintenance`: the fields of a MaintenanceSpec (ops-config.ts) plus `by`. A one-off window may give
 * `durationMin` instead of `end`, and starts now when `start` is left out; the handler validates the spec.
 */
export const MaintenanceInput = z.looseObject({ by, durationMin: z.number().positive().max(366 * 24 * 60).optional() })
export type MaintenanceInput = z.output<typeof MaintenanceInput>

export const SilenceMatcher = z.object({
  /** A label name or an alert field: client, service, resource, rule, severity, source, class, ems, group. */
  name: z.string().min(1).max(200),
  value: z.string().max(1000),
  op: z.enum(['=', '!=', '=~', '!~']).default('='),
})
export type SilenceMatcher = z.output<typeof SilenceMatcher>

export const Silence = z.object({
  id: z.string(),
  matchers: z.array(SilenceMatcher),
  startsAt: epoch,
  endsAt: epoch,
  createdBy: z.string(),
  comment: z.string(),
  incidentId: z.string().nullable(),
  state: z.enum(['pending', 'active', 'expired']),
  seq: z.number().int(),
})
export type Silence = z.infer<typeof Silence>

export const SilenceInput = z
  .object({
    by,
    comment: z.string().trim().max(2000).default(''),
    /** Left out with `incidentId`: the incident's client, rule and resource (or service). */
    matchers: z.array(SilenceMatcher).min(1).max(20).optional(),
    incidentId: z.string().optional(),
    startsAt: Instant.optional(),
    endsAt: Instant.optional(),
    /** Instead of `endsAt`: minutes from `startsAt` (or now). */
    durationMin: z.number().positive().max(366 * 24 * 60).optional(),
  })
  .refine((s) => s.matchers !== undefined || s.incidentId !== undefined, { message: 'give `matchers` or `incidentId`', path: ['matchers'] })
  .refine((s) => (s.endsAt === undefined) !== (s.durationMin === undefined), { message: 'give either `endsAt` or `durationMin`', path: ['endsAt'] })
export type SilenceInput = z.output<typeof SilenceInput>

/** An alert held back from incidents and notifications (maintenance window or silence). `active: false` = lifted. */
export const Suppression = z.object({
  alertId: z.number().int(),
  active: z.boolean(),
  kind: z.enum(['maintenance', 'silence']),
  ref: z.string(),
  reason: z.string(),
  since: epoch,
  seq: z.number().int(),
})
export type Suppression = z.infer<typeof Suppression>

// ---- source health and storms ----

export const SourceHealth = z.object({
  /** `alertmanager/acme` (a webhook feed per client), or the name a heartbeat sender uses. */
  id: z.string(),
  kind: z.enum(['integration', 'heartbeat']),
  client: z.string().nullable(),
  firstSeen: epoch,
  lastSeen: epoch,
  /** Silence longer than this raises a "stale feed" alert; null = never (no timeout configured). */
  timeoutMs: z.number().nullable(),
  stale: z.boolean(),
  staleSince: epoch.nullable(),
  /** Events (or heartbeats) received. */
  events: z.number().int(),
  seq: z.number().int(),
})
export type SourceHealth = z.infer<typeof SourceHealth>

export const HeartbeatInput = z.object({
  source: z.string().trim().min(1).max(200),
  client: z.string().trim().min(1).max(200).optional(),
  /** The sender's own promise: "expect me at least every N seconds". */
  timeoutSec: z.coerce.number().int().min(1).max(7 * 86_400).optional(),
})

export const Storm = z.object({
  id: z.number().int(),
  client: z.string(),
  startedAt: epoch,
  endedAt: epoch.nullable(),
  /** Events in the minute that started it, and the baseline and threshold it was judged against. */
  rate: z.number(),
  baseline: z.number(),
  threshold: z.number(),
  peak: z.number(),
  minutes: z.number().int(),
  seq: z.number().int(),
})
export type Storm = z.infer<typeof Storm>

// ---- runbooks and responses ----

export const Runbook = z.object({ url: z.string(), title: z.string(), source: z.enum(['annotation', 'config']), alertId: z.number().int().nullable() })
export type Runbook = z.infer<typeof Runbook>

export const ResponseStatus = z.enum(['awaiting-approval', 'approved', 'succeeded', 'failed'])
export type ResponseStatus = z.infer<typeof ResponseStatus>

export const ResponseRun = z.object({
  id: z.number().int(),
  incidentId: z.string(),
  action: z.string(),
  status: ResponseStatus,
  requestedAt: epoch,
  autoApproved: z.boolean(),
  approvedBy: z.string().nullable(),
  approvedAt: epoch.nullable(),
  resultCode: z.number().int().nullable(),
  result: z.string().nullable(),
  finishedAt: epoch.nullable(),
  seq: z.number().int(),
})
export type ResponseRun = z.infer<typeof ResponseRun>

/** Everything the incident view shows about notifying people and acting on an incident. */
export const IncidentOps = z.object({
  incidentId: z.string(),
  policy: z.string().nullable(),
  escalation: z.array(ScheduledStep),
  deliveries: z.array(Delivery),
  responses: z.array(ResponseRun),
  runbooks: z.array(Runbook),
  /** Why notifications are held right now (maintenance, silence, inhibition), or null. */
  held: z.string().nullable(),
})
export type IncidentOps = z.infer<typeof IncidentOps>

/** Effective policies (secrets never leave the server: channels show only their kind and host). */
export const PoliciesView = z.object({
  policies: z.array(
    z.object({
      name: z.string(),
      match: z.record(z.string(), z.array(z.string())),
      steps: z.array(z.object({ afterMs: z.number(), notify: z.array(z.string()), channels: z.array(z.string()), businessHoursOnly: z.boolean() })),
      repeat: z.number().int(),
    }),
  ),
  rules: z.array(z.object({ name: z.string(), match: z.record(z.string(), z.array(z.string())), channels: z.array(z.string()), delayMs: z.number() })),
  channels: z.array(z.object({ name: z.string(), type: ChannelType, destination: z.string().nullable() })),
  targets: z.record(z.string(), z.array(z.string())),
  responses: z.array(z.object({ name: z.string(), match: z.record(z.string(), z.array(z.string())), destination: z.string(), autoApprove: z.array(Priority) })),
})
export type PoliciesView = z.infer<typeof PoliciesView>

