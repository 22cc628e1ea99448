import type { Alert } from '@shared/model/alert'
import type { ConsoleConfig } from '@shared/model/config'
import { isActive, type IncidentAlert, type IncidentDraft } from '@shared/model/incident'
import type { ProblemDraft } from '@shared/model/problem'
import { StateTables, timerKey, type LinkSet } from './state-tables'
import type { Decision, EngineState, Timer } from './types'
import { StateVersion } from './version'
import { OBSERVED_FROM } from './rule-baseline'

/**
 * The engine state's public operations. An EngineState is an immutable version (version.ts) of shared state tables
 * (state-tables.ts): operations on the newest version cost what they change; older versions stay readable.
 */

export const emptyState = (): EngineState => new StateTables().head

export interface StateRows {
  incidents: IncidentDraft[]
  links: IncidentAlert[]
  alerts: Alert[]
  problems?: ProblemDraft[]
  flaps?: Record<string, number[]>
  timers?: Timer[]
  /** Recent onsets per rule (source times): the rules' cross-client baselines. */
  onsets?: Record<string, number[]>
}

const fill = (st: StateTables, rows: Partial<StateRows>, links: readonly IncidentAlert[]): void => {
  for (const i of rows.incidents ?? []) st.putIncident(i.id, i)
  for (const a of rows.alerts ?? []) st.putAlert(a.id, a)
  for (const p of rows.problems ?? []) st.putProblem(p.id, p)
  for (const [id, t] of Object.entries(rows.flaps ?? {})) st.putFlaps(Number(id), t)
  for (const t of rows.timers ?? []) st.setTimer(t.incidentId, t.what, t.dueAt)
  for (const [rule, list] of Object.entries(rows.onsets ?? {})) st.putOnsets(rule, [...list].sort((a, b) => a - b))
  for (const l of links) st.link(l)
}

/** Build the engine's view from rows the database layer loaded (links in join order). */
export const buildState = (rows: StateRows): EngineState => {
  const st = new StateTables()
  fill(st, rows, [...rows.links].sort((a, b) => a.joinedAt - b.joinedAt))
  return st.head
}

/** States made as plain objects (not by this module) are adopted once into tables of their own. */
const adopted = new WeakMap<object, StateVersion>()

export const versionOf = (s: EngineState): StateVersion => {
  if (s instanceof StateVersion) return s
  let v = adopted.get(s)
  if (!v) {
    const st = new StateTables()
    fill(
      st,
      { incidents: Object.values(s.incidents), alerts: Object.values(s.alerts), problems: Object.values(s.problems), flaps: s.flaps, timers: s.timers },
      Object.values(s.links).flat(),
    )
    v = st.head
    adopted.set(s, v)
  }
  return v
}

/** The tables holding version `s` (checked out: read it now, before another version is read or written). */
export const tablesOf = (s: EngineState): StateTables => {
  const v = versionOf(s)
  v.tables.checkout(v)
  return v.tables
}

/** What one decision means, applied to the tables. The hub's repositories do the same to their tables. */
export const applyDecision = (st: StateTables, d: Decision): void => {
  switch (d.kind) {
    case 'put-problem':
      return st.putProblem(d.problem.id, d.problem)
    case 'put-incident':
      return st.putIncident(d.incident.id, d.incident)
    case 'drop-link':
      return st.unlink(d.incidentId, d.alertId)
    case 'put-link':
      return st.link(d.link)
    case 'timeline':
      return
    case 'timer':
      return st.setTimer(d.incidentId, d.what, d.dueAt)
    case 'flap-history':
      return st.putFlaps(d.alertId, d.transitions.length ? d.transitions : undefined)
  }
}

/** A successor of `s`: `s` itself is not changed. */
export const edit = (s: EngineState, change: (st: StateTables) => void): EngineState => {
  const v = versionOf(s)
  const st = v.tables
  st.begin(v)
  try {
    change(st)
  } catch (e) {
    st.abort()
    throw e
  }
  return st.commit()
}

export const applyDecisions = (s: EngineState, decisions: Decision[]): EngineState =>
  edit(s, (st) => {
    for (const d of decisions) applyDecision(st, d)
  })

export interface Member {
  link: IncidentAlert
  alert: Alert
}

/** Member alerts of an incident in join order (links whose alert row is known). */
export const membersIn = (st: StateTables, incidentId: string): Member[] => {
  const out: Member[] = []
  for (const link of st.links.get(incidentId)?.values() ?? []) {
    const alert = st.alerts.get(link.alertId)
    if (alert) out.push({ link, alert })
  }
  return out
}

export const membersOf = (s: EngineState, incidentId: string): Member[] => membersIn(tablesOf(s), incidentId)

/**
 * The incident an alert currently belongs to: the one holding its most recent link (by joinedAt; merges keep the
 * original joinedAt). Older links are history (an alert that re-fired after the re-open window joined a new
 * incident). If the latest incident is closed, the alert has no current incident. Deciding by recency rather than
 * by status keeps an alert from silently changing incidents when an operator resolves or re-opens one.
 */
export const currentIn = (st: StateTables, alertId: number): IncidentDraft | undefined => {
  const id = st.ix.owner(alertId)
  const inc = id === undefined ? undefined : st.incidents.get(id)
  return inc && inc.status !== 'closed' ? inc : undefined
}

