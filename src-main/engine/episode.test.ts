import { describe, expect, it } from 'vitest'
import type { NocEvent } from '@shared/model/event'
import { mergeEvent, type AlertDraft } from './dedup'
import { CLOCK_TOLERANCE_MS } from './episode'
import { ev } from '../testing/event-kit'

const T = Date.UTC(2026, 11, 7, 6, 45, 34) // a whole second
const S = 1000

/** Fold events in order; returns the alert and each outcome. */
const fold = (...events: NocEvent[]) => {
  let a: AlertDraft | undefined
  const outcomes: string[] = []
  for (const e of events) {
    const r = mergeEvent(a, e)
    a = r.next
    outcomes.push(r.outcome)
  }
  return { alert: a!, outcomes }
}

/** Alertmanager: time = startsAt (fire) or endsAt (resolve); the episode is startsAt; precision from the strings. */
const am = (status: 'firing' | 'resolved', startsAt: number, endsAt: number | null, precisionMs: number, receivedAt = Math.max(startsAt, endsAt ?? 0) + 2 * S): NocEvent =>
  ev({ source: 'alertmanager', status, severity: status === 'firing' ? 'critical' : 'critical', time: status === 'firing' ? startsAt : (endsAt as number), receivedAt, episode: { start: startsAt }, timePrecisionMs: precisionMs })

describe('episodes: Alertmanager (startsAt identifies the episode)', () => {
  it('fired without startsAt, resolved with a whole-second endsAt inside the same second: the resolve applies', () => {
    // Alertmanager stamped the fire 06:45:34.536 (ns); the client resolved with endsAt 06:45:34Z, and Alertmanager
    // moved startsAt to it (the earliest start wins when it merges the two posts).
    const { alert, outcomes } = fold(am('firing', T + 536, null, 1), am('resolved', T, T, 1000))
    expect(outcomes).toEqual(['new', 'changed'])
    expect(alert).toMatchObject({ status: 'resolved', stateTime: T + 536, resolvedAt: T + 536, ignored: null })
  })

  it('resolved by a client whose clock is 85 s behind (startsAt moved 85 s before the fire): still the current episode', () => {
    const { alert, outcomes } = fold(am('firing', T, null, 1), am('resolved', T - 85 * S, T - 85 * S, 1000, T + 40 * S))
    expect(outcomes[1]).toBe('changed')
    expect(alert.status).toBe('resolved')
  })

  it('a late re-send of the fire after its resolve is stale, and noted on the alert', () => {
    const { alert, outcomes } = fold(am('firing', T, null, 1), am('resolved', T, T + 60 * S, 1000), am('firing', T, null, 1, T + 90 * S))
    expect(outcomes).toEqual(['new', 'changed', 'stale'])
    expect(alert.status).toBe('resolved')
    expect(alert.ignored).toMatchObject({ count: 1, last: { status: 'firing', source: 'alertmanager', time: T, receivedAt: T + 90 * S } })
    expect(alert.ignored?.last.reason).toMatch(/^fire of the episode that began at 2026-12-07T06:45:34Z, which already ended at/)
  })

  it('resolve before fire (same episode, delivered out of order): the fire is stale', () => {
    const { alert, outcomes } = fold(am('resolved', T, T + 30 * S, 1000), am('firing', T, null, 1000))
    expect(outcomes).toEqual(['new', 'stale'])
    expect(alert.status).toBe('resolved')
  })

  it('a new episode (later startsAt) after a resolve re-fires; the old episode\'s late resolve is then stale', () => {
    const { alert, outcomes } = fold(
      am('firing', T, null, 1000),
      am('resolved', T, T + 60 * S, 1000),
      am('firing', T + 120 * S, null, 1000),
      am('resolved', T, T + 60 * S, 1000, T + 200 * S),
    )
    expect(outcomes).toEqual(['new', 'changed', 'changed', 'stale'])
    expect(alert).toMatchObject({ status: 'firing', episode: { start: T + 120 * S, prevEnd: T + 60 * S } })
  })

  it('a later start while firing means a resolve was missed: the episode moves on, and that resolve arriving late is stale', () => {
    const { outcomes, alert } = fold(am('firing', T, null, 1000), am('firing', T + 120 * S, null, 1000), am('resolved', T, T + 60 * S, 1000, T + 300 * S))
    expect(outcomes).toEqual(['new', 'repeat', 'stale'])
    expect(alert).toMatchObject({ status: 'firing', episode: { start: T + 120 * S, prevEnd: T + 120 * S } })
  })

  it('an earlier start while firing is the same episode (an HA pair merged in an earlier copy): applied, not stale', () => {
    const { outcomes, alert } = fold(am('firing', T + 10 * S, null, 1), ev({ ...am('firing', T, null, 1), summary: 'newer text' }))
    expect(outcomes).toEqual(['new', 'repeat'])
    expect(alert.summary).toBe('newer text')
  })

  it('starts less than the precision apart are one episode; a full unit apart are two', () => {
    expect(fold(am('firing', T + 999, null, 1), am('resolved', T, T, 1000)).alert.status).toBe('resolved')
    // A fire a whole second after a resolve whose episode began a second earlier: a new episode.
    expect(fold(am('resolved', T, T, 1000), am('firing', T + S, null, 1000)).outcomes).toEqual(['new', 'changed'])
  })
})

