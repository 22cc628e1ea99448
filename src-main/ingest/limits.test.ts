import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contract, type Method } from '@shared/api/contract'
import type { RunningServer } from '../server'
import { testServer } from '../testing/server-kit'
import { DEFAULT_LIMITS, LIMIT_FLAGS, resolveLimits } from './limits'
import { openWs, request } from '../testing/ingest-kit'

/** Every limit, exercised over real sockets against a server configured with small values. */

const lastRejected = async (url: string, n = 1) => (await request(`${url}/api/v1/rejected?limit=${n}`)).json.items as any[]
const nativeEvent = (i: number) => ({ client: 'lim', class: 'C', rule: `R${i}`, severity: 'minor', text: `e${i}` })
const postRoutes = (Object.keys(contract) as Method[]).filter((m) => contract[m].http.method === 'POST' && m !== 'events.ingest')
const concrete = (path: string) => path.replace(/:[a-zA-Z]+/g, '1')

describe('resolveLimits', () => {
  it('defaults, overrides, and refuses nonsense', () => {
    expect(resolveLimits()).toEqual(DEFAULT_LIMITS)
    expect(resolveLimits({ maxBodyBytes: 10 }).maxBodyBytes).toBe(10)
    expect(() => resolveLimits({ maxBodyBytes: 0 })).toThrow(/positive/)
    expect(() => resolveLimits({ maxEventsPerBatch: 10_001 })).toThrow(/at most 10000/)
    expect(() => resolveLimits({ headersTimeoutMs: 5000, requestTimeoutMs: 1000 })).toThrow(/must not exceed/)
    expect(() => resolveLimits({ nope: 1 } as never)).toThrow(/unknown limit/)
  })
})

describe('serve flags', () => {
  it('every limit has a flag; --max-body-bytes and --max-events-per-batch reach the listeners; bad values are refused', async () => {
    const root = resolve(import.meta.dirname, '../..')
    const run = (args: string[], onUrl?: (url: string) => Promise<void>) =>
      new Promise<{ code: number | null; out: string }>((res) => {
        const c = spawn(process.execPath, ['--import', 'tsx', 'src-main/serve.ts', '--port', '0', '--data', mkdtempSync(join(tmpdir(), 'noc-flags-')), '--no-demo', ...args], { cwd: root })
        let out = ''
        let started = false
        c.stdout.on('data', (d) => {
          out += d
          const m = /serving at (http:\/\/[^/\s]+)/.exec(out)
          if (m && !started) {
            started = true
            void onUrl?.(m[1]).finally(() => c.kill('SIGTERM'))
          }
        })
        c.stderr.on('data', (d) => (out += d))
        c.once('exit', (code) => res({ code, out }))
      })
    const help = await run(['--help'])
    for (const flag of Object.keys(LIMIT_FLAGS)) expect(help.out).toContain(`--${flag}`)
    expect((await run(['--max-body-bytes', 'lots'])).out).toMatch(/--max-body-bytes must be a positive number/)
    let checked = false
    await run(['--max-body-bytes', '1000', '--max-events-per-batch', '2'], async (url) => {
      expect((await request(`${url}/webhook/grafana`, { body: JSON.stringify({ pad: 'x'.repeat(2000) }) })).status).toBe(413)
      const three = Array.from({ length: 3 }, (_, i) => nativeEvent(i))
      expect((await request(`${url}/api/v1/events`, { body: JSON.stringify(three) })).json.issues[0].message).toMatch(/limit of 2/)
      checked = true
    })
    expect(checked).toBe(true)
  }, 60_000)
})

