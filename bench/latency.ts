/**
 * bench/latency — open-loop load at a fixed rate (default 5k events/s for 20 s) of Alertmanager webhooks, with a
 * WebSocket console subscribed to deltas. The load is what a busy NOC sees: a working set of alerts (default 3,000
 * across 30 clients, created first, not timed) re-reported over and over, a share of them (default 5%) changing
 * state (firing ⇄ resolved, which runs the correlation engine).
 *   send → 2xx        ingest: parse, adapter, engine, group commit with fsync
 *   2xx  → delta      push: coalescing ≤ 10 Hz, delta building, WS send         ← "accepted → delta", the headline
 *   send → delta      what an operator waits, end to end
 * Matching is by the server's change sequence, not by guessing from contents: every 2xx carries the `seq` of its
 * commit, every delta its own; an event is delivered by the first delta with seq ≥ its answer's seq that carries its
 * alert. (Matching by the summary — "this delta shows event N, so every earlier event is in" — is wrong when two
 * requests for one alert are committed in the other order than sent: the later event's summary is overwritten by
 * the earlier one and the later event waits for that alert's next event — seconds, or "missing" at the end.)
 * Then the storm: a fresh serve takes the simulator's storm scenario (thousands of events in big WS batches) as fast
 * as it is sent; its I/O thread's event-loop delay (monitorEventLoopDelay in serve, /metrics) is read at the end.
 * Usage: npm run bench:latency [-- --rate 5000 --seconds 20 --batch 20 --alerts 3000 --changes 0.05 --profile --no-storm]
 */
import { parseArgs } from 'node:util'
import WebSocket from 'ws'
import { createRng } from '../src-main/sim/rng'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { analyse, report } from './cpu-profile'
import { bundleServe, fmt, percentile, pool, spawnServe, writeResult } from './lib'
import { buildPlan } from '../src-main/sim/plan'
import { sendPlan } from '../src-main/sim/sender'

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '5000' }, seconds: { type: 'string', default: '20' }, batch: { type: 'string', default: '20' },
    alerts: { type: 'string', default: '3000' }, changes: { type: 'string', default: '0.05' }, 'max-in-flight': { type: 'string', default: '256' },
    profile: { type: 'boolean' }, 'no-storm': { type: 'boolean' },
  },
})
const RATE = Number(values.rate)
const SECONDS = Number(values.seconds)
const B = Number(values.batch)
const A = Number(values.alerts)
const CHANGES = Number(values.changes)
const MAX_IN_FLIGHT = Number(values['max-in-flight'])
const N = Math.round(RATE * SECONDS)
const requests = Math.ceil(N / B)
const gapMs = (1000 * B) / RATE

const clients = Array.from({ length: 30 }, (_, i) => `client-${String(i).padStart(2, '0')}`)
const fp = (a: number) => `lat${a.toString(16).padStart(12, '0')}`
const rng = createRng(1)
/** Event i → alert, decided up front so the schedule is fixed. */
const alertOf = Int32Array.from({ length: N }, () => rng.int(0, A - 1))
const flips = Uint8Array.from({ length: N }, () => (rng.chance(CHANGES) ? 1 : 0))
const firing = new Uint8Array(A).fill(1)
const startsAt: string[] = Array.from({ length: A }, () => new Date(Date.now() - 60_000).toISOString())
const amAlert = (a: number, summary: string, status: 'firing' | 'resolved') => ({
  status,
  labels: { alertname: `Check${a % 40}`, client: clients[a % clients.length], instance: `host-${a}`, service: `svc-${a % 9}`, severity: ['critical', 'major', 'warning'][a % 3] },
  annotations: { summary }, startsAt: startsAt[a], endsAt: status === 'resolved' ? new Date().toISOString() : '0001-01-01T00:00:00Z', fingerprint: fp(a),
})
const webhook = (alerts: unknown[]) =>
  JSON.stringify({ version: '4', receiver: 'noc', status: 'firing', groupKey: '{}:{bench="latency"}', truncatedAlerts: 0, groupLabels: {}, commonLabels: {}, commonAnnotations: {}, externalURL: 'http://am.bench:9093', alerts })

