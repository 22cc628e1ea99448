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
  // Observation may begin after the burst's first point (its own onset came later): then nothing is history.
  const n = spanMs > 0 ? lowerBound(onsets, (x) => x - burstFrom) - lowerBound(onsets, (x) => x - from) : 0
  return { onsets: n, spanMs, expected: (windowMs * (n + PRIOR_ONSETS)) / (spanMs + PRIOR_MS) }
}

/**
 * Could ANY burst holding time `t` be evidence? A burst of width `windowMs` holding t starts somewhere in
 * [t − window, t] and has at most `clientsAtMost` clients (the distinct clients of every point in t ± window). Over
 * those starts the baseline's onsets are at least those in [max(t − horizon, observedFrom), t − window) and its span
 * at most min(horizon, t − observedFrom), so `expected` is at least the value below; p can only be larger at fewer
 * clients or a larger expectation. False means no burst around t can reach `significance`: the caller may skip
 * listing the points (a suspected problem growing by thousands of alerts asked this of every one of them).
 * `observedFrom` undefined: ruleJudgement then takes the burst's own start, so the span is 0 and no onset counts.
 */
export const couldBeEvidence = (
  onsets: readonly number[],
  t: number,
  windowMs: number,
  horizonMs: number,
  observedFrom: number | undefined,
  clientsAtMost: number,
  significance: number,
): boolean => {
  let n = 0
  let spanMs = 0
  if (observedFrom !== undefined) {
    const from = Math.max(t - horizonMs, observedFrom)
    const to = t - windowMs
    n = to > from ? lowerBound(onsets, (x) => x - to) - lowerBound(onsets, (x) => x - from) : 0
    spanMs = Math.max(0, Math.min(horizonMs, t - observedFrom))
  }
  const expected = (windowMs * (n + PRIOR_ONSETS)) / (spanMs + PRIOR_MS)
  // A hair of slack so rounding in the series can never skip a burst that poissonTail itself would confirm.
  return poissonTail(clientsAtMost, expected) <= significance * (1 + 1e-9)
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