describe('limits over HTTP and WebSocket', () => {
  let srv: RunningServer
  beforeAll(async () => {
    srv = await testServer({
      limits: { maxBodyBytes: 4096, maxEventsPerBatch: 5, maxFrameBytes: 2048, wsMessagesPerSec: 20, wsBurst: 10, maxHeaderBytes: 4096, maxUrlBytes: 1024 },
    })
  })
  afterAll(async () => srv.close())

  it('body over maxBodyBytes → 413 on every webhook, native ingest and POST contract route; kept truncated', async () => {
    const big = JSON.stringify({ pad: 'x'.repeat(10_000) })
    const paths = ['/webhook/alertmanager', '/webhook/zabbix/acme', '/api/v1/events', ...postRoutes.map((m) => concrete(contract[m].http.path))]
    for (const p of paths) {
      const r = await request(srv.url + p, { body: big })
      expect(r.status, p).toBe(413)
      expect(r.json).toMatchObject({ error: 'request body too large', issues: [{ path: '(body)' }] })
      const [rej] = await lastRejected(srv.url)
      expect(rej).toMatchObject({ status: 413, endpoint: `POST ${p}`, truncated: true })
      expect(rej.bodyBytes).toBe(Buffer.byteLength(big))
    }
  })

  it('more than maxEventsPerBatch events → 413 with the count; at the limit → accepted', async () => {
    const six = Array.from({ length: 6 }, (_, i) => nativeEvent(i))
    const r = await request(`${srv.url}/api/v1/events`, { body: JSON.stringify(six) })
    expect(r.status).toBe(413)
    expect(r.json).toEqual({ error: 'too many events', issues: [{ path: '(body)', message: expect.stringMatching(/6 events exceed the limit of 5/) }] })
    expect((await lastRejected(srv.url))[0]).toMatchObject({ status: 413, reason: 'too many events' })
    const am = { version: '4', status: 'firing', alerts: Array.from({ length: 6 }, (_, i) => ({ status: 'firing', labels: { alertname: `A${i}` } })) }
    const r2 = await request(`${srv.url}/webhook/alertmanager`, { body: JSON.stringify(am) })
    expect(r2.status).toBe(413)
    expect(r2.json.issues[0].path).toBe('alerts')
    expect((await request(`${srv.url}/api/v1/events`, { body: JSON.stringify(six.slice(0, 5)) })).status).toBe(200)
  })

  it('WS: too many events in a frame → error frame and dead letter; an oversized frame → close 1009 and dead letter', async () => {
    const c = await openWs(srv.url)
    c.ws.send(JSON.stringify({ type: 'events', id: 'b', events: Array.from({ length: 6 }, (_, i) => nativeEvent(i)) }))
    expect(await c.next((m) => m.type === 'error')).toMatchObject({ id: 'b', error: 'too many events' })
    c.ws.send(JSON.stringify({ type: 'heartbeat', pad: 'x'.repeat(4096) }))
    expect((await c.closed).code).toBe(1009)
    await new Promise((r) => setTimeout(r, 50))
    expect((await lastRejected(srv.url))[0]).toMatchObject({ status: 413, endpoint: 'WS /ws', reason: 'WebSocket frame too large' })
  })

  it('WS: a burst beyond the bucket gets error frames; a sustained flood is closed with 1008; a polite peer is not', async () => {
    const before = (await request(`${srv.url}/api/v1/rejected`)).json.total
    const c = await openWs(srv.url)
    await c.next((m) => m.type === 'hello')
    for (let i = 0; i < 15; i++) c.ws.send(JSON.stringify({ type: 'heartbeat' }))
    await c.next((m) => m.type === 'error' && m.error === 'rate limit exceeded')
    await new Promise((r) => setTimeout(r, 100))
    expect(c.received.filter((m) => m.type === 'ack').length).toBe(10)
    expect(c.received.filter((m) => m.type === 'error').length).toBe(5)
    expect(c.received.find((m) => m.type === 'error').issues[0].message).toMatch(/20 messages\/s/)
    const flood = setInterval(() => c.ws.readyState === c.ws.OPEN && c.ws.send('{"type":"heartbeat"}'), 2)
    const closed = await c.closed
    clearInterval(flood)
    expect(closed).toEqual({ code: 1008, reason: 'rate limit exceeded' })
    // One dead-letter row per episode, not one per dropped frame.
    const after = (await request(`${srv.url}/api/v1/rejected`)).json.total
    expect(after - before).toBeGreaterThanOrEqual(1)
    expect(after - before).toBeLessThanOrEqual(3)
    expect((await lastRejected(srv.url))[0]).toMatchObject({ status: 429, reason: 'rate limit exceeded' })

    const polite = await openWs(srv.url)
    for (let i = 0; i < 30; i++) {
      polite.ws.send('{"type":"heartbeat"}')
      await polite.next((m) => m.type === 'ack')
      await new Promise((r) => setTimeout(r, 60))
    }
    expect(polite.ws.readyState).toBe(polite.ws.OPEN)
    polite.ws.close()
  })

  it('request line + headers over maxHeaderBytes → 431 JSON; URL over maxUrlBytes → 414, kept', async () => {
    const r = await request(`${srv.url}/healthz`, { headers: { 'x-pad': 'y'.repeat(8000) } })
    expect(r.status).toBe(431)
    expect(r.json.error).toBe('request headers too large')
    const u = await request(`${srv.url}/api/v1/alerts?client=${'z'.repeat(2000)}`)
    expect(u.status).toBe(414)
    expect(u.json.issues[0].path).toBe('(url)')
    expect((await lastRejected(srv.url))[0]).toMatchObject({ status: 414, endpoint: 'GET /api/v1/alerts' })
    expect((await request(`${srv.url}/healthz`)).status).toBe(200)
  })
})

