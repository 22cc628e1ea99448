/**
 * bench/ingest — the same Alertmanager alerts (default 20,000, 100 per request, 8 requests in flight), twice each:
 * first as NEW alerts into an empty store, then RE-SENT unchanged (what Alertmanager's repeat_interval does), into
 *   (1) ours: the full HTTP path (webhook → adapter → group commit with fsync; a 2xx only after COMMIT);
 *   (2) raw better-sqlite3 with the same schema and pragmas (openDb: WAL, synchronous=FULL): per alert one upsert of
 *       the full row (labels/annotations as JSON) + one journal insert, one transaction per 100 alerts — what a
 *       naive server committing each request would write, with no engine and no HTTP;
 *   (3) a real Prometheus Alertmanager (POST /api/v2/alerts; in-memory, nothing fsynced), new then re-sent.
 * All in this one run on this machine; the summary line prints every ratio. Targets (issue #11): new ≥ 1.5× and
 * re-sends ≥ 2× Alertmanager; new ≥ 40 % of raw. A second line says where ours spent its CPU per event (writer thread,
 * I/O thread, the serve's other threads — GC, JIT — and this load generator), read from the serve's /metrics.
 * Usage: npm run bench:ingest [-- --alerts 20000 --concurrency 8 --batch 100]
 */
import { parseArgs } from 'node:util'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDb } from '../src-main/store/db'
import { alertmanagerAvailable, startAlertmanager } from '../src-main/testing/alertmanager-kit'
import { amAlert as sharedAlert, amWebhook } from './am-alerts'
import { cpuPerEvent, cpuText, fmt, pool, serveCpu, spawnServe, writeResult } from './lib'

const { values } = parseArgs({ options: { alerts: { type: 'string', default: '20000' }, concurrency: { type: 'string', default: '8' }, batch: { type: 'string', default: '100' } } })
const N = Number(values.alerts)
const C = Number(values.concurrency)
const B = Number(values.batch)
const batches = Math.ceil(N / B)
const startsAt = new Date(Date.now() - 60_000).toISOString()
const amAlert = (i: number) => sharedAlert(i, startsAt)
const bodies = amWebhook(N, B, startsAt).map((b) => JSON.stringify(b))

const rate = async (f: () => Promise<void>) => {
  const t0 = performance.now()
  await f()
  return N / ((performance.now() - t0) / 1000)
}

const postAll = (url: string, payloads: string[], ok: (status: number) => boolean) =>
  pool(batches, C, async (b) => {
    const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: payloads[b] })
    if (!ok(r.status)) throw new Error(`${url}: status ${r.status}: ${await r.text()}`)
    await r.arrayBuffer()
  })

// (1) our full HTTP path: new alerts into an empty store, then the same requests again (pure repeats).
// Each phase also reads the serve's thread CPU (/metrics) and our own, so the line says which thread was the limit.
const serve = await spawnServe()
const hook = `${serve.url}/webhook/alertmanager`
const measured = async () => {
  const before = await serveCpu(serve.url)
  const c0 = process.cpuUsage()
  const perSec = await rate(() => postAll(hook, bodies, (s) => s === 200))
  const client = process.cpuUsage(c0)
  return { perSec, cpu: cpuPerEvent(before, await serveCpu(serve.url), client, N) }
}
const { perSec: oursNew, cpu: cpuNew } = await measured()
const { perSec: oursResend, cpu: cpuResend } = await measured()
const stored = (await (await fetch(`${serve.url}/api/v1/alerts?limit=1`)).json()) as { items: Array<{ count: number }> }
await serve.stop()
if (stored.items[0]?.count !== 2) throw new Error(`expected every alert stored with count 2, got ${JSON.stringify(stored.items[0])}`)

