/**
 * bench/noise — correlation quality on the simulator's labeled scenarios. Starts a fresh serve with the simulated
 * MSP's config, replays the plan (default: every scenario, one simulated hour, seed 1) through the real listeners as
 * fast as it answers, then reads the console's incidents and scores them against the ground truth:
 *   compression  events → alerts → incidents (1 − incidents/events; target ≥ 95%)
 *   grouping     pairwise precision/recall: a pair of events in the same truth incident vs in the same console
 *                incident (target ≥ 0.95 each). Reported over events (what the brief asks; the event storm's pairs
 *                dominate) and over distinct alerts (each alert once: closer to what an operator sees).
 *   B-cubed      per-alert precision/recall averaged over alerts, so the storm's one big cluster does not decide it.
 *   problems     console problems that claim a shared cause (`confirmed`) against the truth's, matched by client
 *                set (bench/noise-score.ts; target ≥ 0.95 each). `suspected` ones claim nothing and are counted apart.
 *   final state  every alert's state at the end equals the truth's last state (0 resolves lost).
 * Events that should open nothing (periodic OK checks) are scored apart: how many ended up inside incidents.
 * Also a per-scenario table in the JSON.
 * Usage: npm run bench:noise [-- --seed 1 --duration 3600 --rate 2 --scenario all]
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { simConfigYaml } from '../src-main/sim/config'
import { buildPlan } from '../src-main/sim/plan'
import { sendPlan, writeTruth } from '../src-main/sim/sender'
import type { TruthRecord } from '../src-main/sim/types'
import { ROOT, fmt, spawnServe, writeResult } from './lib'
import { bcubed, pairwise, problemScore, stateMismatches, truthProblems } from './noise-score'

const { values } = parseArgs({
  options: { seed: { type: 'string', default: '1' }, duration: { type: 'string', default: '3600' }, rate: { type: 'string', default: '2' }, scenario: { type: 'string', default: 'all' } },
})
const durationSec = Number(values.duration)
const start = Math.floor((Date.now() - durationSec * 1000 - 60_000) / 1000) * 1000
const plan = buildPlan({ seed: Number(values.seed), start, durationSec, rate: Number(values.rate), scenarios: values.scenario.split(',') })
const dir = mkdtempSync(join(tmpdir(), 'noc-noise-'))
writeFileSync(join(dir, 'sim.yaml'), simConfigYaml())
writeTruth(join(dir, 'truth.jsonl'), plan.truth)

const serve = await spawnServe(['--config', join(dir, 'sim.yaml')])
const stats = await sendPlan(plan, { target: serve.url, speed: 'max' })
if (stats.failed) throw new Error(`${stats.failed} requests failed: ${stats.failures.slice(0, 3).join(' | ')}`)
await new Promise((r) => setTimeout(r, 1500)) // let the ticker run once (resolve holds, timers)

const get = async (path: string) => {
  const r = await fetch(serve.url + path)
  return { status: r.status, json: r.status === 200 ? ((await r.json()) as any) : undefined }
}

interface Member { client: string; fingerprint: string }
interface Inc { id: string; client: string; openedAt: number; mergedInto: string | null; status: string }
/** alert key → the console incidents it belongs to, oldest first. */
const incidentsOfKey = new Map<string, Inc[]>()
let mode: 'incidents' | 'alerts (no incidents API)' = 'incidents'
let consoleIncidents = 0
let problems: Array<{ id: string; key: string; clients: string[]; incidentIds: string[]; status?: string }> = []
const consoleStatus = new Map<string, string>()
const list = await get('/api/v1/incidents?limit=5000')
if (list.status === 404) {
  mode = 'alerts (no incidents API)'
  for (const k of new Set(plan.truth.map((t) => t.key))) incidentsOfKey.set(k, [{ id: k, client: '', openedAt: 0, mergedInto: null, status: 'open' }])
  consoleIncidents = incidentsOfKey.size
} else {
  let incs = list.json as Inc[]
  if (incs.length >= 5000) {
    // More than one page: per client instead.
    incs = []
    for (const c of new Set(plan.truth.map((t) => t.client))) incs.push(...((await get(`/api/v1/incidents?limit=5000&client=${c}`)).json as Inc[]))
  }
  const live = incs.filter((i) => !i.mergedInto)
  consoleIncidents = live.length
  for (const inc of live) {
    const detail = (await get(`/api/v1/incidents/${inc.id}`)).json as { alerts: Member[] }
    for (const a of detail.alerts) {
      const k = `${a.client}/${a.fingerprint}`
      incidentsOfKey.set(k, [...(incidentsOfKey.get(k) ?? []), inc].sort((x, y) => x.openedAt - y.openedAt))
    }
  }
  const pr = await get('/api/v1/problems?resolvedWithinMin=525600')
  problems = pr.json ?? []
}
for (let cursor: string | null = ''; cursor !== null; ) {
  const page = (await get(`/api/v1/alerts?limit=5000${cursor ? `&cursor=${cursor}` : ''}`)).json as { items: Array<Member & { status: string }>; nextCursor: string | null }
  for (const a of page.items) consoleStatus.set(`${a.client}/${a.fingerprint}`, a.status)
  cursor = page.nextCursor
}
await serve.stop()

/** Which console incident an event landed in: of its alert's incidents, the latest opened at or before it. */
const landed = (t: TruthRecord): string | undefined => {
  const incs = incidentsOfKey.get(t.key)
  if (!incs?.length) return undefined
  let pick = incs[0]
  for (const i of incs) if (i.openedAt <= t.at) pick = i
  return pick.id
}

