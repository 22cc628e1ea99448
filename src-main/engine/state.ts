import type { Alert } from '@shared/model/alert'
import type { ConsoleConfig } from '@shared/model/config'
import { isActive, type IncidentAlert, type IncidentDraft, type TimelineDraft } from '@shared/model/incident'
import type { ProblemDraft } from '@shared/model/problem'
import type { Decision, EngineState, Timer } from './types'

export const emptyState = (): EngineState => ({
  incidents: {},
  links: {},
  alerts: {},
  problems: {},
  flaps: {},
  timers: [],
  byAlert: {},
})

export interface StateRows {
  incidents: IncidentDraft[]
  links: IncidentAlert[]
  alerts: Alert[]
  problems?: ProblemDraft[]
  flaps?: Record<string, number[]>
  timers?: Timer[]
}

/** Build the engine's view from rows the store loaded. */
export const buildState = (rows: StateRows): EngineState => {
  const s = emptyState()
  for (const i of rows.incidents) s.incidents[i.id] = i
  for (const a of rows.alerts) s.alerts[String(a.id)] = a
  for (const p of rows.problems ?? []) s.problems[p.id] = p
  Object.assign(s.flaps, rows.flaps ?? {})
  s.timers = [...(rows.timers ?? [])]
  for (const l of [...rows.links].sort((a, b) => a.joinedAt - b.joinedAt)) putLink(s, l)
  return s
}

/** Copy the containers (not the rows: rows are treated as immutable and replaced, never edited). */
export const cloneState = (s: EngineState): EngineState => ({
  incidents: { ...s.incidents },
  links: { ...s.links },
  alerts: { ...s.alerts },
  problems: { ...s.problems },
  flaps: { ...s.flaps },
  timers: [...s.timers],
  byAlert: { ...s.byAlert },
})

const putLink = (s: EngineState, l: IncidentAlert): void => {
  const list = s.links[l.incidentId] ?? []
  const i = list.findIndex((x) => x.alertId === l.alertId)
  s.links[l.incidentId] = i === -1 ? [...list, l] : list.map((x, j) => (j === i ? l : x))
  const key = String(l.alertId)
  const ids = s.byAlert[key] ?? []
  if (!ids.includes(l.incidentId)) s.byAlert[key] = [...ids, l.incidentId]
}

const dropLink = (s: EngineState, incidentId: string, alertId: number): void => {
  s.links[incidentId] = (s.links[incidentId] ?? []).filter((x) => x.alertId !== alertId)
  const key = String(alertId)
  const ids = (s.byAlert[key] ?? []).filter((x) => x !== incidentId)
  if (ids.length) s.byAlert[key] = ids
  else delete s.byAlert[key]
}

const setTimer = (s: EngineState, t: { incidentId: string; what: Timer['what']; dueAt: number | null }): void => {
  s.timers = s.timers.filter((x) => !(x.incidentId === t.incidentId && x.what === t.what))
  if (t.dueAt !== null) s.timers.push({ incidentId: t.incidentId, what: t.what, dueAt: t.dueAt })
}

/** What one decision means, applied to a (mutable) state. The store does the same to its tables. */
export const applyDecisionInPlace = (s: EngineState, d: Decision): void => {
  switch (d.kind) {
    case 'put-problem':
      s.problems[d.problem.id] = d.problem
      return
    case 'put-incident':
      s.incidents[d.incident.id] = d.incident
      return
    case 'drop-link':
      return dropLink(s, d.incidentId, d.alertId)
    case 'put-link':
      return putLink(s, d.link)
    case 'timeline':
      return
    case 'timer':
      return setTimer(s, d)
    case 'flap-history':
      if (d.transitions.length) s.flaps[String(d.alertId)] = d.transitions
      else delete s.flaps[String(d.alertId)]
      return
  }
}

export const applyDecisions = (s: EngineState, decisions: Decision[]): EngineState => {
  const next = cloneState(s)
  for (const d of decisions) applyDecisionInPlace(next, d)
  return next
}

export interface Member {
  link: IncidentAlert
  alert: Alert
}

/** Member alerts of an incident (links whose alert row is known). */
export const membersOf = (s: EngineState, incidentId: string): Member[] =>
  (s.links[incidentId] ?? []).flatMap((link) => {
    const alert = s.alerts[String(link.alertId)]
    return alert ? [{ link, alert }] : []
  })

/**
 * The incident an alert currently belongs to: the one holding its most recent link (by joinedAt; merges keep the
 * original joinedAt). Older links are history (an alert that re-fired after the re-open window joined a new
 * incident). If the latest incident is closed, the alert has no current incident. Deciding by recency rather than
 * by status keeps an alert from silently changing incidents when an operator resolves or re-opens one.
 */
