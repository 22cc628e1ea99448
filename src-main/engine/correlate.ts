import type { Alert } from '@shared/model/alert'
import type { ConsoleConfig } from '@shared/model/config'
import type { AlertRole, IncidentDraft } from '@shared/model/incident'
import { fireTime, fireTimes } from './cross-index'
import { mergeInto } from './merge'
import { refreshRoles, retitleFromRoot } from './roles'
import { membersIn, type Member } from './state'
import { entryAge, scopeName, scopesOf, scopeValues, scopeWindowMs } from './scope-index'
import type { StateTables } from './state-tables'
import { compileTopology, nodesOf, relationOfNodes, type CompiledTopology, type TopologyRelation } from './topology'
import { changeTimes, downstreamNear, MIN_DOWNSTREAM, type TopoAlert } from './topology-evidence'
import { profileOf } from './priority'
import { alertName, newIncidentDraft, type Work } from './work'

/**
 * Where a firing alert without a current incident goes. Rules, in order:
 * 1. topology — an open incident of the same client holds an alert related to it through the client's dependency
 *    map within the window: join it (root cause or symptom); other incidents holding related alerts are merged in;
 * 2. scope — an open incident of the same client holds an alert sharing a scope value (`scopeLabels`, earlier
 *    labels first) within the window: join it;
 * 3. otherwise open a new incident.
 *
 * Time is the source's. An alert's fire time is when its current firing began: its latest status change on record
 * (flap history) or else its `firstSeen` — never `stateTime` as such, which repeats move forward. A member's
 * times are its `firstSeen` and its recent status changes. Two alerts are "within the window" when those times are
 * at most `windowMin` apart — inclusive, so exactly 5:00 joins and 5:00.001 does not. Because the check is against
 * every member, a cascade keeps joining while each alert follows another within the window; an alert that arrives
 * late (older source time) joins where it belongs in time, not where it was received.
 * Only `open` and `acknowledged` incidents take new alerts; resolved ones are re-opened only by their own alerts.
 *
 * Cost: an alert that matches no node of its client's topology (every alert of a client without one) can only
 * join by scope, which is a lookup in the scope index (scope-index.ts, same tie-breaks as the scan below). Only
 * alerts matching a topology node scan the members of their client's open incidents.
 */

/** When the alert's current firing began (see above). */
export const firedAt = (s: StateTables, a: Alert): number => fireTime(a, s.flaps.get(a.id))

/** Smallest distance between the alert's fire time and any of the member's onsets (scope evidence). */
export const timeDistance = (s: StateTables, alert: Alert, member: Alert): number => {
  const t = firedAt(s, alert)
  return Math.min(...fireTimes(member, s.flaps.get(member.id)).map((m) => Math.abs(t - m)))
}

/** Smallest distance between the alert's fire time and any status change of the member (topology evidence). */
export const changeDistance = (s: StateTables, alert: Alert, member: Alert): number => {
  const t = firedAt(s, alert)
  return Math.min(...[member.firstSeen, ...(s.flaps.get(member.id) ?? [])].map((m) => Math.abs(t - m)))
}

export const minutesText = (min: number): string => `${Number.isInteger(min) ? min : min.toFixed(1)} min`

export type Placement =
  | { kind: 'new' }
  | {
      kind: 'join'
      incidentId: string
      role: AlertRole
      rule: 'scope' | 'topology'
      reason: string
      /** Other incidents holding topology-related alerts: merged into `incidentId`. */
      absorb: string[]
      data: Record<string, unknown>
    }

interface Hit {
  inc: IncidentDraft
  member: Member
  dt: number
}

const byAge = (a: IncidentDraft, b: IncidentDraft) => a.openedAt - b.openedAt || a.id.localeCompare(b.id, 'en', { numeric: true })

export const placeAlert = (s: StateTables, alert: Alert, config: ConsoleConfig): Placement => {
  const topo = compileTopology(profileOf(config, alert.client).topology)
  return topo.nodes.length && nodesOf(topo, alert).length ? placeAlertByScan(s, alert, config, topo) : placeByScope(s, alert, config)
}

/** The client's open and acknowledged incidents, in the order they entered the state. */
const activeOf = (s: StateTables, client: string): IncidentDraft[] =>
  [...(s.ix.activeByClient.get(client) ?? [])].sort((a, b) => (s.incidents.ord(a) ?? 0) - (s.incidents.ord(b) ?? 0)).map((id) => s.incidents.get(id) as IncidentDraft)

const scopeJoin = (id: string, label: string, value: string, via: number, dt: number, within: string): Placement => ({
  kind: 'join',
  incidentId: id,
  role: 'member',
  rule: 'scope',
  reason: `joined ${id}: same client and ${scopeName(label)} \`${value}\` within ${within}`,
  absorb: [],
  data: { rule: 'scope', label: scopeName(label), value, via, dtMs: dt },
})

