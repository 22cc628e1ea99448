import { z } from 'zod'
import { Priority, Severity } from './severity'

/** `INC-1042`: human-readable, allocated by the store (see src-main/engine/types.ts `IdAllocator`). */
export const IncidentId = z.string().regex(/^INC-\d+$/)

/**
 * open → acknowledged → resolved → closed. `resolved` may be re-opened (automatically when an alert re-fires within
 * the re-open window, or by an operator); `closed` means "reviewed, done" and is only re-opened by an operator.
 */
export const IncidentStatus = z.enum(['open', 'acknowledged', 'resolved', 'closed'])
export type IncidentStatus = z.infer<typeof IncidentStatus>

/** Statuses that need an operator: the wall and the notification layer show these. */
export const ACTIVE_STATUSES: readonly IncidentStatus[] = ['open', 'acknowledged']
export const isActive = (s: IncidentStatus): boolean => s === 'open' || s === 'acknowledged'

export const AlertRole = z.enum(['root-cause', 'symptom', 'member'])
export type AlertRole = z.infer<typeof AlertRole>

/** Which rule put an alert into its incident: 'new' = it opened the incident. */
export const JoinRule = z.enum(['new', 'scope', 'topology', 'manual'])
export type JoinRule = z.infer<typeof JoinRule>

export const IncidentFlag = z.enum(['worsened-while-acked', 'flapping'])
export type IncidentFlag = z.infer<typeof IncidentFlag>

/** One input of the business-impact score; `value` is what was looked at, `points` what it contributed. */
export const PriorityComponent = z.object({
  value: z.union([z.string(), z.number(), z.boolean()]),
  points: z.number(),
  max: z.number(),
  /** Human text for the breakdown panel, e.g. "Mon 08:30 Europe/Berlin, hours Mon–Fri 08:00–18:00". */
  note: z.string(),
})
export type PriorityComponent = z.infer<typeof PriorityComponent>

export const PRIORITY_COMPONENTS = ['tier', 'serviceCriticality', 'severity', 'businessHours', 'affectedResources', 'blastRadius'] as const
export type PriorityComponentName = (typeof PRIORITY_COMPONENTS)[number]

export const PriorityBreakdown = z.object({
  /** Formula version, so stored breakdowns stay explainable after the formula changes. */
  formula: z.literal('v1'),
  score: z.number(),
  priority: Priority,
  /** Priority before the severity cap (info/warning cannot page as P1). */
  uncapped: Priority,
  thresholds: z.object({ P1: z.number(), P2: z.number(), P3: z.number() }),
  components: z.object({
    tier: PriorityComponent,
    serviceCriticality: PriorityComponent,
    severity: PriorityComponent,
    businessHours: PriorityComponent,
    affectedResources: PriorityComponent,
    blastRadius: PriorityComponent,
  }),
})
export type PriorityBreakdown = z.infer<typeof PriorityBreakdown>

const epoch = z.number()

export const Incident = z.object({
  id: IncidentId,
  client: z.string(),
  title: z.string(),
  status: IncidentStatus,
  priority: Priority,
  priorityBreakdown: PriorityBreakdown,
  /** Worst severity among firing member alerts; kept unchanged while nothing fires (shows what it was). */
  severity: Severity,
  openedAt: epoch,
  acknowledgedAt: epoch.nullable(),
  resolvedAt: epoch.nullable(),
  closedAt: epoch.nullable(),
  owner: z.string().nullable(),
  escalationLevel: z.number().int().min(0),
  alertCount: z.number().int().min(0),
  problemId: z.string().nullable(),
  /** Set when this incident was merged away (status `closed`): the console follows it to the survivor. */
  mergedInto: IncidentId.nullable(),
  flags: z.array(IncidentFlag),
  /** Scope of the alert that opened it (or of the topology root cause once one joins). */
  service: z.string().nullable(),
  resource: z.string().nullable(),
  rule: z.string(),
  cause: z.string().nullable(),
  solution: z.string().nullable(),
  tags: z.array(z.string()),
  /** Monotonic change sequence, assigned by the store on every write. */
  seq: z.number().int(),
})
export type Incident = z.infer<typeof Incident>

/** An incident as the engine produces it; the store adds `seq`. */
export const IncidentDraft = Incident.omit({ seq: true })
export type IncidentDraft = z.infer<typeof IncidentDraft>

