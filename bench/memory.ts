/**
 * bench/memory — resident memory of serve holding 1M stored events (target ≤ 250 MB): right after ingesting them
 * (the serve that built the database), and after a restart on that database once a console has loaded its snapshot.
 * An empty serve is measured the same way, for the ratio; and both again with the bundled build (no tsx in the
 * process), as a packaged app runs. The database is built fresh through the real ingest path
 * (see big-db.ts; ~minutes on a 2-core box) and left for bench/startup to reuse.
 * Usage: npm run bench:memory [-- --events 1000000 --alerts 20000 --batch 5000 --reuse]
 */
import { rmSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { bigDb, bigDbDir } from './big-db'
import { bundleServe, fmt, rssOf, sleep, spawnServe, writeResult } from './lib'

const { values } = parseArgs({
  options: { events: { type: 'string', default: '1000000' }, alerts: { type: 'string', default: '20000' }, batch: { type: 'string', default: '5000' }, reuse: { type: 'boolean' } },
})
const events = Number(values.events)
const alerts = Number(values.alerts)

/** RSS once things have settled (a GC cycle or two: V8 gives memory back lazily). */
const settledRss = async (pid: number) => {
  await sleep(2000)
  return rssOf(pid)
}
const loadSnapshot = async (url: string) => {
  const r = await fetch(`${url}/api/v1/snapshot`)
  return (await r.arrayBuffer()).byteLength
}

// Baseline: an empty serve that served one snapshot.
const empty = await spawnServe()
await loadSnapshot(empty.url)
const emptyRss = await settledRss(empty.pid)
await empty.stop()

// `--reuse` keeps a database an earlier run built (no "after load" figure then: that needs the serve that loaded it).
if (!values.reuse) rmSync(bigDbDir(events, alerts), { recursive: true, force: true })
console.log(`memory: ${values.reuse ? 'reusing or building' : 'building'} a ${fmt(events)}-event database through POST /api/v1/events …`)
const db = await bigDb({ events, alerts, batch: Number(values.batch), log: console.log })
const afterLoad = db.serve ? await settledRss(db.serve.pid) : { rssMb: NaN, peakMb: NaN }
const snapAfterLoad = db.serve ? await loadSnapshot(db.serve.url) : null
await db.serve?.stop()

const restarted = await spawnServe([], { dataDir: db.dataDir })
const snapBytes = await loadSnapshot(restarted.url)
const afterRestart = await settledRss(restarted.pid)
const stored = (await (await fetch(`${restarted.url}/metrics`)).text()).match(/^noc_change_seq (\d+)/m)?.[1]
await restarted.stop()

// The same two measurements with the bundled build (no tsx/TypeScript in the process), as a packaged app runs.
const script = await bundleServe()
const emptyB = await spawnServe([], { script })
await loadSnapshot(emptyB.url)
const emptyBundledRss = await settledRss(emptyB.pid)
await emptyB.stop()
const bundled = await spawnServe([], { script, dataDir: db.dataDir })
await loadSnapshot(bundled.url)
const bundledRss = await settledRss(bundled.pid)
await bundled.stop()

const result = {
  events, alerts, buildSec: +db.buildSec.toFixed(1), buildRetries: db.retries ?? 0, buildEventsPerSec: Math.round(events / db.buildSec),
  emptyRssMb: +emptyRss.rssMb.toFixed(1), afterLoadRssMb: +afterLoad.rssMb.toFixed(1), afterLoadPeakMb: +afterLoad.peakMb.toFixed(1),
  afterRestartRssMb: +afterRestart.rssMb.toFixed(1), afterRestartPeakMb: +afterRestart.peakMb.toFixed(1),
  bundled: { emptyRssMb: +emptyBundledRss.rssMb.toFixed(1), afterRestartRssMb: +bundledRss.rssMb.toFixed(1), afterRestartPeakMb: +bundledRss.peakMb.toFixed(1) },
  snapshotBytes: snapBytes, snapshotBytesAfterLoad: snapAfterLoad, changeSeq: stored ? Number(stored) : null, dataDir: db.dataDir,
}
writeResult('memory', result)
console.log(
  `memory: ${fmt(events)} events (${fmt(alerts)} alerts) built in ${db.buildSec.toFixed(0)} s (${fmt(result.buildEventsPerSec)} ev/s) | RSS after load ${result.afterLoadRssMb} MB ` +
    `(peak ${result.afterLoadPeakMb}), after restart ${result.afterRestartRssMb} MB — ${(result.afterRestartRssMb / 250).toFixed(2)}× the 250 MB target | ` +
    `empty serve ${result.emptyRssMb} MB → ${(result.afterRestartRssMb / result.emptyRssMb).toFixed(2)}× empty | bundled build: ${result.bundled.afterRestartRssMb} MB ` +
    `after restart (empty ${result.bundled.emptyRssMb} MB) → ${(result.bundled.afterRestartRssMb / 250).toFixed(2)}× target`,
)
