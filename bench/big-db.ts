import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT, pool, spawnServe, type Serve } from './lib'

/**
 * A database holding `events` stored events (default 1M) built through the real ingest path: native batches of
 * `batch` events POSTed to /api/v1/events. `alerts` distinct alerts (default 20k, 30 clients) live in waves of
 * 1,000: each alert fires, is re-reported 48 times and resolves, so the engine sees realistic churn (new alerts,
 * repeats, recoveries) rather than 20k problems open at once. Kept under node_modules/.cache so memory and
 * startup benches share it.
 */
export interface BigDbOptions {
  events?: number
  alerts?: number
  batch?: number
  concurrency?: number
  log?: (s: string) => void
}

export interface BigDb {
  dataDir: string
  events: number
  alerts: number
  buildSec: number
  /** Batches re-sent after a connection reset (each adds up to `batch` duplicate events). */
  retries?: number
  /** The serve that built it, still running (only when built now). */
  serve?: Serve
}

const PER_ALERT_DEFAULT = 50

export const bigDbDir = (events: number, alerts: number) => join(ROOT, `node_modules/.cache/noc-bench/db-${events}-${alerts}`)

const eventsFor = (events: number, alerts: number) => {
  const perAlert = Math.max(2, Math.round(events / alerts))
  const wave = Math.min(1000, alerts)
  const base = Date.now() - 30 * 24 * 3600_000
  /** Event i → its alert, round and time: wave by wave, round by round, every alert of the wave once per round. */
  return (i: number) => {
    const perWave = wave * perAlert
    const w = Math.floor(i / perWave)
    const inWave = i % perWave
    const round = Math.floor(inWave / wave)
    const a = w * wave + (inWave % wave)
    const last = round === perAlert - 1
    return {
      client: `client-${String(a % 30).padStart(2, '0')}`,
      class: 'TI_Linux_Agent',
      ems: 'bench-ms-01',
      rule: `Check${a % 50}`,
      components: [{ type: 'Host name', name: `host-${a}` }],
      service: `svc-${a % 9}`,
      severity: last ? 'ok' : (['critical', 'major', 'minor', 'warning'] as const)[a % 4],
      text: last ? `OK - check ${a % 50} recovered on host-${a}` : `host-${a}: check ${a % 50} failing (round ${round})`,
      time: base + (w * perAlert + round) * 60_000 + (a % wave) * 10,
    }
  }
}

export const bigDb = async (opts: BigDbOptions = {}): Promise<BigDb> => {
  const events = opts.events ?? 1_000_000
  const alerts = opts.alerts ?? events / PER_ALERT_DEFAULT
  const batch = opts.batch ?? 5000
  const dataDir = bigDbDir(events, alerts)
  const marker = join(dataDir, 'bench-db.json')
  if (existsSync(marker)) {
    const m = JSON.parse(readFileSync(marker, 'utf8')) as { buildSec: number }
    return { dataDir, events, alerts, buildSec: m.buildSec }
  }
  rmSync(dataDir, { recursive: true, force: true })
  mkdirSync(dataDir, { recursive: true })
  const serve = await spawnServe([], { dataDir })
  const ev = eventsFor(events, alerts)
  const requests = Math.ceil(events / batch)
  const t0 = performance.now()
  let done = 0
  let retries = 0
  // Two in flight: one parsing while the other commits; order within an alert is kept by source time anyway.
  await pool(requests, opts.concurrency ?? 2, async (k) => {
    const body = JSON.stringify(Array.from({ length: Math.min(batch, events - k * batch) }, (_, j) => ev(k * batch + j)))
    for (let attempt = 1; ; attempt++) {
      const t = performance.now()
      try {
        const r = await fetch(`${serve.url}/api/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
        if (r.status !== 200) throw new Error(`building the DB: ${r.status} ${(await r.text()).slice(0, 300)}`)
        await r.arrayBuffer()
        break
      } catch (e) {
        // A reset keep-alive socket under load: retry like any sender would (a duplicate batch only adds repeats).
        if (attempt >= 3 || String(e).includes('building the DB')) throw e
        retries++
        const c = (e as { cause?: { code?: string } }).cause
        opts.log?.(`  db: batch ${k} retried after ${c?.code ?? String(e)} (the request had been out ${((performance.now() - t) / 1000).toFixed(1)} s)`)
      }
    }
    if (++done % 20 === 0) opts.log?.(`  db: ${done * batch}/${events} events, ${((done * batch) / ((performance.now() - t0) / 1000)).toFixed(0)} ev/s`)
  })
  const buildSec = (performance.now() - t0) / 1000
  writeFileSync(marker, JSON.stringify({ events, alerts, batch, buildSec, retries, at: new Date().toISOString() }))
  return { dataDir, events, alerts, buildSec, retries, serve }
}
