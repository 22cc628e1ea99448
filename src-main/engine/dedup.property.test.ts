/**
 * Properties of de-duplication (`mergeEvent`) over generated event sequences (fast-check): an alert's state is
 * decided by source time, so deliveries of the same events in any order end in the same alert; a stale
 * occurrence is counted but changes nothing; counts and seen-times add up.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { NocEvent } from '@shared/model/event'
import { ev } from '../testing/event-kit'
import { mergeEvent, type AlertDraft } from './dedup'

const fold = (events: NocEvent[]) => {
  let a: AlertDraft | undefined
  const outcomes: string[] = []
  for (const e of events) {
    const r = mergeEvent(a, e)
    a = r.next
    outcomes.push(r.outcome)
  }
  return { alert: a as AlertDraft, outcomes }
}

/** Occurrences of one alert with distinct source times (equal times are decided by arrival, by design). */
const arbEvents = (opts: { skew?: boolean } = {}) =>
  fc
    .uniqueArray(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 12 })
    .chain((times) =>
      fc.tuple(
        ...times.map((t) =>
          fc.record({
            time: fc.constant(1_000_000 + t * 1000),
            // Received at or after the source time (clocks agree), up to an hour late.
            delay: fc.integer({ min: opts.skew ? -60_000 : 0, max: 3_600_000 }),
            status: fc.constantFrom('firing' as const, 'resolved' as const),
            severity: fc.constantFrom('critical' as const, 'major' as const, 'warning' as const),
            summary: fc.constantFrom('disk 91%', 'disk 95%', 'disk 99%'),
          }),
        ),
      ),
    )
    .map((xs) => xs.map((x) => ev({ time: x.time, receivedAt: x.time + x.delay, status: x.status, severity: x.severity, summary: x.summary })))

const STATE = (a: AlertDraft) => ({ status: a.status, severity: a.severity, stateTime: a.stateTime, resolvedAt: a.resolvedAt, summary: a.summary, count: a.count, firstSeen: a.firstSeen, lastSeen: a.lastSeen })

describe('de-duplication: properties', () => {
  it('the same occurrences in any delivery order give the same alert (state by source time)', () => {
    fc.assert(
      fc.property(arbEvents().chain((es) => fc.tuple(fc.constant(es), fc.shuffledSubarray(es, { minLength: es.length, maxLength: es.length }))), ([inOrder, shuffled]) => {
        expect(STATE(fold(shuffled).alert)).toEqual(STATE(fold(inOrder).alert))
      }),
    )
  })

  it('the state is that of the newest occurrence by source time; count = occurrences; seen-times span them', () => {
    fc.assert(
      fc.property(arbEvents(), fc.integer(), (es, seed) => {
        const order = [...es].sort((a, b) => ((a.time * 7919 + seed) % 1009) - ((b.time * 7919 + seed) % 1009))
        const { alert } = fold(order)
        const newest = es.reduce((x, y) => (y.time > x.time ? y : x))
        expect(alert.status).toBe(newest.status)
        expect(alert.stateTime).toBe(newest.time)
        expect(alert.resolvedAt).toBe(newest.status === 'resolved' ? newest.time : null)
        expect(alert.count).toBe(es.length)
        expect(alert.firstSeen).toBe(Math.min(...es.map((e) => e.time)))
        expect(alert.lastSeen).toBe(Math.max(...es.map((e) => e.receivedAt)))
      }),
    )
  })

  it('a stale occurrence is counted and moves lastSeen, but changes no state', () => {
    fc.assert(
      fc.property(arbEvents(), (es) => {
        let a: AlertDraft | undefined
        for (const e of es) {
          const r = mergeEvent(a, e)
          if (r.outcome === 'stale' && a) {
            expect({ ...STATE(r.next), count: 0, lastSeen: 0, firstSeen: 0 }).toEqual({ ...STATE(a), count: 0, lastSeen: 0, firstSeen: 0 })
            expect(r.next.count).toBe(a.count + 1)
          }
          if (a && r.outcome === 'repeat') expect([r.next.status, r.next.severity]).toEqual([a.status, a.severity])
          a = r.next
        }
      }),
    )
  })

  it('firstSeen never passes lastSeen, even when the source clock runs ahead of ours', () => {
    fc.assert(
      fc.property(arbEvents({ skew: true }), (es) => {
        let a: AlertDraft | undefined
        for (const e of es) {
          a = mergeEvent(a, e).next
          expect(a.firstSeen).toBeLessThanOrEqual(a.lastSeen)
        }
      }),
    )
  })
})
