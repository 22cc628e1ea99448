import type { Alert } from '@shared/model/alert'
import { IncidentFlag, isActive, type IncidentAlert, type IncidentDraft, type TimelineDraft, type TimelineKind } from '@shared/model/incident'
import type { ProblemDraft } from '@shared/model/problem'
import type { Severity } from '@shared/model/severity'
import { decisionsOf } from './diff'
import { computePriority, priorityChanged, profileOf, worseSeverity, type PriorityInput } from './priority'
import { currentIn, membersIn, versionOf, type Member } from './state'
import { timerKey, type StateTables } from './state-tables'
import type { EngineContext, EngineResult, EngineState, TimerKind } from './types'

export { alertName, isFiring } from './alert-state'
export { newIncidentDraft } from './incident-draft'

const FLAG_ORDER = IncidentFlag.options

/**
 * A unit of engine work on a version of the state (made the tables' current one, see state-tables.ts): steps write the
 * tables (journaled), the timeline is collected on the way, and `settle()` — after each step — recomputes derived
 * fields (severity, alert count, priority, flags, resolve timers, problem resolution) of every touched incident
 * and writes their changes to the timeline. Derived fields come from per-incident aggregates the tables keep, so
 * settling costs O(1) per touched incident. `finish()` seals a new version and diffs only what was written;
 * `abort()` undoes it all.
 */
export class Work {
  readonly st: StateTables
  private readonly entries: TimelineDraft[] = []
  /** Incidents touched in the current step → their row before the step (null: created in it). */
  private readonly touched = new Map<string, IncidentDraft | null>()
  private readonly resolveCheck = new Set<string>()

  constructor(
    initial: EngineState,
    readonly ctx: EngineContext,
  ) {
    const v = versionOf(initial)
    this.st = v.tables
    this.st.begin(v)
  }

  get now(): number {
    return this.ctx.now
  }
  get config() {
    return this.ctx.config
  }
  incident(id: string): IncidentDraft | undefined {
    return this.st.incidents.get(id)
  }
  problem(id: string): ProblemDraft | undefined {
    return this.st.problems.get(id)
  }
  flaps(alertId: number): number[] {
    return this.st.flaps.get(alertId) ?? []
  }
  members(id: string): Member[] {
    return membersIn(this.st, id)
  }
  /** Number of members (links whose alert row is known). */
  memberCount(id: string): number {
    return this.st.ix.agg(id).known
  }
  /**
   * Firing members whose current incident this is (for an incident that is not closed). An alert that re-fired
   * after the re-open window keeps its old link as history but belongs to its new incident; it must not keep the
   * old one from resolving.
   */
  firingCount(id: string): number {
    return this.st.ix.agg(id).firing()
  }
  current(alertId: number): IncidentDraft | undefined {
    return currentIn(this.st, alertId)
  }

  touch(id: string): void {
    if (!this.touched.has(id)) this.touched.set(id, this.st.incidents.get(id) ?? null)
  }
  putIncident(inc: IncidentDraft): void {
    this.touch(inc.id)
    this.st.putIncident(inc.id, inc)
  }
  patchIncident(id: string, patch: Partial<IncidentDraft>): IncidentDraft {
    const next = { ...(this.st.incidents.get(id) as IncidentDraft), ...patch }
    this.putIncident(next)
    return next
  }
  putLink(link: IncidentAlert): void {
    this.touch(link.incidentId)
    this.st.link(link)
  }
  dropLink(incidentId: string, alertId: number): void {
    this.touch(incidentId)
    this.st.unlink(incidentId, alertId)
  }
  setTimer(incidentId: string, what: TimerKind, dueAt: number | null): void {
    this.st.setTimer(incidentId, what, dueAt)
  }
  /** Problems change blast radius, so every linked incident is re-prioritised. */
  putProblem(p: ProblemDraft): void {
    this.st.putProblem(p.id, p)
    for (const id of p.incidentIds) if (this.st.incidents.has(id)) this.touch(id)
  }
  setFlaps(alertId: number, transitions: number[]): void {
    this.st.putFlaps(alertId, transitions.length ? transitions : undefined)
  }
  setAlert(alert: Alert): void {
    this.st.putAlert(alert.id, alert)
  }
  /** Ask settle() to start the resolve hold if every alert of this incident is resolved. */
  checkResolve(id: string): void {
    this.touch(id)
    this.resolveCheck.add(id)
  }
  log(incidentId: string, kind: TimelineKind, text: string, opts: { actor?: string; data?: Record<string, unknown> } = {}): void {
    this.entries.push({ incidentId, at: this.now, actor: opts.actor ?? 'system', kind, text, data: opts.data ?? null })
  }

