import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { RunningServer } from './server'
import { fixture, getJson, post, testServer } from './testing/server-kit'

let srv: RunningServer
beforeAll(async () => {
  srv = await testServer({ maxBodyBytes: 64 * 1024 })
})
afterAll(async () => srv.close())

const alerts = async (q = '') => (await getJson(`${srv.url}/api/v1/alerts?limit=1000${q}`)).json.items as any[]

describe('webhooks over real HTTP', () => {
  const cases: [string, string][] = [
    ['/webhook/alertmanager', 'alertmanager-v4-firing.json'],
    ['/webhook/grafana', 'grafana-alerting.json'],
    ['/webhook/zabbix', 'zabbix-media-type.json'],
    ['/webhook/pagerduty', 'pagerduty-events-v2.json'],
    ['/webhook/alerta', 'alerta-alert.json'],
    ['/api/v1/events', 'native-tapin-events.json'],
  ]
  it.each(cases)('%s accepts %s with a 2xx and the alerts become queryable', async (path, file) => {
    const r = await post(srv.url + path, fixture(file))
    expect(r.status).toBe(200)
    expect(r.json.accepted).toBeGreaterThan(0)
  })

  it('lands each fixture with its client resolved from the payload', async () => {
    const clients = (await getJson(`${srv.url}/api/v1/clients`)).json.map((c: any) => c.id)
    expect(clients).toEqual(expect.arrayContaining(['initech', 'umbrella-health', 'stark-industries', 'wayne-enterprises', 'acme-retail']))
  })

  it('the same Alertmanager payload twice is one alert with count 2; its resolved form resolves it', async () => {
    const s = await testServer()
    try {
      await post(`${s.url}/webhook/alertmanager`, fixture('alertmanager-v4-firing.json'))
      await post(`${s.url}/webhook/alertmanager`, fixture('alertmanager-v4-firing.json'))
      let items = (await getJson(`${s.url}/api/v1/alerts?client=initech`)).json.items
      const db02 = items.find((a: any) => a.fingerprint === '7c1f4d1a9e0b2c33')
      expect(items).toHaveLength(2)
      expect(db02.count).toBe(2)
      expect(db02.status).toBe('firing')
      await post(`${s.url}/webhook/alertmanager`, fixture('alertmanager-v4-resolved.json'))
      items = (await getJson(`${s.url}/api/v1/alerts?client=initech&status=resolved`)).json.items
      expect(items.map((a: any) => a.fingerprint)).toEqual(['7c1f4d1a9e0b2c33'])
    } finally {
      await s.close()
    }
  })

  it('client precedence: path beats header beats query beats payload', async () => {
    const body = fixture('pagerduty-events-v2.json')
    await post(`${srv.url}/webhook/pagerduty/from-path?client=from-query`, body, { 'x-noc-client': 'from-header' })
    await post(`${srv.url}/webhook/pagerduty?client=from-query`, body, { 'x-noc-client': 'from-header' })
    await post(`${srv.url}/webhook/pagerduty?client=from-query`, body)
    const ids = (await getJson(`${srv.url}/api/v1/clients`)).json.map((c: any) => c.id)
    expect(ids).toEqual(expect.arrayContaining(['from-path', 'from-header', 'from-query']))
  })
})

describe('bad input', () => {
  const bad: [string, string, string | object, number][] = [
    ['malformed JSON', '/webhook/alertmanager', '{"alerts": [', 400],
    ['empty body', '/webhook/zabbix', '', 400],
    ['wrong types', '/webhook/alertmanager', { alerts: 'nope' }, 400],
    ['unknown format', '/webhook/nagios', { a: 1 }, 400],
    ['native with missing fields', '/api/v1/events', [{ client: 'x' }], 400],
  ]
  it.each(bad)('%s (POST %s) → 4xx with {error, issues}, kept in the dead letter, server still healthy', async (what, path, body, status) => {
    const before = (await getJson(`${srv.url}/api/v1/rejected`)).json.total
    const r = await post(srv.url + path, body)
    expect(r.status).toBe(status)
    expect(typeof r.json.error).toBe('string')
    expect(Array.isArray(r.json.issues)).toBe(true)
    expect(r.json.issues.length).toBeGreaterThan(0)
    expect(r.json.issues[0]).toHaveProperty('path')
    expect(r.json.issues[0]).toHaveProperty('message')
    const rej = (await getJson(`${srv.url}/api/v1/rejected`)).json
    expect(rej.total).toBe(before + 1)
    expect(rej.items[0].endpoint).toContain(path.split('?')[0])
    expect((await getJson(`${srv.url}/healthz`)).json.status).toBe('ok')
    void what
  })

  it('issue paths point at the offending field', async () => {
    const r = await post(`${srv.url}/webhook/alertmanager`, { version: '4', status: 'firing', alerts: [{ status: 'firing', labels: 'x' }] })
    expect(r.status).toBe(400)
    expect(r.json.issues.map((i: any) => i.path).join(' ')).toMatch(/alerts\[0\]/)
  })

  it('a body over the limit → 413, kept truncated in the dead letter', async () => {
    const huge = JSON.stringify({ alerts: [], pad: 'x'.repeat(100 * 1024) })
    const r = await post(`${srv.url}/webhook/alertmanager`, huge)
    expect(r.status).toBe(413)
    const rej = (await getJson(`${srv.url}/api/v1/rejected?limit=1`)).json.items[0]
    expect(rej.status).toBe(413)
    expect(rej.bodyBytes).toBeGreaterThan(64 * 1024)
    expect(rej.body.length).toBeLessThanOrEqual(8192)
  })

  it('accepted data survives a flood of bad requests', async () => {
    const before = await alerts()
    await Promise.all(Array.from({ length: 50 }, (_, i) => post(`${srv.url}/webhook/grafana`, `{"bad": ${i}`)))
    expect((await alerts()).length).toBe(before.length)
  })
})