// --profile: the bundled serve under `node --cpu-prof` (summarised after the run).
const profDir = values.profile ? mkdtempSync(join(tmpdir(), 'noc-prof-lat-')) : undefined
const script = values.profile ? await bundleServe() : undefined
const serve = await spawnServe([], profDir ? { script, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profDir}`] } : {})
const sentAt = new Float64Array(N).fill(NaN)
const ackAt = new Float64Array(N).fill(NaN)
/** The seq of the commit each event's request was answered with. */
const ackSeq = new Float64Array(N).fill(NaN)
const alertIndex = new Map<string, number>()
for (let a = 0; a < A; a++) alertIndex.set(fp(a), a)
/** Per alert: the deltas that carried it, in arrival order, as [delta seq, received at]. */
const deltasOf: [number, number][][] = Array.from({ length: A }, () => [])
let lastDeltaSeq = 0

// Warm-up (not timed): create the working set, all firing.
const w0 = performance.now()
await pool(Math.ceil(A / 100), 4, async (k) => {
  const alerts = Array.from({ length: Math.min(100, A - k * 100) }, (_, j) => amAlert(k * 100 + j, `warm-up ${k * 100 + j}`, 'firing'))
  const r = await fetch(`${serve.url}/webhook/alertmanager`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: webhook(alerts) })
  if (r.status !== 200) throw new Error(`warm-up: ${r.status} ${await r.text()}`)
  await r.arrayBuffer()
})
const warmupSec = (performance.now() - w0) / 1000

// The console: subscribe, and note which alerts each delta carries at which seq.
const ws = new WebSocket(serve.url.replace('http', 'ws') + '/ws')
await new Promise<void>((res, rej) => (ws.once('open', () => res()), ws.once('error', rej)))
let deltas = 0
let deltaBytes = 0
ws.on('message', (data: Buffer) => {
  const t = performance.now()
  const m = JSON.parse(data.toString()) as { type: string; seq: number; alerts?: Array<{ fingerprint: string }> }
  if (m.type !== 'delta') return
  deltas++
  deltaBytes += data.length
  lastDeltaSeq = Math.max(lastDeltaSeq, m.seq)
  for (const al of m.alerts ?? []) {
    const a = alertIndex.get(al.fingerprint)
    if (a !== undefined) deltasOf[a].push([m.seq, t])
  }
})
ws.send(JSON.stringify({ type: 'subscribe' }))
await new Promise((r) => setTimeout(r, 200))

// Open loop: request k is due at t0 + k·gap whatever the answers do (a closed loop would hide queueing).
let inFlight = 0
let failed = 0
let skippedForBackpressure = 0
let maxSlipMs = 0
const t0 = performance.now() + 50
const pending: Promise<void>[] = []
for (let k = 0; k < requests; k++) {
  const due = t0 + k * gapMs
  const wait = due - performance.now()
  if (wait > 1) await new Promise((r) => setTimeout(r, wait))
  maxSlipMs = Math.max(maxSlipMs, performance.now() - due)
  if (inFlight >= MAX_IN_FLIGHT) {
    skippedForBackpressure++
    continue
  }
  const first = k * B
  const count = Math.min(B, N - first)
  const alerts = []
  for (let i = first; i < first + count; i++) {
    const a = alertOf[i]
    if (flips[i]) {
      firing[a] ^= 1
      if (firing[a]) startsAt[a] = new Date().toISOString()
    }
    alerts.push(amAlert(a, `ev ${i}`, firing[a] ? 'firing' : 'resolved'))
  }
  const text = webhook(alerts)
  const ts = performance.now()
  for (let j = 0; j < count; j++) sentAt[first + j] = ts
  inFlight++
  pending.push(
    fetch(`${serve.url}/webhook/alertmanager`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text })
      .then(async (r) => {
        const body = (await r.json()) as { seq?: number }
        const ta = performance.now()
        if (r.status !== 200 || typeof body.seq !== 'number') failed++
        else for (let j = 0; j < count; j++) (ackAt[first + j] = ta), (ackSeq[first + j] = body.seq)
      })
      .catch(() => void failed++)
      .finally(() => void inFlight--),
  )
}
await Promise.all(pending)
const sendWallSec = (performance.now() - t0) / 1000
// Let the last coalesced deltas arrive: every answered seq is covered by a delta (or 5 s have passed).
const maxAckSeq = ackSeq.reduce((m, v) => (Number.isNaN(v) ? m : Math.max(m, v)), 0)
for (let w = 0; w < 50 && lastDeltaSeq < maxAckSeq; w++) await new Promise((r) => setTimeout(r, 100))
await new Promise((r) => setTimeout(r, 200))
ws.close()
await serve.stop()

/** When the console first held event i: the first delta at or past its commit's seq that carries its alert. */
const deltaAt = new Float64Array(N).fill(NaN)
for (let i = 0; i < N; i++) {
  if (Number.isNaN(ackSeq[i])) continue
  const hit = deltasOf[alertOf[i]].find(([seq]) => seq >= ackSeq[i])
  if (hit) deltaAt[i] = hit[1]
}

if (profDir) report('serve under the latency load', N / sendWallSec, analyse(profDir, script + '.map'))

const ingest: number[] = []
const push: number[] = []
const e2e: number[] = []
let missing = 0
for (let i = 0; i < N; i++) {
  if (Number.isNaN(ackAt[i])) continue
  if (Number.isNaN(deltaAt[i])) {
    missing++
    continue
  }
  ingest.push(ackAt[i] - sentAt[i])
  push.push(deltaAt[i] - ackAt[i])
  e2e.push(deltaAt[i] - sentAt[i])
}
// Where in the run the slow answers were (a backlog at start-up reads differently from one at a checkpoint).
const ackMaxBySecond = Array.from({ length: Math.ceil(SECONDS) + 1 }, () => 0)
for (let i = 0; i < N; i++) {
  if (Number.isNaN(ackAt[i])) continue
  const sec = Math.min(ackMaxBySecond.length - 1, Math.max(0, Math.floor((sentAt[i] - t0) / 1000)))
  ackMaxBySecond[sec] = Math.max(ackMaxBySecond[sec], Math.round(ackAt[i] - sentAt[i]))
}
const q = (xs: number[]) => ({ p50: +percentile(xs, 50).toFixed(1), p90: +percentile(xs, 90).toFixed(1), p99: +percentile(xs, 99).toFixed(1), max: +percentile(xs, 100).toFixed(1) })
const achieved = ingest.length / sendWallSec

// The storm: the simulator's storm scenario into a fresh serve, as fast as it is sent; loop delay read at the end.
let storm: { events: number; wallSec: number; loopDelayP99Ms: number; loopDelayMaxMs: number; stormLoopDelayP99Ms: number; stormLoopDelayMaxMs: number } | undefined
if (!values['no-storm']) {
  const s2 = await spawnServe()
  const plan = buildPlan({ seed: 1, start: Date.now() - 3_600_000, durationSec: 3600, scenarios: ['storm'], rate: 2, stormSize: 200 })
  // prom-client's nodejs_eventloop_lag_* histogram restarts at every scrape: scraping right before the storm makes
  // the next scrape's figures cover the storm alone (the since-start gauges also hold serve's own start-up).
  await (await fetch(`${s2.url}/metrics`)).text()
  const st = await sendPlan(plan, { target: s2.url, speed: 'max' })
  const metrics = await (await fetch(`${s2.url}/metrics`)).text()
  await s2.stop()
  if (st.failed) throw new Error(`storm: ${st.failed} requests failed: ${st.failures.slice(0, 3).join(' | ')}`)
  const gauge = (name: string) => Number(new RegExp(`^${name} ([\\d.]+)$`, 'm').exec(metrics)?.[1] ?? NaN)
  // prom-client samples with node's histogram at its default 10 ms precision, and that histogram records the time
  // between two samples (an idle loop reads 10 ms): the delay is what lies beyond it, as in lib/runtime-metrics.ts.
  const lagMs = (name: string) => Math.max(0, +(gauge(name) * 1000 - 10).toFixed(2))
  storm = { events: st.events, wallSec: +st.wallSec.toFixed(1), loopDelayP99Ms: gauge('noc_event_loop_delay_p99_ms'), loopDelayMaxMs: gauge('noc_event_loop_delay_max_ms'), stormLoopDelayP99Ms: lagMs('nodejs_eventloop_lag_p99_seconds'), stormLoopDelayMaxMs: lagMs('nodejs_eventloop_lag_max_seconds') }
}

const result = {
  targetRate: RATE, seconds: SECONDS, batch: B, events: N, workingSetAlerts: A, stateChangeShare: CHANGES, warmupSec: +warmupSec.toFixed(1), acked: ingest.length + missing, missingDeltas: missing, failed, skippedForBackpressure,
  achievedRate: Math.round(achieved), maxSchedulerSlipMs: +maxSlipMs.toFixed(1), deltas, deltaMB: +(deltaBytes / 1e6).toFixed(1),
  acceptedToDeltaMs: q(push), sendToAckMs: q(ingest), sendToDeltaMs: q(e2e), sendToAckMaxMsBySecond: ackMaxBySecond,
  storm,
  definitions:
    'accepted = HTTP 200 received by the sender (after COMMIT), carrying the commit seq; delta = first WS delta with seq ≥ that seq carrying the alert, received by the console ' +
    '(it can beat the 2xx: negative accepted→delta); storm loop delay = the I/O thread\'s nodejs_eventloop_lag p99/max from the scrape right before the storm to the one right after it (prom-client restarts that histogram at every scrape), and serve\'s noc_event_loop_delay_* gauges since it started; both beyond the 10 ms sampling interval',
}
writeResult('latency', result)
const r = result
const met = (ok: boolean) => (ok ? 'met' : 'NOT met')
console.log(
  `latency: ${fmt(achieved)}/${fmt(RATE)} ev/s for ${SECONDS} s (${fmt(A)} alerts, ${(100 * CHANGES).toFixed(0)}% state changes) | accepted→delta p50 ${r.acceptedToDeltaMs.p50} ms p99 ${r.acceptedToDeltaMs.p99} ms ` +
    `(target ≤ 100 ms ${met(r.acceptedToDeltaMs.p99 <= 100)}) | send→delta p50 ${r.sendToDeltaMs.p50} p99 ${r.sendToDeltaMs.p99} ms | ` +
    `send→2xx p50 ${r.sendToAckMs.p50} p99 ${r.sendToAckMs.p99} ms | ${missing} missing (target 0 ${met(missing === 0)}), ${failed} failed, ${skippedForBackpressure} skipped` +
    (storm ? ` | storm ${fmt(storm.events)} events in ${storm.wallSec} s: I/O event-loop delay during it p99 ${storm.stormLoopDelayP99Ms} ms max ${storm.stormLoopDelayMaxMs} ms (target p99 ≤ 20 ms ${met(storm.stormLoopDelayP99Ms <= 20)}), since serve started p99 ${storm.loopDelayP99Ms} max ${storm.loopDelayMaxMs} ms` : ''),
)
