/**
 * bench/profile — where serve's CPU goes under the bench/ingest load. Runs the bundled serve with `node --cpu-prof`
 * twice: (1) the bench/ingest Alertmanager batches (default 10k new alerts, 100 per request, 8 in flight) into a
 * fresh database; (2) the same payloads again into that database in a new process — pure de-duplication. Those are
 * profiles of serve's I/O thread (HTTP, adapters, hand-off); the writer worker's code is not in them. So (3) profiles
 * the writer alone (bench/writer.ts: hub service in-process, the same alerts new then re-sent) and (4) the pure
 * engine alone (bench/engine.ts). Each profile is summarised as self time by area (SQLite, JSON, zod, engine, HTTP,
 * GC…) and by function, mapped back to the .ts sources through the bundle's source map.
 * Usage: npm run bench:profile [-- --alerts 10000 --batch 100 --concurrency 8 --top 15]
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { analyse, report } from './cpu-profile'
import { execFileSync } from 'node:child_process'
import { amWebhook } from './am-alerts'
import { bundleBench, bundleServe, fmt, pool, spawnServe, writeResult } from './lib'

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
const bodies = amWebhook(N, B).map((b) => JSON.stringify(b))

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

// (3) the writer alone and (4) the engine alone, each bundled and run in a profiled child of its own.
const alone = async (name: string, args: string[]) => {
  const script = await bundleBench(name)
  const dir = mkdtempSync(join(tmpdir(), `noc-prof-${name}-`))
  const out = execFileSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, script, ...args], { encoding: 'utf8' })
  return { line: out.trim().split('\n').at(-1) ?? '', profile: analyse(dir, script + '.map', Number(values.top)) }
}
const writer = await alone('writer', ['--alerts', String(N), '--batch', String(B), '--concurrency', String(C)])
report(`writer alone (new then re-sent; ${writer.line})`, NaN, writer.profile)
const engine = await alone('engine', ['--alerts', String(N), '--batch', String(B * C)])
report(`engine alone (${engine.line})`, NaN, engine.profile)

const pctOf = (a: ReturnType<typeof analyse>, prefix: string) => a.areas.find((x) => x.area.startsWith(prefix))?.pct ?? 0
writeResult('profile', {
  alerts: N, batch: B, concurrency: C,
  newAlerts: { perSec: Math.round(newRate), ...aNew }, repeats: { perSec: Math.round(repRate), ...aRep },
  writer: { line: writer.line, ...writer.profile }, engine: { line: engine.line, ...engine.profile },
})
console.log(`\nprofile: I/O thread new ${fmt(newRate)} ev/s, repeats ${fmt(repRate)} ev/s (adapters ${pctOf(aNew, 'adapters')}%, HTTP ${pctOf(aNew, 'node HTTP')}%) | ` +
  `writer: engine ${pctOf(writer.profile, 'engine')}%, store+SQLite ${pctOf(writer.profile, 'store')}%, GC ${pctOf(writer.profile, 'GC')}% — bench/results/profile.json`)
