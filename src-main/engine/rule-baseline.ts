import { lowerBound } from './ordered-map'

/**
 * Is a same-rule burst across clients news? `HostDiskFull` fires for some client every few minutes at a busy MSP;
 * three of them inside three minutes happens several times a day by chance. A rule that fires once a week firing
 * for eight clients in two minutes does not. The engine keeps each rule's recent onsets (source times, any client)
 * and asks how likely the burst is under the rule's own rate:
 *
 *   expected = window × (onsets before the burst + PRIOR_ONSETS) / (observed time before it + PRIOR_MS)
 *   p        = P(Poisson(expected) ≥ clients in the burst)
 *
 * The prior (one onset per half hour) keeps a rule the engine has barely seen from looking rare: right after start
 * nothing has a history, and every coincidence would otherwise look like an outage. Onsets inside the burst's own
 * window are not history (they are the burst). A burst is evidence when p ≤ `sameRuleSignificance`.
 */
export const PRIOR_ONSETS = 1
export const PRIOR_MS = 30 * 60_000
/** At most this many onsets are kept per rule (the oldest go first). */
export const MAX_ONSETS = 5000

/** Key under which the earliest onset the engine knows of (of any rule) is kept: where observation began. */
export const OBSERVED_FROM = '\u0000observed-from'

export interface Baseline {
  /** Onsets of the rule in the learning span before the burst. */
  onsets: number
  /** Length of that span, ms. */
  spanMs: number
  /** Expected onsets of the rule per window. */
  expected: number
}

export const baselineOf = (onsets: readonly number[], burstFrom: number, windowMs: number, horizonMs: number, observedFrom: number): Baseline => {
  const from = Math.max(burstFrom - horizonMs, observedFrom)
  const spanMs = Math.max(0, burstFrom - from)
  const n = lowerBound(onsets, (x) => x - burstFrom) - lowerBound(onsets, (x) => x - from)
  return { onsets: n, spanMs, expected: (windowMs * (n + PRIOR_ONSETS)) / (spanMs + PRIOR_MS) }
}

/** P(X ≥ k) for X ~ Poisson(λ), summed upwards from k (exact for the tiny tails that matter here). */
export const poissonTail = (k: number, lambda: number): number => {
  if (k <= 0) return 1
  if (lambda <= 0) return 0
  let term = Math.exp(-lambda)
  for (let i = 1; i <= k; i++) term *= lambda / i
  let sum = 0
  for (let i = k; i < k + 1000 && term > sum * 1e-12; i++) {
    sum += term
    term *= lambda / (i + 1)
  }
  return Math.min(1, sum)
}
