import { describe, expect, it } from 'vitest'
import { IncidentAction } from '@shared/model/incident'
import { MIN, SEC, Sim, T0 } from '../testing/engine-kit'

const open = () => {
  const sim = new Sim()
  sim.fire('a', { service: 'web', resource: 'web-01' })
  sim.fire('b', { service: 'web', resource: 'web-02', severity: 'major' })
  sim.advance(MIN)
  return sim
}

const refused = (r: { ok: boolean }) => {
  expect(r.ok).toBe(false)
  return r as { ok: false; code: string; error: string }
}

describe('ack / unack', () => {
  it('ack changes status and the timeline names who and when', () => {
    const sim = open()
    const r = sim.act({ type: 'ack', id: 'INC-1001', by: 'alice', note: 'looking' })
    expect(r.ok && r.incident).toMatchObject({ status: 'acknowledged', acknowledgedAt: T0 + MIN, owner: 'alice' })
    expect(sim.entries('INC-1001', 'ack')).toEqual([
      { incidentId: 'INC-1001', at: T0 + MIN, actor: 'alice', kind: 'ack', text: 'acknowledged by alice: looking', data: null },
    ])
  })

  it('ack keeps an existing owner; a second ack is refused with a reason', () => {
    const sim = open()
    sim.act({ type: 'assign', id: 'INC-1001', by: 'lead', to: 'bob' })
    sim.act({ type: 'ack', id: 'INC-1001', by: 'alice' })
    expect(sim.inc('INC-1001').owner).toBe('bob')
    expect(refused(sim.act({ type: 'ack', id: 'INC-1001', by: 'carol' }))).toMatchObject({ code: 'invalid-transition', error: 'INC-1001 is already acknowledged (owner bob)' })
  })

  it('unack returns to open; unack of an open incident is refused', () => {
    const sim = open()
    expect(refused(sim.act({ type: 'unack', id: 'INC-1001', by: 'alice' })).error).toBe('INC-1001 is open, not acknowledged')
    sim.act({ type: 'ack', id: 'INC-1001', by: 'alice' })
    sim.advance(SEC).act({ type: 'unack', id: 'INC-1001', by: 'alice' })
    expect(sim.inc('INC-1001')).toMatchObject({ status: 'open', acknowledgedAt: null, owner: 'alice' })
    expect(sim.entries('INC-1001', 'unack')[0]).toMatchObject({ actor: 'alice', at: T0 + MIN + SEC })
  })

  it('unknown incidents are not found', () => {
    expect(refused(open().act({ type: 'ack', id: 'INC-9', by: 'x' }))).toMatchObject({ code: 'not-found', error: 'incident INC-9 not found' })
  })
})

describe('assign, note, escalate', () => {
  it('assign and unassign; the same owner again is refused', () => {
    const sim = open()
    sim.act({ type: 'assign', id: 'INC-1001', by: 'lead', to: 'bob' })
    expect(refused(sim.act({ type: 'assign', id: 'INC-1001', by: 'lead', to: 'bob' })).error).toBe('INC-1001 is already assigned to bob')
    sim.act({ type: 'assign', id: 'INC-1001', by: 'lead', to: null })
    expect(sim.inc('INC-1001').owner).toBeNull()
    expect(sim.entries('INC-1001', 'assign').map((e) => e.text)).toEqual(['assigned to bob by lead', 'unassigned by lead (was bob)'])
  })

  it('notes are allowed on closed incidents (post-mortems) and change nothing else', () => {
    const sim = open()
    sim.act({ type: 'resolve', id: 'INC-1001', by: 'alice' })
    sim.act({ type: 'close', id: 'INC-1001', by: 'alice' })
    const before = sim.inc('INC-1001')
    const r = sim.act({ type: 'note', id: 'INC-1001', by: 'bob', text: 'root cause was a cron job' })
    expect(r.ok && r.decisions.map((d) => d.kind)).toEqual(['timeline'])
    expect(sim.inc('INC-1001')).toEqual(before)
  })

  it('escalate raises the level; not on resolved incidents', () => {
    const sim = open()
    sim.act({ type: 'escalate', id: 'INC-1001', by: 'alice' })
    sim.act({ type: 'escalate', id: 'INC-1001', by: 'alice', note: 'DB team' })
    expect(sim.inc('INC-1001').escalationLevel).toBe(2)
    expect(sim.entries('INC-1001', 'escalate').at(-1)?.text).toBe('escalated to level 2 by alice: DB team')
    sim.act({ type: 'resolve', id: 'INC-1001', by: 'alice' })
    expect(refused(sim.act({ type: 'escalate', id: 'INC-1001', by: 'alice' })).code).toBe('invalid-transition')
  })
})

