import { describe, expect, it } from 'vitest'
import { densestAround } from './cross-client'
import { MIN, SEC, Sim } from '../testing/engine-kit'

const upstream = (client: string, labels: Record<string, string> = { provider: 'aws-eu1' }, fp = 'link-down') => ({ fp, client, rule: `${fp}-${client}`, labels })

describe('cross-client problems: a shared upstream', () => {
  it('three clients sharing an upstream label within the window: one confirmed problem, with its evidence and blast points', () => {
    const sim = new Sim()
    sim.send(upstream('acme'))
    sim.advance(MIN).send(upstream('globex'))
    expect(sim.problems()).toEqual([])
    sim.advance(MIN).send(upstream('initech'))
    expect(sim.problems()).toHaveLength(1)
    const [p] = sim.problems()
    expect(p).toMatchObject({
      id: 'PRB-1',
      key: 'upstream=aws-eu1',
      kind: 'label',
      status: 'confirmed',
      clients: ['acme', 'globex', 'initech'],
      reason: "upstream `aws-eu1` shared by 3 clients' incidents within 5 min",
      resolvedAt: null,
    })
    expect(p.evidence).toEqual([
      expect.objectContaining({ kind: 'upstream', text: "upstream `aws-eu1` shared by 3 clients' alerts within 5 min (labels provider)" }),
    ])
    for (const id of p.incidentIds) {
      expect(sim.inc(id).problemId).toBe('PRB-1')
      expect(sim.inc(id).priorityBreakdown.components.blastRadius).toMatchObject({ value: 3, points: 6 })
      expect(sim.entries(id, 'problem')[0].text).toBe("linked to PRB-1: upstream `aws-eu1` shared by 3 clients' incidents within 5 min")
    }
  })

  it('aliases fold into one key: provider=, upstream= and isp= (any case) are the same upstream', () => {
    const sim = new Sim()
    sim.send(upstream('acme', { provider: 'isp-colt' }), upstream('globex', { upstream: 'isp-colt' }), upstream('initech', { isp: ' ISP-Colt ' }))
    const [p] = sim.problems()
    expect(sim.problems()).toHaveLength(1)
    expect(p).toMatchObject({ key: 'upstream=isp-colt', clients: ['acme', 'globex', 'initech'] })
    expect(p.evidence[0].text).toContain('labels isp, provider, upstream')
  })

  it('a topology edge from an upstream names it for critical alerts on its direct children only', () => {
    const topology = [{ parent: 'provider=isp-colt', children: ['rtr01'] }, { parent: 'rtr01', children: ['fw01'] }]
    const sim = new Sim({ clients: { acme: { topology }, globex: { topology }, initech: { topology } } })
    sim.send({ fp: 'wan', client: 'acme', resource: 'rtr01' }, { fp: 'wan', client: 'globex', resource: 'rtr01' })
    sim.send({ fp: 'fan', client: 'initech', resource: 'rtr01', severity: 'major' })
    sim.send({ fp: 'fw-down', client: 'initech', resource: 'fw01' })
    expect(sim.problems()).toEqual([])
    sim.send({ fp: 'wan', client: 'initech', resource: 'rtr01' })
    const [p] = sim.problems()
    expect(p).toMatchObject({ key: 'upstream=isp-colt', status: 'confirmed', clients: ['acme', 'globex', 'initech'] })
    expect(p.evidence[0]).toMatchObject({ kind: 'topology', data: expect.objectContaining({ topologyClients: ['acme', 'globex', 'initech'] }) })
  })

  it('N-1 clients (two) raise no problem; two incidents of one client count once; minClients is configurable', () => {
    const sim = new Sim()
    sim.send(upstream('acme'), upstream('acme', undefined, 'other'), upstream('globex'))
    expect(sim.problems()).toEqual([])
    const two = new Sim({ correlation: { crossClient: { minClients: 2 } } })
    two.send(upstream('acme'), upstream('globex'))
    expect(two.problems()).toHaveLength(1)
  })

  it('forming one takes all its clients within one window, inclusive (0, 2.5, 5 min), never a chain (0, 4, 8 min)', () => {
    const within = new Sim()
    within.send(upstream('acme'))
    within.advance(2.5 * MIN).send(upstream('globex'))
    within.advance(2.5 * MIN).send(upstream('initech'))
    expect(within.problems()).toHaveLength(1)

    const chain = new Sim()
    chain.send(upstream('acme'))
    chain.advance(4 * MIN).send(upstream('globex'))
    chain.advance(4 * MIN).send(upstream('initech'))
    expect(chain.problems()).toEqual([])

    const justOut = new Sim()
    justOut.send(upstream('acme'), upstream('globex'))
    justOut.advance(5 * MIN + 1).send(upstream('initech'))
    expect(justOut.problems()).toEqual([])
  })

  it('once confirmed, it takes in clients whose alerts begin within the window of one already in it', () => {
    const sim = new Sim()
    sim.send(upstream('acme'), upstream('globex'), upstream('initech'))
    sim.advance(4 * MIN).send(upstream('umbrella'))
    sim.advance(4 * MIN).send(upstream('hooli'))
    sim.advance(6 * MIN).send(upstream('wonka'))
    const [p] = sim.problems()
    expect(p.clients).toEqual(['acme', 'globex', 'hooli', 'initech', 'umbrella'])
    expect(p.reason).toContain('5 clients')
    expect(sim.inc(p.incidentIds[0]).priorityBreakdown.components.blastRadius.points).toBe(10)
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

describe('cross-client problems: the same rule', () => {
  const same = (client: string, rule = 'DnsResolutionFailing') => ({ fp: 'dns', client, rule })
  const clients = ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'wonka', 'tyrell']

  it('three clients at once with no history is a coincidence as likely as not: suspected, worth no points', () => {
    const sim = new Sim()
    sim.send(...clients.slice(0, 3).map((c) => same(c)))
    const [p] = sim.problems()
    expect(p).toMatchObject({ key: 'rule=DnsResolutionFailing', kind: 'rule', status: 'suspected' })
    expect(p.reason).toBe('suspected: rule `DnsResolutionFailing` firing for 3 clients within 3 min (usual for this rule)')
    expect(p.evidence[0].text).toMatch(/^rule `DnsResolutionFailing` fired for 3 clients within 3 min, but its usual rate is 0\.10 per 3 min .*p = 0\.00015, likely a coincidence$/)
    const b = sim.inc(p.incidentIds[0]).priorityBreakdown.components.blastRadius
    expect(b).toMatchObject({ value: 3, points: 0, note: '3 clients in a suspected problem: no points unless confirmed' })
    expect(sim.entries(p.incidentIds[0], 'problem')[0].text).toContain('(suspected: no priority points unless confirmed)')
  })

  it('a rare rule firing for seven clients within two minutes is evidence: confirmed, and a suspected one upgrades as the burst grows', () => {
    const sim = new Sim()
    clients.forEach((c, i) => sim.advance(i ? 20 * SEC : 0).send(same(c)))
    const [p] = sim.problems()
    expect(sim.problems()).toHaveLength(1)
    expect(p.status).toBe('confirmed')
    expect(p.clients).toHaveLength(7)
    expect(p.evidence.map((e) => e.kind)).toEqual(['same-rule', 'same-rule'])
    expect(p.evidence[1].text).toMatch(/fired for 5 clients within 3 min; its usual rate is 0\.10 per 3 min .*p = 7\.7e-8$/)
    expect(sim.inc(p.incidentIds[0]).priorityBreakdown.components.blastRadius.points).toBe(10)
    expect(sim.entries(p.incidentIds[0], 'problem').map((e) => e.text)[1]).toMatch(/^PRB-1 confirmed: rule `DnsResolutionFailing` fired for 5 clients/)
  })

  it("the same burst of a rule that fires all the time stays suspected (its own baseline)", () => {
    const sim = new Sim()
    // One onset every 3 minutes for two hours, each resolved: the rule's normal life.
    for (let k = 0; k < 40; k++) {
      sim.send({ fp: `bg${k}`, client: `bg${k % 9}`, rule: 'HostDiskFull' })
      sim.advance(MIN).send({ fp: `bg${k}`, client: `bg${k % 9}`, rule: 'HostDiskFull', status: 'resolved', severity: 'ok' })
      sim.advance(2 * MIN)
    }
    sim.advance(30 * MIN).tick()
    sim.send(...clients.slice(0, 5).map((c) => same(c, 'HostDiskFull')))
    const p = sim.problems().find((x) => x.resolvedAt === null)!
    expect(p).toMatchObject({ key: 'rule=HostDiskFull', status: 'suspected', clients: clients.slice(0, 5).sort() })
    expect(p.evidence[0].data).toMatchObject({ onsets: 40 })
  })

  it('never chains: a new client every 2.5 minutes (seven over 15 minutes) is no burst', () => {
    const sim = new Sim()
    clients.forEach((c, i) => sim.advance(i ? 2.5 * MIN : 0).send(same(c)))
    expect(sim.problems()).toEqual([])
  })

  it('an alert with an upstream is judged by it, not by its rule; sameRule: false turns rules off', () => {
    const sim = new Sim()
    sim.send(...clients.slice(0, 5).map((c) => ({ ...same(c), labels: { region: 'eu-west' } })))
    expect(sim.problems().map((p) => [p.key, p.status])).toEqual([['upstream=eu-west', 'confirmed']])
    const off = new Sim({ correlation: { crossClient: { sameRule: false } } })
    off.send(...clients.slice(0, 5).map((c) => same(c)))
    expect(off.problems()).toEqual([])
  })

  it('an incident in a suspected problem moves to a confirmed one when evidence names it', () => {
    const sim = new Sim()
    sim.send(...['acme', 'globex', 'initech'].map((c) => ({ ...same(c), service: 'edge' })))
    expect(sim.problems()[0].status).toBe('suspected')
    const acme = sim.incidentOf('dns')!.id
    sim.advance(30 * SEC).send({ fp: 'wan', client: 'acme', service: 'edge', labels: { provider: 'isp-bt' } })
    expect(sim.incidentOf('wan')!.id).toBe(acme)
    sim.send(upstream('umbrella', { provider: 'isp-bt' }), upstream('hooli', { carrier: 'isp-bt' }))
    const confirmed = sim.problems().find((p) => p.key === 'upstream=isp-bt')!
    expect(confirmed.incidentIds).toContain(acme)
    expect(sim.inc(acme).problemId).toBe(confirmed.id)
    expect(sim.problems().find((p) => p.key === 'rule=DnsResolutionFailing')!.incidentIds).not.toContain(acme)
    expect(sim.entries(acme, 'problem').map((e) => e.text)).toContain(`left suspected PRB-1: a new problem has evidence for it`)
  })
})

describe('densestAround', () => {
  const pt = (alertId: number, t: number, client = `c${alertId}`) => ({ key: 'k', alertId, client, t, assigned: false })
  it('the window of the given width holding t with the most distinct clients, inclusive at both ends', () => {
    const pts = [pt(1, 0), pt(2, 4), pt(3, 5), pt(4, 9), pt(5, 10, 'c4')]
    expect(densestAround(pts, 5, 5).map((p) => p.alertId)).toEqual([1, 2, 3])
    expect(densestAround(pts, 9, 5).map((p) => p.alertId)).toEqual([2, 3, 4])
    expect(densestAround(pts, 10, 5).map((p) => p.alertId)).toEqual([3, 4, 5])
    expect(densestAround(pts, 10, 0).map((p) => p.alertId)).toEqual([5])
    expect(densestAround([], 3, 5)).toEqual([])
  })
})
