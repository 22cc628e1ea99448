/**
 * bench/profile — where serve's CPU goes under the bench/ingest load. Runs the bundled serve with `node --cpu-prof`
 * twice: (1) the bench/ingest Alertmanager batches (default 10k new alerts, 100 per request, 8 in flight) into a
 * fresh database; (2) the same payloads again into that database in a new process — pure de-duplication. Each
 * profile is written on exit and summarised as self time by area (SQLite, JSON, zod, engine, HTTP, GC…) and by
 * function, mapped back to the .ts sources through the bundle's source map.
 * Usage: npm run bench:profile [-- --alerts 10000 --batch 100 --concurrency 8 --top 15]
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { analyse, report } from './cpu-profile'
import { bundleServe, fmt, pool, spawnServe, writeResult } from './lib'

const { values } = parseArgs({
  options: {
    alerts: { type: 'string', default: '10000' }, batch: { type: 'string', default: '100' }, concurrency: { type: 'string', default: '8' },
    top: { type: 'string', default: '15' },
  },
})
const N = Number(values.alerts)
const B = Number(values.batch)
const C = Number(values.concurrency)
const batches = Math.ceil(N / B)
const startsAt = new Date(Date.now() - 60_000).toISOString()
const body = (b: number) =>
  JSON.stringify({
    version: '4', receiver: 'noc', status: 'firing', groupKey: `{}:{b="${b}"}`, truncatedAlerts: 0, groupLabels: {}, commonLabels: {}, commonAnnotations: {},
    externalURL: 'http://am.bench:9093',
    alerts: Array.from({ length: Math.min(B, N - b * B) }, (_, k) => {
      const i = b * B + k
      return {
        status: 'firing', labels: { alertname: `Check${i % 50}`, client: `client-${String(i % 30).padStart(2, '0')}`, instance: `host-${i}:9100`, job: 'node', service: `svc-${i % 7}`, severity: ['critical', 'warning', 'major', 'info'][i % 4] },
        annotations: { summary: `host-${i} check ${i % 50} failing` }, startsAt, endsAt: '0001-01-01T00:00:00Z', generatorURL: 'http://prom/graph', fingerprint: i.toString(16).padStart(16, '0'),
      }
    }),
  })
const bodies = Array.from({ length: batches }, (_, b) => body(b))

// The bundled build: V8 then sees real function names, and the source map leads back to the .ts files.
const script = await bundleServe()

const post = (url: string) =>
  pool(batches, C, async (b) => {
    const r = await fetch(`${url}/webhook/alertmanager`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodies[b] })
    if (r.status !== 200) throw new Error(`status ${r.status}: ${await r.text()}`)
    await r.arrayBuffer()
  })

// (1) new alerts: every event opens an alert, so the engine places each one.
const dirNew = mkdtempSync(join(tmpdir(), 'noc-prof-new-'))
const s1 = await spawnServe([], { script, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dirNew}`] })
let t0 = performance.now()
await post(s1.url)
const newRate = N / ((performance.now() - t0) / 1000)
await s1.stop()
const aNew = analyse(dirNew, script + '.map', Number(values.top))
report(`new alerts (${fmt(N)} in batches of ${B}, ${C} in flight)`, newRate, aNew)

// (2) the same payloads again into that database, in a fresh profiled process: pure de-duplication (repeats).
const dirRep = mkdtempSync(join(tmpdir(), 'noc-prof-rep-'))
const s2 = await spawnServe([], { script, dataDir: s1.dataDir, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dirRep}`] })
t0 = performance.now()
await post(s2.url)
const repRate = N / ((performance.now() - t0) / 1000)
await s2.stop()
const aRep = analyse(dirRep, script + '.map', Number(values.top))
report('repeats of the same alerts (dedup only, no engine placement)', repRate, aRep)

writeResult('profile', { alerts: N, batch: B, concurrency: C, newAlerts: { perSec: Math.round(newRate), ...aNew }, repeats: { perSec: Math.round(repRate), ...aRep } })
console.log(`\nprofile: new alerts ${fmt(newRate)} ev/s (engine ${aNew.areas.find((x) => x.area.startsWith('engine'))?.pct ?? 0}% of CPU) | ` +
  `repeats ${fmt(repRate)} ev/s (SQLite ${aRep.areas.find((x) => x.area.startsWith('SQLite'))?.pct ?? 0}%, GC ${aRep.areas.find((x) => x.area === 'GC')?.pct ?? 0}%) — bench/results/profile.json`)