export const currentIncidentOf = (s: EngineState, alertId: number): IncidentDraft | undefined => {
  let best: { inc: IncidentDraft; at: number } | undefined
  for (const id of s.byAlert[String(alertId)] ?? []) {
    const inc = s.incidents[id]
    const link = s.links[id]?.find((l) => l.alertId === alertId)
    if (!inc || !link) continue
    if (!best || link.joinedAt >= best.at) best = { inc, at: link.joinedAt }
  }
  return best && best.inc.status !== 'closed' ? best.inc : undefined
}

export const timerOf = (s: EngineState, incidentId: string, what: Timer['what']): Timer | undefined =>
  s.timers.find((t) => t.incidentId === incidentId && t.what === what)

const same = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b)

/**
 * The decisions that turn `before` into `after`, in store order, plus the timeline entries recorded on the way.
 * Diffing (rather than logging every intermediate write) means one put per row and no no-op writes.
 */
export const diffStates = (before: EngineState, after: EngineState, timeline: TimelineDraft[]): Decision[] => {
  const out: Decision[] = []
  for (const [id, p] of Object.entries(after.problems))
    if (!same(before.problems[id], p)) out.push({ kind: 'put-problem', problem: p, created: !before.problems[id] })
  for (const [id, inc] of Object.entries(after.incidents))
    if (!same(before.incidents[id], inc)) out.push({ kind: 'put-incident', incident: inc, created: !before.incidents[id] })
  const ids = new Set([...Object.keys(before.links), ...Object.keys(after.links)])
  const puts: Decision[] = []
  for (const id of ids) {
    const b = before.links[id] ?? []
    const a = after.links[id] ?? []
    if (b === a) continue
    for (const l of b) if (!a.some((x) => x.alertId === l.alertId)) out.push({ kind: 'drop-link', incidentId: id, alertId: l.alertId })
    for (const l of a) if (!same(b.find((x) => x.alertId === l.alertId), l)) puts.push({ kind: 'put-link', link: l })
  }
  out.push(...puts)
  for (const entry of timeline) out.push({ kind: 'timeline', entry })
  const key = (t: { incidentId: string; what: string }) => `${t.incidentId}\u001f${t.what}`
  const bt = new Map(before.timers.map((t) => [key(t), t]))
  const at = new Map(after.timers.map((t) => [key(t), t]))
  for (const [k, t] of at) if (bt.get(k)?.dueAt !== t.dueAt) out.push({ kind: 'timer', ...t })
  for (const [k, t] of bt) if (!at.has(k)) out.push({ kind: 'timer', incidentId: t.incidentId, what: t.what, dueAt: null })
  const flapIds = new Set([...Object.keys(before.flaps), ...Object.keys(after.flaps)])
  for (const id of flapIds)
    if (!same(before.flaps[id], after.flaps[id])) out.push({ kind: 'flap-history', alertId: Number(id), transitions: after.flaps[id] ?? [] })
  return out
}

/**
 * Drop what the engine no longer needs: closed incidents, resolved ones past the re-open window, their links,
 * alerts nothing points at, resolved problems, flap histories older than the flapping window.
 */
export const pruneState = (s: EngineState, now: number, config: ConsoleConfig): EngineState => {
  const reopenMs = config.correlation.reopenWindowMin * 60_000
  const keep = (i: IncidentDraft) => isActive(i.status) || (i.status === 'resolved' && now - (i.resolvedAt ?? now) <= reopenMs)
  const incidents = Object.fromEntries(Object.entries(s.incidents).filter(([, i]) => keep(i)))
  const links = Object.fromEntries(Object.entries(s.links).filter(([id]) => incidents[id]))
  const alertIds = new Set(Object.values(links).flatMap((ls) => ls.map((l) => String(l.alertId))))
  const flapMs = config.correlation.flapping.windowMin * 60_000
  return buildState({
    incidents: Object.values(incidents),
    links: Object.values(links).flat(),
    alerts: Object.values(s.alerts).filter((a) => alertIds.has(String(a.id))),
    problems: Object.values(s.problems).filter((p) => p.resolvedAt === null),
    // Referenced alerts keep their history (its last entry is when their current firing began).
    flaps: Object.fromEntries(Object.entries(s.flaps).filter(([id, t]) => alertIds.has(id) || (t.length && t[t.length - 1] >= now - flapMs))),
    timers: s.timers.filter((t) => incidents[t.incidentId]),
  })
}

/**
 * Add rows to a state (e.g. a closed incident with its links and alerts before an operator re-opens it, when the
 * hub's in-memory state has pruned it). Existing rows are replaced by the given ones.
 */
export const includeRows = (s: EngineState, rows: Partial<StateRows>): EngineState => {
  const next = cloneState(s)
  for (const i of rows.incidents ?? []) next.incidents[i.id] = i
  for (const a of rows.alerts ?? []) next.alerts[String(a.id)] = a
  for (const p of rows.problems ?? []) next.problems[p.id] = p
  Object.assign(next.flaps, rows.flaps ?? {})
  for (const t of rows.timers ?? []) setTimer(next, t)
  for (const l of rows.links ?? []) putLink(next, l)
  return next
}
