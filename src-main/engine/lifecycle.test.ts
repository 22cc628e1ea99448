import { describe, expect, it } from 'vitest'
import { MIN, SEC, Sim, T0 } from '../testing/engine-kit'

const twoAlerts = (config = {}) => {
  const sim = new Sim(config)
  sim.fire('a', { service: 'web' })
  sim.fire('b', { service: 'web', severity: 'major' })
  return sim
}

describe('resolve hold', () => {
  it('a partial recovery does not resolve the incident', () => {
    const sim = twoAlerts()
    sim.advance(MIN).resolve('a')
    sim.advance(10 * MIN).tick()
    expect(sim.inc('INC-1001').status).toBe('open')
    expect(sim.state.timers).toEqual([])
    expect(sim.entries('INC-1001', 'alert-resolved')[0].text).toBe('alert `a` resolved (1 still firing)')
    expect(sim.inc('INC-1001').severity).toBe('major') // worst *firing* alert
  })

  it('all alerts resolved: a timer is due after the hold; the incident resolves when it is due, not before', () => {
    const sim = twoAlerts()
    sim.advance(MIN).resolve('a')
    sim.advance(MIN).resolve('b')
    expect(sim.state.timers).toEqual([{ incidentId: 'INC-1001', what: 'resolve', dueAt: sim.now + 120 * SEC }])
    sim.advance(120 * SEC - 1).tick()
    expect(sim.inc('INC-1001').status).toBe('open')
    sim.advance(1).tick()
    const inc = sim.inc('INC-1001')
    expect(inc.status).toBe('resolved')
    expect(inc.resolvedAt).toBe(sim.now)
    expect(inc.severity).toBe('major') // the last firing severity is kept once nothing fires
    expect(sim.entries('INC-1001', 'resolve')[0]).toMatchObject({ actor: 'system', text: 'resolved: all 2 alerts resolved and none re-fired for 120 s' })
    expect(sim.state.timers).toEqual([])
  })

  it('a re-fire during the hold cancels the pending resolve', () => {
    const sim = twoAlerts()
    sim.advance(MIN).send({ fp: 'a', status: 'resolved', severity: 'ok' }, { fp: 'b', status: 'resolved', severity: 'ok' })
    expect(sim.state.timers).toHaveLength(1)
    sim.advance(MIN).fire('a', { service: 'web' })
    expect(sim.state.timers).toEqual([])
    expect(sim.entries('INC-1001', 'alert-refired')).toHaveLength(1)
    sim.advance(10 * MIN).tick()
    expect(sim.inc('INC-1001').status).toBe('open')
  })

  it('a fire and its resolve in one batch: the incident opens and starts its hold', () => {
    const sim = new Sim()
    sim.send({ fp: 'a', time: sim.now - 10 * SEC }, { fp: 'a', status: 'resolved', severity: 'ok' })
    expect(sim.inc('INC-1001').status).toBe('open')
    expect(sim.state.timers).toEqual([{ incidentId: 'INC-1001', what: 'resolve', dueAt: sim.now + 120 * SEC }])
  })

  it('resolveHoldSec is configurable (0: due at once)', () => {
    const sim = new Sim({ correlation: { resolveHoldSec: 0 } })
    sim.fire('a')
    sim.advance(MIN).resolve('a')
    sim.tick()
    expect(sim.inc('INC-1001').status).toBe('resolved')
  })
})

describe('re-open window', () => {
  const resolved = (config = {}) => {
    const sim = new Sim(config)
    sim.fire('a', { service: 'web' })
    sim.advance(MIN).resolve('a')
    sim.advance(2 * MIN).tick()
    expect(sim.inc('INC-1001').status).toBe('resolved')
    return sim
  }

  it('a re-fire inside the window re-opens the incident', () => {
    const sim = resolved()
    sim.advance(30 * MIN).fire('a', { service: 'web' })
    const inc = sim.inc('INC-1001')
    expect(inc.status).toBe('open')
    expect(inc.resolvedAt).toBeNull()
    expect(sim.incidents()).toHaveLength(1)
    expect(sim.entries('INC-1001', 'reopen')[0].text).toBe('re-opened: alert `a` fired again 30 min after the incident resolved')
  })

  it('a re-fire outside the window opens a new incident', () => {
    const sim = resolved()
    sim.advance(30 * MIN + 1).fire('a', { service: 'web' })
    expect(sim.inc('INC-1001').status).toBe('resolved')
    expect(sim.incidentOf('a')?.id).toBe('INC-1002')
    expect(sim.linkOf('a')?.rule).toBe('new')
  })

  it('a re-fire after the window may join another open incident by scope', () => {
    const sim = resolved()
    sim.advance(40 * MIN).fire('b', { service: 'web' })
    sim.advance(MIN).fire('a', { service: 'web' })
    expect(sim.incidentOf('a')?.id).toBe('INC-1002')
    expect(sim.linkOf('a')?.rule).toBe('scope')
  })

  it('re-opening clears the acknowledgement: the incident needs attention again', () => {
    const sim = new Sim()
    sim.fire('a')
    sim.act({ type: 'ack', id: 'INC-1001', by: 'alice' })
    sim.advance(MIN).resolve('a')
    sim.advance(2 * MIN).tick()
    sim.advance(MIN).fire('a')
    expect(sim.inc('INC-1001')).toMatchObject({ status: 'open', acknowledgedAt: null, owner: 'alice' })
  })

  it('an alert that moved on to a new incident does not keep its old incident from resolving', () => {
    const sim = new Sim()
    sim.fire('a', { service: 'web' })
    sim.fire('b', { service: 'web' })
    sim.advance(MIN).send({ fp: 'a', status: 'resolved', severity: 'ok' }, { fp: 'b', status: 'resolved', severity: 'ok' })
    sim.advance(2 * MIN).tick()
    sim.advance(40 * MIN).fire('a', { service: 'web' }) // past the re-open window: INC-1002
    expect(sim.incidentOf('a')?.id).toBe('INC-1002')
    sim.act({ type: 'reopen', id: 'INC-1001', by: 'bob' }) // INC-1001 still lists `a` as history
    sim.advance(MIN).fire('b', { service: 'web' })
    sim.advance(MIN).resolve('b')
    sim.advance(2 * MIN).tick()
    expect(sim.inc('INC-1001').status).toBe('resolved')
    expect(sim.inc('INC-1002').status).toBe('open')
  })

  it('a closed incident is never re-opened by an alert', () => {
    const sim = resolved()
    sim.act({ type: 'close', id: 'INC-1001', by: 'alice' })
    sim.advance(MIN).fire('a', { service: 'web' })
    expect(sim.inc('INC-1001').status).toBe('closed')
    expect(sim.incidentOf('a')?.id).toBe('INC-1002')
  })
})

