import { afterEach, describe, expect, it } from 'vitest'
import type { RunningServer } from '../server'
import { testDb } from '../testing/db-kit'
import { fire, getJson, incidents, makeClock, post, startOps, T0, tick, writeConfig } from '../testing/ops-kit'
import { closeAfterEach } from '../testing/close-kit'

/** Source health (heartbeats, stale feeds), storm detection and retention, with an injected clock. */

const track = closeAfterEach()

const server = async (yaml = '', clock = makeClock()) => {
  const s = await startOps({ clock: clock.fn, configPath: writeConfig(yaml || '{}') })
  track(s)
  return { s, clock }
}

const sources = async (s: RunningServer) => Object.fromEntries(((await getJson(`${s.url}/api/v1/sources`)).json as any[]).map((x) => [x.id, x]))

describe('source health', () => {
  it('a heartbeat source silent past its timeout raises a stale-feed alert for its client; its next heartbeat resolves it', async () => {
    const { s, clock } = await server('correlation: { resolveHoldSec: 0 }')
    const hb = await post(`${s.url}/api/v1/heartbeats/zabbix-proxy-01`, { client: 'acme', timeoutSec: 60 })
    expect(hb.status).toBe(200)
    expect(hb.json).toMatchObject({ id: 'zabbix-proxy-01', kind: 'heartbeat', client: 'acme', lastSeen: T0, timeoutMs: 60_000, stale: false })

    clock.advance(60_000)
    await tick(s)
    expect(await incidents(s)).toEqual([]) // exactly at the timeout: not yet
    clock.advance(1)
    await tick(s)
    const [inc] = await incidents(s)
    expect(inc).toMatchObject({ client: 'acme', rule: 'StaleFeed', resource: 'zabbix-proxy-01', status: 'open', severity: 'major' })
    expect(inc.title).toMatch(/no data from zabbix-proxy-01 for 60 s \(timeout 60 s\)/)
    expect((await sources(s))['zabbix-proxy-01']).toMatchObject({ stale: true, staleSince: T0 + 60_001 })
    const alert = (await getJson(`${s.url}/api/v1/alerts?client=acme`)).json.items[0]
    expect(alert).toMatchObject({ source: 'heartbeat', status: 'firing' })

    clock.advance(10 * 60_000)
    await tick(s)
    expect((await getJson(`${s.url}/api/v1/alerts?client=acme`)).json.items[0].count).toBe(1) // raised once, not every tick

    await post(`${s.url}/api/v1/heartbeats/zabbix-proxy-01`, {})
    await tick(s)
    expect((await sources(s))['zabbix-proxy-01']).toMatchObject({ stale: false, staleSince: null, events: 2 })
    expect((await getJson(`${s.url}/api/v1/alerts?client=acme`)).json.items[0].status).toBe('resolved')
    expect((await incidents(s))[0].status).toBe('resolved')
  })

  it('webhook feeds are tracked per client; a configured timeout makes a silent one stale; no timeout, never stale', async () => {
    const { s, clock } = await server(`
sourceHealth:
  sources: { native/acme: { timeout: 5m } }
`)
    await fire(s)
    await fire(s, { client: 'globex', fingerprint: 'g1' })
    const all = await sources(s)
    expect(all['native/acme']).toMatchObject({ kind: 'integration', client: 'acme', timeoutMs: 300_000, events: 1 })
    expect(all['native/globex']).toMatchObject({ timeoutMs: null })
    clock.advance(5 * 60_000 + 1)
    await tick(s)
    const stale = (await incidents(s)).filter((i) => i.rule === 'StaleFeed')
    expect(stale.map((i) => [i.client, i.resource])).toEqual([['acme', 'native/acme']])
  })

  it('a restarted console gives every feed one timeout before calling it stale', async () => {
    const { s, clock } = await server()
    await post(`${s.url}/api/v1/heartbeats/agent-7`, { client: 'acme', timeoutSec: 30 })
    const dataDir = s.dataDir
    await s.close()
    track.release(s)
    clock.advance(3600_000)
    const s2 = await startOps({ clock: clock.fn, dataDir })
    track(s2)
    await tick(s2)
    expect(await incidents(s2)).toEqual([])
    clock.advance(30_001)
    await tick(s2)
    expect((await incidents(s2)).map((i) => i.rule)).toEqual(['StaleFeed'])
  })
})

describe('storm detection', () => {
  it('a spike far above the client’s events-per-minute baseline raises a storm flag with its numbers, which ends when it calms', async () => {
    const { s, clock } = await server('storm: { warmupMin: 3, minEventsPerMin: 10, factor: 4, alpha: 0.5 }')
    const minute = async (n: number) => {
      const events = Array.from({ length: n }, (_, i) => ({ client: 'acme', class: 'C', rule: `R${i % 3}`, severity: 'warning', text: 'x', fingerprint: `f${i % 3}` }))
      if (n) await post(`${s.url}/api/v1/events`, events)
      clock.advance(60_000)
      await tick(s)
    }
    for (let i = 0; i < 4; i++) await minute(5)
    expect((await getJson(`${s.url}/api/v1/storms`)).json).toEqual([])
    await minute(60)
    const [storm] = (await getJson(`${s.url}/api/v1/storms?activeOnly=true`)).json
    expect(storm).toMatchObject({ client: 'acme', rate: 60, baseline: 5, threshold: 20, endedAt: null })
    await minute(80)
    expect((await getJson(`${s.url}/api/v1/storms`)).json[0]).toMatchObject({ peak: 80, minutes: 2 })
    await minute(0)
    expect((await getJson(`${s.url}/api/v1/storms`)).json[0].endedAt).not.toBeNull()
    expect((await getJson(`${s.url}/api/v1/storms?activeOnly=true`)).json).toEqual([])
  })
})

