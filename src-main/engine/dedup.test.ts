import { describe, expect, it } from 'vitest'
import { alertOf, mergeEvent } from './dedup'
import { ev } from '../testing/event-kit'

const fold = (...events: ReturnType<typeof ev>[]) => {
  let a: ReturnType<typeof mergeEvent>['next'] | undefined
  const outcomes: string[] = []
  for (const e of events) {
    const r = mergeEvent(a, e)
    a = r.next
    outcomes.push(r.outcome)
  }
  return { alert: a!, outcomes }
}

describe('mergeEvent', () => {
  it('counts duplicate deliveries without changing state', () => {
    const { alert, outcomes } = fold(ev(), ev({ receivedAt: 1_000_500 }))
    expect(alert.count).toBe(2)
    expect(alert.status).toBe('firing')
    expect(alert.lastSeen).toBe(1_000_500)
    expect(outcomes).toEqual(['new', 'repeat'])
  })

  it('resolves and keeps the firing severity when the clear says ok', () => {
    const { alert, outcomes } = fold(ev(), ev({ status: 'resolved', severity: 'ok', time: 1_060_000, receivedAt: 1_060_000 }))
    expect(alert.status).toBe('resolved')
    expect(alert.severity).toBe('critical')
    expect(alert.resolvedAt).toBe(1_060_000)
    expect(outcomes[1]).toBe('changed')
  })

  it('a late fire older than the resolve cannot reopen the alert (out of order)', () => {
    const { alert, outcomes } = fold(
      ev({ time: 1_000_000 }),
      ev({ status: 'resolved', time: 1_100_000, receivedAt: 1_100_000 }),
      ev({ status: 'firing', time: 1_050_000, receivedAt: 1_200_000 }),
    )
    expect(alert.status).toBe('resolved')
    expect(alert.count).toBe(3)
    expect(alert.lastSeen).toBe(1_200_000)
    expect(outcomes[2]).toBe('stale')
  })

  it('resolve before fire: the alert is recorded resolved and the older fire stays stale', () => {
    const { alert, outcomes } = fold(ev({ status: 'resolved', severity: 'ok', time: 2_000 }), ev({ status: 'firing', time: 1_000 }))
    expect(alert.status).toBe('resolved')
    expect(alert.firstSeen).toBe(1_000)
    expect(outcomes).toEqual(['new', 'stale'])
  })

  it('firstSeen does not depend on delivery order: earliest of every time seen, source or ours (clock ahead, resolve first)', () => {
    // A source clock 50 s ahead of ours (x) and 140 s ahead (y): both orders give our earliest receive time.
    const x = ev({ time: 100_000, receivedAt: 50_000 })
    const y = ev({ time: 200_000, receivedAt: 60_000, severity: 'major' })
    expect(fold(x, y).alert.firstSeen).toBe(50_000)
    expect(fold(y, x).alert.firstSeen).toBe(50_000)
    // An older clear and a later fire: whichever arrives first, the alert existed by the clear's time.
    const clear = ev({ status: 'resolved', severity: 'ok', time: 10_000, receivedAt: 10_000 })
    const fire = ev({ time: 20_000, receivedAt: 20_000 })
    expect(fold(clear, fire).alert.firstSeen).toBe(10_000)
    expect(fold(fire, clear).alert.firstSeen).toBe(10_000)
  })

  it('a fire newer than the resolve reopens (re-fire)', () => {
    const { alert } = fold(ev({ time: 1 }), ev({ status: 'resolved', time: 2 }), ev({ time: 3, severity: 'major' }))
    expect(alert.status).toBe('firing')
    expect(alert.severity).toBe('major')
    expect(alert.resolvedAt).toBeNull()
  })

  it('equal source times: the later arrival wins', () => {
    const { alert } = fold(ev({ time: 5 }), ev({ time: 5, status: 'resolved' }))
    expect(alert.status).toBe('resolved')
  })

  it('severity change on a firing alert is a change, and the summary follows the newest occurrence', () => {
    const { alert, outcomes } = fold(ev({ severity: 'warning', summary: 'a' }), ev({ severity: 'critical', time: 2_000_000, summary: 'b' }))
    expect(outcomes[1]).toBe('changed')
    expect(alert.summary).toBe('b')
  })

  it('a sparse resolve (no payload) keeps summary, labels and severity', () => {
    const { alert } = fold(ev({ summary: 'tunnel down', labels: { a: '1' } }), ev({ sparse: true, status: 'resolved', severity: 'ok', summary: 'PagerDuty resolve for k', labels: {}, time: 2_000_000 }))
    expect(alert).toMatchObject({ status: 'resolved', summary: 'tunnel down', labels: { a: '1' }, severity: 'critical' })
  })
})

describe('alert rows keep one shape', () => {
  it('a repeat, a stale event and a change each yield a fresh draft with exactly the first sight\'s fields, in its order', () => {
    const first = mergeEvent(undefined, ev({})).next
    const stored = alertOf(first, 7, 70)
    expect(Object.keys(stored)).toEqual([...Object.keys(first), 'id', 'seq'])
    expect(stored).not.toBe(first)
    for (const e of [ev({}), ev({ time: first.stateTime - 3_600_000, status: 'resolved' }), ev({ severity: 'warning' })]) {
      const { next } = mergeEvent(stored, e)
      expect(Object.keys(next)).toEqual(Object.keys(first))
      expect(next).not.toBe(stored)
      expect(stored.count).toBe(1) // the stored row is never written through
    }
  })
})
