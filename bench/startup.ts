/**
 * bench/startup — time from spawn to GET /healthz answering 200 on a 1M-event database (target ≤ 1.5 s), against
 * the same on an empty database. Two ways to run serve: through tsx (what `npm run serve` does: TypeScript compiled
 * at start) and the bundled build (what a packaged app runs). Median of `--runs` starts each; the database is the
 * one bench/memory leaves (built here if missing, which takes minutes).
 * Usage: npm run bench:startup [-- --events 1000000 --alerts 20000 --runs 5]
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { bigDb } from './big-db'
import { bundleServe, fmt, percentile, sleep, spawnServe, writeResult } from './lib'

const { values } = parseArgs({ options: { events: { type: 'string', default: '1000000' }, alerts: { type: 'string', default: '20000' }, runs: { type: 'string', default: '5' } } })
const events = Number(values.events)
const runs = Number(values.runs)

const db = await bigDb({ events, alerts: Number(values.alerts), log: console.log })
if (db.serve) {
  console.log(`startup: built the ${fmt(events)}-event database in ${db.buildSec.toFixed(0)} s`)
  await db.serve.stop()
}
const script = await bundleServe()
const emptyDir = mkdtempSync(join(tmpdir(), 'noc-startup-empty-'))

/** Spawn → first 200 from /healthz, ms. */
const timeToReady = async (dataDir: string, bundled: boolean) => {
  const t0 = performance.now()
  const s = await spawnServe([], { dataDir, script: bundled ? script : undefined })
  for (;;) {
    const ok = await fetch(`${s.url}/healthz`).then((r) => r.ok, () => false)
    if (ok) break
    await sleep(5)
  }
  const ms = performance.now() - t0
  await s.stop()
  return ms
}

const measure = async (dataDir: string, bundled: boolean) => {
  await timeToReady(dataDir, bundled) // warm the OS page cache and tsx's compile cache: we time restarts
  const xs: number[] = []
  for (let i = 0; i < runs; i++) xs.push(await timeToReady(dataDir, bundled))
  return { medianMs: Math.round(percentile(xs, 50)), minMs: Math.round(Math.min(...xs)), maxMs: Math.round(Math.max(...xs)) }
}

const result = {
  events, runs,
  tsx: { bigDb: await measure(db.dataDir, false), emptyDb: await measure(emptyDir, false) },
  bundled: { bigDb: await measure(db.dataDir, true), emptyDb: await measure(emptyDir, true) },
  dataDir: db.dataDir,
}
writeResult('startup', result)
const r = result
console.log(
  `startup: ${fmt(events)}-event DB → /healthz in ${r.tsx.bigDb.medianMs} ms via tsx (empty DB ${r.tsx.emptyDb.medianMs} ms → ${(r.tsx.bigDb.medianMs / r.tsx.emptyDb.medianMs).toFixed(2)}×), ` +
    `${r.bundled.bigDb.medianMs} ms bundled (empty ${r.bundled.emptyDb.medianMs} ms) | target ≤ 1500 ms → ${(r.tsx.bigDb.medianMs / 1500).toFixed(2)}× (tsx), ${(r.bundled.bigDb.medianMs / 1500).toFixed(2)}× (bundled)`,
)