  settle(): void {
    for (const [id, before] of this.touched) this.derive(id, before)
    const problems = new Set<string>()
    for (const id of this.touched.keys()) {
      const p = this.st.incidents.get(id)?.problemId
      if (p) problems.add(p)
      for (const listed of this.st.ix.problemsListing.get(id) ?? []) problems.add(listed)
    }
    for (const pid of problems) this.syncProblem(pid)
    this.touched.clear()
    this.resolveCheck.clear()
  }

  finish(): EngineResult {
    this.settle()
    const decisions = decisionsOf(this.st, this.st.pending, this.entries)
    return { decisions, state: this.st.commit() }
  }

  /** Undo every write of this work (a refused action, an exception): the tables are back at the initial version. */
  abort(): void {
    this.st.abort()
  }

  private derive(id: string, before: IncidentDraft | null): void {
    const inc = this.st.incidents.get(id)
    if (!inc) return
    const agg = this.st.ix.agg(id)
    if (inc.status === 'closed') {
      // Frozen as it was: closed incidents keep their last severity and priority; no timer survives closing.
      this.setTimer(id, 'resolve', null)
      this.setTimer(id, 'ack-expire', null)
      const alertCount = agg.known
      const flags = inc.flags.filter((f) => f !== 'worsened-while-acked')
      if (alertCount !== inc.alertCount || flags.length !== inc.flags.length) this.st.putIncident(id, { ...inc, alertCount, flags })
      return
    }
    const { next, firing, worsened } = this.derived(inc, before)
    const { severity } = next
    const breakdown = next.priorityBreakdown
    // Writing an equal row would change nothing; skipping it keeps the incident out of this call's diff.
    if (!sameDerived(next, inc)) this.st.putIncident(id, next)
    if (before && before.status !== 'closed') {
      if (worsened)
        this.log(id, 'worsened', `severity worsened ${before.severity} → ${severity} while acknowledged${inc.owner ? ` by ${inc.owner}` : ''}`, {
          data: { from: before.severity, to: severity },
        })
      else if (severity !== before.severity)
        this.log(id, 'severity-changed', `severity ${before.severity} → ${severity}`, { data: { from: before.severity, to: severity } })
      if (next.priority !== before.priority)
        this.log(id, 'priority-changed', `priority ${before.priority} → ${next.priority} (score ${before.priorityBreakdown.score} → ${breakdown.score})`, {
          data: { from: before.priority, to: next.priority, score: breakdown.score },
        })
    }
    const pending = this.st.timers.get(timerKey(id, 'resolve'))
    if (!isActive(next.status) || firing > 0) {
      if (pending) this.setTimer(id, 'resolve', null)
    } else if (this.resolveCheck.has(id) && !pending && agg.known > 0) {
      this.setTimer(id, 'resolve', this.now + this.config.correlation.resolveHoldSec * 1000)
    }
    if (next.status !== 'acknowledged') this.setTimer(id, 'ack-expire', null)
  }

