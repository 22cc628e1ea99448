/**
 * The messages between the I/O thread (HTTP/WS listeners, body parsing, adapters) and the writer worker (SQLite,
 * engine, notification layer) — src-main/app/start-hub.ts and src-main/app/hub-worker.ts. Everything here is plain
 * data the structured-clone algorithm carries; the contract's methods travel by name, their inputs already parsed with
 * the contract's schemas on the I/O side (bounded plain data, whatever a sender nested in the raw request).
 *
 * Why the shapes are what they are:
 * - `ingest.events` is the adapter's NocEvent[] as it is (structured clone): bench/worker-transfer.ts measured it
 *   against JSON text and against JSON in a transferred buffer — the clone costs the I/O thread no stringify and the
 *   writer no more than JSON.parse (100-event batches: I/O 3.5–4.6 vs 4.7–5.1 µs/event, writer 5.9–6.3 vs 6.2–6.5;
 *   500-event batches: 2.7 vs 4.1 and 3.9 vs 4.9).
 * - Answers and deltas travel as UTF-8 bytes in a transferred buffer, serialised once in the writer: the I/O thread
 *   writes them to sockets as they are — no parse, no re-serialise, no per-console encoding.
 * - The writer's committed change seq (and, in tests, the injected clock) sit on a shared board that either side
 *   reads without a round trip.
 */
import type { FileOutput } from './file-output'
import type { Method } from './contract'
import type { NocEvent } from '../model/event'
import type { ValidationIssue } from '../model/problem-issue'
import type { Severity } from '../model/severity'

/** Slots of the shared board: a BigInt64Array over a SharedArrayBuffer, written with Atomics. */
export const BOARD = { seq: 0, clock: 1, length: 2 } as const

export interface CallMeta {
  /** Who asked: 'ipc', 'http', 'ws' — for audit and the timeline. */
  transport: 'ipc' | 'http' | 'ws' | 'internal'
  remote?: string
}

export interface IngestMeta {
  transport: 'http' | 'ws' | 'ipc' | 'internal'
  remote?: string
  /** Client named by the request (path, header, query), already in that precedence order. */
  clientOverride?: string
  /** Where it came in, for the dead letter (e.g. `POST /webhook/zabbix`). */
  endpoint?: string
  /** The raw body, kept in the dead letter when the payload is refused. */
  rawBody?: Uint8Array | string
  /** Size the sender sent when `rawBody` holds only its head (413). */
  bodyBytes?: number
}

export interface IngestAnswer {
  accepted: number
  alerts: number
  warnings: string[]
  /** The change seq once the request was committed (contract IngestResult.seq): read in the writer right after ITS commit. */
  seq: number
}

/** A refused request, kept in the dead letter (`GET /api/v1/rejected`). */
export interface Refusal {
  status: number
  error: string
  issues: ValidationIssue[]
  meta: IngestMeta & { source: string }
}

/** What the adapters (on the I/O thread) need from the configuration, derived by the writer per (re)load. */
export interface IntakeConfig {
  grafanaOrgs: Record<string, string>
}

/** One desktop notification, shown by the shell that attached a desktop port (Electron). */
export interface DesktopNotification {
  title: string
  body: string
  severity: Severity
  incidentId?: string
  actions?: readonly 'ack'[]
}

/** How the writer is started (the worker's `workerData.options`). */
export interface WriterOptions {
  dataDir: string
  demo: boolean
  configPath?: string
  synchronous?: 'FULL' | 'NORMAL'
  tickMs?: number
  quiet?: boolean
  /** The I/O side's clock is a test's fake: read it from the board instead of Date.now. */
  injectedClock: boolean
  /** better-sqlite3's native module to load (the Electron-ABI build inside Electron). */
  nativeBinding?: string
}

export interface WriterInit {
  options: WriterOptions
  board: SharedArrayBuffer
}

/** Side effects the I/O side may ask the writer to run now (tests with an injected clock, shutdown, /metrics). */
export type ControlOp = 'tick' | 'drain-outbox' | 'housekeeping' | 'flush-pushes' | 'metrics'

/** I/O thread → writer. Messages with an `id` are answered by a `result` or `error` with the same id. */
export type ToWriter =
  /** `input` is the contract schema's output (app/call-input.ts). */
  | { t: 'call'; id: number; method: Method; input: unknown; meta?: CallMeta }
  | { t: 'ingest'; id: number; events: NocEvent[] }
  /**
   * The head of a big ingest, sent ahead in parts (one per I/O-thread loop turn, so no single clone holds the
   * listeners up); the writer keeps them and submits them with the `ingest` of the same id, as one request.
   */
  | { t: 'ingest-part'; id: number; events: NocEvent[] }
  /** The parts sent for `id` are void: the request was refused before its `ingest` went (nothing was submitted). */
  | { t: 'ingest-abort'; id: number }
  | { t: 'reject'; id: number; refusal: Refusal }
  | { t: 'since'; id: number; since: number }
  | { t: 'control'; id: number; op: ControlOp }
  | { t: 'close'; id: number }
  /**
   * How many listeners want deltas: none → the writer does not serialise them at all. `seen` is the committed seq
   * the I/O side read when the count changed: changes after it that the writer dropped meanwhile are sent first.
   */
  | { t: 'subscribers'; count: number; seen: number }
  | { t: 'desktop'; attached: boolean }

/** An answer's value, by request: call → json|file, ingest → accepted, since → delta, metrics → text, … */
export type WriterValue =
  | { json: Uint8Array }
  | { file: FileOutput }
  | { accepted: number; seq: number }
  | { delta: { seq: number; bytes: Uint8Array } }
  | { text: string }
  | { report: Record<string, number> }
  | null

/** An error as it crosses: a ContractError keeps its status and issues; anything else its message and code. */
export interface WireError {
  message: string
  contract: boolean
  status?: number
  issues?: ValidationIssue[]
  code?: string
  stack?: string
}

/** Writer → I/O thread. */
export type FromWriter =
  | { t: 'ready'; demo: boolean; intake: IntakeConfig }
  /** The writer could not start (database too new, unreadable); it exits after this. */
  | { t: 'failed'; error: WireError }
  | { t: 'result'; id: number; value: WriterValue }
  | { t: 'error'; id: number; error: WireError }
  | { t: 'delta'; seq: number; bytes: Uint8Array }
  | { t: 'intake'; intake: IntakeConfig }
  | { t: 'desktop'; notification: DesktopNotification }
