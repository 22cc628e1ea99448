import { describe, expect, it } from 'vitest'
import { ConsoleConfig } from '@shared/model/config'
import { makeAlert, MIN, Sim } from '../testing/engine-kit'
import { compileTopology, globMatch, nodesOf, relation } from './topology'

const edges = (topology: unknown) => ConsoleConfig.parse({ clients: { acme: { topology } } }).clients.acme.topology

const branchTopology = {
  clients: {
    acme: {
      topology: [
        { parent: 'fw-01', children: ['tunnel=*'] },
        { parent: 'tunnel=vpn-a', children: ['site=branch-a'] },
        { parent: 'tunnel=vpn-b', children: ['site=branch-b'] },
      ],
    },
  },
}

describe('topology matching', () => {
  it('globs, bare names and label conditions', () => {
    expect(globMatch('branch-*', 'branch-7')).toBe(true)
    expect(globMatch('branch-*', 'xbranch-7')).toBe(false)
    expect(globMatch('a.b', 'axb')).toBe(false)
    const topo = compileTopology(edges([{ parent: 'fw-01', children: ['tunnel=vpn-*', 'service=billing,role=vm'] }]))
    expect(nodesOf(topo, makeAlert({ resource: 'fw-01' }))).toEqual(['resource=fw-01'])
    expect(nodesOf(topo, makeAlert({ labels: { tunnel: 'vpn-a' } }))).toEqual(['tunnel=vpn-*'])
    expect(nodesOf(topo, makeAlert({ service: 'billing', labels: { role: 'vm' } }))).toEqual(['role=vm,service=billing'])
    expect(nodesOf(topo, makeAlert({ service: 'billing' }))).toEqual([])
  })

  it('relations are transitive and directional; unrelated alerts have none', () => {
    const topo = compileTopology(edges([{ parent: 'fw-01', child: 'tunnel=*' }, { parent: 'tunnel=*', children: ['site=*'] }]))
    const fw = makeAlert({ id: 1, resource: 'fw-01' })
    const tun = makeAlert({ id: 2, labels: { tunnel: 'a' } })
    const host = makeAlert({ id: 3, labels: { site: 'branch-a' } })
    const other = makeAlert({ id: 4, resource: 'db-01' })
    expect(relation(topo, fw, host)).toEqual({ direction: 'upstream', upper: 'resource=fw-01', lower: 'site=*' })
    expect(relation(topo, host, fw)?.direction).toBe('downstream')
    expect(relation(topo, tun, host)?.direction).toBe('upstream')
    expect(relation(topo, fw, other)).toBeNull()
    expect(relation(topo, fw, fw)).toBeNull()
  })

  it('edges chain through overlapping nodes, but only below the starting node', () => {
    const topo = compileTopology(edges(branchTopology.clients.acme.topology))
    const fw = makeAlert({ id: 1, resource: 'fw-01' })
    const tunA = makeAlert({ id: 2, labels: { tunnel: 'vpn-a' } })
    const tunB = makeAlert({ id: 3, labels: { tunnel: 'vpn-b' } })
    const hostA = makeAlert({ id: 4, labels: { site: 'branch-a' } })
    expect(relation(topo, fw, hostA)).toEqual({ direction: 'upstream', upper: 'resource=fw-01', lower: 'site=branch-a' })
    expect(relation(topo, tunA, hostA)?.direction).toBe('upstream')
    expect(relation(topo, tunB, hostA)).toBeNull()
    expect(relation(topo, tunA, tunB)).toBeNull()
  })

  it('an alert matching both ends of an edge relates to nothing through it', () => {
    const topo = compileTopology(edges([{ parent: 'role=*', child: 'site=*' }]))
    const both = makeAlert({ id: 1, labels: { role: 'x', site: 'y' } })
    const site = makeAlert({ id: 2, labels: { site: 'z' } })
    expect(relation(topo, both, site)).toBeNull()
  })
})

