/**
 * The console API, defined once. HTTP routes, WebSocket `call` messages and Electron IPC handlers are all
 * registered by looping over `contract`; inputs are parsed with `input` at the boundary and answers are typed
 * by `output`. Push topics (server → console) are listed in `pushTopics`.
 */
import { z } from 'zod'
import { Alert, AlertPage, AlertQuery } from '../model/alert'
import { Client } from '../model/client'
import { NativeEventInput } from '../model/event'
import { Rejected, RejectedQuery } from '../model/rejected'
import {
  AckInput, AssignInput, CloseInput, EscalateInput, Incident, IncidentAlert, IncidentQuery, MergeInput, NoteInput, ReopenInput,
  ResolveInput, SimilarIncident, SplitInput, TimelineEntry, UnackInput,
} from '../model/incident'
import { Problem, ProblemConfirmInput, ProblemDismissInput, ProblemSplitInput } from '../model/problem'
import {
  BoolParam, Delivery, DeliveryQuery, DesktopNotice, HeartbeatInput, IncidentOps, MaintenanceInput, MaintenanceWindow, PoliciesView, ResponseRun,
  ResponseStatus, Silence, SilenceInput, SourceHealth, Storm, Suppression,
} from '../model/ops'
import { MetricsQuery, MetricsSummary } from '../model/metrics'
import { ClientReportQuery, IncidentExportQuery, IncidentReportQuery, InventoryQuery } from '../model/report'
import { FileOutput } from './file-output'
import { ClientProfileView, Heatmap, HeatmapQuery, ServiceMatrix } from '../model/views'

export type HttpMethod = 'GET' | 'POST' | 'DELETE'

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** Route; `:name` segments are merged into the input object. GET inputs come from the query string. */
  http: { method: HttpMethod; path: string }
  input: I
  output: O
  /** Commands change state (operator actions, ingest); queries only read. */
  kind: 'query' | 'command'
  /** The output is a `FileOutput`: HTTP sends its body raw with its headers; WS and IPC pass the object. */
  file?: boolean
}

const spec = <I extends z.ZodType, O extends z.ZodType>(s: MethodSpec<I, O>) => s

/** Operator actions on one incident: `POST /api/v1/incidents/:id/<verb>` with `by` and the action's fields. */
const action = <I extends z.ZodType>(verb: string, input: I) =>
  spec({ kind: 'command', http: { method: 'POST', path: `/api/v1/incidents/:id/${verb}` }, input, output: Incident })

export const IngestResult = z.object({
  accepted: z.number().int(),
  alerts: z.number().int(),
  warnings: z.array(z.string()),
  /**
   * The change sequence once this request was committed: a console that has received a delta with `seq` at least
   * this one shows everything the request changed (read-your-writes for senders and benchmarks).
   */
  seq: z.number().int(),
})
export type IngestResult = z.infer<typeof IngestResult>

/** One event or an array; a lone object is read as a batch of one so issue paths stay precise (`[0].severity`). */
export const NativeBatch = z.preprocess((v) => (Array.isArray(v) ? v : [v]), z.array(NativeEventInput).min(1).max(10_000))

export const Health = z.object({
  status: z.literal('ok'),
  version: z.string(),
  uptimeSec: z.number(),
  seq: z.number().int(),
  db: z.object({ path: z.string(), walMode: z.boolean() }),
})
export type Health = z.infer<typeof Health>

/** An alert as a member of an incident: its role and why it joined. */
export const IncidentMember = Alert.extend({ link: IncidentAlert })
export type IncidentMember = z.infer<typeof IncidentMember>

/** Everything the incident view shows. */
export const IncidentDetail = z.object({
  incident: Incident,
  alerts: z.array(IncidentMember),
  timeline: z.array(TimelineEntry),
  problem: Problem.nullable(),
  similar: z.array(SimilarIncident),
})
export type IncidentDetail = z.infer<typeof IncidentDetail>

/** What a console loads on connect; deltas continue from `seq`. */
export const Snapshot = z.object({
  seq: z.number().int(),
  alerts: z.array(Alert),
  clients: z.array(Client),
  incidents: z.array(Incident),
  problems: z.array(Problem),
  demo: z.boolean(),
})
export type Snapshot = z.infer<typeof Snapshot>