const expected = plan.truth.filter((t) => t.expectIncident)
// An event whose alert never joined an incident is its own singleton (it cannot pair with anything).
const eventItems = expected.map((t) => ({ truth: t.truth, got: landed(t) ?? `none:${t.n}` }))
const firstOfKey = new Map<string, TruthRecord>()
for (const t of expected) if (!firstOfKey.has(t.key)) firstOfKey.set(t.key, t)
const alertItems = [...firstOfKey.values()].map((t) => ({ truth: t.truth, got: landed(t) ?? `none:${t.n}` }))
const ev = pairwise(eventItems)
const al = pairwise(alertItems)
const b3 = bcubed(alertItems)

const truthIncidents = new Set(expected.map((t) => t.truth)).size
const alerts = new Set(plan.truth.map((t) => t.key)).size
const okEvents = plan.truth.filter((t) => !t.expectIncident)
const okInIncidents = okEvents.filter((t) => landed(t)).length
const unplaced = eventItems.filter((x) => x.got.startsWith('none:')).length
const plannedIncidents = new Set(plan.truth.filter((t) => t.planned).map(landed).filter(Boolean)).size
const truthProblemClients = truthProblems(plan.truth)
const confirmed = problems.filter((p) => (p.status ?? 'confirmed') === 'confirmed')
const suspected = problems.filter((p) => p.status === 'suspected')
const prob = problemScore(truthProblemClients, confirmed)
const states = stateMismatches(plan.truth, consoleStatus)
const compression = 1 - consoleIncidents / plan.truth.length

/** Per scenario: truth incidents, the console incidents they landed in, and how many of those mix in other truths. */
const truthsOfIncident = new Map<string, Set<string>>()
for (const x of eventItems) if (!x.got.startsWith('none:')) truthsOfIncident.set(x.got, (truthsOfIncident.get(x.got) ?? new Set()).add(x.truth))
const byScenario: Record<string, { truth: number; console: number; mixed: number }> = {}
for (const sc of new Set(expected.map((t) => t.truth.split(':')[0]))) {
  const items = eventItems.filter((x) => x.truth.startsWith(sc + ':'))
  const got = new Set(items.map((x) => x.got).filter((g) => !g.startsWith('none:')))
  byScenario[sc] = {
    truth: new Set(items.map((x) => x.truth)).size,
    console: got.size,
    mixed: [...got].filter((g) => truthsOfIncident.get(g)!.size > 1).length,
  }
}

const result = {
  mode, seed: plan.seed, durationSec, scenarios: plan.scenarios, sendWallSec: +stats.wallSec.toFixed(1), retries: stats.retries, retryReasons: stats.retryReasons,
  events: plan.truth.length, alerts, consoleIncidents, truthIncidents, compression: +compression.toFixed(4),
  eventsToAlerts: +(plan.truth.length / alerts).toFixed(2), alertsToIncidents: +(alerts / Math.max(1, consoleIncidents)).toFixed(2),
  pairwiseEvents: { precision: +ev.precision.toFixed(4), recall: +ev.recall.toFixed(4), events: ev.items },
  pairwiseAlerts: { precision: +al.precision.toFixed(4), recall: +al.recall.toFixed(4), alerts: al.items },
  bcubedAlerts: { precision: +b3.precision.toFixed(4), recall: +b3.recall.toFixed(4) },
  expectedEventsNotInAnyIncident: unplaced, okEvents: okEvents.length, okEventsInIncidents: okInIncidents,
  plannedMaintenanceIncidents: plannedIncidents, byScenario,
  problems: { precision: +prob.precision.toFixed(4), recall: +prob.recall.toFixed(4), confirmed: prob.perConsole, truth: prob.perTruth },
  consoleProblems: problems.length, suspectedProblems: suspected.map((p) => `${p.key} (${p.clients.length} clients)`),
  consoleProblemKeys: problems.map((p) => `${p.key} ${p.status ?? 'confirmed'} (${p.clients.length} clients)`),
  finalStates: { alerts: states.alerts, mismatches: states.mismatches.length, lostResolves: states.lostResolves, examples: states.mismatches.slice(0, 20) },
  files: { config: join(dir, 'sim.yaml'), truth: join(dir, 'truth.jsonl') }, root: ROOT,
}
writeResult('noise', result)
console.log(
  `noise: ${fmt(plan.truth.length)} events → ${fmt(alerts)} alerts → ${consoleIncidents} ${mode} (truth ${truthIncidents}) = ${(100 * compression).toFixed(1)}% compression (target ≥ 95%) | ` +
    `pairwise events P ${ev.precision.toFixed(2)} R ${ev.recall.toFixed(2)} · alerts P ${al.precision.toFixed(2)} R ${al.recall.toFixed(2)} | ` +
    `B³ alerts P ${b3.precision.toFixed(3)} R ${b3.recall.toFixed(3)} (target ≥ 0.97) | ` +
    `problems P ${prob.precision.toFixed(2)} R ${prob.recall.toFixed(2)} (target ≥ 0.95; ${confirmed.length} confirmed, ${suspected.length} suspected, truth ${truthProblemClients.size}) | ` +
    `final states ${states.alerts - states.mismatches.length}/${states.alerts} (${states.lostResolves} resolves lost) | OK checks in incidents ${okInIncidents}/${okEvents.length}`,
)
