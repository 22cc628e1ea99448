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

/**
 * What a console loads FIRST on connect (`snapshot.head`): everything the wall and the queue need — clients with
 * their open-alert aggregates, incidents and problems as whole model objects — and only the alert totals. The
 * alert rows follow in pages (`alerts.rows`); deltas continue from `seq` meanwhile, and every row carries its own
 * seq, so a page read later never rolls back what a delta said.
 */
export const SnapshotHead = z.object({
  seq: z.number().int(),
  demo: z.boolean(),
  clients: z.array(Client),
  incidents: z.array(Incident),
  problems: z.array(Problem),
  /** Alerts the pages will deliver: firing, and resolved within the horizon. */
  alerts: z.object({ firing: z.number().int(), resolved: z.number().int() }),
})
export type SnapshotHead = z.infer<typeof SnapshotHead>

const ints = z.array(z.number().int())
/** Index into the page's `strings`; -1 = null. */
const refs = ints

/**
 * One page of the console's alert rows, columnar: what the alert table shows and searches, not whole alerts
 * (`alerts.get` has those). Volume is why: 100 k alerts as objects are ~63 MB of JSON; as columns with shared
 * strings ~25 MB, and numbers in arrays parse and check an order of magnitude faster. Column `i` of every array
 * is row `i`; strings (client, summary, resource, rule, class, service, source, component text) are indexes into
 * `strings`. Keyset paging by id: pass `next` as `after` until it is null. Column lengths and index ranges are
 * checked by `alertRowsIssues` (below) — zod refinements would force the slow path.
 */
export const AlertRowsPage = z.object({
  /** The hub's seq when this page was read (rows may be newer than the head; never older than what they say). */
  seq: z.number().int(),
  next: z.number().int().nullable(),
  /** Current alerts in all (for progress): firing + resolved within the horizon, at read time. */
  total: z.number().int(),
  strings: z.array(z.string()),
  id: ints,
  /** The alert's own seq. */
  rev: ints,
  client: refs,
  /** Index into SEVERITIES. */
  severity: ints,
  /** 0 firing, 1 resolved. */
  status: ints,
  summary: refs,
  resource: refs,
  rule: refs,
  class: refs,
  service: refs,
  source: refs,
  /** "type\tname" of each component, one per line. */
  components: refs,
  count: ints,
  firstSeen: z.array(z.number()),
  lastSeen: z.array(z.number()),
  resolvedAt: z.array(z.number().nullable()),
})
export type AlertRowsPage = z.infer<typeof AlertRowsPage>

const ROW_COLUMNS = ['id', 'rev', 'client', 'severity', 'status', 'summary', 'resource', 'rule', 'class', 'service', 'source', 'components', 'count', 'firstSeen', 'lastSeen', 'resolvedAt'] as const
const STRING_COLUMNS = ['client', 'summary', 'rule', 'class', 'source', 'components'] as const
const NULLABLE_STRING_COLUMNS = ['resource', 'service'] as const

/** What the schema cannot say cheaply: every column has one entry per row, and every index points somewhere. */
export const alertRowsIssues = (p: AlertRowsPage, severities: number): { path: string; message: string }[] => {
  const n = p.id.length
  const issues: { path: string; message: string }[] = []
  for (const c of ROW_COLUMNS) if (p[c].length !== n) issues.push({ path: c, message: `${p[c].length} entries for ${n} rows` })
  const s = p.strings.length
  for (const c of STRING_COLUMNS) if (p[c].some((i) => i < 0 || i >= s)) issues.push({ path: c, message: 'string index out of range' })
  for (const c of NULLABLE_STRING_COLUMNS) if (p[c].some((i) => i < -1 || i >= s)) issues.push({ path: c, message: 'string index out of range' })
  if (p.severity.some((i) => i < 0 || i >= severities)) issues.push({ path: 'severity', message: 'unknown severity index' })
  if (p.status.some((i) => i !== 0 && i !== 1)) issues.push({ path: 'status', message: 'status must be 0 (firing) or 1 (resolved)' })
  return issues
}