  /** The derived fields of a non-closed incident, as settle() would write them. */
  private derived(inc: IncidentDraft, before: IncidentDraft | null): { next: IncidentDraft; firing: number; worsened: boolean } {
    const agg = this.st.ix.agg(inc.id)
    const firing = agg.firing()
    const severity = agg.worst() ?? inc.severity
    // A breakdown is replaced only when its values move (its notes follow the clock); compute it only then.
    const input = this.priorityInput(inc, severity)
    const breakdown = before === null || priorityChanged(input, inc.priorityBreakdown) ? computePriority(input) : inc.priorityBreakdown
    const flags = new Set(inc.flags)
    if (inc.status !== 'acknowledged') flags.delete('worsened-while-acked')
    const worsened = before?.status === 'acknowledged' && inc.status === 'acknowledged' && worseSeverity(severity, before.severity)
    if (worsened) flags.add('worsened-while-acked')
    const next: IncidentDraft = {
      ...inc,
      severity,
      alertCount: agg.known,
      priority: breakdown.priority,
      priorityBreakdown: breakdown,
      flags: FLAG_ORDER.filter((f) => flags.has(f)),
    }
    return { next, firing, worsened }
  }

  /**
   * Whether settling this active incident now would change it. The clock alone moves business hours; anything
   * else that moves its derived fields also touches it. Lets the periodic refresh skip the incidents it would
   * rewrite unchanged (settling an untouched incident changes nothing else: its timers are already in step).
   */
  stale(id: string): boolean {
    const inc = this.st.incidents.get(id)
    if (!inc || inc.status === 'closed') return false
    const agg = this.st.ix.agg(id)
    const severity = agg.worst() ?? inc.severity
    // With `before` = the row itself nothing can have worsened; flags only get normalised.
    const flags = FLAG_ORDER.filter((f) => inc.flags.includes(f) && (f !== 'worsened-while-acked' || inc.status === 'acknowledged'))
    return (
      severity !== inc.severity ||
      agg.known !== inc.alertCount ||
      flags.length !== inc.flags.length ||
      flags.some((f, i) => f !== inc.flags[i]) ||
      priorityChanged(this.priorityInput(inc, severity), inc.priorityBreakdown)
    )
  }

  /** The aggregates' sorted distinct services and resources are what incidentPriority derives from members. */
  private priorityInput(inc: IncidentDraft, severity: Severity): PriorityInput {
    const agg = this.st.ix.agg(inc.id)
    const problem = inc.problemId ? this.st.problems.get(inc.problemId) : undefined
    return {
      profile: profileOf(this.config, inc.client),
      severity,
      services: agg.services.sorted,
      resources: agg.resources.sorted,
      blastClients: Math.max(1, problem?.clients.length ?? 1),
      blastStatus: problem?.status,
      now: this.now,
      thresholds: this.config.priority.thresholds,
    }
  }

  /** A problem is resolved while none of its incidents is open or acknowledged. */
  private syncProblem(pid: string): void {
    const p = this.st.problems.get(pid)
    if (!p) return
    const active = p.incidentIds.some((iid) => {
      const i = this.st.incidents.get(iid)
      return i !== undefined && isActive(i.status)
    })
    const resolvedAt = active ? null : (p.resolvedAt ?? this.now)
    if (resolvedAt !== p.resolvedAt) this.st.putProblem(pid, { ...p, resolvedAt })
  }
}

/** The fields `derived` sets are those of `b` (everything else is copied from it). */
const sameDerived = (a: IncidentDraft, b: IncidentDraft): boolean =>
  a.severity === b.severity &&
  a.alertCount === b.alertCount &&
  a.priority === b.priority &&
  a.priorityBreakdown === b.priorityBreakdown &&
  a.flags.length === b.flags.length &&
  a.flags.every((f, i) => f === b.flags[i])

/** Run `fn` as one unit of work; whatever it does not finish is undone (also when it throws). */
export const withWork = <T>(state: EngineState, ctx: EngineContext, fn: (w: Work) => T): T => {
  const w = new Work(state, ctx)
  try {
    return fn(w)
  } finally {
    if (w.st.journal) w.abort()
  }
}
