/**
 * Test harness for the incident engine (imported by *.test.ts only): a fake clock, ids, dedup via the real
 * `mergeEvent`, and a check after every step that `applyDecisions(before, decisions)` reproduces the engine's own
 * resulting state — i.e. a store applying the decisions ends up where the engine thinks it is.
 */
import type { Alert } from '@shared/model/alert'
import { ConsoleConfig, type ConsoleConfigInput } from '@shared/model/config'
import type { NocEvent } from '@shared/model/event'
import type { IncidentAction, IncidentAlert, IncidentDraft, TimelineDraft, TimelineKind } from '@shared/model/incident'
import type { ProblemAction, ProblemDraft } from '@shared/model/problem'
import { runProblemAction, type ProblemActionResult } from '../engine/problem-actions'
import { mergeEvent } from '../engine/dedup'
import { processChanges, runAction, tick } from '../engine/incidents'
import { applyDecisions, currentIncidentOf, emptyState } from '../engine/state'
import type { ActionResult, AlertChange, Decision, EngineContext, EngineResult, EngineState } from '../engine/types'

/** Monday 2 June 2025, 10:00 UTC: inside default business hours. */
export const T0 = Date.UTC(2025, 5, 2, 10, 0, 0)
export const MIN = 60_000
export const SEC = 1000

export const makeAlert = (over: Partial<Alert> = {}): Alert => ({
  id: 1,
  fingerprint: 'fp-1',
  fingerprintKind: 'source',
  client: 'acme',
  source: 'native',
  class: 'prometheus',
  ems: 'prom-01',
  rule: 'HighLatency',
  group: null,
  components: [],
  resource: null,
  service: null,
  severity: 'critical',
  status: 'firing',
  count: 1,
  firstSeen: T0,
  lastSeen: T0,
  stateTime: T0,
  resolvedAt: null,
  summary: '',
  description: null,
  labels: {},
  annotations: {},
  url: null,
  runbookUrl: null,
  seq: 1,
  ...over,
})

export type EventSpec = Partial<NocEvent> & { fp: string }

/** Comparable view of a state (alerts excluded: the store writes them, not the decisions). */
const comparable = (s: EngineState) => ({
  incidents: s.incidents,
  links: Object.fromEntries(
    Object.entries(s.links)
      .filter(([, l]) => l.length)
      .map(([id, l]) => [id, [...l].sort((a, b) => a.alertId - b.alertId)]),
  ),
  problems: s.problems,
  timers: [...s.timers].sort((a, b) => `${a.incidentId}${a.what}`.localeCompare(`${b.incidentId}${b.what}`)),
  flaps: s.flaps,
})

export class Sim {
  now: number
  state: EngineState = emptyState()
  config: ConsoleConfig
  readonly log: Decision[] = []
  private rows = new Map<string, Alert>()
  private alertSeq = 0
  private incSeq = 1000
  private prbSeq = 0

  constructor(config: ConsoleConfigInput = {}, now = T0) {
    this.config = ConsoleConfig.parse(config)
    this.now = now
  }

  ctx(): EngineContext {
    return {
      now: this.now,
      config: this.config,
      ids: { incident: () => `INC-${++this.incSeq}`, problem: () => `PRB-${++this.prbSeq}` },
    }
  }

  advance(ms: number): this {
    this.now += ms
    return this
  }

  private commit(before: EngineState, r: EngineResult): EngineResult {
    const replayed = applyDecisions(before, r.decisions)
    const want = comparable(r.state)
    const got = comparable(replayed)
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      throw new Error(`decisions do not reproduce the engine state:\n${JSON.stringify(got, null, 1)}\n!==\n${JSON.stringify(want, null, 1)}`)
    }
    this.state = r.state
    this.log.push(...r.decisions)
    return r
  }

  /** Events of one batch through dedup (mergeEvent) and the engine. Source time defaults to `now`. */
  send(...specs: EventSpec[]): EngineResult {
    const changes: AlertChange[] = []
    for (const { fp, ...over } of specs) {
      const ev: NocEvent = {
        source: 'native',
        client: 'acme',
        fingerprint: fp,
        fingerprintKind: 'source',
        class: 'prometheus',
        ems: 'prom-01',
        rule: fp,
        components: [],
        severity: 'critical',
        status: 'firing',
        summary: `${over.rule ?? fp} summary`,
        time: this.now,
        receivedAt: this.now,
        labels: {},
        ...over,
      }
      const key = `${ev.client}\u001f${fp}`
      const prev = this.rows.get(key)
      const { next } = mergeEvent(prev, ev)
      const alert: Alert = { ...next, id: prev?.id ?? ++this.alertSeq, seq: (prev?.seq ?? 0) + 1 }
      this.rows.set(key, alert)
      changes.push({ alert, previous: prev ?? null })
    }
    return this.commit(this.state, processChanges(this.state, changes, this.ctx()))
  }

  fire(fp: string, over: Partial<NocEvent> = {}): EngineResult {
    return this.send({ fp, ...over, status: 'firing' })
  }

  resolve(fp: string, over: Partial<NocEvent> = {}): EngineResult {
    return this.send({ fp, severity: 'ok', ...over, status: 'resolved' })
  }

  tick(): EngineResult {
    return this.commit(this.state, tick(this.state, this.ctx()))
  }

  act(action: IncidentAction): ActionResult {
    const r = runAction(this.state, action, this.ctx())
    if (r.ok) this.commit(this.state, r)
    return r
  }

  actProblem(action: ProblemAction): ProblemActionResult {
    const r = runProblemAction(this.state, action, this.ctx())
    if (r.ok) this.commit(this.state, r)
    return r
  }

  alert(fp: string, client = 'acme'): Alert {
    const a = this.rows.get(`${client}\u001f${fp}`)
    if (!a) throw new Error(`no alert ${client}/${fp}`)
    return a
  }

  incidents(): IncidentDraft[] {
    return Object.values(this.state.incidents).sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }))
  }

  inc(id: string): IncidentDraft {
    const i = this.state.incidents[id]
    if (!i) throw new Error(`no incident ${id}`)
    return i
  }

  incidentOf(fp: string, client = 'acme'): IncidentDraft | undefined {
    return currentIncidentOf(this.state, this.alert(fp, client).id)
  }

  linkOf(fp: string, client = 'acme'): IncidentAlert | undefined {
    const a = this.alert(fp, client)
    const inc = currentIncidentOf(this.state, a.id)
    return inc ? this.state.links[inc.id]?.find((l) => l.alertId === a.id) : undefined
  }

  problems(): ProblemDraft[] {
    return Object.values(this.state.problems)
  }

  entries(incidentId?: string, kind?: TimelineKind): TimelineDraft[] {
    return this.log
      .flatMap((d) => (d.kind === 'timeline' ? [d.entry] : []))
      .filter((e) => (!incidentId || e.incidentId === incidentId) && (!kind || e.kind === kind))
  }
}
