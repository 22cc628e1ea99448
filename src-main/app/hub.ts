import type { Delta, InputOf, Method, OutputOf } from '@shared/api/contract'
import type { FileOutput } from '@shared/api/file-output'
import type { CallMeta, IngestAnswer, IngestMeta, Refusal } from '@shared/api/hub-protocol'
import type { AdapterName } from '../ingest/adapters/index'
import type { DesktopPort } from '../ops/delivery/desktop-port'
import type { HousekeepingReport } from '../ops/policy/housekeeping'

export type { DesktopNotification, DesktopPort } from '../ops/delivery/desktop-port'
export type { HousekeepingReport } from '../ops/policy/housekeeping'

/** Injected clock: tests pass a fake, production passes Date.now. */
export type Clock = () => number

/** A webhook format (`/webhook/<format>`), or `native` for `/api/v1/events` and WS agents. */
export type Format = AdapterName

export type { CallMeta, IngestAnswer, IngestMeta, IntakeConfig, Refusal } from '@shared/api/hub-protocol'

/**
 * One coalesced delta as it leaves the writer: serialised once, written to every socket as it is. `delta` parses
 * it for in-process consumers (Electron IPC, tests) — once per frame, however many listeners read it.
 */
export interface PushFrame {
  readonly seq: number
  /** The delta as UTF-8 JSON: exactly the WebSocket text frame (`{"type":"delta",…}`), for every socket. */
  readonly bytes: Uint8Array
  /** The same as a string (decoded on first use). */
  readonly text: string
  readonly delta: Delta
}

/** A contract method's answer as it will be written: UTF-8 JSON bytes, or a file (reports, exports). */
export type RawOutput = { json: Uint8Array } | { file: FileOutput }

/**
 * What the shells and listeners (ingest/http-server, ingest/ws-server, electron/, server.ts) hold: a narrow view of
 * the writer, wherever it runs. Every contract method is reachable through `call`, which parses the input with the
 * contract's schema and throws `ContractError` (`{status, message, issues}`) on refusal.
 */
export interface Hub {
  /** Whether the built-in demo feed runs (consoles show it). */
  readonly demo: boolean
  /** Highest committed change sequence: a console greeted with it has missed nothing before it. */
  seq(): number
  call<M extends Method>(method: M, input: InputOf<M>, meta?: CallMeta): Promise<OutputOf<M>>
  /** The same, answered as it is to be written (HTTP body, WS `output`): no parse and re-serialise on the way. */
  callRaw(method: Method, input: unknown, meta?: CallMeta): Promise<RawOutput>
  /**
   * A payload in a webhook format → adapter → group commit. Resolves after COMMIT (`synchronous=FULL`); a payload
   * the adapter refuses is kept in the dead letter and thrown as a 400 ContractError.
   */
  ingest(format: Format, body: unknown, meta: IngestMeta): Promise<IngestAnswer>
  /** Keep a refused request in the dead letter (counted in metrics). Never throws. */
  deadLetter(r: Refusal): Promise<void>
  /** Count a refusal that is not worth a dead-letter row (overload: 503, rate limits), for `/metrics`. */
  countRefusal(source: string, status: number): void
  /** Coalesced deltas (≤ 10 Hz), after COMMIT. Returns the unsubscribe function. */
  subscribe(listener: (frame: PushFrame) => void): () => void
  /** Everything changed after `since`, as one delta (a console resuming after a reconnect or lag). */
  changesSince(since: number): Promise<PushFrame>
  /** Prometheus text: the writer's counters and gauges, this side's, and `gauges` from the caller. */
  metrics(gauges?: Record<string, number>): Promise<string>
  /** The desktop channel of the notification layer (the Electron shell's notifier); undefined detaches it. */
  attachDesktop(port: DesktopPort | undefined): void
  close(): Promise<void>
}

/** Driving the writer's own timers and side effects from outside: tests with an injected clock, benches. */
export interface HubControl {
  /** Process due timers now (resolve holds, escalation steps, stale feeds, storms). */
  tick(): Promise<void>
  /** Wait until the outbox has sent (or rescheduled) everything due. */
  drainOutbox(): Promise<void>
  /** Run retention now, to completion. */
  runHousekeeping(): Promise<HousekeepingReport>
  /** Push what is pending now instead of at the next coalescer interval. */
  flushPushes(): Promise<void>
}

export type HubHandle = Hub & HubControl

/** How to start a hub (app/start-hub.ts). */
export interface HubOptions {
  /** Directory holding noc.db (created when missing). */
  dataDir: string
  clock?: Clock
  /** Path of the YAML/JSON configuration file (clients, correlation, policies); optional. */
  configPath?: string
  /** Run the built-in simulator feed (demo mode) — serve turns this on when no source is configured. */
  demo?: boolean
  synchronous?: 'FULL' | 'NORMAL'
  /**
   * better_sqlite3.node built for this runtime's ABI, for whichever thread opens the database (the Electron shell
   * passes its Electron build, scripts/electron-native.mjs); unset = the package's own Node build.
   */
  nativeBinding?: string
  /** Engine tick period in ms (0 = no timer; tests drive time with the clock and `tick()`). */
  tickMs?: number
  /** Print nothing (tests). */
  quiet?: boolean
}