describe('resolve, close, reopen', () => {
  it('resolve records cause, solution and tags, and says how many alerts still fire', () => {
    const sim = open()
    sim.act({ type: 'resolve', id: 'INC-1001', by: 'alice', cause: 'disk full', solution: 'rotated logs', tags: ['disk'] })
    expect(sim.inc('INC-1001')).toMatchObject({ status: 'resolved', resolvedAt: T0 + MIN, cause: 'disk full', solution: 'rotated logs', tags: ['disk'] })
    expect(sim.entries('INC-1001', 'resolve')[0].text).toBe('resolved by alice (2 alerts still firing): cause: disk full; solution: rotated logs; tags: disk')
  })

  it('resolve on a resolved incident only records the learning; without any it is refused', () => {
    const sim = open()
    sim.act({ type: 'resolve', id: 'INC-1001', by: 'alice' })
    expect(refused(sim.act({ type: 'resolve', id: 'INC-1001', by: 'alice' })).error).toBe('INC-1001 is already resolved')
    sim.advance(MIN).act({ type: 'resolve', id: 'INC-1001', by: 'bob', cause: 'bad deploy' })
    expect(sim.inc('INC-1001')).toMatchObject({ cause: 'bad deploy', resolvedAt: T0 + MIN })
  })

  it('closing an open incident is refused (resolve first); closing a resolved one works', () => {
    const sim = open()
    expect(refused(sim.act({ type: 'close', id: 'INC-1001', by: 'alice' })).error).toBe('INC-1001 is open; resolve it before closing (closing would hide its alerts)')
    sim.act({ type: 'resolve', id: 'INC-1001', by: 'alice' })
    sim.act({ type: 'close', id: 'INC-1001', by: 'alice', solution: 'restarted' })
    expect(sim.inc('INC-1001')).toMatchObject({ status: 'closed', closedAt: T0 + MIN, solution: 'restarted' })
    expect(refused(sim.act({ type: 'close', id: 'INC-1001', by: 'alice' })).error).toBe('INC-1001 is already closed')
    expect(refused(sim.act({ type: 'resolve', id: 'INC-1001', by: 'alice' })).error).toBe('INC-1001 is closed; add a note instead')
    expect(refused(sim.act({ type: 'assign', id: 'INC-1001', by: 'alice', to: 'x' })).code).toBe('invalid-transition')
  })

  it('reopen from resolved or closed; not from open', () => {
    const sim = open()
    expect(refused(sim.act({ type: 'reopen', id: 'INC-1001', by: 'alice' })).code).toBe('invalid-transition')
    sim.act({ type: 'resolve', id: 'INC-1001', by: 'alice' })
    sim.act({ type: 'close', id: 'INC-1001', by: 'alice' })
    sim.act({ type: 'reopen', id: 'INC-1001', by: 'bob', note: 'came back' })
    expect(sim.inc('INC-1001')).toMatchObject({ status: 'open', resolvedAt: null, closedAt: null })
    expect(sim.entries('INC-1001', 'reopen')[0]).toMatchObject({ actor: 'bob', text: 're-opened by bob: came back' })
  })

  it('an operator re-open is not auto-resolved again by the hold', () => {
    const sim = new Sim()
    sim.fire('a')
    sim.advance(MIN).resolve('a')
    sim.advance(2 * MIN).tick()
    sim.act({ type: 'reopen', id: 'INC-1001', by: 'bob' })
    sim.advance(10 * MIN).tick()
    expect(sim.inc('INC-1001').status).toBe('open')
  })
})