const resolvedWithin = z.coerce.number().int().min(0).max(10_080).default(60)

export const contract = {
  'health.get': spec({ kind: 'query', http: { method: 'GET', path: '/healthz' }, input: z.object({}), output: Health }),
  'snapshot.get': spec({
    kind: 'query',
    http: { method: 'GET', path: '/api/v1/snapshot' },
    input: z.object({ resolvedWithinMin: z.coerce.number().int().min(0).max(10_080).default(60) }),
    output: Snapshot,
  }),
  'snapshot.head': spec({
    kind: 'query',
    http: { method: 'GET', path: '/api/v1/snapshot/head' },
    input: z.object({ resolvedWithinMin: resolvedWithin }),
    output: SnapshotHead,
  }),
  'alerts.rows': spec({
    kind: 'query',
    http: { method: 'GET', path: '/api/v1/console/alert-rows' },
    input: z.object({
      resolvedWithinMin: resolvedWithin,
      /** Rows with a greater id (the previous page's `next`). */
      after: z.coerce.number().int().min(0).default(0),
      limit: z.coerce.number().int().min(1).max(20_000).default(10_000),
    }),
    output: AlertRowsPage,
  }),
  /** The incidents an alert belongs to (normally one), most recent first: "open the alert's incident". */
  'alerts.links': spec({
    kind: 'query',
    http: { method: 'GET', path: '/api/v1/alerts/:id/incidents' },
    input: z.object({ id: z.coerce.number().int() }),
    output: z.array(IncidentAlert),
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
  z.object({
    type: z.literal('call'),
    id: z.string().max(200),
    method: z.string().max(100),
    input: z.unknown().optional(),
    /**
     * Answer in ONE binary frame, UTF-8 `{"type":"result","id":…}` + "\n" + the output's JSON (errors stay text
     * `error` frames). For bulk answers: the browser hands the bytes to a worker without parsing them on the UI
     * thread (see `encodeBinaryResult` / `splitBinaryResult`).
     */
    binary: z.boolean().optional(),
  }),
  z.object({ type: z.literal('heartbeat'), source: z.string().max(200).optional() }),
])
export type WsClientMessage = z.infer<typeof WsClientMessage>

/**
 * A binary result frame: header line, then the output JSON. One Buffer/ArrayBuffer, built without copying twice.
 * The output may already be UTF-8 bytes (the hub's writer serialises answers once, as bytes): they are appended as
 * they are.
 */
export const encodeBinaryResult = (id: string, outputJson: string | Uint8Array): Uint8Array => {
  const head = `${JSON.stringify({ type: 'result', id })}\n`
  if (typeof outputJson === 'string') return new TextEncoder().encode(head + outputJson)
  const headBytes = new TextEncoder().encode(head)
  const frame = new Uint8Array(headBytes.length + outputJson.length)
  frame.set(headBytes, 0)
  frame.set(outputJson, headBytes.length)
  return frame
}

/** The header of a binary result frame and where its output JSON starts; undefined when it is not one. */
export const splitBinaryResult = (bytes: Uint8Array): { id: string; offset: number } | undefined => {
  const nl = bytes.indexOf(10)
  if (nl < 0 || nl > 400) return undefined
  try {
    const head = JSON.parse(new TextDecoder().decode(bytes.subarray(0, nl))) as { type?: unknown; id?: unknown }
    return head?.type === 'result' && typeof head.id === 'string' ? { id: head.id, offset: nl + 1 } : undefined
  } catch {
    return undefined
  }
}

export type WsServerMessage =
  | { type: 'ack'; id: string; accepted: number }
  | { type: 'error'; id?: string; error: string; issues: { path: string; message: string }[] }
  | { type: 'result'; id: string; output: unknown }
  | { type: 'hello'; seq: number; demo: boolean }
  | Delta
