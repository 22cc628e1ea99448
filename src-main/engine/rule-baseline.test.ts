import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { baselineOf, couldBeEvidence, poissonTail, PRIOR_MS } from './rule-baseline'

const MIN = 60_000
const W = 3 * MIN
const H = 24 * 60 * MIN
const SIG = 1e-6

/** What ruleJudgement decides for a burst starting at `from` with `clients` clients. */
const judged = (onsets: number[], from: number, clients: number, observedFrom: number | undefined, w = W, h = H) =>
  poissonTail(clients, baselineOf(onsets, from, w, h, observedFrom ?? from).expected) <= SIG

describe('couldBeEvidence: the bound reconsider checks before listing a window', () => {
  it('three clients of a rule with no history can never be evidence (p ≈ 1.5e-4 at the prior rate)', () => {
    const t = 1_000 * MIN
    expect(couldBeEvidence([t, t, t], t, W, H, t, 3, SIG)).toBe(false)
    // …and the judgement it stands in for agrees at every start of the window.
    for (const from of [t - W, t - W / 2, t]) expect(judged([t, t, t], from, 3, t)).toBe(false)
  })

  it('five clients with no history can be (0.1 expected per window: p = 7.7e-8)', () => {
    const t = 1_000 * MIN
    expect(couldBeEvidence([], t, W, H, t, 5, SIG)).toBe(true)
    expect(judged([], t, 5, t)).toBe(true)
  })

  it('a long quiet history makes fewer clients news; a busy one makes more clients ordinary', () => {
    const t = 2_000 * MIN
    const observed = t - H
    expect(couldBeEvidence([observed], t, W, H, observed, 3, SIG)).toBe(true)
    const busy = Array.from({ length: 480 }, (_, i) => observed + i * 3 * MIN)
    expect(couldBeEvidence(busy, t, W, H, observed, 5, SIG)).toBe(false)
    expect(couldBeEvidence(busy, t, W, H, observed, 40, SIG)).toBe(true)
  })

  it('counts no onset at or after t − window as history (those may be the burst itself), one just before it', () => {
    const t = 3_000 * MIN
    const observed = t - 10 * MIN
    // 5 clients over 10 minutes observed: p = 2e-8 with no history, 6e-7 with one onset; at significance 1e-7 the
    // single onset decides.
    expect(couldBeEvidence([], t, W, H, observed, 5, 1e-7)).toBe(true)
    expect(couldBeEvidence([t - W], t, W, H, observed, 5, 1e-7)).toBe(true)
    expect(couldBeEvidence([t - W - 1], t, W, H, observed, 5, 1e-7)).toBe(false)
  })

  it('a burst before observation began has no history (baselineOf counted −1 onsets there, so p was 0)', () => {
    const b = baselineOf([10 * MIN], 5 * MIN, W, H, 10 * MIN)
    expect(b).toEqual({ onsets: 0, spanMs: 0, expected: W / PRIOR_MS })
  })

  it('never says no when some burst holding t, with at most that many clients, would be judged evidence', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 200 }), { maxLength: 60 }),
        fc.integer({ min: 0, max: 200 }),
        fc.option(fc.integer({ min: 0, max: 200 }), { nil: undefined }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 2, max: 120 }),
        (raw, tMin, observedMin, clients, windowMin, horizonMin) => {
          const onsets = raw.map((m) => m * MIN).sort((a, b) => a - b)
          const t = tMin * MIN
          const w = windowMin * MIN
          const h = horizonMin * MIN
          const observedFrom = observedMin === undefined ? undefined : observedMin * MIN
          const bound = couldBeEvidence(onsets, t, w, h, observedFrom, clients, SIG)
          if (bound) return
          // Every start in [t − w, t] (a minute grid plus the onsets' own times) and every client count up to the bound.
          const starts = [...Array.from({ length: windowMin + 1 }, (_, i) => t - w + i * MIN), ...onsets.filter((x) => x >= t - w && x <= t)]
          for (const from of starts) for (let c = 1; c <= clients; c++) expect(judged(onsets, from, c, observedFrom, w, h)).toBe(false)
        },
      ),
      { numRuns: 400 },
    )
  })
})
