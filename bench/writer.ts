/**
 * bench/writer — the writer alone: app/hub-service.ts in this process (SQLite with the real pragmas, engine,
 * notification layer; no HTTP, no worker hand-off). The bench/ingest Alertmanager alerts are adapted up front, then
 * handed to ingestEvents 100 per call with 8 calls in flight (what the I/O thread gives the worker), new then
 * re-sent. Its µs/event is the writer thread's ceiling: bench/ingest cannot go faster than this, and the gap between
 * the two is the hand-off, the I/O thread and the two cores they share. Under `node --cpu-prof` (bench:profile) it is
 * a profile of the writer's own code, which a profile of serve's main thread does not show.
 * Usage: npm run bench:writer [-- --alerts 20000 --batch 100 --concurrency 8]
 */
import { parseArgs } from 'node:util'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHubService } from '../src-main/app/hub-service'
import { amWebhook, adaptedBatches } from './am-alerts'
import { fmt, writeResult } from './lib'

const { values } = parseArgs({ options: { alerts: { type: 'string', default: '20000' }, concurrency: { type: 'string', default: '8' }, batch: { type: 'string', default: '100' } } })
const N = Number(values.alerts)
const C = Number(values.concurrency)
const B = Number(values.batch)
const bodies = amWebhook(N, B)

const service = createHubService({ dataDir: mkdtempSync(join(tmpdir(), 'noc-writer-')), clock: Date.now, demo: false, quiet: true, tickMs: 0, emit: () => {} })
const run = async () => {
  const parts = adaptedBatches(bodies, Date.now())
  let next = 0
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: C }, async () => {
      while (next < parts.length) await service.ingestEvents(parts[next++]!)
    }),
  )
  return N / ((performance.now() - t0) / 1000)
}
const newPerSec = await run()
const resendPerSec = await run()
service.close()
writeResult('writer', { alerts: N, batch: B, concurrency: C, newPerSec: Math.round(newPerSec), resendPerSec: Math.round(resendPerSec) })
console.log(`writer alone: new ${fmt(newPerSec)}/s (${(1e6 / newPerSec).toFixed(0)} µs/event), re-sent ${fmt(resendPerSec)}/s (${(1e6 / resendPerSec).toFixed(0)} µs/event)`)
