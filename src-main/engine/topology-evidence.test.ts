import { describe, expect, it } from 'vitest'
import { MIN, SEC, Sim } from '../testing/engine-kit'

/** A core switch with every host behind it, and a storage volume under some of them. */
const config = {
  correlation: { scopeLabels: [] as string[], upstreamScope: false },
  clients: {
    acme: {
      topology: [
        { parent: 'sw-01', children: ['switch=sw-01'] },
        { parent: 'vol-1', children: ['datastore=ds-1'] },
      ],
    },
  },
}
const host = (name: string, extra: Record<string, string> = {}) => ({ resource: name, labels: { switch: 'sw-01', ...extra } })

describe('topology joins need evidence of an upstream fault', () => {
  it('a critical upstream explains a lone dependant', () => {
    const sim = new Sim(config)
    sim.fire('sw-down', { resource: 'sw-01', severity: 'critical' })
    sim.advance(30 * SEC).fire('cpu', { ...host('web-01'), severity: 'warning' })
    expect(sim.linkOf('cpu')).toMatchObject({ role: 'symptom', rule: 'topology' })
  })

  it('a non-critical upstream (a fan tray) does not explain one dependant alerting minutes later', () => {
    const sim = new Sim(config)
    sim.fire('fan', { resource: 'sw-01', severity: 'major' })
    sim.advance(3 * MIN).fire('cpu', { ...host('web-01'), severity: 'warning' })
    expect(sim.incidentOf('cpu')?.id).not.toBe(sim.incidentOf('fan')?.id)
    expect(sim.linkOf('cpu')?.rule).toBe('new')
  })

  it('…but two dependants failing near it are: the second joins, and the first one’s incident merges in', () => {
    const sim = new Sim(config)
    sim.fire('fan', { resource: 'sw-01', severity: 'major' })
    sim.advance(MIN).fire('a', { ...host('web-01'), severity: 'major' })
    const first = sim.incidentOf('a')!.id
    expect(first).not.toBe(sim.incidentOf('fan')!.id)
    sim.advance(MIN).fire('b', { ...host('web-02'), severity: 'major' })
    const inc = sim.incidentOf('fan')!
    expect(sim.incidentOf('b')?.id).toBe(inc.id)
    expect(sim.incidentOf('a')?.id).toBe(inc.id)
    expect(sim.inc(first)).toMatchObject({ status: 'closed', mergedInto: inc.id })
  })

  it('window edges: a dependant 5:00 after the upstream counts, 5:00.001 does not (two needed for a major one)', () => {
    const at = (gap: number) => {
      const sim = new Sim(config)
      sim.fire('fan', { resource: 'sw-01', severity: 'major' })
      sim.fire('a', host('web-01'))
      sim.advance(gap).fire('b', host('web-02'))
      return sim.incidentOf('b')?.id === sim.incidentOf('fan')?.id
    }
    expect(at(5 * MIN)).toBe(true)
    expect(at(5 * MIN + 1)).toBe(false)
  })

  it('an upstream failure is related to a dependant that began near it, not to one that recovered near it (5:00 edge)', () => {
    const at = (onsetBefore: number) => {
      const sim = new Sim(config)
      sim.fire('backup', { ...host('web-01'), severity: 'major' })
      // The dependant clears shortly before the switch fails: its incident is still open (resolve hold).
      sim.advance(onsetBefore - MIN).resolve('backup', host('web-01'))
      expect(sim.incidentOf('backup')?.status).toBe('open')
      sim.advance(MIN).fire('sw-down', { resource: 'sw-01', severity: 'critical' })
      return sim.incidentOf('sw-down')?.id === sim.incidentOf('backup')?.id
    }
    expect(at(5 * MIN)).toBe(true)
    expect(at(5 * MIN + 1)).toBe(false)
    expect(at(20 * MIN)).toBe(false)
  })

  it('below two candidate parents, an alert joins the better-evidenced one and leaves the other where it is', () => {
    const sim = new Sim(config)
    sim.fire('fan', { resource: 'sw-01', severity: 'major' })
    sim.advance(MIN).fire('vol', { resource: 'vol-1', severity: 'major' })
    sim.advance(20 * SEC).fire('vm1', { ...host('db-01', { datastore: 'ds-1' }), severity: 'warning' })
    sim.advance(20 * SEC).fire('vm2', { ...host('db-02', { datastore: 'ds-1' }), severity: 'warning' })
    sim.advance(20 * SEC).fire('vm3', { ...host('db-03', { datastore: 'ds-1' }), severity: 'warning' })
    const storage = sim.incidentOf('vol')!.id
    for (const vm of ['vm1', 'vm2', 'vm3']) expect(sim.incidentOf(vm)?.id).toBe(storage)
    // Both parents have the same dependants near them: the nearer change in time (the volume) explains them.
    expect(sim.incidentOf('fan')?.id).not.toBe(storage)
  })
})

describe('titles come from a firing root cause, never from a clear', () => {
  const fw = { clients: { acme: { topology: [{ parent: 'fw-01', children: ['tunnel=*'] }] } } }

  it('a clear\'s "RESOLVED: …" text does not become the incident title', () => {
    const sim = new Sim()
    sim.fire('disk', { resource: 'db-01', summary: 'db-01: /data 97% full' })
    sim.advance(MIN).send({ fp: 'other', resource: 'db-01', summary: 'db-01: iowait high' })
    sim.advance(MIN).resolve('disk', { resource: 'db-01', summary: 'RESOLVED: db-01: /data 97% full' })
    expect(sim.incidentOf('other')?.title).toBe('db-01: /data 97% full')
  })

  it('a root cause that already cleared does not retitle the incident when a symptom joins', () => {
    const sim = new Sim(fw)
    sim.fire('tun-a', { labels: { tunnel: 'vpn-a' }, summary: 'tunnel vpn-a down' })
    sim.advance(MIN).fire('fw', { resource: 'fw-01', summary: 'firewall fw-01 down' })
    const id = sim.incidentOf('fw')!.id
    expect(sim.inc(id).title).toBe('firewall fw-01 down')
    sim.advance(MIN).resolve('fw', { resource: 'fw-01', summary: 'RESOLVED: firewall fw-01 down' })
    sim.advance(MIN).fire('tun-b', { labels: { tunnel: 'vpn-b' }, summary: 'tunnel vpn-b down' })
    expect(sim.linkOf('tun-b')).toMatchObject({ rule: 'topology', role: 'symptom' })
    expect(sim.inc(id).title).toBe('firewall fw-01 down')
    // A firing root cause does name it.
    sim.advance(MIN).fire('fw', { resource: 'fw-01', summary: 'firewall fw-01 down again' })
    sim.advance(MIN).fire('tun-c', { labels: { tunnel: 'vpn-c' }, summary: 'tunnel vpn-c down' })
    expect(sim.inc(id).title).toBe('firewall fw-01 down again')
  })
})