export const currentIncidentOf = (s: EngineState, alertId: number): IncidentDraft | undefined => currentIn(tablesOf(s), alertId)

export const incidentOf = (s: EngineState, id: string): IncidentDraft | undefined => tablesOf(s).incidents.get(id)

export const timerOf = (s: EngineState, incidentId: string, what: Timer['what']): Timer | undefined => tablesOf(s).timers.get(timerKey(incidentId, what))

/**
 * Drop what the engine no longer needs: closed incidents, resolved ones past the re-open window, their links,
 * alerts nothing points at, resolved problems, flap histories older than the flapping window. Links of what stays
 * end up in join-time order, as a state rebuilt from the database rows would have them (and as the full rebuild
 * this replaces left them); the common case — nothing to drop, nothing out of order — writes nothing.
 */
export const pruneState = (s: EngineState, now: number, config: ConsoleConfig): EngineState => {
  const reopenMs = config.correlation.reopenWindowMin * 60_000
  const flapMs = config.correlation.flapping.windowMin * 60_000
  const keep = (i: IncidentDraft) => isActive(i.status) || (i.status === 'resolved' && now - (i.resolvedAt ?? now) <= reopenMs)
  // Each pass collects first and writes after: the containers must not change under their iterators.
  const drop = <K, V>(entries: Iterable<[K, V]>, gone: (k: K, v: V) => boolean, write: (k: K) => void) => {
    const keys: K[] = []
    for (const [k, v] of entries) if (gone(k, v)) keys.push(k)
    for (const k of keys) write(k)
  }
  return edit(s, (st) => {
    drop(
      st.links.entries(),
      (id, set) => set.size === 0 || !keep(st.incidents.get(id) ?? GONE),
      (id) => {
        for (const a of [...(st.links.get(id)?.keys() ?? [])]) st.unlink(id, a)
        st.putLinkSet(id, undefined)
      },
    )
    const unsorted: string[] = []
    for (const [id, set] of st.links.entries()) if (!inJoinOrder(set.values())) unsorted.push(id)
    for (const id of unsorted) sortByJoin(st, id)
    orderByFirstJoin(st)
    drop(st.incidents.entries(), (_, inc) => !keep(inc), (id) => st.putIncident(id, undefined))
    drop(st.alerts.entries(), (id) => !st.byAlert.has(id), (id) => st.putAlert(id, undefined))
    drop(st.problems.entries(), (_, p) => p.resolvedAt !== null, (id) => st.putProblem(id, undefined))
    // Referenced alerts keep their history (its last entry is when their current firing began).
    drop(st.flaps.entries(), (id, t) => !st.byAlert.has(id) && !(t.length && t[t.length - 1] >= now - flapMs), (id) => st.putFlaps(id, undefined))
    drop(st.timers.entries(), (_, t) => !st.incidents.has(t.incidentId), (k) => st.putTimer(k, undefined))
    // Rule baselines learn from the last `baselineHours`; older onsets go (the earliest-onset marker stays).
    const from = now - config.correlation.crossClient.baselineHours * 3_600_000
    const old: [string, number[]][] = []
    for (const [rule, list] of st.onsets) if (rule !== OBSERVED_FROM && list.length && list[0] < from) old.push([rule, list])
    for (const [rule, list] of old) {
      const kept = list.filter((t) => t >= from)
      st.putOnsets(rule, kept.length ? kept : undefined)
    }
  })
}

/** Stands for a missing incident (its links go). */
const GONE = { status: 'closed' } as IncidentDraft

const inJoinOrder = (links: Iterable<IncidentAlert>): boolean => {
  let at = -Infinity
  for (const l of links) {
    if (l.joinedAt < at) return false
    at = l.joinedAt
  }
  return true
}

/** Re-link an incident's links in joinedAt order (stable) after a merge appended older ones after newer. */
const sortByJoin = (st: StateTables, id: string): void => {
  const links = [...(st.links.get(id)?.values() ?? [])]
  const sorted = [...links].sort((a, b) => a.joinedAt - b.joinedAt)
  for (const l of links) st.unlink(id, l.alertId)
  for (const l of sorted) st.link(l)
}

/** Incidents' link sets in the order of their earliest link (stable), as rebuilding from rows orders them. */
const orderByFirstJoin = (st: StateTables): void => {
  const first = (set: LinkSet) => (set.values().next().value as IncidentAlert).joinedAt
  let at = -Infinity
  let sorted = true
  for (const set of st.links.values()) {
    if (first(set) < at) sorted = false
    at = Math.max(at, first(set))
  }
  if (sorted) return
  const sets = [...st.links.entries()]
  for (const [id] of sets) st.putLinkSet(id, undefined)
  for (const [id, set] of sets.sort((a, b) => first(a[1]) - first(b[1]))) st.putLinkSet(id, set)
}

/**
 * Add rows to a state (e.g. a closed incident with its links and alerts before an operator re-opens it, when the
 * hub's in-memory state has pruned it). Existing rows are replaced by the given ones.
 */
export const includeRows = (s: EngineState, rows: Partial<StateRows>): EngineState => edit(s, (st) => fill(st, rows, rows.links ?? []))
