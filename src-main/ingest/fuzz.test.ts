import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../server'
import { queryOne } from '../testing/db-kit'
import { testServer } from '../testing/server-kit'
import { ADAPTER_NAMES } from './adapters/index'
import { CONTRACT_ROUTES, httpCase, wsCase } from '../testing/fuzz-kit'
import { httpExpect, wsExpect, type WsExpect } from '../testing/fuzz-oracle-kit'
import { DEAD_LETTER_STATUSES } from './reply'
import { keepAlive, openWs, request, type WsClient } from '../testing/ingest-kit'

/**
 * Seeded fuzzing of every HTTP endpoint and WebSocket message type on one server: no crash, no 5xx, every refusal a
 * 4xx `{error, issues}` exactly where the schemas say so, every refusal kept in the bounded dead letter, nothing
 * polluted, the server healthy afterwards. Replay one case with `httpCase(SEED, i)` / `wsCase(SEED, i)`.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_251_121)
const HTTP_CASES = 10_000
const WS_CASES = 2_500
const CONCURRENCY = 16

let srv: RunningServer
const maxId = () => queryOne<{ m: number }>(srv, 'SELECT coalesce(max(id), 0) AS m FROM rejected').m
const isErrorBody = (j: any) =>
  j && typeof j.error === 'string' && j.error.length > 0 && Array.isArray(j.issues) && j.issues.every((i: any) => typeof i.path === 'string' && typeof i.message === 'string')

beforeAll(async () => {
  // Rate limits out of the way: this suite is about what is in the messages, limits.test.ts about how many.
  // A 1 MiB body limit keeps the oversized cases cheap (limits.test.ts covers the 413 path itself).
  srv = await testServer({ limits: { wsMessagesPerSec: 1e9, wsBurst: 1e9, maxBodyBytes: 1024 * 1024 } })
})
afterAll(async () => srv?.close())

describe(`fuzz (seed ${SEED})`, () => {
  let wsRefused = 0

  it(`${WS_CASES} hostile WebSocket frames: one answer each, refusals as error frames, all kept`, async () => {
    const before = maxId()
    const tally: Record<WsExpect | 'sent', number> = { sent: 0, error: 0, ack: 0, result: 0, domain: 0, none: 0 }
    const types = new Map<string, number>()
    const clients: WsClient[] = await Promise.all(Array.from({ length: 4 }, () => openWs(srv.url)))
    let i = 0
    await Promise.all(
      clients.map(async (c) => {
        let sent = 0
        while (i < WS_CASES) {
          const k = wsCase(SEED, i++)
          const { expect: e, type } = wsExpect(k, srv.limits)
          types.set(type, (types.get(type) ?? 0) + 1)
          tally[e]++
          if (e === 'none') continue // a valid subscribe has no answer to wait for
          c.ws.send(k.frame, { binary: k.binary })
          sent++
          tally.sent++
          // Bounded in flight; every frame gets exactly one answer (hello aside).
          while (c.received.length - 1 < sent - 32) await new Promise((r) => setTimeout(r, 1))
        }
        while (c.received.length - 1 < sent) await new Promise((r) => setTimeout(r, 2))
      }),
    )
    const answers = clients.flatMap((c) => c.received.slice(1))
    expect(answers.length).toBe(tally.sent)
    const by = (t: string) => answers.filter((a) => a.type === t)
    expect(by('ack').length).toBe(tally.ack)
    expect(by('error').length).toBeGreaterThanOrEqual(tally.error)
    expect(by('error').length).toBeLessThanOrEqual(tally.error + tally.domain)
    expect(by('result').length).toBeGreaterThanOrEqual(tally.result)
    for (const e of by('error')) expect(isErrorBody(e), JSON.stringify(e).slice(0, 300)).toBe(true)
    for (const t of ['events', 'subscribe', 'call', 'heartbeat', 'other', 'malformed', 'binary']) expect(types.get(t) ?? 0, t).toBeGreaterThan(50)
    for (const c of clients) expect(c.ws.readyState).toBe(c.ws.OPEN)
    await new Promise((r) => setTimeout(r, 50))
    const kept = maxId() - before
    expect(kept).toBeGreaterThanOrEqual(tally.error)
    expect(kept).toBeLessThanOrEqual(by('error').length)
    wsRefused = by('error').length
    for (const c of clients) c.ws.close()
  }, 60_000)

  it(`${HTTP_CASES} hostile requests across every endpoint: 4xx exactly where the schemas refuse, each kept`, async () => {
    const before = maxId()
    const agent = keepAlive(CONCURRENCY)
    const perEndpoint = new Map<string, number>()
    const statuses = new Map<number, number>()
    const mismatches: string[] = []
    let keptExpected = 0
    let refused = 0
    let next = 0
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < HTTP_CASES) {
          const idx = next++
          const c = httpCase(SEED, idx)
          const { expect: e, endpoint } = httpExpect(c, srv.limits)
          perEndpoint.set(endpoint, (perEndpoint.get(endpoint) ?? 0) + 1)
          const r = await request(srv.url + c.path, { method: c.method, body: c.body, agent })
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1)
          if (DEAD_LETTER_STATUSES.has(r.status)) keptExpected++
          if (r.status >= 400) {
            refused++
            if (!isErrorBody(r.json)) mismatches.push(`#${idx} ${c.method} ${c.path.slice(0, 80)}: ${r.status} body ${r.text.slice(0, 120)}`)
          }
          const ok = typeof e === 'object' ? r.status === e.refuse : e === 'ok' ? r.status === 200 : r.status < 500
          if (!ok) mismatches.push(`#${idx} ${c.method} ${c.path.slice(0, 80)}: expected ${JSON.stringify(e)}, got ${r.status} ${r.text.slice(0, 200)}`)
        }
      }),
    )
    agent.destroy()
    const byStatus = [...statuses].sort((a, b) => a[0] - b[0]).map(([k, v]) => `${k}×${v}`).join(' ')
    console.log(`fuzz: ${HTTP_CASES} requests over ${perEndpoint.size} endpoints → ${byStatus}; ${WS_CASES} frames → ${wsRefused} error frames`)
    expect(mismatches.slice(0, 10)).toEqual([])
    expect([...statuses.keys()].every((s) => s < 500)).toBe(true)
    // Every endpoint was fuzzed: all webhook formats, native ingest, every contract route (POST ones included).
    for (const f of ADAPTER_NAMES) expect(perEndpoint.get(`webhook:${f}`) ?? 0, f).toBeGreaterThan(300)
    expect(perEndpoint.get('webhook:unknown') ?? 0).toBeGreaterThan(100)
    for (const m of CONTRACT_ROUTES) expect(perEndpoint.get(m) ?? 0, m).toBeGreaterThan(20)
    expect(refused + wsRefused).toBeGreaterThanOrEqual(10_000)
    await new Promise((r) => setTimeout(r, 50))
    expect(maxId() - before).toBe(keptExpected)
  }, 120_000)

  it('the dead letter stayed bounded, nothing was polluted, and the server still works', async () => {
    const s = queryOne(srv, 'SELECT count(*) AS n, max(length(body)) AS body, max(length(issues)) AS issues, max(length(reason)) AS reason, max(length(endpoint)) AS endpoint FROM rejected')
    expect(s.n).toBeLessThanOrEqual(10_100)
    expect(s.body).toBeLessThanOrEqual(8192)
    expect(s.reason).toBeLessThanOrEqual(1000)
    expect(s.endpoint).toBeLessThanOrEqual(500)
    expect(s.issues).toBeLessThanOrEqual(64 * 1024)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined()
    expect((await request(`${srv.url}/healthz`)).json.status).toBe('ok')
    const ok = await request(`${srv.url}/api/v1/events`, { body: JSON.stringify({ client: 'after-fuzz', class: 'C', rule: 'R', severity: 'major', text: 'still here' }) })
    expect(ok.status).toBe(200)
    expect((await request(`${srv.url}/api/v1/alerts?client=after-fuzz`)).json.items[0].summary).toBe('still here')
  })
})
