/**
 * Storm detection (pure): a per-client events-per-minute baseline as an EWMA; a minute well above it is a storm.
 * The baseline only learns from normal minutes — a storm must not teach it that storms are normal.
 */

export interface StormConfig {
  alpha: number
  factor: number
  minEventsPerMin: number
  warmupMin: number
}

export interface StormBaseline {
  ewma: number
  /** Minutes of history behind `ewma`. */
  minutes: number
  /** Epoch minute (ms / 60 000) last folded in. */
  lastMinute: number
}

export interface StormVerdict {
  baseline: StormBaseline
  /** The EWMA this minute was judged against (after decaying over quiet minutes) and the resulting threshold. */
  judgedAgainst: number
  threshold: number
  storming: boolean
}

/** Fold one finished minute's count into the baseline; minutes without events since the last one count as 0. */
export const stormStep = (prev: StormBaseline | undefined, minute: number, count: number, cfg: StormConfig): StormVerdict => {
  if (!prev) {
    return { baseline: { ewma: count, minutes: 1, lastMinute: minute }, judgedAgainst: 0, threshold: Infinity, storming: false }
  }
  const gap = Math.max(0, minute - prev.lastMinute - 1)
  const ewma = prev.ewma * Math.pow(1 - cfg.alpha, Math.min(gap, 10_000))
  const minutes = prev.minutes + gap
  const threshold = Math.max(cfg.minEventsPerMin, ewma * cfg.factor)
  const storming = minutes >= cfg.warmupMin && count > threshold
  const next = storming ? ewma : cfg.alpha * count + (1 - cfg.alpha) * ewma
  return { baseline: { ewma: next, minutes: minutes + 1, lastMinute: minute }, judgedAgainst: ewma, threshold, storming }
}

export const minuteOf = (at: number): number => Math.floor(at / 60_000)