describe('retention', () => {
  it('deletes by severity and age in small batches; what is younger than its retention stays', async () => {
    const { s, clock } = await server('retention: { info: 10d, ok: 10d, warning: 20d, batchRows: 10 }')
    const db = testDb(s)
    const post50 = async (severity: string, prefix: string) => {
      const events = Array.from({ length: 50 }, (_, i) => ({ client: 'acme', class: 'C', rule: `R${prefix}${i % 5}`, severity, text: 'x', fingerprint: `${prefix}${i % 5}` }))
      await post(`${s.url}/api/v1/events`, events)
    }
    await post50('info', 'i')
    await post50('warning', 'w')
    await post50('critical', 'c')
    // Resolve the info alerts so they may go too.
    await post(`${s.url}/api/v1/events`, Array.from({ length: 5 }, (_, i) => ({ client: 'acme', class: 'C', rule: `Ri${i}`, severity: 'ok', text: 'x', fingerprint: `i${i}` })))
    clock.advance(200_000)
    await s.hub.tick() // their incidents resolve after the hold
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n
    expect(count('SELECT count(*) AS n FROM events')).toBe(155)

    clock.advance(15 * 86_400_000)
    const commits = async () => Number((await s.hub.metrics()).match(/noc_batch_commit_ms_count (\d+)/)?.[1])
    const commitsBefore = await commits()
    const report = await s.hub.runHousekeeping()
    expect(report.events).toBe(55) // info events (and the ok clears) only
    expect(count("SELECT count(*) AS n FROM events WHERE severity = 'warning'")).toBe(50)
    expect(count("SELECT count(*) AS n FROM alerts WHERE fingerprint LIKE 'i%'")).toBe(0) // resolved, old, in no incident
    expect(count("SELECT count(*) AS n FROM alerts WHERE fingerprint LIKE 'w%'")).toBe(5) // still firing
    expect(report.incidents).toBeGreaterThan(0) // the info alerts' resolved incidents, with their timelines
    expect(count("SELECT count(*) AS n FROM incidents WHERE severity = 'info'")).toBe(0)
    expect(count("SELECT count(*) AS n FROM incidents WHERE severity = 'warning'")).toBe(5)
    expect((await commits()) - commitsBefore).toBeGreaterThanOrEqual(6) // 55 event rows at 10 per commit, and more for the rest

    clock.advance(10 * 86_400_000)
    expect((await s.hub.runHousekeeping()).events).toBe(50)
    expect(count('SELECT count(*) AS n FROM events')).toBe(50) // critical: a year
    db.close()
  })
})

describe('retention under load', () => {
  it('a large backlog is deleted in many small commits while ingest keeps being answered', async () => {
    const { s, clock } = await server('retention: { info: 1d, batchRows: 500 }')
    const db = testDb(s)
    const insert = db.prepare("INSERT INTO events (received_at, time, alert_id, client, source, severity, status, summary) VALUES (?, ?, 0, 'old', 'native', 'info', 'firing', 'x')")
    db.transaction(() => {
      for (let i = 0; i < 20_000; i++) insert.run(T0 - 10 * 86_400_000 + i, T0 - 10 * 86_400_000 + i)
    })()
    clock.advance(1000)
    let done = false
    const run = s.hub.runHousekeeping().then((r) => ((done = true), r))
    // Ingest posted while housekeeping runs is committed between its batches, not after all of them.
    const answered = await post(`${s.url}/api/v1/events`, { client: 'acme', class: 'C', rule: 'R', severity: 'major', text: 'live' })
    expect(answered.status).toBe(200)
    expect(done).toBe(false)
    const report = await run
    expect(report.events).toBe(20_000)
    expect((db.prepare("SELECT count(*) AS n FROM events WHERE client = 'acme'").get() as { n: number }).n).toBe(1)
    db.close()
  })
})

describe('WebSocket agents', () => {
  it('a named agent’s heartbeat frame keeps its feed fresh', async () => {
    const { default: WebSocket } = await import('ws')
    const { s } = await server()
    const ws = new WebSocket(`${s.url.replace('http', 'ws')}/ws`)
    const acks: any[] = []
    ws.on('message', (m) => {
      const msg = JSON.parse(String(m))
      if (msg.type === 'ack') acks.push(msg)
    })
    await new Promise((r) => ws.once('open', r))
    ws.send(JSON.stringify({ type: 'heartbeat', source: 'agent-berlin-1' }))
    await expect.poll(() => acks.length).toBe(1)
    ws.close()
    expect((await sources(s))['agent-berlin-1']).toMatchObject({ kind: 'heartbeat', timeoutMs: 300_000, events: 1 })
  })
})