export const contract = {
  'health.get': spec({ kind: 'query', http: { method: 'GET', path: '/healthz' }, input: z.object({}), output: Health }),
  'snapshot.get': spec({
    kind: 'query',
    http: { method: 'GET', path: '/api/v1/snapshot' },
    input: z.object({ resolvedWithinMin: z.coerce.number().int().min(0).max(10_080).default(60) }),
    output: Snapshot,
  }),
  'alerts.list': spec({ kind: 'query', http: { method: 'GET', path: '/api/v1/alerts' }, input: AlertQuery, output: AlertPage }),
  'alerts.get': spec({
    kind: 'query',
    http: { method: 'GET', path: '/api/v1/alerts/:id' },
    input: z.object({ id: z.coerce.number().int() }),
    output: Alert,
  }),
  'clients.list': spec({ kind: 'query', http: { method: 'GET', path: '/api/v1/clients' }, input: z.object({}), output: z.array(Client) }),
  'rejected.list': spec({
    kind: 'query',
    http: { method: 'GET', path: '/api/v1/rejected' },
    input: RejectedQuery,
    output: z.object({ items: z.array(Rejected), total: z.number().int() }),
  }),
  'events.ingest': spec({ kind: 'command', http: { method: 'POST', path: '/api/v1/events' }, input: NativeBatch, output: IngestResult }),
  'incidents.list': spec({ kind: 'query', http: { method: 'GET', path: '/api/v1/incidents' }, input: IncidentQuery, output: z.array(Incident) }),
  // Before `incidents.get`: `/api/v1/incidents/:id` matches `/api/v1/incidents/export` too, and the first route wins.
  'incidents.export': spec({ kind: 'query', file: true, http: { method: 'GET', path: '/api/v1/incidents/export' }, input: IncidentExportQuery, output: FileOutput }),
  'incidents.get': spec({ kind: 'query', http: { method: 'GET', path: '/api/v1/incidents/:id' }, input: z.object({ id: z.string() }), output: IncidentDetail }),
  'incidents.ack': action('ack', AckInput),
  'incidents.unack': action('unack', UnackInput),
  'incidents.assign': action('assign', AssignInput),
  'incidents.note': action('note', NoteInput),
  'incidents.escalate': action('escalate', EscalateInput),
  'incidents.resolve': action('resolve', ResolveInput),
  'incidents.close': action('close', CloseInput),
  'incidents.reopen': action('reopen', ReopenInput),
  'incidents.split': action('split', SplitInput),
  'incidents.merge': spec({ kind: 'command', http: { method: 'POST', path: '/api/v1/incidents/merge' }, input: MergeInput, output: Incident }),
  // ---- reports and service metrics (src-main/api/report-handlers.ts, docs/reports.md) ----
  'reports.incident': spec({ kind: 'query', file: true, http: { method: 'GET', path: '/api/v1/incidents/:id/report' }, input: IncidentReportQuery, output: FileOutput }),
  'reports.client': spec({ kind: 'query', file: true, http: { method: 'GET', path: '/api/v1/reports/clients/:client' }, input: ClientReportQuery, output: FileOutput }),
  'reports.inventory': spec({ kind: 'query', file: true, http: { method: 'GET', path: '/api/v1/reports/inventory' }, input: InventoryQuery, output: FileOutput }),
  'metrics.summary': spec({ kind: 'query', http: { method: 'GET', path: '/api/v1/metrics/summary' }, input: MetricsQuery, output: MetricsSummary }),
  'problems.list': spec({
    kind: 'query',
    http: { method: 'GET', path: '/api/v1/problems' },
    input: z.object({ resolvedWithinMin: z.coerce.number().int().min(0).max(525_600).default(1440) }),
    output: z.array(Problem),
  }),
  // Operator decisions on a cross-client problem (engine/problem-actions.ts), each written to the timeline of its incidents.
  'problems.confirm': spec({ kind: 'command', http: { method: 'POST', path: '/api/v1/problems/:id/confirm' }, input: ProblemConfirmInput, output: Problem }),
  'problems.dismiss': spec({ kind: 'command', http: { method: 'POST', path: '/api/v1/problems/:id/dismiss' }, input: ProblemDismissInput, output: Problem }),
  'problems.split': spec({ kind: 'command', http: { method: 'POST', path: '/api/v1/problems/:id/split' }, input: ProblemSplitInput, output: Problem }),
  // ---- read-only views for the console's screens (src-main/api/view-handlers.ts) ----
  'heatmap.get': spec({ kind: 'query', http: { method: 'GET', path: '/api/v1/heatmap' }, input: HeatmapQuery, output: Heatmap }),
  'heatmap.services': spec({ kind: 'query', http: { method: 'GET', path: '/api/v1/heatmap/services' }, input: HeatmapQuery, output: ServiceMatrix }),
  'clients.profiles': spec({ kind: 'query', http: { method: 'GET', path: '/api/v1/views/client-profiles' }, input: z.object({}), output: z.array(ClientProfileView) }),
  // ---- escalation, notifications, suppression, source health, storms, responses (src-main/api/ops-handlers.ts) ----
  'policies.list': spec({ kind: 'query', http: { method: 'GET', path: '/api/v1/policies' }, input: z.object({}), output: PoliciesView }),
  'incidents.ops': spec({ kind: 'query', http: { method: 'GET', path: '/api/v1/incidents/:id/ops' }, input: z.object({ id: z.string() }), output: IncidentOps }),
  'deliveries.list': spec({ kind: 'query', http: { method: 'GET', path: '/api/v1/deliveries' }, input: DeliveryQuery, output: z.array(Delivery) }),
  'maintenance.list': spec({
    kind: 'query',
    http: { method: 'GET', path: '/api/v1/maintenance' },
    input: z.object({ client: z.string().optional(), includeEnded: BoolParam.default(false) }),
    output: z.array(MaintenanceWindow),
  }),
  'maintenance.create': spec({ kind: 'command', http: { method: 'POST', path: '/api/v1/maintenance' }, input: MaintenanceInput, output: MaintenanceWindow }),
  'maintenance.delete': spec({
    kind: 'command',
    http: { method: 'DELETE', path: '/api/v1/maintenance/:id' },
    input: z.object({ id: z.string(), by: z.string().optional() }),
    output: MaintenanceWindow,
  }),
  'silences.list': spec({
    kind: 'query',
    http: { method: 'GET', path: '/api/v1/silences' },
    input: z.object({ includeExpired: BoolParam.default(false) }),
    output: z.array(Silence),
  }),
  'silences.create': spec({ kind: 'command', http: { method: 'POST', path: '/api/v1/silences' }, input: SilenceInput, output: Silence }),
  /** Expires the silence now (kept for the record; listed with `includeExpired`). */
  'silences.delete': spec({
    kind: 'command',
    http: { method: 'DELETE', path: '/api/v1/silences/:id' },
    input: z.object({ id: z.string(), by: z.string().optional() }),
    output: Silence,
  }),
  'suppressions.list': spec({ kind: 'query', http: { method: 'GET', path: '/api/v1/suppressions' }, input: z.object({}), output: z.array(Suppression) }),
  'sources.list': spec({ kind: 'query', http: { method: 'GET', path: '/api/v1/sources' }, input: z.object({}), output: z.array(SourceHealth) }),
  'heartbeats.post': spec({ kind: 'command', http: { method: 'POST', path: '/api/v1/heartbeats/:source' }, input: HeartbeatInput, output: SourceHealth }),
  'storms.list': spec({
    kind: 'query',
    http: { method: 'GET', path: '/api/v1/storms' },
    input: z.object({ client: z.string().optional(), activeOnly: BoolParam.default(false), limit: z.coerce.number().int().min(1).max(1000).default(100) }),
    output: z.array(Storm),
  }),
  'responses.list': spec({
    kind: 'query',
    http: { method: 'GET', path: '/api/v1/responses' },
    input: z.object({ incidentId: z.string().optional(), status: ResponseStatus.optional(), limit: z.coerce.number().int().min(1).max(1000).default(200) }),
    output: z.array(ResponseRun),
  }),
  'responses.approve': spec({
    kind: 'command',
    http: { method: 'POST', path: '/api/v1/responses/:id/approve' },
    input: z.object({ id: z.coerce.number().int(), by: z.string().trim().min(1).max(200) }),
    output: ResponseRun,
  }),
} as const

