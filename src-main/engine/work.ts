import type { Alert } from '@shared/model/alert'
import { clientProfile } from '@shared/model/config'
import {
  IncidentFlag,
  isActive,
  type IncidentAlert,
  type IncidentDraft,
  type TimelineDraft,
  type TimelineKind,
} from '@shared/model/incident'
import type { ProblemDraft } from '@shared/model/problem'
import { worstSeverity } from '@shared/model/severity'
import { breakdownChanged, incidentPriority, worseSeverity } from './priority'
import { applyDecisionInPlace, cloneState, currentIncidentOf, diffStates, membersOf, timerOf, type Member } from './state'
import type { EngineContext, EngineResult, EngineState, TimerKind } from './types'

/** `ok` is a clear, never an open severity: an alert "firing" at `ok` counts as resolved. */
export const isFiring = (a: Alert): boolean => a.status === 'firing' && a.severity !== 'ok'

/** "`HighLatency` on web-01" — how alerts are named in reasons and timeline texts. */
export const alertName = (a: Alert): string => `\`${a.rule}\`${a.resource ? ` on ${a.resource}` : ''}`

const FLAG_ORDER = IncidentFlag.options

/**
 * A unit of engine work: a private copy of the state that steps mutate, the timeline written on the way, and
 * `settle()` — after each step, derived fields (severity, alert count, priority, flags, resolve timers, problem
 * resolution) are recomputed for every touched incident and their changes written to the timeline.
 * `finish()` diffs the copy against the input, so the store receives one upsert per changed row.
 */
export class Work {
  readonly s: EngineState
  private readonly entries: TimelineDraft[] = []
  /** Incidents touched in the current step → their row before the step (null: created in it). */
  private readonly touched = new Map<string, IncidentDraft | null>()
  private readonly resolveCheck = new Set<string>()

  constructor(
    private readonly initial: EngineState,
    readonly ctx: EngineContext,
  ) {
    this.s = cloneState(initial)
  }

  get now(): number {
    return this.ctx.now
  }
  get config() {
    return this.ctx.config
  }
  incident(id: string): IncidentDraft | undefined {
    return this.s.incidents[id]
  }
  members(id: string): Member[] {
    return membersOf(this.s, id)
  }
  /**
   * Firing members whose current incident this is. An alert that re-fired after the re-open window keeps its old
   * link as history but belongs to its new incident; it must not keep the old one from resolving.
   */
  firing(id: string): Member[] {
    return this.members(id).filter((m) => isFiring(m.alert) && currentIncidentOf(this.s, m.alert.id)?.id === id)
  }

