import { spawn, spawnSync } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { networkInterfaces, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contract, type Method } from '@shared/api/contract'
import type { RunningServer } from '../server'
import { fixture, testServer } from '../testing/server-kit'
import { hashToken, newToken, type AuthConfigInput } from './auth-config'
import { openWs, request } from '../testing/ingest-kit'

const AM_PASS = newToken()
const GRAFANA = newToken()
const AGENT = newToken()
const WALL = newToken()
const SIGNING_KEY = newToken()
process.env.NOC_TEST_SIGNING_KEY = SIGNING_KEY

const authConfig: AuthConfigInput = {
  sources: [
    { name: 'am', formats: ['alertmanager'], basic: { username: 'alertmanager', password: hashToken(AM_PASS) } },
    { name: 'grafana', formats: ['grafana'], bearer: hashToken(GRAFANA) },
    { name: 'agent', formats: ['native'], bearer: hashToken(AGENT) },
    { name: 'zabbix-signer', formats: ['zabbix'], hmac: { secret: 'env:NOC_TEST_SIGNING_KEY' } },
  ],
  consoles: [{ name: 'wall', token: hashToken(WALL) }],
}
const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`
const bearer = (t: string) => ({ authorization: `Bearer ${t}` })
const sign = (body: string, t = Math.floor(Date.now() / 1000)) => `t=${t},v1=${createHmac('sha256', SIGNING_KEY).update(`${t}.${body}`).digest('hex')}`
const rejected = async (url: string, n = 1) => (await request(`${url}/api/v1/rejected?limit=${n}`)).json.items as any[]
const UNAUTH = { error: 'unauthorized', issues: [] }
const ev = (text: string) => JSON.stringify({ client: 'auth', class: 'C', rule: 'R', severity: 'major', text })

describe('authenticated ingest on loopback', () => {
  let srv: RunningServer
  beforeAll(async () => {
    srv = await testServer({ auth: authConfig })
  })
  afterAll(async () => srv.close())

  it('no, wrong, or wrong-format credentials → the same bare 401; kept in the dead letter without the credential', async () => {
    const body = fixture('grafana-alerting.json')
    const answers = [
      await request(`${srv.url}/webhook/grafana`, { body }),
      await request(`${srv.url}/webhook/grafana`, { body, headers: bearer(`${GRAFANA}x`) }),
      await request(`${srv.url}/webhook/grafana`, { body, headers: bearer(AGENT) }),
      await request(`${srv.url}/webhook/grafana`, { body, headers: { authorization: 'Token nope' } }),
      await request(`${srv.url}/api/v1/events`, { body: ev('x'), headers: bearer(WALL) }),
    ]
    for (const a of answers) {
      expect(a.status).toBe(401)
      expect(a.text).toBe(JSON.stringify(UNAUTH))
    }
    const rows = await rejected(srv.url, 5)
    expect(rows.map((r) => r.status)).toEqual([401, 401, 401, 401, 401])
    const stored = JSON.stringify(rows)
    for (const secret of [GRAFANA, AGENT, WALL]) expect(stored).not.toContain(secret)
    expect(rows[0].issues[0].path).toBe('(auth)')
    expect(rows.every((r) => r.body === '')).toBe(true)
  })

  it('bearer (Grafana, agents) and basic (Alertmanager http_config.basic_auth) are accepted for their formats', async () => {
    expect((await request(`${srv.url}/webhook/grafana`, { body: fixture('grafana-alerting.json'), headers: bearer(GRAFANA) })).status).toBe(200)
    expect((await request(`${srv.url}/api/v1/events`, { body: ev('agent'), headers: bearer(AGENT) })).status).toBe(200)
    const am = { authorization: basic('alertmanager', AM_PASS) }
    expect((await request(`${srv.url}/webhook/alertmanager/acme`, { body: fixture('alertmanager-v4-firing.json'), headers: am })).status).toBe(200)
    expect((await request(`${srv.url}/webhook/grafana`, { body: fixture('grafana-alerting.json'), headers: am })).status).toBe(401)
    // Senders that can only be given a URL: ?access_token=, never written to the dead letter.
    expect((await request(`${srv.url}/api/v1/events?access_token=${encodeURIComponent(AGENT)}`, { body: ev('by url') })).status).toBe(200)
    expect((await request(`${srv.url}/api/v1/events?access_token=${encodeURIComponent(AGENT)}`, { body: '{"broken' })).status).toBe(400)
    expect((await request(`${srv.url}/api/v1/alerts?severity=purple&access_token=${encodeURIComponent(WALL)}`)).status).toBe(400)
    const rows = await rejected(srv.url, 2)
    expect(rows[0]).toMatchObject({ endpoint: 'GET /api/v1/alerts', body: '?severity=purple' })
    expect(JSON.stringify(rows)).not.toMatch(new RegExp(`${AGENT}|${WALL}`.replace(/[-_]/g, '.')))
  })

  it('HMAC-signed Zabbix webhook: accepted once; replay, stale timestamp and tampering → 401', async () => {
    const body = fixture('zabbix-media-type.json')
    const sig = sign(body)
    expect((await request(`${srv.url}/webhook/zabbix`, { body, headers: { 'x-noc-signature': sig } })).status).toBe(200)
    const replay = await request(`${srv.url}/webhook/zabbix`, { body, headers: { 'x-noc-signature': sig } })
    expect([replay.status, replay.text]).toEqual([401, JSON.stringify(UNAUTH)])
    expect((await rejected(srv.url))[0].issues[0].message).toBe('replayed signature')
    const stale = sign(body, Math.floor(Date.now() / 1000) - 600)
    expect((await request(`${srv.url}/webhook/zabbix`, { body, headers: { 'x-noc-signature': stale } })).status).toBe(401)
    const tampered = body.replace('PROBLEM', 'RESOLVED')
    expect((await request(`${srv.url}/webhook/zabbix`, { body: tampered, headers: { 'x-noc-signature': sign(body) } })).status).toBe(401)
  })

  it('on loopback, consoles need no token (everything works as before auth)', async () => {
    expect((await request(`${srv.url}/api/v1/alerts`)).status).toBe(200)
    const c = await openWs(srv.url)
    c.ws.send(JSON.stringify({ type: 'call', id: 'q', method: 'clients.list' }))
    expect((await c.next((m) => m.type === 'result')).id).toBe('q')
    // …but a loopback peer without a source token may not inject events over the socket.
    c.ws.send(JSON.stringify({ type: 'events', id: 'e', events: [JSON.parse(ev('ws'))] }))
    expect(await c.next((m) => m.type === 'error')).toMatchObject({ id: 'e', error: 'unauthorized' })
    c.ws.close()
    const agent = await openWs(srv.url, { headers: bearer(AGENT) })
    agent.ws.send(JSON.stringify({ type: 'events', id: 'e2', events: [JSON.parse(ev('ws'))] }))
    expect(await agent.next((m) => m.type === 'ack')).toMatchObject({ id: 'e2', accepted: 1 })
    agent.ws.close()
    await expect(openWs(srv.url, { headers: bearer('wrong') })).rejects.toMatchObject({ status: 401 })
  })
})

const external = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address

describe.skipIf(!external)('console token off loopback (bound to a real interface)', () => {
  let srv: RunningServer
  beforeAll(async () => {
    srv = await testServer({ host: external!, auth: authConfig })
  })
  afterAll(async () => srv?.close())

  const queries = (Object.keys(contract) as Method[]).filter((m) => contract[m].http.method === 'GET' && !contract[m].http.path.includes(':'))

  it('every contract query, every operator command and /metrics → 401 without a console token; past auth with one', async () => {
    for (const m of queries) {
      const p = contract[m].http.path
      expect((await request(srv.url + p)).status, p).toBe(401)
      expect((await request(srv.url + p, { headers: bearer(GRAFANA) })).status, p).toBe(401)
      // With the token the request reaches the handler: whatever it answers, it is not an auth refusal.
      expect((await request(srv.url + p, { headers: bearer(WALL) })).status, p).not.toBe(401)
    }
    for (const m of (Object.keys(contract) as Method[]).filter((k) => contract[k].http.method !== 'GET' && k !== 'events.ingest')) {
      const p = contract[m].http.path.replace(/:[a-zA-Z]+/g, 'nope')
      expect((await request(srv.url + p, { body: '{}' })).status, p).toBe(401)
      expect((await request(srv.url + p, { body: '{}', headers: bearer(WALL) })).status, p).not.toBe(401)
    }
    expect((await request(`${srv.url}/metrics`)).status).toBe(401)
    expect((await request(`${srv.url}/metrics`, { headers: bearer(WALL) })).status).toBe(200)
  })

  it('WebSocket: anonymous upgrade refused; ?access_token= (browsers) lets a console subscribe; sources may not subscribe', async () => {
    await expect(openWs(srv.url)).rejects.toMatchObject({ status: 401 })
    const wall = await openWs(srv.url, { query: `?access_token=${encodeURIComponent(WALL)}` })
    wall.ws.send(JSON.stringify({ type: 'subscribe' }))
    wall.ws.send(JSON.stringify({ type: 'call', id: 'h', method: 'health.get' }))
    expect((await wall.next((m) => m.type === 'result')).output.status).toBe('ok')
    const agent = await openWs(srv.url, { headers: bearer(AGENT) })
    agent.ws.send(JSON.stringify({ type: 'events', id: 'a', events: [JSON.parse(ev('remote agent'))] }))
    expect(await agent.next((m) => m.type === 'ack')).toMatchObject({ accepted: 1 })
    await wall.next((m) => m.type === 'delta' && m.alerts?.some((a: any) => a.summary === 'remote agent'))
    agent.ws.send(JSON.stringify({ type: 'call', id: 'c', method: 'alerts.list' }))
    expect(await agent.next((m) => m.type === 'error')).toMatchObject({ id: 'c', error: 'unauthorized', issues: [{ path: '(auth)' }] })
    // The dead letter itself is a console query: refused without a token.
    expect((await request(`${srv.url}/api/v1/rejected`)).status).toBe(401)
    const withToken = (await request(`${srv.url}/api/v1/rejected?limit=50&access_token=${encodeURIComponent(WALL)}`)).json.items
    expect(JSON.stringify(withToken)).not.toContain(WALL)
    wall.ws.close()
    agent.ws.close()
  })
})

describe('bind address', () => {
  it('startServer refuses a non-loopback host without source tokens, with a reason', async () => {
    await expect(testServer({ host: '0.0.0.0' })).rejects.toThrow(/refusing to listen on 0\.0\.0\.0 without authentication/)
    await expect(testServer({ host: '0.0.0.0', auth: { consoles: [{ name: 'w', token: hashToken(WALL) }] } })).rejects.toThrow(/source tokens/)
  })

  it('serve --host 0.0.0.0 exits 1 with the reason; with --ingest-token it starts', async () => {
    const root = resolve(import.meta.dirname, '../..')
    const run = (args: string[]) =>
      new Promise<{ code: number | null; out: string }>((res) => {
        const c = spawn(process.execPath, ['--import', 'tsx', 'src-main/serve.ts', '--port', '0', '--data', mkdtempSync(join(tmpdir(), 'noc-bind-')), '--no-demo', ...args], { cwd: root })
        let out = ''
        c.stdout.on('data', (d) => {
          out += d
          if (/serving at/.test(out)) c.kill('SIGTERM')
        })
        c.stderr.on('data', (d) => (out += d))
        c.once('exit', (code) => res({ code, out }))
      })
    const refused = await run(['--host', '0.0.0.0'])
    expect(refused.code).toBe(1)
    expect(refused.out).toMatch(/serve failed: refusing to listen on 0\.0\.0\.0 without authentication/)
    const ok = await run(['--host', '0.0.0.0', '--ingest-token', hashToken(AGENT)])
    expect(ok.out).toMatch(/serving at http:\/\/0\.0\.0\.0:\d+\/.*auth ON/)
    expect(ok.out).toMatch(/without TLS/)
  }, 60_000)
})

const openssl = spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0

describe.skipIf(!openssl)('TLS', () => {
  it('--tls-cert/--tls-key: https and wss with a self-signed certificate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'noc-tls-'))
    const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' })
    expect(r.status).toBe(0)
    const srv = await testServer({ tls: { certPath: join(dir, 'cert.pem'), keyPath: join(dir, 'key.pem') } })
    try {
      expect(srv.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
      // Without trusting the certificate the client refuses; trusting it, everything works.
      await expect(request(`${srv.url}/healthz`)).rejects.toThrow(/self[- ]signed/)
      expect((await request(`${srv.url}/healthz`, { insecure: true })).json.status).toBe('ok')
      expect((await request(`${srv.url}/api/v1/events`, { body: ev('over tls'), insecure: true })).status).toBe(200)
      const c = await openWs(srv.url, { insecure: true })
      expect(c.ws.url).toMatch(/^wss:/)
      c.ws.send('{"type":"heartbeat"}')
      expect((await c.next((m) => m.type === 'ack')).id).toBe('heartbeat')
      c.ws.close()
      const ca = readFileSync(join(dir, 'cert.pem'), 'utf8')
      expect(ca).toMatch(/BEGIN CERTIFICATE/)
    } finally {
      await srv.close()
    }
  })
})
