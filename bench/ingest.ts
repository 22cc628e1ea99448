/**
 * bench/ingest — full HTTP path (webhook → adapter → group commit, durably committed) vs
 *   (a) raw better-sqlite3: the same alert upserts + journal inserts in 100-row transactions, same pragmas;
 *   (b) a real Prometheus Alertmanager accepting the same alerts on /api/v2/alerts (when installed).
 * All measured in this one run on this machine. Usage: npm run bench:ingest [-- --alerts 20000 --concurrency 8]
 */
import { parseArgs } from 'node:util'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDb } from '../src-main/store/db'
import { alertmanagerAvailable, startAlertmanager } from '../src-main/testing/alertmanager-kit'
import { fmt, pool, spawnServe, writeResult } from './lib'

const { values } = parseArgs({ options: { alerts: { type: 'string', default: '20000' }, concurrency: { type: 'string', default: '8' }, batch: { type: 'string', default: '100' } } })
const N = Number(values.alerts)
const C = Number(values.concurrency)
const B = Number(values.batch)
const batches = Math.ceil(N / B)
const startsAt = new Date(Date.now() - 60_000).toISOString()
const clients = Array.from({ length: 30 }, (_, i) => `client-${String(i).padStart(2, '0')}`)

const amAlert = (i: number) => ({
  labels: { alertname: `Check${i % 50}`, client: clients[i % clients.length], instance: `host-${i}:9100`, job: 'node', service: `svc-${i % 7}`, severity: ['critical', 'warning', 'major', 'info'][i % 4] },
  annotations: { summary: `host-${i} check ${i % 50} failing` },
  startsAt,
})
const webhookBody = (b: number) =>
  JSON.stringify({
    version: '4', receiver: 'noc', status: 'firing', groupKey: `{}:{b="${b}"}`, truncatedAlerts: 0, groupLabels: {}, commonLabels: {}, commonAnnotations: {},
    externalURL: 'http://am.bench:9093',
    alerts: Array.from({ length: Math.min(B, N - b * B) }, (_, k) => {
      const i = b * B + k
      return { status: 'firing', ...amAlert(i), endsAt: '0001-01-01T00:00:00Z', generatorURL: 'http://prom/graph', fingerprint: i.toString(16).padStart(16, '0') }
    }),
  })

const bodies = Array.from({ length: batches }, (_, b) => webhookBody(b))

const timeIt = async (f: () => Promise<void>) => {
  const t0 = performance.now()
  await f()
  return (performance.now() - t0) / 1000
}

// (1) our full HTTP path
const serve = await spawnServe()
const oursSec = await timeIt(() =>
  pool(batches, C, async (b) => {
    const r = await fetch(`${serve.url}/webhook/alertmanager`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodies[b] })
    if (r.status !== 200) throw new Error(`status ${r.status}: ${await r.text()}`)
    await r.arrayBuffer()
  }),
)
const check = (await (await fetch(`${serve.url}/api/v1/alerts?limit=1`)).json()) as { items: unknown[] }
await serve.stop()
if (!check.items.length) throw new Error('no alerts stored')
const ours = N / oursSec

// (2) raw better-sqlite3, same schema and pragmas, 100-row transactions of alert insert + journal insert
const db = openDb(join(mkdtempSync(join(tmpdir(), 'noc-raw-')), 'raw.db'))
const ins = db.prepare(`INSERT INTO alerts (client, fingerprint, fingerprint_kind, source, class, ems, rule, grp, components, resource, service, severity, status, count, first_seen, last_seen, state_time, resolved_at, summary, description, labels, annotations, url, runbook_url, seq)
  VALUES (?, ?, 'source', 'alertmanager', 'node', 'am', ?, NULL, ?, ?, ?, ?, 'firing', 1, ?, ?, ?, NULL, ?, NULL, ?, ?, NULL, NULL, ?)
  ON CONFLICT(client, fingerprint) DO UPDATE SET count = count + 1, last_seen = excluded.last_seen`)
const jr = db.prepare('INSERT INTO events (received_at, time, alert_id, client, source, severity, status, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
const rawSec = await timeIt(async () => {
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
const raw = N / rawSec

// (3) a real Alertmanager on the same alerts
let am: number | undefined
if (alertmanagerAvailable()) {
  const inst = await startAlertmanager('http://127.0.0.1:9/unused')
  const amBodies = Array.from({ length: batches }, (_, b) => JSON.stringify(Array.from({ length: Math.min(B, N - b * B) }, (_, k) => amAlert(b * B + k))))
  const amSec = await timeIt(() =>
    pool(batches, C, async (b) => {
      const r = await fetch(`${inst.url}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: amBodies[b] })
      if (!r.ok) throw new Error(`alertmanager ${r.status}`)
      await r.arrayBuffer()
    }),
  )
  await inst.stop()
  am = N / amSec
}

const result = { alerts: N, batch: B, concurrency: C, oursPerSec: Math.round(ours), rawSqlitePerSec: Math.round(raw), alertmanagerPerSec: am && Math.round(am), vsRaw: ours / raw, vsAlertmanager: am ? ours / am : null }
writeResult('ingest', result)
console.log(
  `ingest: ours ${fmt(ours)} ev/s (HTTP, durably committed) | raw sqlite ${fmt(raw)} rows/s → ${(100 * ours / raw).toFixed(0)}% | ` +
    (am ? `alertmanager ${fmt(am)} alerts/s → ${(ours / am).toFixed(2)}×` : 'alertmanager not installed'),
)