describe('query API and metrics', () => {
  it('filters alerts by client, status and severity', async () => {
    const crit = await alerts('&severity=critical')
    expect(crit.length).toBeGreaterThan(0)
    expect(crit.every((a) => a.severity === 'critical')).toBe(true)
    const acme = await alerts('&client=acme-retail')
    expect(acme.every((a) => a.client === 'acme-retail')).toBe(true)
    expect((await getJson(`${srv.url}/api/v1/alerts?severity=purple`)).status).toBe(400)
  })

  it('GET /metrics counts received, accepted and rejected per source', async () => {
    const text = await (await fetch(`${srv.url}/metrics`)).text()
    expect(text).toMatch(/noc_events_accepted_total\{source="alertmanager"\} \d+/)
    expect(text).toMatch(/noc_requests_rejected_total\{source="alertmanager",status="400"\} \d+/)
    expect(text).toMatch(/noc_batch_commit_ms_count \d+/)
  })
})

describe('WebSocket /ws', () => {
  const open = (url: string) =>
    new Promise<{ ws: WebSocket; next: (pred?: (m: any) => boolean) => Promise<any> }>((resolve, reject) => {
      const ws = new WebSocket(url.replace('http', 'ws') + '/ws')
      const queue: any[] = []
      const waiters: { pred: (m: any) => boolean; res: (m: any) => void }[] = []
      ws.on('message', (d) => {
        const m = JSON.parse(d.toString())
        const w = waiters.findIndex((x) => x.pred(m))
        if (w >= 0) waiters.splice(w, 1)[0].res(m)
        else queue.push(m)
      })
      const next = (pred: (m: any) => boolean = () => true) =>
        new Promise<any>((res) => {
          const i = queue.findIndex(pred)
          if (i >= 0) return res(queue.splice(i, 1)[0])
          waiters.push({ pred, res })
        })
      ws.once('open', () => resolve({ ws, next }))
      ws.once('error', reject)
    })

  it('an agent gets an ack after commit; a subscribed console receives the delta', async () => {
    const consoleWs = await open(srv.url)
    expect((await consoleWs.next()).type).toBe('hello')
    consoleWs.ws.send(JSON.stringify({ type: 'subscribe' }))
    const agent = await open(srv.url)
    await agent.next()
    agent.ws.send(JSON.stringify({ type: 'events', id: 'f1', events: [{ client: 'ws-client', class: 'C', rule: 'R', severity: 'major', text: 'via ws' }] }))
    expect(await agent.next((m) => m.type === 'ack')).toEqual({ type: 'ack', id: 'f1', accepted: 1 })
    const delta = await consoleWs.next((m) => m.type === 'delta' && m.alerts.some((a: any) => a.client === 'ws-client'))
    expect(delta.clients.find((c: any) => c.id === 'ws-client').worst).toBe('major')
    agent.ws.send(JSON.stringify({ type: 'events', id: 'f2', events: [{ client: 'ws-client' }] }))
    const err = await agent.next((m) => m.type === 'error')
    expect(err.id).toBe('f2')
    expect(err.issues.length).toBeGreaterThan(0)
    agent.ws.send('{not json')
    expect((await agent.next((m) => m.type === 'error')).error).toMatch(/malformed/)
    agent.ws.send(JSON.stringify({ type: 'call', id: 'c1', method: 'alerts.list', input: { client: 'ws-client' } }))
    const res = await agent.next((m) => m.type === 'result')
    expect(res.output.items[0].summary).toBe('via ws')
    consoleWs.ws.close()
    agent.ws.close()
  })

  it("an ingest answer carries its commit's seq: the first delta at or past it shows what the request did", async () => {
    const c = await open(srv.url)
    await c.next()
    c.ws.send(JSON.stringify({ type: 'subscribe' }))
    const r = await post(`${srv.url}/api/v1/events`, { client: 'seq-client', class: 'C', rule: 'R', severity: 'minor', text: 'read your writes' })
    expect(r.status).toBe(200)
    const stored = (await getJson(`${srv.url}/api/v1/alerts?client=seq-client`)).json.items[0]
    expect(r.json.seq).toBeGreaterThanOrEqual(stored.seq)
    const d = await c.next((m) => m.type === 'delta' && m.seq >= r.json.seq)
    expect(d.alerts.map((a: any) => a.summary)).toContain('read your writes')
    c.ws.close()
  })

  it('a console resuming with `since` gets what changed while it was away', async () => {
    const c = await open(srv.url)
    const hello = await c.next()
    c.ws.close()
    await post(`${srv.url}/api/v1/events`, { client: 'away', class: 'C', rule: 'R', severity: 'minor', text: 'while away' })
    const back = await open(srv.url)
    await back.next()
    back.ws.send(JSON.stringify({ type: 'subscribe', since: hello.seq }))
    const d = await back.next((m) => m.type === 'delta')
    expect(d.alerts.map((a: any) => a.summary)).toContain('while away')
    back.ws.close()
  })
})