/** Rule 2 alone: for each scope in order, the nearest member sharing one of the alert's values. */
const placeByScope = (s: StateTables, alert: Alert, config: ConsoleConfig): Placement => {
  const { windowMin } = config.correlation
  s.ix.scope.use(config)
  const t = firedAt(s, alert)
  for (const label of scopesOf(config)) {
    let best: { hit: NonNullable<ReturnType<typeof s.ix.scope.nearest>>; v: string } | null = null
    const windowMs = scopeWindowMs(config, label)
    for (const v of scopeValues(config, alert, label)) {
      const hit = s.ix.scope.nearest(alert.client, alert.id, t, label, v, windowMs)
      if (hit && (!best || hit.dt < best.hit.dt || (hit.dt === best.hit.dt && entryAge(hit.e, best.hit.e) < 0))) best = { hit, v }
    }
    if (best) return scopeJoin(best.hit.e.inc, label, best.v, best.hit.e.alertId, best.hit.dt, minutesText(windowMs / 60_000))
  }
  return { kind: 'new' }
}

/**
 * Rules 1 and 2 by scanning every member of the client's open incidents: for alerts that may relate by topology,
 * and (with any topology) the reference the scope index must agree with.
 */
export const placeAlertByScan = (s: StateTables, alert: Alert, config: ConsoleConfig, topo: CompiledTopology): Placement => {
  const { windowMin } = config.correlation
  const windowMs = windowMin * 60_000
  const within = minutesText(windowMin)
  // Topology relates an alert to any status change of an upstream neighbour (a device coming back disturbs what
  // depends on it too) but only to a downstream neighbour's onsets; a shared scope only to the member's onsets.
  const near: Hit[] = []
  const hits: Hit[] = []
  const pool: TopoAlert[] = [{ alert, nodes: nodesOf(topo, alert), onset: firedAt(s, alert) }]
  const nodesById = new Map<number, string[]>([[alert.id, pool[0].nodes]])
  for (const inc of activeOf(s, alert.client)) {
    for (const member of membersIn(s, inc.id)) {
      if (member.alert.id === alert.id || member.alert.client !== alert.client) continue
      if (!nodesById.has(member.alert.id)) {
        const nodes = nodesOf(topo, member.alert)
        nodesById.set(member.alert.id, nodes)
        if (nodes.length) pool.push({ alert: member.alert, nodes, onset: firedAt(s, member.alert) })
      }
      const dc = changeDistance(s, alert, member.alert)
      if (dc <= windowMs) near.push({ inc, member, dt: dc })
      const dt = timeDistance(s, alert, member.alert)
      if (dt <= windowMs) hits.push({ inc, member, dt })
    }
  }
  if (near.length === 0) return { kind: 'new' }

  const mine = pool[0].nodes
  const topoOf = (a: Alert): TopoAlert => pool.find((p) => p.alert.id === a.id) ?? { alert: a, nodes: nodesById.get(a.id) ?? [], onset: firedAt(s, a) }
  const evidence = new Map<number, number>()
  /** Dependants near an upstream alert; -1 when it is not evidence of an upstream fault (topology-evidence.ts). */
  const strength = (upper: Alert): number => {
    let e = evidence.get(upper.id)
    if (e === undefined) {
      const n = downstreamNear(s, topo, topoOf(upper), pool, windowMs)
      evidence.set(upper.id, (e = upper.severity === 'critical' || n >= MIN_DOWNSTREAM ? n : -1))
    }
    return e
  }
  const related = near.flatMap((h) => {
    const rel = relationOfNodes(topo, mine, nodesById.get(h.member.alert.id) ?? [])
    if (!rel) return []
    // The new alert above the member: it explains a dependant that began failing near it, not one that recovered
    // near it (a host's backup job clearing two minutes before its switch fails is not a symptom of that failure).
    if (rel.direction === 'upstream' && timeDistance(s, alert, h.member.alert) > windowMs) return []
    const upper = rel.direction === 'downstream' ? h.member.alert : alert
    return strength(upper) >= 0 ? [{ ...h, rel }] : []
  })
  if (related.length) {
    // A symptom joins its best-evidenced parent (most dependants failing near it, then the nearest change in time,
    // then the older incident); the
    // incidents holding that parent's other dependants merge in. Other candidate parents stay where they are: an
    // alert below both a busy core switch and a failing volume is explained once. A root cause takes in every
    // incident holding one of its dependants.
    const parents = related
      .filter((r) => r.rel.direction === 'downstream')
      .sort((a, b) => strength(b.member.alert) - strength(a.member.alert) || a.dt - b.dt || byAge(a.inc, b.inc))
    const count = (id: string) => related.filter((r) => r.inc.id === id).length
    const target = parents[0]?.inc ?? [...new Set(related.map((r) => r.inc))].sort((a, b) => count(b.id) - count(a.id) || byAge(a, b))[0]
    const absorb = parents.length
      ? siblingIncidents(s, topo, topoOf(parents[0].member.alert), pool, windowMs, alert.client).filter((id) => id !== target.id)
      : [...new Set(related.map((r) => r.inc.id))].filter((id) => id !== target.id)
    const parent = parents.find((r) => r.inc.id === target.id)
    const pick = parent ?? related.find((r) => r.inc.id === target.id)!
    const rel: TopologyRelation = pick.rel
    const children = related.filter((r) => r.rel.direction === 'upstream').length
    const reason = parent
      ? `joined ${target.id} as a symptom: ${alertName(parent.member.alert)} is upstream (${rel.upper} → ${rel.lower}) within ${within}`
      : `joined ${target.id} as the root cause: it is upstream of ${children} alert${children === 1 ? '' : 's'} (${rel.upper} → ${rel.lower}) within ${within}`
    return {
      kind: 'join',
      incidentId: target.id,
      role: parent ? 'symptom' : 'root-cause',
      rule: 'topology',
      reason,
      absorb,
      data: { rule: 'topology', via: pick.member.alert.id, upper: rel.upper, lower: rel.lower, dtMs: pick.dt },
    }
  }

  const scopes = scopesOf(config)
  let best: { hit: Hit; label: string; value: string; rank: number } | null = null
  for (const hit of hits) {
    let rank = -1
    let value = ''
    for (let r = 0; r < scopes.length && rank === -1; r++) {
      if (hit.dt > scopeWindowMs(config, scopes[r])) continue
      const theirs = scopeValues(config, hit.member.alert, scopes[r])
      const v = scopeValues(config, alert, scopes[r]).find((x) => theirs.includes(x))
      if (v !== undefined) ((rank = r), (value = v))
    }
    if (rank === -1) continue
    const better =
      !best || rank < best.rank || (rank === best.rank && (hit.dt < best.hit.dt || (hit.dt === best.hit.dt && byAge(hit.inc, best.hit.inc) < 0)))
    if (better) best = { hit, label: scopes[rank], value, rank }
  }
  if (!best) return { kind: 'new' }
  return scopeJoin(best.hit.inc.id, best.label, best.value, best.hit.member.alert.id, best.hit.dt, minutesText(scopeWindowMs(config, best.label) / 60_000))
}

