import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { RunningServer } from './server'
import { getJson, post, testServer } from './testing/server-kit'
import { closeAfterEach } from './testing/close-kit'

/** Incidents end to end over HTTP, with an injected clock (no sleeping). */
const T0 = Date.parse('2026-11-20T10:00:00Z')
let now = T0
const clock = () => now
const track = closeAfterEach()
afterEach(() => {
  now = T0
})
const start = async (extra: Parameters<typeof testServer>[0] = {}) => {
  const s = await testServer({ clock, tickMs: 0, ...extra })
  track(s)
  return s
}

const amAlert = (client: string, instance: string, labels: Record<string, string> = {}, at = now) => ({
  version: '4', status: 'firing', receiver: 'noc', groupKey: 'k', truncatedAlerts: 0, groupLabels: {}, commonLabels: {}, commonAnnotations: {}, externalURL: 'http://am:9093',
  alerts: [{
    status: 'firing', labels: { alertname: 'InstanceDown', client, service: 'billing', instance, severity: 'critical', ...labels },
    annotations: { summary: `${instance} down` }, startsAt: new Date(at).toISOString(), endsAt: '0001-01-01T00:00:00Z',
    generatorURL: 'http://prom', fingerprint: `${client}-${instance}`.replace(/[^a-z0-9]/g, '').slice(0, 16).padEnd(16, '0'),
  }],
})

const incidents = async (s: RunningServer, q = '') => (await getJson(`${s.url}/api/v1/incidents?limit=100${q}`)).json as any[]

