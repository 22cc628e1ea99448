/**
 * bench/latency — open-loop load at a fixed rate (default 2k events/s for 20 s) of Alertmanager webhooks, with a
 * WebSocket console subscribed to deltas. The load is what a busy NOC sees: a working set of alerts (default 3,000
 * across 30 clients, created first, not timed) re-reported over and over, a share of them (default 5%) changing
 * state (firing ⇄ resolved, which runs the correlation engine). Every event's summary carries its number, so each
 * delta tells which events it reflects (a later event of the same alert supersedes earlier ones in one delta).
 *   send → 2xx        ingest: parse, adapter, engine, group commit with fsync
 *   2xx  → delta      push: coalescing ≤ 10 Hz, delta building, WS send         ← "accepted → delta", the headline
 *   send → delta      what an operator waits, end to end
 * Usage: npm run bench:latency [-- --rate 2000 --seconds 20 --batch 20 --alerts 3000 --changes 0.05 --profile]
 */
import { parseArgs } from 'node:util'
import WebSocket from 'ws'
import { createRng } from '../src-main/sim/rng'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { analyse, report } from './cpu-profile'
import { bundleServe, fmt, percentile, pool, spawnServe, writeResult } from './lib'

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '2000' }, seconds: { type: 'string', default: '20' }, batch: { type: 'string', default: '20' },
    alerts: { type: 'string', default: '3000' }, changes: { type: 'string', default: '0.05' }, 'max-in-flight': { type: 'string', default: '256' },
    profile: { type: 'boolean' },
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
const deltaAt = new Float64Array(N).fill(NaN)
const alertIndex = new Map<string, number>()
for (let a = 0; a < A; a++) alertIndex.set(fp(a), a)
/** Per alert: its sent, not yet delivered events, in send order. */
const pendingOf: number[][] = Array.from({ length: A }, () => [])

// Warm-up (not timed): create the working set, all firing.
const w0 = performance.now()
await pool(Math.ceil(A / 100), 4, async (k) => {
  const alerts = Array.from({ length: Math.min(100, A - k * 100) }, (_, j) => amAlert(k * 100 + j, `warm-up ${k * 100 + j}`, 'firing'))
  const r = await fetch(`${serve.url}/webhook/alertmanager`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: webhook(alerts) })
  if (r.status !== 200) throw new Error(`warm-up: ${r.status} ${await r.text()}`)
  await r.arrayBuffer()
})
const warmupSec = (performance.now() - w0) / 1000

// The console: subscribe, then stamp each alert the first time a delta carries it.
const ws = new WebSocket(serve.url.replace('http', 'ws') + '/ws')
await new Promise<void>((res, rej) => (ws.once('open', () => res()), ws.once('error', rej)))
let deltas = 0
let deltaBytes = 0
ws.on('message', (data: Buffer) => {
  const t = performance.now()
  const m = JSON.parse(data.toString()) as { type: string; alerts?: unknown[] }
  if (m.type !== 'delta') return
  deltas++
  deltaBytes += data.length
  for (const al of (m.alerts ?? []) as Array<{ fingerprint: string; summary: string }>) {
    const a = alertIndex.get(al.fingerprint)
    const ev = /^ev (\d+)$/.exec(al.summary)
    if (a === undefined || !ev) continue
    // The delta shows this alert as of event `upto`: that event and every earlier one of the alert are delivered.
    const upto = Number(ev[1])
    const q = pendingOf[a]
    while (q.length && q[0] <= upto) deltaAt[q.shift()!] = t
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
    pendingOf[a].push(i)
  }
  const text = webhook(alerts)
  const ts = performance.now()
  for (let j = 0; j < count; j++) sentAt[first + j] = ts
  inFlight++
  pending.push(
    fetch(`${serve.url}/webhook/alertmanager`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text })
      .then(async (r) => {
        await r.arrayBuffer()
        const ta = performance.now()
        if (r.status !== 200) failed++
        else for (let j = 0; j < count; j++) ackAt[first + j] = ta
      })
      .catch(() => void failed++)
      .finally(() => void inFlight--),
  )
}
await Promise.all(pending)
const sendWallSec = (performance.now() - t0) / 1000
// Let the last coalesced deltas arrive.
for (let w = 0; w < 50 && deltaAt.some((d, i) => Number.isNaN(d) && !Number.isNaN(ackAt[i])); w++) await new Promise((r) => setTimeout(r, 100))
ws.close()
await serve.stop()

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
const q = (xs: number[]) => ({ p50: +percentile(xs, 50).toFixed(1), p90: +percentile(xs, 90).toFixed(1), p99: +percentile(xs, 99).toFixed(1), max: +percentile(xs, 100).toFixed(1) })
const achieved = ingest.length / sendWallSec
const result = {
  targetRate: RATE, seconds: SECONDS, batch: B, events: N, workingSetAlerts: A, stateChangeShare: CHANGES, warmupSec: +warmupSec.toFixed(1), acked: ingest.length + missing, missingDeltas: missing, failed, skippedForBackpressure,
  achievedRate: Math.round(achieved), maxSchedulerSlipMs: +maxSlipMs.toFixed(1), deltas, deltaMB: +(deltaBytes / 1e6).toFixed(1),
  acceptedToDeltaMs: q(push), sendToAckMs: q(ingest), sendToDeltaMs: q(e2e),
  definitions: 'accepted = HTTP 200 received by the sender (after COMMIT); delta = first WS delta showing the alert at or past that event, received by the console',
}
writeResult('latency', result)
const r = result
console.log(
  `latency: ${fmt(achieved)}/${fmt(RATE)} ev/s for ${SECONDS} s (${fmt(A)} alerts, ${(100 * CHANGES).toFixed(0)}% state changes) | accepted→delta p50 ${r.acceptedToDeltaMs.p50} ms p99 ${r.acceptedToDeltaMs.p99} ms ` +
    `(target p99 ≤ 100 ms → ${(r.acceptedToDeltaMs.p99 / 100).toFixed(2)}× target) | send→delta p50 ${r.sendToDeltaMs.p50} p99 ${r.sendToDeltaMs.p99} ms | ` +
    `send→2xx p50 ${r.sendToAckMs.p50} p99 ${r.sendToAckMs.p99} ms | ${missing} missing, ${failed} failed, ${skippedForBackpressure} skipped`,
)
