/**
 * Properties of the flapping window (`recordTransition`, `changesInWindow`, `isFlapping`) over generated
 * transition times (fast-check): out-of-order deliveries end in the same history, the window is inclusive at
 * exactly `windowMin` and exclusive one millisecond beyond, and more changes never end flapping.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { changesInWindow, isFlapping, recordTransition } from './flapping'

const MIN = 60_000
const arbConfig = fc.record({ changes: fc.integer({ min: 2, max: 8 }), windowMin: fc.integer({ min: 1, max: 120 }) })
const arbTimes = fc.uniqueArray(fc.integer({ min: 0, max: 4 * 3_600_000 }), { minLength: 1, maxLength: 30 })

const record = (times: number[], cfg: { changes: number; windowMin: number }) => times.reduce<number[]>((h, t) => recordTransition(h, t, cfg), [])

describe('flapping window: properties', () => {
  it('any arrival order keeps the same history: every change within the window of the latest', () => {
    fc.assert(
      fc.property(arbConfig, arbTimes.chain((ts) => fc.tuple(fc.constant(ts), fc.shuffledSubarray(ts, { minLength: ts.length, maxLength: ts.length }))), (cfg, [ts, shuffled]) => {
        const latest = Math.max(...ts)
        const expected = [...ts].filter((t) => t >= latest - cfg.windowMin * MIN).sort((a, b) => a - b)
        expect(record(shuffled, cfg)).toEqual(expected)
        expect(record(ts, cfg)).toEqual(expected)
      }),
    )
  })

  it('a change exactly windowMin before counts; one millisecond earlier does not', () => {
    fc.assert(
      fc.property(arbConfig, fc.integer({ min: 10 * 3_600_000, max: 20 * 3_600_000 }), (cfg, at) => {
        const edge = at - cfg.windowMin * MIN
        expect(changesInWindow([edge, at], at, cfg)).toBe(2)
        expect(changesInWindow([edge - 1, at], at, cfg)).toBe(1)
        // Changes after `at` (a later delivery already recorded) are not in the window ending at `at`.
        expect(changesInWindow([at + 1], at, cfg)).toBe(0)
      }),
    )
  })

  it('adding a change inside the window never ends flapping; flapping needs `changes` changes in the window', () => {
    fc.assert(
      fc.property(arbConfig, arbTimes, fc.integer({ min: 0, max: 4 * 3_600_000 }), (cfg, ts, extra) => {
        const at = Math.max(...ts, extra)
        const before = isFlapping(ts, at, cfg)
        const after = isFlapping([...ts, extra], at, cfg)
        if (before) expect(after).toBe(true)
        expect(before).toBe(ts.filter((t) => t >= at - cfg.windowMin * MIN && t <= at).length >= cfg.changes)
      }),
    )
  })
})
