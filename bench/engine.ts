/**
 * bench/engine — the pure incident engine alone (engine/incidents.ts processChanges: no SQLite, no HTTP): the
 * bench/ingest Alertmanager alerts as first sightings, `batch` per call (what one group commit of 8 requests × 100
 * hands it), into an empty state; a few rounds, since the first one also pays the JIT. Its µs per alert is the
 * engine's own share of the writer's cost (bench/writer.ts).
 * Usage: npm run bench:engine [-- --alerts 20000 --batch 800 --rounds 3]
 */
import { parseArgs } from 'node:util'
import type { Alert } from '@shared/model/alert'
import { ConsoleConfig } from '@shared/model/config'
import { mergeEvent } from '../src-main/engine/dedup'
import { emptyState, processChanges } from '../src-main/engine/incidents'
import { adaptedBatches, amWebhook } from './am-alerts'
import { fmt, writeResult } from './lib'

const { values } = parseArgs({ options: { alerts: { type: 'string', default: '20000' }, batch: { type: 'string', default: '800' }, rounds: { type: 'string', default: '3' } } })
const N = Number(values.alerts)
const B = Number(values.batch)
const now = Date.now()
const alerts: Alert[] = adaptedBatches(amWebhook(N, 100), now)
  .flat()
  .map((e, i) => ({ ...mergeEvent(undefined, e).next, id: i + 1, seq: i + 1 }))
const config = ConsoleConfig.parse({})

const rounds: number[] = []
for (let round = 0; round < Number(values.rounds); round++) {
  let n = 0
  const ids = { incident: () => `INC-${++n}`, problem: () => `PRB-${++n}` }
  let state = emptyState()
  let decisions = 0
  const t0 = performance.now()
  for (let i = 0; i < alerts.length; i += B) {
    const r = processChanges(state, alerts.slice(i, i + B).map((alert) => ({ alert, previous: null })), { now, config, ids })
    state = r.state
    decisions += r.decisions.length
  }
  const us = ((performance.now() - t0) * 1000) / N
  rounds.push(us)
  if (round === 0) console.log(`engine: ${Object.keys(state.incidents).length} incidents, ${(decisions / N).toFixed(1)} decisions per alert`)
}
const best = Math.min(...rounds)
writeResult('engine', { alerts: N, batch: B, usPerAlert: rounds.map((x) => +x.toFixed(1)) })
console.log(`engine alone: ${fmt(1e6 / best)} new alerts/s (${best.toFixed(1)} µs/alert best of ${rounds.length}; rounds ${rounds.map((x) => x.toFixed(1)).join(', ')} µs)`)
