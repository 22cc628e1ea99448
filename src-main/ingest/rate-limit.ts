/**
 * Per-connection message rate limit for WebSockets: a token bucket (`ratePerSec` refill, `burst` capacity) so
 * bursts pass and only sustained floods are refused, plus an "episode" tracker that decides when refusing is no
 * longer enough and the connection should be closed.
 */
export type Verdict =
  /** Within the rate: process the message. */
  | 'allow'
  /** Over the rate: drop this message and tell the peer (error frame). `first` = first drop of an episode. */
  | 'drop'
  /** Still flooding after being told: close the connection (1008). */
  | 'close'

export interface RateLimiter {
  take(): Verdict
  /** Whether the last `drop` was the first of its episode (worth one dead-letter entry, not one per frame). */
  readonly firstDropOfEpisode: boolean
}

/**
 * An episode starts at the first dropped message and ends after `quietMs` without a drop. A peer that keeps
 * over the rate never has such a quiet second, so its drops accumulate; once they exceed `burst` (it sent a whole
 * extra burst after being told to stop) it is closed. A single spike only loses its excess messages.
 */
export const createRateLimiter = (ratePerSec: number, burst: number, now: () => number = () => performance.now(), quietMs = 1000): RateLimiter => {
  let tokens = burst
  let last = now()
  let dropped = 0
  let lastDropAt = -Infinity
  let first = false
  return {
    take(): Verdict {
      const t = now()
      tokens = Math.min(burst, tokens + ((t - last) / 1000) * ratePerSec)
      last = t
      if (tokens >= 1) {
        tokens -= 1
        return 'allow'
      }
      if (t - lastDropAt > quietMs) dropped = 0
      lastDropAt = t
      dropped++
      first = dropped === 1
      return dropped > burst ? 'close' : 'drop'
    },
    get firstDropOfEpisode() {
      return first
    },
  }
}