/** Membership of an alert in an incident, with the reason it joined. Primary key (incidentId, alertId). */
export const IncidentAlert = z.object({
  incidentId: IncidentId,
  alertId: z.number().int(),
  role: AlertRole,
  rule: JoinRule,
  /** e.g. "joined INC-1042: same client and service `billing` within 5 min" */
  reason: z.string(),
  joinedAt: epoch,
})
export type IncidentAlert = z.infer<typeof IncidentAlert>

export const TIMELINE_KINDS = [
  'opened',
  'alert-joined',
  'alert-resolved',
  'alert-refired',
  'role-changed',
  'severity-changed',
  'priority-changed',
  'worsened',
  'flapping',
  'problem',
  'ack',
  'unack',
  'note',
  'assign',
  'escalate',
  'resolve',
  'close',
  'reopen',
  'merge',
  'split',
  // notification layer (src-main/notify): held or repeated notifications, response actions and their results
  'notify',
  'response',
] as const
export const TimelineKind = z.enum(TIMELINE_KINDS)
export type TimelineKind = z.infer<typeof TimelineKind>

/** Append-only. `actor` is 'system' or the person (`by`) who acted. */
export const TimelineEntry = z.object({
  id: z.number().int(),
  incidentId: IncidentId,
  at: epoch,
  actor: z.string(),
  kind: TimelineKind,
  text: z.string(),
  data: z.record(z.string(), z.unknown()).nullable(),
})
export type TimelineEntry = z.infer<typeof TimelineEntry>

/** A timeline entry as the engine produces it; the store assigns `id`. */
export const TimelineDraft = TimelineEntry.omit({ id: true })
export type TimelineDraft = z.infer<typeof TimelineDraft>

/** A closed incident like the one at hand, with what was learned from it. */
export const SimilarIncident = z.object({
  id: IncidentId,
  title: z.string(),
  closedAt: epoch.nullable(),
  score: z.number(),
  matched: z.array(z.string()),
  cause: z.string().nullable(),
  solution: z.string().nullable(),
  tags: z.array(z.string()),
})
export type SimilarIncident = z.infer<typeof SimilarIncident>

// ---- operator action inputs (for the contract: POST /api/v1/incidents/:id/<action>) ----

const by = z.string().trim().min(1).max(200)
const text = z.string().trim().max(10_000)
const id = IncidentId

export const AckInput = z.object({
  id,
  by,
  note: text.optional(),
  /** Ack that expires: the incident returns to `open` after this many minutes. */
  timeoutMin: z.number().int().min(1).max(7 * 24 * 60).optional(),
})
export const UnackInput = z.object({ id, by, note: text.optional() })
/** `to: null` unassigns. */
export const AssignInput = z.object({ id, by, to: z.string().trim().min(1).max(200).nullable() })
export const NoteInput = z.object({ id, by, text: text.min(1) })
export const EscalateInput = z.object({ id, by, note: text.optional() })
export const ResolveInput = z.object({
  id,
  by,
  cause: text.optional(),
  solution: text.optional(),
  tags: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
})
export const CloseInput = ResolveInput
export const ReopenInput = z.object({ id, by, note: text.optional() })
export const MergeInput = z.object({ into: id, from: id, by })
/** Move one alert out of an incident into a new incident of its own. */
export const SplitInput = z.object({ id, by, alertId: z.number().int() })

export const IncidentAction = z.discriminatedUnion('type', [
  AckInput.extend({ type: z.literal('ack') }),
  UnackInput.extend({ type: z.literal('unack') }),
  AssignInput.extend({ type: z.literal('assign') }),
  NoteInput.extend({ type: z.literal('note') }),
  EscalateInput.extend({ type: z.literal('escalate') }),
  ResolveInput.extend({ type: z.literal('resolve') }),
  CloseInput.extend({ type: z.literal('close') }),
  ReopenInput.extend({ type: z.literal('reopen') }),
  MergeInput.extend({ type: z.literal('merge') }),
  SplitInput.extend({ type: z.literal('split') }),
])
export type IncidentAction = z.infer<typeof IncidentAction>

export const IncidentQuery = z.object({
  status: z.union([IncidentStatus, z.array(IncidentStatus)]).optional(),
  client: z.string().optional(),
  priority: z.union([Priority, z.array(Priority)]).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
})
export type IncidentQuery = z.infer<typeof IncidentQuery>
