/**
 * bench/noise-replay — bench:noise's scoring without the server, for checking several seeds quickly: the plan's
 * requests go through the real adapters, dedup (`mergeEvent`) and the engine in this process, one batch per
 * request, with a clock that advances a few ms per request (as the real bench's replay at full speed does). The
 * numbers match bench:noise for the same seed; bench:noise remains the measurement (it adds HTTP, SQLite and the
 * ops layer). Usage: npx tsx bench/noise-replay.ts [--seeds 1,2,3,4,5] [--mixed]
 */
import { parseArgs } from 'node:util'
import type { Alert } from '@shared/model/alert'
import { ConsoleConfig } from '@shared/model/config'
import { mergeEvent } from '../src-main/engine/dedup'
import { processChanges, tick } from '../src-main/engine/incidents'
import { emptyState, membersOf } from '../src-main/engine/state'
import type { AlertChange, EngineContext } from '../src-main/engine/types'
import { adapters } from '../src-main/ingest/adapters/index'
import { simConfig } from '../src-main/sim/config'
import { buildPlan } from '../src-main/sim/plan'
import { bcubed, problemScore, stateMismatches, truthProblems } from './noise-score'

const { values } = parseArgs({ options: { seeds: { type: 'string', default: '1,2,3,4,5' }, mixed: { type: 'boolean', default: false } } })
const durationSec = 3600
const start = Date.UTC(2026, 11, 7, 5, 0)
const config = ConsoleConfig.parse(simConfig())

for (const seed of values.seeds.split(',').map(Number)) {
  const plan = buildPlan({ seed, start, durationSec, scenarios: 'all' })
  let state = emptyState()
  const rows = new Map<string, Alert>()
  let alertSeq = 0
  let inc = 1000
  let prb = 0
  let now = start + durationSec * 1000 + 60_000
  const ctx = (): EngineContext => ({ now, config, ids: { incident: () => `INC-${++inc}`, problem: () => `PRB-${++prb}` } })
  for (const s of plan.sends) {
    now += 3
    const input = s.format === 'ws' ? (s.body as { events: unknown[] }).events : s.body
    const r = adapters[s.format === 'ws' ? 'native' : s.format](input, { receivedAt: now, clientOverride: s.pathClient })
    if (!r.ok) throw new Error(r.error)
    const changes: AlertChange[] = []
    for (const ev of r.events) {
      const key = `${ev.client}/${ev.fingerprint}`
      const prev = rows.get(key)
      const m = mergeEvent(prev, ev)
      const alert: Alert = { ...m.next, id: prev?.id ?? ++alertSeq, seq: 0 }
      rows.set(key, alert)
      if (m.outcome === 'new' || m.outcome === 'changed') changes.push({ alert, previous: prev ?? null })
    }
    if (changes.length) state = processChanges(state, changes, ctx()).state
  }
  state = tick(state, ctx()).state

  // Alert key → its (latest) live incident, as bench:noise reads them back.
  const incidentOfKey = new Map<string, string>()
  for (const [id, links] of Object.entries(state.links)) {
    if (state.incidents[id].mergedInto) continue
    for (const l of links) {
      const a = state.alerts[String(l.alertId)]
      incidentOfKey.set(`${a.client}/${a.fingerprint}`, id)
    }
  }
  const expected = plan.truth.filter((t) => t.expectIncident)
  const firstOfKey = new Map<string, (typeof expected)[number]>()
  for (const t of expected) if (!firstOfKey.has(t.key)) firstOfKey.set(t.key, t)
  const items = [...firstOfKey.values()].map((t) => ({ truth: t.truth, got: incidentOfKey.get(t.key) ?? `none:${t.n}`, key: t.key }))
  const b3 = bcubed(items)
  const live = Object.values(state.incidents).filter((i) => !i.mergedInto)
  const problems = Object.values(state.problems)
  const ps = problemScore(truthProblems(plan.truth), problems.filter((p) => p.status === 'confirmed'))
  const st = stateMismatches(plan.truth, new Map([...rows].map(([k, a]) => [k, a.status])))
  console.log(
    `seed ${seed}: ${plan.truth.length} events → ${rows.size} alerts → ${live.length} incidents (truth ${new Set(expected.map((t) => t.truth)).size}) ` +
      `${(100 * (1 - live.length / plan.truth.length)).toFixed(1)}% | B³ P ${b3.precision.toFixed(3)} R ${b3.recall.toFixed(3)} | ` +
      `problems P ${ps.precision.toFixed(2)} R ${ps.recall.toFixed(2)} (${problems.map((p) => `${p.key} ${p.status}`).join(', ')}) | ` +
      `final states ${st.alerts - st.mismatches.length}/${st.alerts} (${st.lostResolves} resolves lost)`,
  )
  if (!values.mixed) continue
  const truthOfKey = new Map(items.map((x) => [x.key, x.truth]))
  for (const i of live) {
    const members = membersOf(state, i.id)
    const truths = new Set(members.map((m) => truthOfKey.get(`${m.alert.client}/${m.alert.fingerprint}`)).filter(Boolean))
    if (truths.size < 2) continue
    console.log(`  ${i.id} ${i.client} mixes ${[...truths].join(', ')}`)
    for (const m of members) console.log(`    ${truthOfKey.get(`${m.alert.client}/${m.alert.fingerprint}`)}  ${m.alert.rule} on ${m.alert.resource}: ${m.link.reason}`)
  }
}
