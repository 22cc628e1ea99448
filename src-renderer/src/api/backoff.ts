/**
 * Reconnect delays: exponential from `initialMs` to `maxMs`, with ±20 % jitter so a room full of wall displays
 * does not reconnect in lock-step after a server restart.
 */
export interface BackoffOptions {
  initialMs?: number
  maxMs?: number
  /** 0..1 source of jitter; injected by tests. */
  random?: () => number
}

export const backoffDelay = (attempt: number, opts: BackoffOptions = {}): number => {
  const initial = opts.initialMs ?? 500
  const max = opts.maxMs ?? 15_000
  const base = Math.min(max, initial * 2 ** Math.max(0, attempt))
  const jitter = 0.8 + 0.4 * (opts.random ?? Math.random)()
  return Math.round(Math.min(max, base * jitter))
}
