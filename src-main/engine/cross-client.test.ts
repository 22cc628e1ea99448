import { describe, expect, it } from 'vitest'
import { clusterAround } from './cross-client'
import { MIN, Sim } from '../testing/engine-kit'

const upstream = (client: string, fp = 'link-down') => ({ fp, client, rule: `${fp}-${client}`, labels: { provider: 'aws-eu1' } })

describe('cross-client problems (shared upstream label)', () => {
  it('a shared-upstream outage across three clients forms one problem linking the three incidents', () => {
    const sim = new Sim()
    sim.send(upstream('acme'))
    sim.advance(MIN).send(upstream('globex'))
    expect(sim.problems()).toEqual([])
    sim.advance(MIN).send(upstream('initech'))
    const [p] = sim.problems()
    expect(sim.problems()).toHaveLength(1)
    expect(p).toMatchObject({
      id: 'PRB-1',
      key: 'provider=aws-eu1',
      kind: 'label',
      clients: ['acme', 'globex', 'initech'],
      reason: "`provider=aws-eu1` shared by 3 clients' incidents within 5 min",
      resolvedAt: null,
    })
    expect(p.incidentIds).toHaveLength(3)
    for (const id of p.incidentIds) {
      const inc = sim.inc(id)
      expect(inc.problemId).toBe('PRB-1')
      expect(inc.priorityBreakdown.components.blastRadius).toMatchObject({ value: 3, points: 6 })
      expect(sim.entries(id, 'problem')[0].text).toBe("linked to PRB-1: `provider=aws-eu1` shared by 3 clients' incidents within 5 min")
    }
  })

  it('N-1 clients (two) raise no problem; two incidents of one client count once', () => {
    const sim = new Sim()
    sim.send(upstream('acme'), upstream('acme', 'other'), upstream('globex'))
    expect(sim.problems()).toEqual([])
  })

  it('minClients is configurable', () => {
    const sim = new Sim({ correlation: { crossClient: { minClients: 2 } } })
    sim.send(upstream('acme'), upstream('globex'))
    expect(sim.problems()).toHaveLength(1)
  })

  it('a later client within the window extends the open problem', () => {
    const sim = new Sim()
    sim.send(upstream('acme'), upstream('globex'), upstream('initech'))
    sim.advance(4 * MIN).send(upstream('umbrella'))
    const [p] = sim.problems()
    expect(p.clients).toEqual(['acme', 'globex', 'initech', 'umbrella'])
    expect(p.incidentIds).toHaveLength(4)
    expect(p.reason).toContain('4 clients')
    expect(sim.inc(p.incidentIds[0]).priorityBreakdown.components.blastRadius.points).toBe(9)
  })

  it('clusters chain in time (single linkage): 0, 4, 8 min is one outage; 0, 6, 12 min is not', () => {
    const chained = new Sim()
    chained.send(upstream('acme'))
    chained.advance(4 * MIN).send(upstream('globex'))
    chained.advance(4 * MIN).send(upstream('initech'))
    expect(chained.problems()).toHaveLength(1)

    const apart = new Sim()
    apart.send(upstream('acme'))
    apart.advance(6 * MIN).send(upstream('globex'))
    apart.advance(6 * MIN).send(upstream('initech'))
    expect(apart.problems()).toEqual([])
  })

  it('resolved alerts do not count', () => {
    const sim = new Sim()
    sim.send(upstream('acme'), upstream('globex'))
    sim.advance(MIN).send({ fp: 'link-down', client: 'acme', status: 'resolved', severity: 'ok' })
    sim.advance(MIN).send(upstream('initech'))
    expect(sim.problems()).toEqual([])
  })

  it('the problem resolves when all its incidents resolve, and re-opens with them', () => {
    const sim = new Sim()
    sim.send(upstream('acme'), upstream('globex'), upstream('initech'))
    sim.advance(MIN).send(
      ...['acme', 'globex', 'initech'].map((client) => ({ fp: 'link-down', client, status: 'resolved' as const, severity: 'ok' as const })),
    )
    sim.advance(2 * MIN).tick()
    expect(sim.problems()[0].resolvedAt).toBe(sim.now)
    sim.advance(MIN).send(upstream('globex'))
    expect(sim.problems()[0].resolvedAt).toBeNull()
  })
})

describe('cross-client problems (same rule)', () => {
  const same = (client: string) => ({ fp: 'dns', client, rule: 'DnsResolutionFailing' })

  it('the same rule firing for three clients within the window raises a rule problem', () => {
    const sim = new Sim()
    sim.send(same('acme'), same('globex'), same('initech'))
    expect(sim.problems()[0]).toMatchObject({ key: 'rule=DnsResolutionFailing', kind: 'rule', reason: 'rule `DnsResolutionFailing` firing for 3 clients within 5 min' })
  })

  it('sameRule: false turns it off', () => {
    const sim = new Sim({ correlation: { crossClient: { sameRule: false } } })
    sim.send(same('acme'), same('globex'), same('initech'))
    expect(sim.problems()).toEqual([])
  })

  it('an incident belongs to one problem: labels are tried before the rule', () => {
    const sim = new Sim()
    sim.send(...['acme', 'globex', 'initech'].map((client) => ({ ...same(client), labels: { region: 'eu-west' } })))
    expect(sim.problems().map((p) => p.key)).toEqual(['region=eu-west'])
  })
})

describe('clusterAround', () => {
  const pt = (alertId: number, t: number) => ({ alertId, incidentId: `INC-${alertId}`, client: `c${alertId}`, t })
  it('takes the run of points whose gaps are within the window, inclusive', () => {
    const pts = [pt(1, 0), pt(2, 5), pt(3, 10), pt(4, 16)]
    expect(clusterAround(pts, 2, 5).map((p) => p.alertId)).toEqual([1, 2, 3])
    expect(clusterAround(pts, 4, 5).map((p) => p.alertId)).toEqual([4])
    expect(clusterAround(pts, 9, 5)).toEqual([])
  })
})
