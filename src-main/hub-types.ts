import type { Method, InputOf, OutputOf, Delta } from '@shared/api/contract'

/** Injected clock: tests pass a fake, production passes Date.now. */
export type Clock = () => number

export interface HubOptions {
  /** Directory holding noc.db (created when missing). */
  dataDir: string
  clock?: Clock
  /** Path of the YAML/JSON configuration file (clients, correlation, policies); optional. */
  configPath?: string
  /** Run the built-in simulator feed (demo mode) — serve turns this on when no source is configured. */
  demo?: boolean
  /** better_sqlite3.node built for the running runtime's ABI (Electron); unset = the package's own Node build. */
  nativeBinding?: string
}

export type PushListener = (delta: Delta) => void

/**
 * The composition root both shells (Electron main, headless serve) hold. Every contract method is reachable
 * through `call`, which parses the input with the contract's schema (throws `ContractError` with issues on bad
 * input) and returns the typed output.
 */
export interface Hub {
  call<M extends Method>(method: M, input: InputOf<M>, meta?: CallMeta): Promise<OutputOf<M>>
  /** Coalesced deltas (≤ 10 Hz). Returns an unsubscribe function. */
  subscribe(listener: PushListener): () => void
  /** Alerts/clients changed after `since` (for a console resuming after a reconnect). */
  changesSince(since: number): Delta
  close(): Promise<void>
}

export interface CallMeta {
  /** Who asked: 'ipc', 'http', 'ws' — for audit and the timeline. */
  transport: 'ipc' | 'http' | 'ws' | 'internal'
  remote?: string
}
