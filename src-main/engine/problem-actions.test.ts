import { describe, expect, it } from 'vitest'
import { Sim } from '../testing/engine-kit'

const three = ['acme', 'globex', 'initech']
/** A suspected same-rule problem over three clients (no history: a coincidence as likely as not). */
const suspected = () => {
  const sim = new Sim()
  sim.send(...three.map((client) => ({ fp: 'dns', client, rule: 'DnsResolutionFailing' })))
  const p = sim.problems()[0]
  expect(p.status).toBe('suspected')
  return { sim, p }
}
const blast = (sim: Sim, id: string) => sim.inc(id).priorityBreakdown.components.blastRadius

describe('operator decisions on problems', () => {
  it('confirm: a suspected problem becomes confirmed with the operator as evidence; blast points apply; timeline names the actor', () => {
    const { sim, p } = suspected()
    expect(blast(sim, p.incidentIds[0]).points).toBe(0)
    const r = sim.actProblem({ type: 'confirm', id: p.id, by: 'alice', note: 'same DNS provider, called them' })
    if (!r.ok) throw new Error(r.error)
    expect(r.problem).toMatchObject({ status: 'confirmed', decidedBy: 'alice', reason: 'confirmed by alice: rule `DnsResolutionFailing` firing for 3 clients within 3 min' })
    expect(r.problem.evidence.at(-1)).toMatchObject({ kind: 'operator', text: 'confirmed by alice: same DNS provider, called them' })
    for (const id of p.incidentIds) {
      expect(blast(sim, id)).toMatchObject({ value: 3, points: 6 })
      expect(sim.entries(id, 'problem').at(-1)).toMatchObject({ actor: 'alice', text: `${p.id} confirmed by alice: it counts for the blast radius: same DNS provider, called them` })
    }
    expect(sim.actProblem({ type: 'confirm', id: p.id, by: 'bob' })).toMatchObject({ ok: false, code: 'invalid-transition' })
  })

  it('dismiss: incidents are unlinked and never linked back; the key forms no new problem while it is open; it resolves with its incidents', () => {
    const { sim, p } = suspected()
    const r = sim.actProblem({ type: 'dismiss', id: p.id, by: 'bob' })
    expect(r.ok && r.problem.status).toBe('dismissed')
    for (const id of p.incidentIds) {
      expect(sim.inc(id).problemId).toBeNull()
      expect(sim.entries(id, 'problem').at(-1)).toMatchObject({ actor: 'bob', text: `${p.id} dismissed by bob: not one problem; no blast-radius points` })
    }
    // Two more clients in the same burst: nothing re-forms.
    sim.send({ fp: 'dns', client: 'umbrella', rule: 'DnsResolutionFailing' }, { fp: 'dns', client: 'hooli', rule: 'DnsResolutionFailing' })
    expect(sim.problems()).toHaveLength(1)
    expect(sim.incidentOf('dns', 'umbrella')?.problemId).toBeNull()
    // Its incidents resolve → so does the dismissed problem, and the key is free again.
    sim.send(...[...three, 'umbrella', 'hooli'].map((client) => ({ fp: 'dns', client, rule: 'DnsResolutionFailing', status: 'resolved' as const, severity: 'ok' as const })))
    sim.advance(3 * 60_000).tick()
    expect(sim.problems()[0].resolvedAt).toBe(sim.now)
    expect(sim.actProblem({ type: 'confirm', id: p.id, by: 'bob' })).toMatchObject({ ok: false, code: 'invalid-transition' })
  })

  it('confirming a dismissed problem takes back its incidents that are in no other problem', () => {
    const { sim, p } = suspected()
    sim.actProblem({ type: 'dismiss', id: p.id, by: 'bob' })
    const r = sim.actProblem({ type: 'confirm', id: p.id, by: 'alice' })
    expect(r.ok && r.problem).toMatchObject({ status: 'confirmed', excluded: [] })
    for (const id of p.incidentIds) expect(sim.inc(id).problemId).toBe(p.id)
  })

  it('split: the named incidents leave; spanning two clients they form a problem of their own; they are never linked back', () => {
    const sim = new Sim()
    const clients = ['acme', 'globex', 'initech', 'umbrella', 'hooli']
    sim.send(...clients.map((client) => ({ fp: 'wan', client, labels: { provider: 'isp-bt' } })))
    const p = sim.problems()[0]
    const out = ['umbrella', 'hooli'].map((c) => sim.incidentOf('wan', c)!.id)
    const r = sim.actProblem({ type: 'split', id: p.id, by: 'carol', incidentIds: out, note: 'those two are on the backup circuit' })
    if (!r.ok) throw new Error(r.error)
    expect(r.problem).toMatchObject({ clients: ['acme', 'globex', 'initech'], excluded: out, reason: "upstream `isp-bt` shared by 3 clients' incidents within 5 min" })
    expect(r.created).toMatchObject({ id: 'PRB-2', clients: ['hooli', 'umbrella'], incidentIds: out, status: 'confirmed', key: 'upstream=isp-bt (split PRB-2)' })
    for (const id of out) {
      expect(sim.inc(id).problemId).toBe('PRB-2')
      expect(blast(sim, id).value).toBe(2)
      expect(sim.entries(id, 'problem').at(-1)).toMatchObject({ actor: 'carol', text: 'moved out of PRB-1 into PRB-2 by carol: those two are on the backup circuit' })
    }
    expect(blast(sim, p.incidentIds[0]).value).toBe(3)
    // A re-fire of a split-out alert does not bring it back.
    sim.advance(30_000).send({ fp: 'wan', client: 'hooli', status: 'resolved', severity: 'ok' })
    sim.advance(30_000).send({ fp: 'wan', client: 'hooli', labels: { provider: 'isp-bt' } })
    expect(sim.problems().find((x) => x.id === 'PRB-1')!.incidentIds).not.toContain(sim.incidentOf('wan', 'hooli')!.id)
  })

  it('split refuses incidents not in the problem and a split that would leave it empty; unknown problems are not found', () => {
    const { sim, p } = suspected()
    expect(sim.actProblem({ type: 'split', id: p.id, by: 'x', incidentIds: ['INC-9999'] })).toMatchObject({ ok: false, code: 'invalid-input', error: `INC-9999 is not in ${p.id}` })
    expect(sim.actProblem({ type: 'split', id: p.id, by: 'x', incidentIds: p.incidentIds })).toMatchObject({ ok: false, code: 'invalid-transition' })
    expect(sim.actProblem({ type: 'dismiss', id: 'PRB-77', by: 'x' })).toMatchObject({ ok: false, code: 'not-found' })
    // A refusal changes nothing.
    expect(sim.problems()[0]).toEqual(p)
  })
})
