import { afterEach, describe, expect, it } from 'vitest'
import type { RunningServer } from './server'
import { getJson, post, testServer } from './testing/server-kit'
import { closeAfterEach } from './testing/close-kit'

/** Cross-client problems and the operator's decisions on them, end to end over HTTP (injected clock). */
const T0 = Date.parse('2026-11-20T10:00:00Z')
let now = T0
const track = closeAfterEach()
afterEach(() => {
  now = T0
})
const start = async () => {
  const s = await testServer({ clock: () => now, tickMs: 0 })
  track(s)
  return s
}
const clients = ['acme', 'globex', 'initech', 'umbrella']
/** The same rule for each client, no shared label: a same-rule burst with no history is only suspected. */
const burst = (s: RunningServer, cs = clients.slice(0, 3)) =>
  post(`${s.url}/api/v1/events`, cs.map((client) => ({ client, class: 'dns', rule: 'DnsResolutionFailing', severity: 'critical', text: `${client}: DNS failing`, time: now })))
const problems = async (s: RunningServer) => (await getJson(`${s.url}/api/v1/problems`)).json as any[]
const detail = async (s: RunningServer, id: string) => (await getJson(`${s.url}/api/v1/incidents/${id}`)).json

describe('problems over HTTP', () => {
  it('a suspected problem is listed as such; confirming it by hand gives blast points and writes the timeline with the actor', async () => {
    const s = await start()
    expect((await burst(s)).status).toBe(200)
    const [p] = await problems(s)
    expect(p).toMatchObject({ status: 'suspected', key: 'rule=DnsResolutionFailing', clients: clients.slice(0, 3) })
    expect(p.evidence[0]).toMatchObject({ kind: 'same-rule' })
    const inc = p.incidentIds[0]
    expect((await detail(s, inc)).incident.priorityBreakdown.components.blastRadius.points).toBe(0)

    now += 60_000
    const r = await post(`${s.url}/api/v1/problems/${p.id}/confirm`, { by: 'alice', note: 'their DNS provider is down' })
    expect(r.status).toBe(200)
    expect(r.json).toMatchObject({ id: p.id, status: 'confirmed', decidedBy: 'alice' })
    const d = await detail(s, inc)
    expect(d.problem).toMatchObject({ id: p.id, status: 'confirmed' })
    expect(d.incident.priorityBreakdown.components.blastRadius).toMatchObject({ value: 3, points: 6 })
    expect(d.timeline.filter((t: any) => t.kind === 'problem').at(-1)).toMatchObject({ actor: 'alice', at: now })

    expect((await post(`${s.url}/api/v1/problems/${p.id}/confirm`, { by: 'bob' })).status).toBe(409)
    expect((await post(`${s.url}/api/v1/problems/PRB-999/dismiss`, { by: 'bob' })).status).toBe(404)
    const bad = await post(`${s.url}/api/v1/problems/${p.id}/split`, { by: 'bob', incidentIds: [] })
    expect(bad.status).toBe(400)
    expect(bad.json.issues[0].path).toBe('incidentIds')
  })

  it('dismiss unlinks the incidents; split moves incidents into a problem of their own', async () => {
    const s = await start()
    await burst(s, clients)
    const [p] = await problems(s)
    const split = await post(`${s.url}/api/v1/problems/${p.id}/split`, { by: 'carol', incidentIds: p.incidentIds.slice(2) })
    expect(split.status).toBe(200)
    expect(split.json.incidentIds).toEqual(p.incidentIds.slice(0, 2))
    const all = await problems(s)
    const moved = all.find((x) => x.id !== p.id)
    expect(moved.incidentIds).toEqual(p.incidentIds.slice(2))
    expect((await detail(s, p.incidentIds[3])).incident.problemId).toBe(moved.id)

    const dismissed = await post(`${s.url}/api/v1/problems/${p.id}/dismiss`, { by: 'carol' })
    expect(dismissed.json).toMatchObject({ status: 'dismissed' })
    expect((await detail(s, p.incidentIds[0])).incident.problemId).toBeNull()
  })
})
