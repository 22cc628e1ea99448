import { describe, expect, it } from 'vitest'
import { bcubed, problemScore, stateMismatches } from './noise-score'
import type { TruthRecord } from '../src-main/sim/types'

describe('bench/noise scoring', () => {
  it('problems by client set: a false problem costs precision, a partly covered one recall', () => {
    const truth = new Map([['outage', new Set(['a', 'b', 'c', 'd'])]])
    expect(problemScore(truth, [{ id: 'P1', key: 'k', clients: ['a', 'b', 'c', 'd'] }])).toMatchObject({ precision: 1, recall: 1 })
    const s = problemScore(truth, [{ id: 'P1', key: 'k', clients: ['a', 'b', 'x'] }, { id: 'P2', key: 'rule', clients: ['y', 'z', 'w'] }])
    expect(s.precision).toBeCloseTo((2 / 3 + 0) / 2)
    expect(s.recall).toBeCloseTo(2 / 4)
    expect(problemScore(new Map(), [])).toMatchObject({ precision: 1, recall: 1 })
    expect(problemScore(truth, [])).toMatchObject({ precision: 1, recall: 0 })
  })

  it('B³: one merge of two singletons halves their precision', () => {
    const b = bcubed([{ truth: 'x', got: 'I1' }, { truth: 'y', got: 'I1' }, { truth: 'z', got: 'I2' }])
    expect(b.precision).toBeCloseTo((0.5 + 0.5 + 1) / 3)
    expect(b.recall).toBe(1)
  })

  it('final states use time order, not delivery order; a lost resolve is counted', () => {
    const rec = (n: number, order: number, status: 'firing' | 'resolved'): TruthRecord =>
      ({ n, order, at: 0, format: 'native', client: 'c', key: 'c/k', status, severity: 'major', truth: 'delivery-faults:c:1', expectIncident: true })
    // Delivered resolve first (n 0), but it happened after the fire (order 1).
    const truth = [rec(0, 1, 'resolved'), rec(1, 0, 'firing')]
    expect(stateMismatches(truth, new Map([['c/k', 'resolved']])).mismatches).toEqual([])
    expect(stateMismatches(truth, new Map([['c/k', 'firing']]))).toMatchObject({ lostResolves: 1, alerts: 1 })
  })
})