describe('incidents over HTTP', () => {
  it('two alerts of one client and service a minute and a half apart form one incident with a stated reason', async () => {
    const s = await start()
    expect((await post(`${s.url}/webhook/alertmanager`, amAlert('initech', 'db02:9100'))).status).toBe(200)
    now += 90_000
    await post(`${s.url}/webhook/alertmanager`, amAlert('initech', 'db03:9100'))
    const list = await incidents(s)
    expect(list).toHaveLength(1)
    const detail = (await getJson(`${s.url}/api/v1/incidents/${list[0].id}`)).json
    expect(detail.alerts).toHaveLength(2)
    const joined = detail.alerts.find((a: any) => a.link.rule !== 'new')
    expect(joined.link.reason).toMatch(/billing/)
    expect(joined.link.reason).toContain(list[0].id)
    expect(detail.timeline.map((t: any) => t.kind)).toEqual(expect.arrayContaining(['opened', 'alert-joined']))
    expect(detail.incident.priorityBreakdown.components.severity.value).toBe('critical')
    expect(['P1', 'P2', 'P3', 'P4']).toContain(detail.incident.priority)
  })

  it('the same alerts for two clients form two incidents', async () => {
    const s = await start()
    await post(`${s.url}/webhook/alertmanager`, amAlert('initech', 'db02:9100'))
    await post(`${s.url}/webhook/alertmanager`, amAlert('globex', 'db02:9100'))
    const list = await incidents(s)
    expect(list.map((i) => i.client).sort()).toEqual(['globex', 'initech'])
  })

  it('a shared-upstream outage across three clients forms one problem', async () => {
    const s = await start()
    for (const c of ['a-corp', 'b-corp', 'c-corp']) {
      await post(`${s.url}/webhook/alertmanager`, amAlert(c, 'vpn01', { provider: 'isp-north', alertname: 'TunnelDown', service: 'vpn' }))
      now += 30_000
    }
    const problems = (await getJson(`${s.url}/api/v1/problems`)).json
    expect(problems).toHaveLength(1)
    expect(problems[0].clients.sort()).toEqual(['a-corp', 'b-corp', 'c-corp'])
    expect(problems[0].key).toContain('isp-north')
    const list = await incidents(s)
    expect(new Set(list.map((i) => i.problemId))).toEqual(new Set([problems[0].id]))
  })

  it('ack through the API changes status; the timeline names who and when; bad input and bad transitions are refused', async () => {
    const s = await start()
    await post(`${s.url}/webhook/alertmanager`, amAlert('initech', 'db02:9100'))
    const [inc] = await incidents(s)
    now += 60_000
    const r = await post(`${s.url}/api/v1/incidents/${inc.id}/ack`, { by: 'alice', note: 'looking' })
    expect(r.status).toBe(200)
    expect(r.json.status).toBe('acknowledged')
    expect(r.json.acknowledgedAt).toBe(now)
    const detail = (await getJson(`${s.url}/api/v1/incidents/${inc.id}`)).json
    const ack = detail.timeline.find((t: any) => t.kind === 'ack')
    expect(ack).toMatchObject({ actor: 'alice', at: now })
    expect((await post(`${s.url}/api/v1/incidents/${inc.id}/ack`, {})).status).toBe(400)
    expect((await post(`${s.url}/api/v1/incidents/INC-999999/ack`, { by: 'x' })).status).toBe(404)
    const seqBefore = (await getJson(`${s.url}/api/v1/incidents/${inc.id}`)).json.incident.seq
    expect((await post(`${s.url}/api/v1/incidents/${inc.id}/note`, { by: 'bob', text: 'vendor called' })).status).toBe(200)
    const noted = (await getJson(`${s.url}/api/v1/incidents/${inc.id}`)).json
    expect(noted.incident.seq).toBeGreaterThan(seqBefore) // a note alone still tells every console the incident changed
    expect(noted.timeline.find((t: any) => t.kind === 'note')).toMatchObject({ actor: 'bob', text: expect.stringContaining('vendor called') })
    const resolved = await post(`${s.url}/api/v1/incidents/${inc.id}/resolve`, { by: 'alice', cause: 'disk', solution: 'replaced', tags: ['hw'] })
    expect(resolved.json).toMatchObject({ status: 'resolved', cause: 'disk', solution: 'replaced', tags: ['hw'] })
    const merge = await post(`${s.url}/api/v1/incidents/merge`, { into: inc.id, from: inc.id, by: 'alice' })
    expect(merge.status).toBeGreaterThanOrEqual(400)
    expect(merge.status).toBeLessThan(500)
  })

  it('a new incident lists the closed incident of the same client and rule with its cause and solution', async () => {
    const s = await start()
    await post(`${s.url}/webhook/alertmanager`, amAlert('initech', 'db02:9100'))
    const [old] = await incidents(s)
    await post(`${s.url}/api/v1/incidents/${old.id}/resolve`, { by: 'alice', cause: 'PSU failed', solution: 'swapped PSU' })
    expect((await post(`${s.url}/api/v1/incidents/${old.id}/close`, { by: 'alice' })).status).toBe(200)
    now += 2 * 60 * 60_000
    await post(`${s.url}/webhook/alertmanager`, amAlert('initech', 'db09:9100'))
    await post(`${s.url}/webhook/alertmanager`, amAlert('globex', 'db09:9100'))
    const fresh = (await incidents(s)).find((i) => i.client === 'initech' && i.id !== old.id)
    const detail = (await getJson(`${s.url}/api/v1/incidents/${fresh.id}`)).json
    expect(detail.similar.map((x: any) => x.id)).toEqual([old.id])
    expect(detail.similar[0]).toMatchObject({ cause: 'PSU failed', solution: 'swapped PSU' })
    expect(detail.similar[0].matched.join(' ')).toContain('InstanceDown')
  })

  it('an incident resolves only when all its alerts resolved, after the hold (timer persisted across a restart)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'noc-inc-'))
    const s = await start({ dataDir })
    await post(`${s.url}/webhook/alertmanager`, amAlert('initech', 'db02:9100'))
    await post(`${s.url}/webhook/alertmanager`, amAlert('initech', 'db03:9100'))
    const [inc] = await incidents(s)
    const resolve = (instance: string) => {
      const body = amAlert('initech', instance)
      body.alerts[0].status = 'resolved'
      body.alerts[0].endsAt = new Date(now).toISOString()
      return post(`${s2.url}/webhook/alertmanager`, body)
    }
    let s2 = s
    now += 60_000
    await resolve('db02:9100')
    await s.hub.tick()
    expect((await incidents(s))[0].status).toBe('open') // partial recovery: still open
    await resolve('db03:9100')
    // Restart mid-hold: the due time is in SQLite, not in a setTimeout.
    await s.close()
    track.release(s)
    s2 = await start({ dataDir })
    now += 10 * 60_000
    await s2.hub.tick()
    const after = (await getJson(`${s2.url}/api/v1/incidents/${inc.id}`)).json
    expect(after.incident.status).toBe('resolved')
    expect(after.timeline.filter((t: any) => t.kind === 'resolve')).toHaveLength(1)
  })

  it('configuration sets tier and service criticality, and priority follows it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'noc-cfg-'))
    const cfg = join(dir, 'noc.yaml')
    writeFileSync(cfg, 'clients:\n  initech:\n    tier: platinum\n    services:\n      billing: { criticality: critical }\n  globex:\n    tier: bronze\n')
    const s = await start({ configPath: cfg })
    await post(`${s.url}/webhook/alertmanager`, amAlert('initech', 'db02:9100'))
    await post(`${s.url}/webhook/alertmanager`, amAlert('globex', 'db02:9100'))
    const byClient = Object.fromEntries((await incidents(s)).map((i) => [i.client, i]))
    expect(byClient.initech.priorityBreakdown.components.tier.value).toBe('platinum')
    expect(byClient.initech.priorityBreakdown.score).toBeGreaterThan(byClient.globex.priorityBreakdown.score)
    const clients = (await getJson(`${s.url}/api/v1/clients`)).json
    expect(clients.find((c: any) => c.id === 'initech').tier).toBe('platinum')
  })
})