describe('merge and split', () => {
  const two = () => {
    const sim = new Sim()
    sim.fire('a', { service: 'web' })
    sim.advance(MIN).fire('b', { service: 'db', severity: 'minor' })
    sim.act({ type: 'ack', id: 'INC-1002', by: 'bob' })
    sim.advance(MIN)
    return sim
  }

  it('merge moves the alerts, closes the other incident and writes both timelines', () => {
    const sim = two()
    const r = sim.act({ type: 'merge', into: 'INC-1001', from: 'INC-1002', by: 'alice' })
    expect(r.ok).toBe(true)
    expect(sim.inc('INC-1001')).toMatchObject({ alertCount: 2, status: 'open', owner: 'bob', severity: 'critical' })
    expect(sim.inc('INC-1002')).toMatchObject({ status: 'closed', mergedInto: 'INC-1001', alertCount: 0, closedAt: T0 + 2 * MIN })
    expect(sim.linkOf('b')?.incidentId).toBe('INC-1001')
    expect(sim.linkOf('b')?.reason).toMatch(/^merged from INC-1002 by alice; opened INC-1002/)
    expect(sim.entries('INC-1001', 'merge')[0]).toMatchObject({ actor: 'alice', text: 'merged INC-1002 into this incident by alice (1 alert)' })
    expect(sim.entries('INC-1002', 'merge')[0].text).toBe('merged into INC-1001 by alice')
    expect(r.ok && r.decisions.filter((d) => d.kind === 'drop-link')).toEqual([{ kind: 'drop-link', incidentId: 'INC-1002', alertId: sim.alert('b').id }])
  })

  it('merge keeps the earlier openedAt; a resolved survivor takes the active status', () => {
    const sim = two()
    sim.act({ type: 'resolve', id: 'INC-1001', by: 'alice' })
    sim.act({ type: 'merge', into: 'INC-1001', from: 'INC-1002', by: 'alice' })
    expect(sim.inc('INC-1001')).toMatchObject({ status: 'acknowledged', resolvedAt: null, openedAt: T0 })
  })

  it('merge refusals: itself, other client, closed, unknown', () => {
    const sim = two()
    sim.fire('x', { client: 'globex' })
    expect(refused(sim.act({ type: 'merge', into: 'INC-1001', from: 'INC-1001', by: 'a' })).error).toBe('cannot merge an incident into itself')
    expect(refused(sim.act({ type: 'merge', into: 'INC-1001', from: 'INC-1003', by: 'a' })).error).toContain('different clients are linked by a problem')
    expect(refused(sim.act({ type: 'merge', into: 'INC-1001', from: 'INC-77', by: 'a' })).code).toBe('not-found')
    sim.act({ type: 'merge', into: 'INC-1001', from: 'INC-1002', by: 'a' })
    expect(refused(sim.act({ type: 'merge', into: 'INC-1002', from: 'INC-1001', by: 'a' })).error).toBe('INC-1002 is closed; reopen it first')
    expect(refused(sim.act({ type: 'reopen', id: 'INC-1002', by: 'a' })).error).toBe('INC-1002 was merged into INC-1001; re-open that one')
  })

  it('split moves one alert into a new incident and recomputes both', () => {
    const sim = open()
    const r = sim.act({ type: 'split', id: 'INC-1001', by: 'alice', alertId: sim.alert('a').id })
    expect(r.ok && r.incident).toMatchObject({ id: 'INC-1001', alertCount: 1, severity: 'major' })
    expect(sim.inc('INC-1002')).toMatchObject({ alertCount: 1, severity: 'critical', status: 'open', openedAt: T0 + MIN })
    expect(sim.linkOf('a')).toMatchObject({ incidentId: 'INC-1002', rule: 'manual', reason: 'moved out of INC-1001 by alice' })
    expect(sim.entries('INC-1001', 'split')[0].text).toBe('alert `a` on web-01 moved out into INC-1002 by alice')
    expect(sim.entries('INC-1002', 'opened')[0]).toMatchObject({ actor: 'alice' })
  })

  it('a split-out alert stays out: its next change does not pull it back', () => {
    const sim = open()
    sim.act({ type: 'split', id: 'INC-1001', by: 'alice', alertId: sim.alert('a').id })
    sim.fire('a', { service: 'web', resource: 'web-01', severity: 'major' })
    expect(sim.incidentOf('a')?.id).toBe('INC-1002')
  })

  it('split refusals: the only alert, an alert of another incident', () => {
    const sim = two()
    expect(refused(sim.act({ type: 'split', id: 'INC-1001', by: 'a', alertId: sim.alert('a').id })).error).toBe(
      `alert #${sim.alert('a').id} is the only alert of INC-1001; nothing to split from`,
    )
    expect(refused(sim.act({ type: 'split', id: 'INC-1001', by: 'a', alertId: sim.alert('b').id })).error).toContain('is not in INC-1001')
  })

  it('splitting the last firing alert out lets the rest resolve after the hold', () => {
    const sim = open()
    sim.resolve('b')
    sim.act({ type: 'split', id: 'INC-1001', by: 'alice', alertId: sim.alert('a').id })
    sim.advance(2 * MIN).tick()
    expect(sim.inc('INC-1001').status).toBe('resolved')
    expect(sim.inc('INC-1002').status).toBe('open')
  })
})

describe('action input schemas', () => {
  it('parse the contract bodies and refuse bad ones', () => {
    expect(IncidentAction.parse({ type: 'ack', id: 'INC-1', by: 'alice' })).toEqual({ type: 'ack', id: 'INC-1', by: 'alice' })
    expect(IncidentAction.safeParse({ type: 'ack', id: 'INC-1', by: '  ' }).success).toBe(false)
    expect(IncidentAction.safeParse({ type: 'ack', id: '1042', by: 'a' }).success).toBe(false)
    expect(IncidentAction.safeParse({ type: 'assign', id: 'INC-1', by: 'a' }).success).toBe(false) // `to` required (null unassigns)
    expect(IncidentAction.safeParse({ type: 'note', id: 'INC-1', by: 'a', text: '' }).success).toBe(false)
  })
})