// (2) raw better-sqlite3, same schema and pragmas: full-row upsert + journal insert per alert, 100-row transactions.
const db = openDb(join(mkdtempSync(join(tmpdir(), 'noc-raw-')), 'raw.db'))
const ins = db.prepare(`INSERT INTO alerts (client, fingerprint, fingerprint_kind, source, class, ems, rule, grp, components, resource, service, severity, status, count, first_seen, last_seen, state_time, resolved_at, summary, description, labels, annotations, url, runbook_url, seq)
  VALUES (?, ?, 'source', 'alertmanager', 'node', 'am', ?, NULL, ?, ?, ?, ?, 'firing', 1, ?, ?, ?, NULL, ?, NULL, ?, ?, NULL, NULL, ?)
  ON CONFLICT(client, fingerprint) DO UPDATE SET count = count + 1, last_seen = excluded.last_seen`)
const jr = db.prepare('INSERT INTO events (received_at, time, alert_id, client, source, severity, status, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
const raw = await rate(async () => {
  const now = Date.now()
  for (let b = 0; b < batches; b++) {
    db.transaction(() => {
      for (let k = 0; k < B && b * B + k < N; k++) {
        const i = b * B + k
        const a = amAlert(i)
        const info = ins.run(a.labels.client, i.toString(16), a.labels.alertname, JSON.stringify([{ type: 'instance', name: a.labels.instance }]), a.labels.instance, a.labels.service, a.labels.severity, now, now, now, a.annotations.summary, JSON.stringify(a.labels), JSON.stringify(a.annotations), i)
        jr.run(now, now, Number(info.lastInsertRowid), a.labels.client, 'alertmanager', a.labels.severity, 'firing', a.annotations.summary)
      }
    })()
  }
})
db.close()

// (3) a real Alertmanager on the same alerts, new then re-sent.
let am: { newPerSec: number; resendPerSec: number } | undefined
if (alertmanagerAvailable()) {
  const inst = await startAlertmanager('http://127.0.0.1:9/unused')
  const amBodies = Array.from({ length: batches }, (_, b) => JSON.stringify(Array.from({ length: Math.min(B, N - b * B) }, (_, k) => amAlert(b * B + k))))
  const url = `${inst.url}/api/v2/alerts`
  const newPerSec = await rate(() => postAll(url, amBodies, (s) => s >= 200 && s < 300))
  const resendPerSec = await rate(() => postAll(url, amBodies, (s) => s >= 200 && s < 300))
  await inst.stop()
  am = { newPerSec, resendPerSec }
}

const ratio = (a: number, b: number | undefined) => (b ? a / b : null)
const result = {
  alerts: N, batch: B, concurrency: C,
  ours: { newPerSec: Math.round(oursNew), resendPerSec: Math.round(oursResend), cpuUsPerEvent: { new: cpuNew, resend: cpuResend } },
  rawSqlitePerSec: Math.round(raw),
  alertmanager: am && { newPerSec: Math.round(am.newPerSec), resendPerSec: Math.round(am.resendPerSec) },
  newVsRaw: oursNew / raw,
  newVsAlertmanager: ratio(oursNew, am?.newPerSec),
  resendVsAlertmanager: ratio(oursResend, am?.resendPerSec),
  targets: { newVsAlertmanager: 1.5, resendVsAlertmanager: 2, newVsRaw: 0.4 },
}
writeResult('ingest', result)
const x = (r: number | null, target: number) => (r === null ? 'n/a' : `${r.toFixed(2)}× (target ${target}× ${r >= target ? 'met' : 'NOT met'})`)
console.log(
  `ingest: ours new ${fmt(oursNew)}/s, re-sent ${fmt(oursResend)}/s (HTTP, durably committed) | ` +
    (am ? `alertmanager new ${fmt(am.newPerSec)}/s, re-sent ${fmt(am.resendPerSec)}/s` : 'alertmanager not installed') +
    ` | raw sqlite ${fmt(raw)} rows/s || new vs AM ${x(result.newVsAlertmanager, 1.5)} · re-sent vs AM ${x(result.resendVsAlertmanager, 2)} · ` +
    `new vs raw ${(100 * result.newVsRaw).toFixed(0)}% (target 40% ${result.newVsRaw >= 0.4 ? 'met' : 'NOT met'})`,
)
console.log(`ingest CPU: new: ${cpuText(cpuNew)} | re-sent: ${cpuText(cpuResend)}`)