describe('acknowledged incidents that worsen', () => {
  it('a worse severity while acknowledged flags the incident and says so', () => {
    const sim = new Sim()
    sim.fire('a', { service: 'web', severity: 'warning' })
    sim.advance(MIN).act({ type: 'ack', id: 'INC-1001', by: 'alice' })
    sim.advance(MIN).fire('b', { service: 'web', severity: 'critical' })
    const inc = sim.inc('INC-1001')
    expect(inc.status).toBe('acknowledged')
    expect(inc.flags).toContain('worsened-while-acked')
    expect(sim.entries('INC-1001', 'worsened')[0].text).toBe('severity worsened warning → critical while acknowledged by alice')
  })

  it('the same severity or better does not flag', () => {
    const sim = new Sim()
    sim.fire('a', { service: 'web', severity: 'major' })
    sim.act({ type: 'ack', id: 'INC-1001', by: 'alice' })
    sim.advance(MIN).fire('b', { service: 'web', severity: 'major' })
    sim.advance(MIN).fire('c', { service: 'web', severity: 'minor' })
    expect(sim.inc('INC-1001').flags).toEqual([])
    expect(sim.entries('INC-1001', 'worsened')).toEqual([])
  })

  it('a member alert escalating its own severity flags too; re-ack clears the flag', () => {
    const sim = new Sim()
    sim.fire('a', { severity: 'minor' })
    sim.act({ type: 'ack', id: 'INC-1001', by: 'alice' })
    sim.advance(MIN).fire('a', { severity: 'critical' })
    expect(sim.inc('INC-1001').flags).toEqual(['worsened-while-acked'])
    const r = sim.act({ type: 'ack', id: 'INC-1001', by: 'bob' })
    expect(r.ok).toBe(true)
    expect(sim.inc('INC-1001').flags).toEqual([])
    expect(sim.entries('INC-1001', 'ack').at(-1)?.text).toBe('re-acknowledged by bob')
  })

  it('an unacknowledged incident that worsens only records the severity change', () => {
    const sim = new Sim()
    sim.fire('a', { severity: 'minor' })
    sim.advance(MIN).fire('a', { severity: 'critical' })
    expect(sim.inc('INC-1001').flags).toEqual([])
    expect(sim.entries('INC-1001', 'severity-changed')).toHaveLength(1)
  })
})

describe('clock-driven changes', () => {
  it('an ack with a timeout returns the incident to open when it expires', () => {
    const sim = new Sim()
    sim.fire('a')
    sim.act({ type: 'ack', id: 'INC-1001', by: 'alice', timeoutMin: 30 })
    expect(sim.state.timers).toEqual([{ incidentId: 'INC-1001', what: 'ack-expire', dueAt: T0 + 30 * MIN }])
    sim.advance(29 * MIN).tick()
    expect(sim.inc('INC-1001').status).toBe('acknowledged')
    sim.advance(MIN).tick()
    expect(sim.inc('INC-1001')).toMatchObject({ status: 'open', acknowledgedAt: null, owner: 'alice' })
    expect(sim.entries('INC-1001', 'unack')[0]).toMatchObject({ actor: 'system', text: 'acknowledgement by alice expired; back to open' })
  })

  it('unack or resolve cancels the ack expiry', () => {
    const sim = new Sim()
    sim.fire('a')
    sim.act({ type: 'ack', id: 'INC-1001', by: 'alice', timeoutMin: 30 })
    sim.act({ type: 'unack', id: 'INC-1001', by: 'alice' })
    expect(sim.state.timers).toEqual([])
  })

  it('priority follows business hours without anyone touching the incident', () => {
    // Mon 17:58 UTC; business hours end 18:00.
    const sim = new Sim({}, Date.UTC(2025, 5, 2, 17, 58))
    sim.fire('a', { severity: 'critical' })
    const before = sim.inc('INC-1001')
    expect(before.priorityBreakdown.components.businessHours.value).toBe(true)
    sim.advance(MIN).tick()
    expect(sim.log.filter((d) => d.kind === 'put-incident')).toHaveLength(1) // no change → no write
    sim.advance(MIN).tick()
    const after = sim.inc('INC-1001')
    expect(after.priorityBreakdown.components.businessHours.value).toBe(false)
    expect(after.priorityBreakdown.score).toBe(before.priorityBreakdown.score - 10)
  })
})
