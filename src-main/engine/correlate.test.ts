import { describe, expect, it } from 'vitest'
import { MIN, SEC, Sim, T0 } from '../testing/engine-kit'

describe('scope correlation', () => {
  it('two alerts of one client and service minutes apart form one incident with a stated reason', () => {
    const sim = new Sim()
    sim.fire('latency', { service: 'billing' })
    sim.advance(90 * SEC).fire('errors', { service: 'billing' })
    expect(sim.incidents()).toHaveLength(1)
    const inc = sim.incidents()[0]
    expect(inc.id).toBe('INC-1001')
    expect(inc.alertCount).toBe(2)
    expect(sim.linkOf('errors')).toMatchObject({ rule: 'scope', role: 'member', reason: 'joined INC-1001: same client and service `billing` within 2 min' })
    expect(sim.linkOf('latency')).toMatchObject({ rule: 'new', role: 'member' })
    expect(sim.entries(inc.id).map((e) => e.kind)).toEqual(['opened', 'alert-joined'])
    expect(sim.entries(inc.id, 'alert-joined')[0].text).toContain('same client and service `billing`')
  })

  it('the same alerts for two clients form two incidents (identical labels, identical fingerprints)', () => {
    const sim = new Sim()
    const labels = { service: 'billing', region: 'eu' }
    sim.send({ fp: 'latency', client: 'acme', service: 'billing', labels }, { fp: 'latency', client: 'globex', service: 'billing', labels })
    sim.advance(MIN).send({ fp: 'errors', client: 'acme', service: 'billing', labels }, { fp: 'errors', client: 'globex', service: 'billing', labels })
    const incs = sim.incidents()
    expect(incs.map((i) => [i.client, i.alertCount])).toEqual([
      ['acme', 2],
      ['globex', 2],
    ])
    expect(sim.incidentOf('errors', 'acme')?.id).toBe(sim.incidentOf('latency', 'acme')?.id)
    expect(sim.incidentOf('errors', 'globex')?.id).toBe(sim.incidentOf('latency', 'globex')?.id)
  })

  it('window boundary: exactly 5:00 apart joins (inclusive)', () => {
    const sim = new Sim()
    sim.fire('a', { resource: 'web-01' })
    sim.advance(5 * MIN).fire('b', { resource: 'web-01' })
    expect(sim.incidents()).toHaveLength(1)
  })

  it('window boundary: 5:00.001 apart opens a second incident', () => {
    const sim = new Sim()
    sim.fire('a', { resource: 'web-01' })
    sim.advance(5 * MIN + 1).fire('b', { resource: 'web-01' })
    expect(sim.incidents()).toHaveLength(2)
    expect(sim.linkOf('b')?.reason).toBe('opened INC-1002: no open incident of acme shares a scope with it within 5 min')
  })

  it('the window is configurable', () => {
    const sim = new Sim({ correlation: { windowMin: 10 } })
    sim.fire('a', { resource: 'web-01' })
    sim.advance(9 * MIN).fire('b', { resource: 'web-01' })
    expect(sim.incidents()).toHaveLength(1)
    expect(sim.linkOf('b')?.reason).toContain('within 10 min')
  })

  it('a cascade keeps joining while each alert follows another within the window', () => {
    const sim = new Sim()
    sim.fire('a', { resource: 'web-01' })
    sim.advance(4 * MIN).fire('b', { resource: 'web-01' })
    sim.advance(4 * MIN).fire('c', { resource: 'web-01' })
    expect(sim.incidents()).toHaveLength(1)
    expect(sim.inc('INC-1001').alertCount).toBe(3)
  })

  it('a broad scope needs closer onsets (scopeWindowMin): service within 2:00 joins, 2:00.001 does not; a resource within 5', () => {
    const sim = new Sim()
    sim.fire('a', { service: 'web' })
    sim.advance(2 * MIN).fire('b', { service: 'web' })
    expect(sim.linkOf('b')?.reason).toBe('joined INC-1001: same client and service `web` within 2 min')
    sim.advance(2 * MIN + 1).fire('c', { service: 'web' })
    expect(sim.incidentOf('c')?.id).not.toBe('INC-1001')
    sim.fire('d', { service: 'web', resource: 'db-01', time: T0 })
    expect(sim.incidentOf('d')?.id).toBe('INC-1001')
    const wide = new Sim({ correlation: { scopeWindowMin: {} } })
    wide.fire('a', { service: 'web' })
    wide.advance(4 * MIN).fire('b', { service: 'web' })
    expect(wide.incidents()).toHaveLength(1)
  })

  it('an onset is evidence, a resolve is not: an alert beginning just after another resolved does not join it', () => {
    const sim = new Sim()
    sim.fire('a', { resource: 'web-01' })
    sim.advance(10 * MIN).resolve('a', { resource: 'web-01' })
    sim.advance(MIN).fire('b', { resource: 'web-01' })
    expect(sim.incidentOf('b')?.id).not.toBe(sim.incidentOf('a')?.id)
    // …while a re-fire is an onset again.
    sim.advance(MIN).fire('a', { resource: 'web-01' })
    sim.advance(MIN).fire('c', { resource: 'web-01' })
    expect(sim.incidentOf('c')?.id).toBe(sim.incidentOf('a')?.id)
  })

  it('the same rule is a scope (several hosts of one client failing one check), within 3 min', () => {
    const sim = new Sim()
    sim.fire('h1', { rule: 'EdrAgentCrashed', resource: 'h1' })
    sim.advance(3 * MIN).fire('h2', { rule: 'EdrAgentCrashed', resource: 'h2' })
    expect(sim.linkOf('h2')?.reason).toBe('joined INC-1001: same client and rule `EdrAgentCrashed` within 3 min')
  })

  it('an upstream (any alias) is a scope, tried first: the WAN and SaaS symptoms of one outage are one incident', () => {
    const sim = new Sim()
    sim.fire('noise', { service: 'email', resource: 'mx-01' })
    sim.fire('wan', { service: 'network', resource: 'rtr01', labels: { provider: 'isp-colt' } })
    sim.advance(90 * SEC).fire('saas', { service: 'email', resource: 'm365', labels: { upstream: 'ISP-Colt' } })
    expect(sim.linkOf('saas')?.reason).toBe(`joined ${sim.incidentOf('wan')?.id}: same client and upstream \`isp-colt\` within 5 min`)
    const off = new Sim({ correlation: { upstreamScope: false } })
    off.fire('wan', { resource: 'rtr01', labels: { provider: 'isp-colt' } })
    off.fire('saas', { resource: 'm365', labels: { upstream: 'isp-colt' } })
    expect(off.incidents()).toHaveLength(2)
  })

  it('alerts without a shared scope stay apart even within the window', () => {
    const sim = new Sim()
    sim.fire('a', { service: 'web', resource: 'web-01' })
    sim.advance(MIN).fire('b', { service: 'db', resource: 'db-01' })
    sim.advance(MIN).fire('c')
    expect(sim.incidents()).toHaveLength(3)
  })

  it('resource and group are scopes; service wins over resource when both match different incidents', () => {
    const sim = new Sim()
    sim.fire('a', { resource: 'host-1' })
    sim.fire('b', { service: 'billing', resource: 'host-9' })
    sim.advance(MIN).fire('c', { service: 'billing', resource: 'host-1' })
    expect(sim.incidentOf('c')?.id).toBe(sim.incidentOf('b')?.id)
    // `d` shares resource host-1 with `a` (1 min earlier) and with `c` (same minute): the nearest in time wins.
    sim.fire('d', { resource: 'host-1' })
    expect(sim.linkOf('d')?.reason).toBe(`joined ${sim.incidentOf('c')?.id}: same client and resource \`host-1\` within 5 min`)
    sim.fire('g1', { group: 'k8s-prod' })
    sim.fire('g2', { group: 'k8s-prod' })
    expect(sim.linkOf('g2')?.reason).toContain('group `k8s-prod`')
  })

  it('configured scope labels read alert labels', () => {
    const sim = new Sim({ correlation: { scopeLabels: ['cluster'] } })
    sim.fire('a', { labels: { cluster: 'prod-eu' }, service: 'x' })
    sim.fire('b', { labels: { cluster: 'prod-eu' }, service: 'y' })
    sim.fire('c', { service: 'x' })
    expect(sim.linkOf('b')?.reason).toContain('cluster `prod-eu`')
    expect(sim.incidents()).toHaveLength(2)
  })

  it('a late alert (older source time, delivered later) joins where it belongs in time', () => {
    const sim = new Sim()
    sim.fire('a', { service: 'web' })
    // Delivered 20 minutes later, but it fired 2 minutes after `a`.
    sim.advance(20 * MIN).fire('b', { service: 'web', time: T0 + 2 * MIN })
    expect(sim.incidents()).toHaveLength(1)
  })

  it('an alert fired earlier than the incident it joins (out of order) still joins within the window', () => {
    const sim = new Sim()
    sim.fire('b', { resource: 'web-01' })
    sim.fire('a', { resource: 'web-01', time: T0 - 4 * MIN })
    expect(sim.incidents()).toHaveLength(1)
    sim.fire('z', { resource: 'web-01', time: T0 - 6 * MIN })
    expect(sim.incidents()).toHaveLength(1) // within 5 min of `a` (chained)
    sim.fire('y', { resource: 'web-01', time: T0 - 12 * MIN })
    expect(sim.incidents()).toHaveLength(2)
  })

  it('a stale fire arriving after the resolve (out of order) changes nothing', () => {
    const sim = new Sim()
    sim.fire('a', { service: 'web' })
    sim.advance(MIN).resolve('a')
    const before = sim.log.length
    const r = sim.advance(10 * SEC).fire('a', { time: T0 + 30 * SEC })
    expect(r.decisions).toEqual([])
    expect(sim.log.length).toBe(before)
  })

  it('resolve before fire: an alert that arrives already resolved opens no incident', () => {
    const sim = new Sim()
    const r1 = sim.resolve('a', { service: 'web' })
    expect(r1.decisions).toEqual([])
    // the older fire arrives afterwards: stale for dedup, nothing for the engine
    const r2 = sim.fire('a', { service: 'web', time: T0 - MIN })
    expect(r2.decisions).toEqual([])
    expect(sim.incidents()).toHaveLength(0)
  })

  it('duplicate deliveries change nothing and add no timeline noise', () => {
    const sim = new Sim()
    sim.fire('a', { service: 'web' })
    sim.fire('b', { service: 'web' })
    const kinds = sim.entries().length
    for (let i = 0; i < 5; i++) {
      const r = sim.advance(30 * SEC).send({ fp: 'a', service: 'web', time: T0 }, { fp: 'b', service: 'web', time: T0 })
      expect(r.decisions).toEqual([])
    }
    // A repeat with a newer source time (Zabbix/native re-sends) is still a repeat.
    expect(sim.advance(MIN).fire('a', { service: 'web' }).decisions).toEqual([])
    expect(sim.entries().length).toBe(kinds)
    expect(sim.alert('a').count).toBe(7)
  })

  it('several alerts of one batch see each other', () => {
    const sim = new Sim()
    sim.send({ fp: 'a', service: 'web' }, { fp: 'b', service: 'web' }, { fp: 'c', service: 'db' })
    expect(sim.incidents().map((i) => i.alertCount)).toEqual([2, 1])
  })

  it('resolved incidents do not take new alerts (only their own alerts re-open them)', () => {
    const sim = new Sim()
    sim.fire('a', { service: 'web' })
    sim.advance(SEC).resolve('a')
    sim.advance(3 * MIN).tick()
    expect(sim.inc('INC-1001').status).toBe('resolved')
    sim.advance(SEC).fire('b', { service: 'web' })
    expect(sim.incidentOf('b')?.id).toBe('INC-1002')
  })

  it('a severity change of a firing alert updates the incident; an alert firing at `ok` counts as resolved', () => {
    const sim = new Sim()
    sim.fire('a', { service: 'web', severity: 'warning' })
    sim.advance(MIN).fire('a', { service: 'web', severity: 'critical' })
    const inc = sim.inc('INC-1001')
    expect(inc.severity).toBe('critical')
    expect(sim.entries(inc.id, 'severity-changed').map((e) => e.text)).toEqual(['severity warning → critical'])
    const r = sim.fire('x', { severity: 'ok' })
    expect(r.decisions).toEqual([])
  })
})
