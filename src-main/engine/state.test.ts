import { describe, expect, it } from 'vitest'
import { applyDecisions, buildState, emptyState, includeRows, pruneState } from './state'
import { MIN, Sim } from '../testing/engine-kit'

describe('engine state', () => {
  it('decisions come in store order: problems, incidents, dropped links, links, timeline, timers, flaps', () => {
    const sim = new Sim()
    sim.send(...['acme', 'globex', 'initech'].map((client) => ({ fp: 'up', client, labels: { provider: 'p' } })))
    const order = ['put-problem', 'put-incident', 'drop-link', 'put-link', 'timeline', 'timer', 'flap-history']
    const kinds = sim.log.map((d) => order.indexOf(d.kind))
    expect(kinds).toEqual([...kinds].sort((a, b) => a - b))
  })

  it('a state rebuilt from the rows the store holds behaves the same (restart loses nothing)', () => {
    const sim = new Sim()
    sim.fire('a', { service: 'web' })
    sim.advance(MIN).resolve('a')
    const s = sim.state
    const rebuilt = buildState({
      incidents: Object.values(s.incidents),
      links: Object.values(s.links).flat(),
      alerts: Object.values(s.alerts),
      problems: Object.values(s.problems),
      flaps: s.flaps,
      timers: s.timers,
    })
    expect(rebuilt).toEqual(s)
    expect(applyDecisions(emptyState(), sim.log).incidents).toEqual(s.incidents)
  })

  it('prune drops closed incidents and resolved ones past the re-open window, keeps the rest', () => {
    const sim = new Sim()
    sim.fire('a', { service: 'web' })
    sim.fire('b', { service: 'db' })
    sim.fire('c', { service: 'mq' })
    sim.act({ type: 'resolve', id: 'INC-1001', by: 'x' })
    sim.act({ type: 'close', id: 'INC-1001', by: 'x' })
    sim.act({ type: 'resolve', id: 'INC-1002', by: 'x' })
    const soon = pruneState(sim.state, sim.now + 30 * MIN, sim.config)
    expect(Object.keys(soon.incidents).sort()).toEqual(['INC-1002', 'INC-1003'])
    const later = pruneState(sim.state, sim.now + 30 * MIN + 1, sim.config)
    expect(Object.keys(later.incidents)).toEqual(['INC-1003'])
    expect(Object.keys(later.alerts)).toEqual([String(sim.alert('c').id)])
    expect(later.byAlert).toEqual({ [String(sim.alert('c').id)]: ['INC-1003'] })
  })

  it('includeRows brings a pruned incident back for an operator action', () => {
    const sim = new Sim()
    sim.fire('a')
    sim.act({ type: 'resolve', id: 'INC-1001', by: 'x' })
    sim.act({ type: 'close', id: 'INC-1001', by: 'x' })
    const full = sim.state
    sim.state = pruneState(full, sim.now, sim.config)
    expect(sim.act({ type: 'reopen', id: 'INC-1001', by: 'bob' }).ok).toBe(false)
    sim.state = includeRows(sim.state, { incidents: [full.incidents['INC-1001']], links: full.links['INC-1001'], alerts: Object.values(full.alerts) })
    expect(sim.act({ type: 'reopen', id: 'INC-1001', by: 'bob' }).ok).toBe(true)
    expect(sim.inc('INC-1001').status).toBe('open')
  })
})