  touch(id: string): void {
    if (!this.touched.has(id)) this.touched.set(id, this.s.incidents[id] ?? null)
  }
  putIncident(inc: IncidentDraft): void {
    this.touch(inc.id)
    this.s.incidents[inc.id] = inc
  }
  patchIncident(id: string, patch: Partial<IncidentDraft>): IncidentDraft {
    const next = { ...(this.s.incidents[id] as IncidentDraft), ...patch }
    this.putIncident(next)
    return next
  }
  putLink(link: IncidentAlert): void {
    this.touch(link.incidentId)
    applyDecisionInPlace(this.s, { kind: 'put-link', link })
  }
  dropLink(incidentId: string, alertId: number): void {
    this.touch(incidentId)
    applyDecisionInPlace(this.s, { kind: 'drop-link', incidentId, alertId })
  }
  setTimer(incidentId: string, what: TimerKind, dueAt: number | null): void {
    applyDecisionInPlace(this.s, { kind: 'timer', incidentId, what, dueAt })
  }
  /** Problems change blast radius, so every linked incident is re-prioritised. */
  putProblem(p: ProblemDraft): void {
    this.s.problems[p.id] = p
    for (const id of p.incidentIds) if (this.s.incidents[id]) this.touch(id)
  }
  setFlaps(alertId: number, transitions: number[]): void {
    applyDecisionInPlace(this.s, { kind: 'flap-history', alertId, transitions })
  }
  setAlert(alert: Alert): void {
    this.s.alerts[String(alert.id)] = alert
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
      const p = this.s.incidents[id]?.problemId
      if (p) problems.add(p)
    }
    for (const pid of problems) this.syncProblem(pid)
    this.touched.clear()
    this.resolveCheck.clear()
  }

  finish(): EngineResult {
    this.settle()
    return { decisions: diffStates(this.initial, this.s, this.entries), state: this.s }
  }

  private derive(id: string, before: IncidentDraft | null): void {
    const inc = this.s.incidents[id]
    if (!inc) return
    if (inc.status === 'closed') {
      // Frozen as it was: closed incidents keep their last severity and priority; no timer survives closing.
      this.setTimer(id, 'resolve', null)
      this.setTimer(id, 'ack-expire', null)
      const alertCount = this.members(id).length
      const flags = inc.flags.filter((f) => f !== 'worsened-while-acked')
      if (alertCount !== inc.alertCount || flags.length !== inc.flags.length) this.s.incidents[id] = { ...inc, alertCount, flags }
      return
    }
    const members = this.members(id)
    const firing = this.firing(id)
    const severity = worstSeverity(firing.map((m) => m.alert.severity)) ?? inc.severity
    const problem = inc.problemId ? this.s.problems[inc.problemId] : undefined
    const fresh = incidentPriority({
      profile: clientProfile(this.config, inc.client),
      severity,
      alerts: members.map((m) => m.alert),
      blastClients: problem?.clients.length ?? 1,
      now: this.now,
      config: this.config,
    })
    const breakdown = before === null || breakdownChanged(fresh, inc.priorityBreakdown) ? fresh : inc.priorityBreakdown
    const flags = new Set(inc.flags)
    if (inc.status !== 'acknowledged') flags.delete('worsened-while-acked')
    const worsened = before?.status === 'acknowledged' && inc.status === 'acknowledged' && worseSeverity(severity, before.severity)
    if (worsened) flags.add('worsened-while-acked')
    const next: IncidentDraft = {
      ...inc,
      severity,
      alertCount: members.length,
      priority: breakdown.priority,
      priorityBreakdown: breakdown,
      flags: FLAG_ORDER.filter((f) => flags.has(f)),
    }
    this.s.incidents[id] = next
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
    const pending = timerOf(this.s, id, 'resolve')
    if (!isActive(next.status) || firing.length > 0) {
      if (pending) this.setTimer(id, 'resolve', null)
    } else if (this.resolveCheck.has(id) && !pending && members.length > 0) {
      this.setTimer(id, 'resolve', this.now + this.config.correlation.resolveHoldSec * 1000)
    }
    if (next.status !== 'acknowledged') this.setTimer(id, 'ack-expire', null)
  }

  /** A problem is resolved while none of its incidents is open or acknowledged. */
  private syncProblem(pid: string): void {
    const p = this.s.problems[pid]
    if (!p) return
    const active = p.incidentIds.some((iid) => {
      const i = this.s.incidents[iid]
      return i !== undefined && isActive(i.status)
    })
    const resolvedAt = active ? null : (p.resolvedAt ?? this.now)
    if (resolvedAt !== p.resolvedAt) this.s.problems[pid] = { ...p, resolvedAt }
  }
}

/** A fresh incident opened by `alert`; derived fields are filled in by settle(). */
export const newIncidentDraft = (w: Work, id: string, alert: Alert): IncidentDraft => {
  const priorityBreakdown = incidentPriority({
    profile: clientProfile(w.config, alert.client),
    severity: alert.severity,
    alerts: [alert],
    blastClients: 1,
    now: w.now,
    config: w.config,
  })
  return {
    id,
    client: alert.client,
    title: (alert.summary || alert.rule).slice(0, 300),
    status: 'open',
    priority: priorityBreakdown.priority,
    priorityBreakdown,
    severity: alert.severity,
    openedAt: w.now,
    acknowledgedAt: null,
    resolvedAt: null,
    closedAt: null,
    owner: null,
    escalationLevel: 0,
    alertCount: 1,
    problemId: null,
    mergedInto: null,
    flags: [],
    service: alert.service,
    resource: alert.resource,
    rule: alert.rule,
    cause: null,
    solution: null,
    tags: [],
  }
}
