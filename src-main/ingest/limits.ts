import { MAX_BATCH } from './adapters/common'

/**
 * Every resource a peer can make us spend, bounded. One table so serve flags, `startServer` options and
 * docs/security.md all speak of the same names. A NOC console is the last thing allowed to fall over in an
 * outage, and an outage is exactly when senders misbehave (retry storms, giant batches, stuck sockets).
 */
export interface Limits {
  /** Largest request body, bytes → 413. */
  maxBodyBytes: number
  /** Events in one webhook/native request or WS `events` frame → 413. The adapters hard-cap at 10,000. */
  maxEventsPerBatch: number
  /** Largest WebSocket frame, bytes → close 1009. */
  maxFrameBytes: number
  /** Sustained WebSocket messages per second per connection (token bucket refill). */
  wsMessagesPerSec: number
  /** Token bucket size: a burst this large passes; beyond, error frames, then close 1008 if it keeps on. */
  wsBurst: number
  /** Open TCP connections (HTTP keep-alive sockets and WebSockets together) → 503 + Retry-After. */
  maxConnections: number
  /** Request line + headers, bytes → 431 (Node's own parser limit). */
  maxHeaderBytes: number
  /** Request target (path + query), bytes → 414. */
  maxUrlBytes: number
  /** Slowloris guard: all headers must arrive within this long → 408 and close. */
  headersTimeoutMs: number
  /** The whole request (headers + body) must arrive within this long → 408 and close. */
  requestTimeoutMs: number
  /** Idle keep-alive sockets are closed after this long. */
  keepAliveTimeoutMs: number
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxBodyBytes: 5 * 1024 * 1024,
  maxEventsPerBatch: MAX_BATCH,
  maxFrameBytes: 5 * 1024 * 1024,
  // Agents batch (up to maxEventsPerBatch per frame) and consoles send a few calls a second: 200/s is generous
  // for both while keeping one runaway client from monopolising the event loop.
  wsMessagesPerSec: 200,
  wsBurst: 400,
  maxConnections: 1024,
  maxHeaderBytes: 16 * 1024,
  maxUrlBytes: 8 * 1024,
  headersTimeoutMs: 10_000,
  // 5 MiB over a poor WAN link still fits in a minute; a trickling sender does not hold a socket longer.
  requestTimeoutMs: 60_000,
  keepAliveTimeoutMs: 5_000,
})

/** Retry-After (seconds) sent with 503 when the connection limit is reached. */
export const RETRY_AFTER_SEC = 5

/** Merge overrides onto the defaults; refuses nonsense instead of silently running unbounded. */
export const resolveLimits = (overrides: Partial<Limits> = {}): Limits => {
  const out: Limits = { ...DEFAULT_LIMITS }
  for (const [k, v] of Object.entries(overrides) as [keyof Limits, number | undefined][]) {
    if (v === undefined) continue
    if (!(k in DEFAULT_LIMITS)) throw new Error(`unknown limit "${k}"`)
    if (!Number.isFinite(v) || v <= 0) throw new Error(`limit ${k} must be a positive number, got ${v}`)
    out[k] = v
  }
  if (out.maxEventsPerBatch > MAX_BATCH) throw new Error(`limit maxEventsPerBatch must be at most ${MAX_BATCH} (the adapters' hard cap), got ${out.maxEventsPerBatch}`)
  if (out.wsBurst < 1) throw new Error('limit wsBurst must be at least 1')
  // Node refuses a header deadline later than the whole-request deadline.
  if (out.headersTimeoutMs > out.requestTimeoutMs) throw new Error(`limit headersTimeoutMs (${out.headersTimeoutMs}) must not exceed requestTimeoutMs (${out.requestTimeoutMs})`)
  return out
}

/** Serve flag ↔ limit (also the rows of the limits table in docs/security.md). */
export const LIMIT_FLAGS: Record<string, keyof Limits> = {
  'max-body-bytes': 'maxBodyBytes',
  'max-events-per-batch': 'maxEventsPerBatch',
  'max-frame-bytes': 'maxFrameBytes',
  'ws-messages-per-sec': 'wsMessagesPerSec',
  'ws-burst': 'wsBurst',
  'max-connections': 'maxConnections',
  'max-header-bytes': 'maxHeaderBytes',
  'max-url-bytes': 'maxUrlBytes',
  'headers-timeout-ms': 'headersTimeoutMs',
  'request-timeout-ms': 'requestTimeoutMs',
  'keep-alive-timeout-ms': 'keepAliveTimeoutMs',
}

/**
 * How many events a parsed body announces, counted before an adapter converts them, so an oversized batch is
 * refused cheaply: arrays (native) by length, `alerts` arrays (Alertmanager, Grafana) by length, else one.
 */
export const countEvents = (value: unknown): { count: number; path: string } => {
  if (Array.isArray(value)) return { count: value.length, path: '(body)' }
  if (value && typeof value === 'object' && Array.isArray((value as { alerts?: unknown }).alerts)) {
    return { count: (value as { alerts: unknown[] }).alerts.length, path: 'alerts' }
  }
  return { count: 1, path: '(body)' }
}