/** Active incidents (of `client`) holding dependants of `upper` that began near one of its status changes. */
const siblingIncidents = (s: StateTables, topo: CompiledTopology, upper: TopoAlert, pool: readonly TopoAlert[], windowMs: number, client: string): string[] => {
  const changes = changeTimes(s, upper.alert)
  const out: string[] = []
  for (const x of pool) {
    if (x.alert.id === upper.alert.id || relationOfNodes(topo, upper.nodes, x.nodes)?.direction !== 'upstream') continue
    if (!changes.some((t) => Math.abs(t - x.onset) <= windowMs)) continue
    const owner = s.ix.owner(x.alert.id)
    const inc = owner === undefined ? undefined : s.incidents.get(owner)
    if (inc && inc.client === client && (inc.status === 'open' || inc.status === 'acknowledged')) out.push(inc.id)
  }
  return out
}

/** Put a firing alert into its incident (joining or opening one). Returns the incident id. */
export const correlateAlert = (w: Work, alert: Alert): string => {
  const p = placeAlert(w.st, alert, w.config)
  if (p.kind === 'new') {
    const id = w.ctx.ids.incident()
    w.putIncident(newIncidentDraft(w, id, alert))
    const reason = `opened ${id}: no open incident of ${alert.client} shares a scope with it within ${minutesText(w.config.correlation.windowMin)}`
    w.putLink({ incidentId: id, alertId: alert.id, role: 'member', rule: 'new', reason, joinedAt: w.now })
    w.log(id, 'opened', `opened by alert ${alertName(alert)} (${alert.severity})`, { data: { alertId: alert.id, severity: alert.severity } })
    return id
  }
  for (const other of p.absorb) mergeInto(w, p.incidentId, other, 'system', `by topology: alert ${alertName(alert)} relates them`)
  w.putLink({ incidentId: p.incidentId, alertId: alert.id, role: p.role, rule: p.rule, reason: p.reason, joinedAt: w.now })
  w.log(p.incidentId, 'alert-joined', p.reason, { data: { alertId: alert.id, ...p.data } })
  if (p.rule === 'topology') {
    refreshRoles(w, p.incidentId)
    retitleFromRoot(w, p.incidentId)
  }
  return p.incidentId
}
