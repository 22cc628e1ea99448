import { describe, expect, it } from 'vitest'
import { applyDelta, applySnapshot, emptyFeed, pruneResolved, setPaused } from './feed'
import { defaultIncidentFilters } from './filters-slice'
import { filterIncidents, queueRows, sortIncidents } from './incident-selectors'
import { client, delta, incident, snapshot } from '../testing/store-kit'

const T = Date.UTC(2026, 10, 20, 9, 0)

describe('incidents in the feed', () => {
  it('orders the queue open first, P1 first, newest first, and keeps that order through deltas', () => {
    let s = applySnapshot(emptyFeed(), snapshot(10, [], [client('acme')], false, [
      incident(1, { priority: 'P3' }),
      incident(2, { priority: 'P1' }),
      incident(3, { priority: 'P3', status: 'acknowledged', acknowledgedAt: T }),
    ]))
    expect(s.incidentIds).toEqual(['INC-1002', 'INC-1001', 'INC-1003'])
    s = applyDelta(s, delta(11, [], [], [incident(4, { priority: 'P2', seq: 11 }), incident(2, { priority: 'P1', status: 'acknowledged', acknowledgedAt: T, seq: 11 })]))
    expect(s.incidentIds).toEqual(['INC-1004', 'INC-1001', 'INC-1002', 'INC-1003'])
    // An older version never replaces a newer one.
    s = applyDelta(s, delta(12, [], [], [incident(2, { priority: 'P1', seq: 5 })]))
    expect(s.incidentsById['INC-1002'].status).toBe('acknowledged')
  })

  it('orders wall tiles by business impact: P1s beat a worse severity without one', () => {
    const s = applySnapshot(emptyFeed(), snapshot(1, [], [client('crit', { critical: 3 }), client('p1', { minor: 1 }), client('calm')], false, [
      incident(1, { client: 'p1', priority: 'P1' }),
    ]))
    expect(s.clientOrder).toEqual(['p1', 'crit', 'calm'])
    expect(s.incidentsByClient.p1).toMatchObject({ active: { P1: 1 }, unacked: 1, nextAckIncident: 'INC-1001' })
    expect(s.incidentsByClient.p1.nextAckDue).toBe(incident(1).openedAt + 15 * 60_000)
    // Resolving the P1 moves the client back by severity.
    const after = applyDelta(s, delta(2, [], [], [incident(1, { client: 'p1', priority: 'P1', status: 'resolved', resolvedAt: T, seq: 2 })]))
    expect(after.clientOrder).toEqual(['crit', 'p1', 'calm'])
  })

  it('freezes incidents while paused and applies them on resume', () => {
    let s = applySnapshot(emptyFeed(), snapshot(1, [], [], false, [incident(1)]))
    s = setPaused(s, true)
    s = applyDelta(s, delta(2, [], [], [incident(1, { status: 'acknowledged', acknowledgedAt: T, seq: 2 })]))
    expect(s.incidentsById['INC-1001'].status).toBe('open')
    s = setPaused(s, false)
    expect(s.incidentsById['INC-1001'].status).toBe('acknowledged')
  })

  it('prunes incidents that ended before the horizon', () => {
    const s = applySnapshot(emptyFeed(), snapshot(1, [], [], false, [incident(1, { status: 'resolved', resolvedAt: T }), incident(2)]))
    expect(pruneResolved(s, T + 1).incidentIds).toEqual(['INC-1002'])
  })
})

describe('queue selectors', () => {
  const s = applySnapshot(emptyFeed(), snapshot(1, [], [client('acme'), client('globex')], false, [
    incident(1, { title: 'Disk full on db01', priority: 'P2', service: 'billing' }),
    incident(2, { client: 'globex', title: 'Ping lost', priority: 'P1', severity: 'critical' }),
    incident(3, { title: 'CPU high', status: 'resolved', resolvedAt: T + 5000 }),
  ]))
  const run = (f: Partial<typeof defaultIncidentFilters>) => filterIncidents(s, { ...defaultIncidentFilters, ...f }, T + 10_000).map((i) => i.id)

  it('shows active incidents by default and filters by every field', () => {
    expect(run({})).toEqual(['INC-1002', 'INC-1001'])
    expect(run({ status: 'all' })).toHaveLength(3)
    expect(run({ status: 'resolved' })).toEqual(['INC-1003'])
    expect(run({ client: 'acme' })).toEqual(['INC-1001'])
    expect(run({ priority: 'P1' })).toEqual(['INC-1002'])
    expect(run({ severity: 'critical' })).toEqual(['INC-1002'])
    expect(run({ service: 'billing' })).toEqual(['INC-1001'])
    expect(run({ service: '(no service)' })).toEqual(['INC-1002'])
    expect(run({ text: 'DB01 disk' })).toEqual(['INC-1001'])
    expect(run({ text: 'inc-1002' })).toEqual(['INC-1002'])
  })

  it('filters by a time range overlapping the incident life', () => {
    expect(run({ status: 'all', range: { from: T + 4500, to: T + 4600 } })).toEqual(['INC-1002', 'INC-1001', 'INC-1003'])
    expect(run({ status: 'all', range: { from: T + 6000, to: T + 7000 } })).toEqual(['INC-1002', 'INC-1001'])
    expect(run({ status: 'all', range: { from: T, to: T + 1500 } })).toEqual(['INC-1001'])
  })

  it('sorts by a column and groups under client headers in impact order', () => {
    const list = filterIncidents(s, { ...defaultIncidentFilters, status: 'all' })
    expect(sortIncidents(list, [{ id: 'title', desc: false }]).map((i) => i.title)).toEqual(['CPU high', 'Disk full on db01', 'Ping lost'])
    const rows = queueRows(list, true, s.clientOrder)
    expect(rows.map((r) => (r.type === 'group' ? `[${r.client} ${r.count}]` : r.incident.id))).toEqual(['[globex 1]', 'INC-1002', '[acme 2]', 'INC-1001', 'INC-1003'])
  })
})