export type Contract = typeof contract
export type Method = keyof Contract
export type InputOf<M extends Method> = z.input<Contract[M]['input']>
export type ParsedInputOf<M extends Method> = z.output<Contract[M]['input']>
export type OutputOf<M extends Method> = z.output<Contract[M]['output']>

/** The typed client every transport (IPC, WS, HTTP) implements. */
export type NocApi = {
  call<M extends Method>(method: M, input: InputOf<M>): Promise<OutputOf<M>>
}

/** Server → console pushes, coalesced (≤ 10 per second). */
export const Delta = z.object({
  type: z.literal('delta'),
  seq: z.number().int(),
  alerts: z.array(Alert),
  clients: z.array(Client),
  incidents: z.array(Incident).default([]),
  problems: z.array(Problem).default([]),
  // Ops rows changed since the last delta (src-shared/model/ops.ts); optional so older frames and literals stay valid.
  deliveries: z.array(Delivery).default([]).optional(),
  storms: z.array(Storm).default([]).optional(),
  sources: z.array(SourceHealth).default([]).optional(),
  silences: z.array(Silence).default([]).optional(),
  maintenance: z.array(MaintenanceWindow).default([]).optional(),
  responses: z.array(ResponseRun).default([]).optional(),
  suppressions: z.array(Suppression).default([]).optional(),
  /** Desktop notifications to show now (never replayed on resume). */
  notifications: z.array(DesktopNotice).default([]).optional(),
})
export type Delta = z.infer<typeof Delta>

export const pushTopics = { delta: Delta } as const
export type PushTopic = keyof typeof pushTopics

/** WebSocket frames (JSON, one per message). */
export const WsClientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('events'), id: z.string().max(200), events: z.array(z.unknown()).max(10_000) }),
  z.object({ type: z.literal('subscribe'), since: z.number().int().nonnegative().optional() }),
  z.object({ type: z.literal('call'), id: z.string().max(200), method: z.string().max(100), input: z.unknown().optional() }),
  z.object({ type: z.literal('heartbeat'), source: z.string().max(200).optional() }),
])
export type WsClientMessage = z.infer<typeof WsClientMessage>

export type WsServerMessage =
  | { type: 'ack'; id: string; accepted: number }
  | { type: 'error'; id?: string; error: string; issues: { path: string; message: string }[] }
  | { type: 'result'; id: string; output: unknown }
  | { type: 'hello'; seq: number; demo: boolean }
  | Delta
