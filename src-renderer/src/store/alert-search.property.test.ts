/**
 * Properties of the alert search index (fast-check): after any sequence of added, changed and removed rows —
 * noted the way the feed reducers note them, or now and then changed behind its back — every query gives
 * exactly what the row-by-row reference gives, in list order. Texts come from a three-letter alphabet so words
 * hit often, straddle row ends and chunk ends, and repeat within a row.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SEVERITIES, type Severity } from '@shared/model/severity'
import type { AlertRow } from './alert-row'
import { AlertSearchIndex, CHUNK, matchRowByRow } from './alert-search'

const row = (id: number, hay: string, client: string, severity: Severity, seq: number): AlertRow => ({
  id, seq, client, severity, status: 'firing', summary: hay, resource: '', rule: '', service: null, count: 1, firstSeen: 0, lastSeen: 0, resolvedAt: null, hay,
})

const arbText = fc.stringMatching(/^[abc\n]{0,7}$/)
const arbWord = fc.stringMatching(/^[abc]{1,3}$/)
const arbClient = fc.constantFrom('x', 'y', 'z')
const arbSeverity = fc.constantFrom(...SEVERITIES)
const arbOp = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('put' as const), id: fc.integer({ min: 1, max: 2 * CHUNK + 50 }), hay: arbText, client: arbClient, severity: arbSeverity }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('remove' as const), id: fc.integer({ min: 1, max: 2 * CHUNK + 50 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unnoted' as const), id: fc.integer({ min: 1, max: 2 * CHUNK + 50 }), hay: arbText }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('query' as const),
      words: fc.array(arbWord, { maxLength: 3 }),
      client: fc.option(arbClient),
      severity: fc.option(arbSeverity),
      seed: fc.integer(),
    }),
  },
)

describe('alert search index: properties', () => {
  it('answers every query like the row-by-row reference, whatever changed before it', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(arbText, arbClient, arbSeverity), { minLength: CHUNK, maxLength: 2 * CHUNK + 50 }), fc.array(arbOp, { maxLength: 40 }), (initial, ops) => {
        const index = new AlertSearchIndex()
        const byId: Record<number, AlertRow> = {}
        let version = 0
        let seq = 0
        let lists: number[][] | null = null
        const first = initial.map(([hay, client, severity], k) => (byId[k + 1] = row(k + 1, hay, client, severity, ++seq)))
        index.noteChanges(first, [], version, ++version)
        for (const op of ops) {
          if (op.kind === 'put') {
            const r = row(op.id, op.hay, op.client, op.severity, ++seq)
            byId[op.id] = r
            index.noteChanges([r], [], version, ++version)
          } else if (op.kind === 'remove') {
            if (!byId[op.id]) continue
            delete byId[op.id]
            index.noteChanges([], [op.id], version, ++version)
          } else if (op.kind === 'unnoted') {
            const prev = byId[op.id]
            if (!prev) continue
            byId[op.id] = row(op.id, op.hay, prev.client, prev.severity, ++seq)
            version++
          } else {
            // Lists: the held ids in some order, plus one never held. Kept (the same arrays, as the store keeps
            // its lists between deltas) until a query's seed asks for new ones, so they may name removed alerts
            // and miss new ones while the index re-slots ids under them.
            if (!lists || op.seed % 3 === 0) {
              const held = Object.keys(byId).map(Number)
              const shuffled = held.map((id) => [Math.sin(id * 7919 + op.seed), id] as const).sort((a, b) => a[0] - b[0]).map(([, id]) => id)
              const cut = Math.abs(op.seed) % (shuffled.length + 1)
              lists = [shuffled.slice(0, cut), [...shuffled.slice(cut), 10_000]]
            }
            const q = { words: op.words, client: op.client, severity: op.severity }
            expect(index.match({ lists, all: [Object.keys(byId).map(Number)], byId, version }, q)).toEqual(matchRowByRow(lists, byId, q))
          }
        }
        // And a last query over everything, so every run checks at least once.
        const held = Object.keys(byId).map(Number)
        const q = { words: ['ab'], client: null, severity: null }
        expect(index.match({ lists: [held], all: [held], byId, version }, q)).toEqual(matchRowByRow([held], byId, q))
      }),
      { numRuns: 60 },
    )
  })
})