describe('episodes: Zabbix (the problem event id)', () => {
  const zbx = (status: 'firing' | 'resolved', time: number, key = '9001', receivedAt = time + S) =>
    ev({ source: 'zabbix', status, severity: status === 'firing' ? 'major' : 'ok', time, receivedAt, episode: { key, start: T }, timePrecisionMs: 1000 })

  it('a recovery of the episode always applies, even dated before the problem (a server clock step)', () => {
    const { alert, outcomes } = fold(zbx('firing', T + 60 * S), zbx('resolved', T + 10 * S))
    expect(outcomes).toEqual(['new', 'changed'])
    expect(alert.status).toBe('resolved')
  })

  it('a problem or update for a recovered episode is stale; a duplicate recovery is a repeat', () => {
    const { alert, outcomes } = fold(zbx('resolved', T + 60 * S), zbx('firing', T + 90 * S), zbx('resolved', T + 60 * S))
    expect(outcomes).toEqual(['new', 'stale', 'repeat'])
    expect(alert.ignored?.last.reason).toBe('episode 9001 already recovered at 2026-12-07T06:46:34Z')
  })
})

describe('episodes: no source identity (times, clocks, precision)', () => {
  it('a repeat keeps the recorded episode (the same object: nothing to rewrite); a change records the new one', () => {
    const first = mergeEvent(undefined, ev({ time: T })).next
    const repeat = mergeEvent(first, ev({ time: T + 60 * S, receivedAt: T + 61 * S }))
    expect(repeat.outcome).toBe('repeat')
    expect(repeat.next.episode).toBe(first.episode)
    const clear = mergeEvent(repeat.next, ev({ status: 'resolved', severity: 'ok', time: T + 90 * S, receivedAt: T + 91 * S }))
    expect(clear.next.episode).toMatchObject({ start: T, receivedAt: T + 91 * S })
  })

  it('same-second fire and resolve on one clock: the resolve wins, whichever arrives first', () => {
    const fire = ev({ time: T, timePrecisionMs: 1000 })
    const clear = ev({ status: 'resolved', severity: 'ok', time: T, timePrecisionMs: 1000 })
    expect(fold(fire, clear).alert.status).toBe('resolved')
    const reversed = fold(clear, fire)
    expect(reversed.outcomes).toEqual(['new', 'stale'])
    expect(reversed.alert.ignored?.last.reason).toBe('a fire in the same second as the recorded resolve')
    // At millisecond precision the instants differ: a fire 1 ms after the resolve is a re-fire.
    expect(fold(ev({ status: 'resolved', severity: 'ok', time: T }), ev({ time: T + 1 })).alert.status).toBe('firing')
  })

  it('a sender 90 s fast, resolving without a time (our clock): the resolve applies (clock tolerance)', () => {
    const trigger = ev({ source: 'pagerduty', time: T + 90 * S, receivedAt: T })
    const resolve = ev({ source: 'pagerduty', status: 'resolved', severity: 'ok', time: T + 30 * S, receivedAt: T + 30 * S, timeBasis: 'received', sparse: true })
    const { alert, outcomes } = fold(trigger, resolve)
    expect(outcomes).toEqual(['new', 'changed'])
    expect(alert.status).toBe('resolved')
  })

  it('across clocks: older by exactly the tolerance still applies, by a millisecond more is stale', () => {
    const at = (older: number) =>
      fold(ev({ time: T, receivedAt: T }), ev({ status: 'resolved', severity: 'ok', time: T - older, receivedAt: T + S, timeBasis: 'received' })).outcomes[1]
    expect(at(CLOCK_TOLERANCE_MS)).toBe('changed')
    expect(at(CLOCK_TOLERANCE_MS + 1)).toBe('stale')
  })

  it('a late duplicate trigger after a resolve on our clock is stale; a newer trigger is a re-fire', () => {
    const trigger = ev({ source: 'pagerduty', time: T, receivedAt: T + S })
    const resolve = ev({ source: 'pagerduty', status: 'resolved', severity: 'ok', time: T + 60 * S, receivedAt: T + 60 * S, timeBasis: 'received' })
    expect(fold(trigger, resolve, { ...trigger, receivedAt: T + 70 * S }).outcomes).toEqual(['new', 'changed', 'stale'])
    expect(fold(trigger, resolve, ev({ source: 'pagerduty', time: T + 65 * S, receivedAt: T + 66 * S })).alert.status).toBe('firing')
  })

  it('rows written before episodes were recorded (no `episode`) are ordered by their time to the millisecond', () => {
    const old: AlertDraft = { ...mergeEvent(undefined, ev({ time: T })).next, episode: undefined }
    expect(mergeEvent(old, ev({ status: 'resolved', severity: 'ok', time: T - 1 })).outcome).toBe('stale')
    expect(mergeEvent(old, ev({ status: 'resolved', severity: 'ok', time: T })).outcome).toBe('changed')
  })

  it('an ignored event changes nothing but the counts; ignored events accumulate', () => {
    const { alert } = fold(
      ev({ time: T, summary: 'disk 97% full', description: 'on /data' }),
      ev({ status: 'resolved', severity: 'ok', time: T + 60 * S, summary: 'RESOLVED: disk 97% full', description: 'all good' }),
      ev({ time: T + 30 * S, receivedAt: T + 90 * S, summary: 'late', description: 'late' }),
      ev({ time: T + 40 * S, receivedAt: T + 95 * S, summary: 'later', description: 'later' }),
    )
    expect(alert).toMatchObject({ status: 'resolved', summary: 'RESOLVED: disk 97% full', description: 'all good', count: 4 })
    expect(alert.ignored).toMatchObject({ count: 2, last: { time: T + 40 * S, receivedAt: T + 95 * S } })
  })
})