describe('topology correlation', () => {
  it('a parent arriving after its children: children become symptoms, the parent the root cause', () => {
    const sim = new Sim(branchTopology)
    sim.fire('tun-a', { labels: { tunnel: 'vpn-a' }, summary: 'tunnel vpn-a down' })
    sim.fire('tun-b', { labels: { tunnel: 'vpn-b' }, summary: 'tunnel vpn-b down' })
    expect(sim.incidents()).toHaveLength(2) // no shared scope between the tunnels
    sim.advance(2 * MIN).fire('fw', { resource: 'fw-01', summary: 'firewall fw-01 down' })
    const active = sim.incidents().filter((i) => i.status !== 'closed')
    expect(active).toHaveLength(1)
    const inc = active[0]
    expect(inc.title).toBe('firewall fw-01 down')
    expect(inc.resource).toBe('fw-01')
    expect(inc.alertCount).toBe(3)
    expect(sim.linkOf('fw')).toMatchObject({ role: 'root-cause', rule: 'topology' })
    expect(sim.linkOf('fw')?.reason).toMatch(/^joined INC-100\d as the root cause: it is upstream of 2 alerts \(resource=fw-01 → tunnel=\*\) within 5 min$/)
    expect(sim.linkOf('tun-a')?.role).toBe('symptom')
    expect(sim.linkOf('tun-b')?.role).toBe('symptom')
    // the other tunnel's incident was merged in by the system
    const merged = sim.incidents().find((i) => i.status === 'closed')!
    expect(merged.mergedInto).toBe(inc.id)
    expect(sim.entries(merged.id, 'merge')[0]).toMatchObject({ actor: 'system' })
    expect(sim.entries(inc.id, 'role-changed').map((e) => e.text)).toContain('alert `tun-a` is now a symptom of `fw` on fw-01 (resource=fw-01 → tunnel=*)')
  })

  it('a child arriving after its parent joins as a symptom', () => {
    const sim = new Sim(branchTopology)
    sim.fire('fw', { resource: 'fw-01' })
    sim.advance(MIN).fire('host', { labels: { site: 'branch-a' } })
    expect(sim.incidents()).toHaveLength(1)
    expect(sim.linkOf('host')).toMatchObject({ role: 'symptom', rule: 'topology' })
    expect(sim.linkOf('host')?.reason).toBe('joined INC-1001 as a symptom: `fw` on fw-01 is upstream (resource=fw-01 → site=branch-a) within 5 min')
    expect(sim.linkOf('fw')?.role).toBe('root-cause')
  })

  it('a middle node arriving last becomes a symptom of the parent and the root of nothing', () => {
    const sim = new Sim(branchTopology)
    sim.fire('fw', { resource: 'fw-01' })
    sim.fire('host', { labels: { site: 'branch-a' } })
    sim.fire('tun', { labels: { tunnel: 'vpn-a' } })
    expect(sim.incidents()).toHaveLength(1)
    expect(['fw', 'host', 'tun'].map((f) => sim.linkOf(f)?.role)).toEqual(['root-cause', 'symptom', 'symptom'])
  })

  it('topology relations respect the window', () => {
    const sim = new Sim(branchTopology)
    sim.fire('tun-a', { labels: { tunnel: 'vpn-a' } })
    sim.advance(6 * MIN).fire('fw', { resource: 'fw-01' })
    expect(sim.incidents()).toHaveLength(2)
  })

  it('topology is per client: another client with the same names is not related', () => {
    const sim = new Sim(branchTopology)
    sim.fire('tun-a', { labels: { tunnel: 'vpn-a' }, client: 'globex' })
    sim.fire('fw', { resource: 'fw-01', client: 'globex' })
    expect(sim.incidents()).toHaveLength(2)
  })

  it('splitting the root cause out relabels the symptoms as members', () => {
    const sim = new Sim(branchTopology)
    sim.fire('fw', { resource: 'fw-01' })
    sim.fire('tun', { labels: { tunnel: 'vpn-a' } })
    const r = sim.act({ type: 'split', id: 'INC-1001', by: 'alice', alertId: sim.alert('fw').id })
    expect(r.ok).toBe(true)
    expect(sim.linkOf('tun')?.role).toBe('member')
    expect(sim.incidentOf('fw')?.id).toBe('INC-1002')
  })
})