describe('connection limit', () => {
  it('over maxConnections: HTTP gets 503 + Retry-After, a WebSocket upgrade is refused; closing one frees a slot', async () => {
    const srv = await testServer({ limits: { maxConnections: 3 } })
    try {
      const held = await Promise.all([openWs(srv.url), openWs(srv.url), openWs(srv.url)])
      const r = await request(`${srv.url}/healthz`, { agent: false })
      expect(r.status).toBe(503)
      expect(r.headers['retry-after']).toBe('5')
      expect(r.json).toMatchObject({ error: 'too many connections' })
      await expect(openWs(srv.url)).rejects.toMatchObject({ status: 503 })
      held[0].ws.close()
      await held[0].closed
      await new Promise((res) => setTimeout(res, 50))
      expect((await request(`${srv.url}/healthz`, { agent: false })).status).toBe(200)
      expect((await request(`${srv.url}/metrics`, { agent: false })).text).toMatch(/noc_requests_rejected_total\{source="(http|ws)",status="503"\} \d/)
      for (const h of held) h.ws.close()
    } finally {
      await srv.close()
    }
  })
})

describe('slowloris guard', () => {
  const rawSocket = (url: string) => {
    const u = new URL(url)
    const s = connect(Number(u.port), u.hostname)
    let data = ''
    s.on('data', (d) => (data += d.toString()))
    const closed = new Promise<number>((r) => s.once('close', () => r(performance.now())))
    return { s, closed, data: () => data }
  }

  it('headers trickled slower than headersTimeoutMs → 408 and closed; a body trickled past requestTimeoutMs → closed', async () => {
    const srv = await testServer({ limits: { headersTimeoutMs: 500, requestTimeoutMs: 1500 } })
    try {
      const a = rawSocket(srv.url)
      const t0 = performance.now()
      a.s.write('POST /webhook/alertmanager HTTP/1.1\r\nHost: x\r\n')
      const drip = setInterval(() => !a.s.destroyed && a.s.write('X-Slow: 1\r\n'), 100)
      const closedAt = await a.closed
      clearInterval(drip)
      expect(closedAt - t0).toBeLessThan(2500)
      expect(a.data()).toMatch(/^HTTP\/1.1 408/)

      const b = rawSocket(srv.url)
      const t1 = performance.now()
      b.s.write('POST /api/v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n[')
      const drip2 = setInterval(() => !b.s.destroyed && b.s.write(' '), 100)
      const closedAt2 = await b.closed
      clearInterval(drip2)
      expect(closedAt2 - t1).toBeLessThan(4000)
      expect((await request(`${srv.url}/healthz`)).status).toBe(200)
    } finally {
      await srv.close()
    }
  })

  it('a WebSocket outlives requestTimeoutMs (the deadline is for requests, not upgraded sockets)', async () => {
    const srv = await testServer({ limits: { headersTimeoutMs: 300, requestTimeoutMs: 600, keepAliveTimeoutMs: 300 } })
    try {
      const c = await openWs(srv.url)
      await new Promise((r) => setTimeout(r, 2000))
      c.ws.send('{"type":"heartbeat"}')
      expect(await c.next((m) => m.type === 'ack')).toMatchObject({ id: 'heartbeat' })
      c.ws.close()
    } finally {
      await srv.close()
    }
  })
})
