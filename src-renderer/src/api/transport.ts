/**
 * The renderer's view of the hub, whatever carries it (Electron IPC or a WebSocket). Both transports implement
 * the contract's `NocApi` plus a push stream and a link status; `connectFeed` (./connect-feed) ties one to the
 * store. Nothing above this layer knows which transport is in use.
 */
import { contract, Delta, type InputOf, type Method, type NocApi, type OutputOf } from '@shared/api/contract'
import { fastParse } from '@shared/api/fast-parse'
import type { ValidationIssue } from '@shared/model/problem-issue'

/**
 * Link-level state. 'open' means the other side answered (WS `hello`, or an IPC bridge that exists); whether
 * the console is *live* is decided by the feed once its data is in sync (see connect-feed).
 */
export type LinkState = 'connecting' | 'open' | 'reconnecting' | 'closed'

export interface LinkStatus {
  state: LinkState
  /** The server's change sequence when the link opened (WS `hello`). */
  serverSeq?: number
  demo?: boolean
  /**
   * On 'open': true when the transport re-subscribed from its resume cursor, so the deltas that follow continue
   * exactly where the console left off; false when the console must (re)load a snapshot (first connect, server
   * restarted with a newer/older database, IPC bridge reset).
   */
  resumed?: boolean
  /** When the next reconnect attempt happens (epoch ms), for the banner's countdown. */
  retryAt?: number
  /** Why the link is down, in words an operator can act on. */
  reason?: string
}

/**
 * A call's answer NOT yet parsed or validated, for bulk answers that the decode worker reads (src/decode): the
 * WebSocket's binary frame (bytes of the output JSON), JSON text, or a value another layer already parsed (the
 * Electron bridge structured-clones; fakes in tests).
 */
export type RawOutput = { bytes: Uint8Array } | { text: string } | { value: unknown }

export interface Transport extends NocApi {
  readonly kind: 'ipc' | 'ws'
  /** Begin connecting. Status and deltas are reported to the listeners. Deltas are subscribed automatically. */
  start(): void
  /**
   * Advance the resume cursor to a snapshot's `seq`: after a reconnect the transport subscribes with
   * `since` = the highest seq seen (snapshot or delta), so the console resumes without reloading.
   */
  resumeFrom(seq: number): void
  /** Like `call`, but the answer is handed over unparsed and unvalidated: the caller must decode it (src/decode). */
  callRaw(method: Method, input: unknown): Promise<RawOutput>
  onDelta(listener: (delta: Delta) => void): () => void
  onStatus(listener: (status: LinkStatus) => void): () => void
  status(): LinkStatus
  close(): void
}

/** A failed call: the server's `{ error, issues }`, or a transport failure (timeout, disconnect). */
export class NocCallError extends Error {
  override readonly name = 'NocCallError'
  constructor(
    readonly error: string,
    readonly issues: ValidationIssue[] = [],
    readonly method?: string,
  ) {
    super(issues.length ? `${error}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}` : error)
  }
}

/**
 * Parse a call's output with the contract: the wire is not trusted, and a malformed answer becomes an error
 * here rather than a crash deep inside a component.
 */
export const parseOutput = <M extends Method>(method: M, output: unknown): OutputOf<M> => {
  const spec = contract[method]
  if (!spec) throw new NocCallError(`unknown method ${String(method)}`, [], method)
  const parsed = fastParse(spec.output, output)
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 10).map((i) => ({ path: i.path.join('.') || '(output)', message: i.message }))
    throw new NocCallError(`malformed answer to ${method}`, issues, method)
  }
  return parsed.data as OutputOf<M>
}

/** Validate one pushed delta; `undefined` when it is not one (dropped by the caller, never applied). */
export const parseDelta = (value: unknown): Delta | undefined => {
  // Ten times a second, up to thousands of alerts each in a storm: the compiled check, not zod's interpreter.
  const parsed = fastParse(Delta, value)
  return parsed.success ? parsed.data : undefined
}

/** Tiny listener set shared by both transports. */
export const listeners = <T>() => {
  const set = new Set<(value: T) => void>()
  return {
    add(fn: (value: T) => void) {
      set.add(fn)
      return () => void set.delete(fn)
    },
    emit(value: T) {
      for (const fn of set) {
        try {
          fn(value)
        } catch (e) {
          console.error('listener failed', e)
        }
      }
    },
  }
}

export type { InputOf, Method, OutputOf }
