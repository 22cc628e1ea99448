import type { Alert } from '@shared/model/alert'
import { clientProfile, type ConsoleConfig } from '@shared/model/config'
import { isActive, type AlertRole, type IncidentDraft } from '@shared/model/incident'
import { mergeInto } from './merge'
import { refreshRoles, retitleFromRoot } from './roles'
import { membersOf, type Member } from './state'
import type { EngineState } from './types'
import { compileTopology, fieldValue, relation, type TopologyRelation } from './topology'
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
 */

/** When the alert's current firing began (see above). */
export const firedAt = (s: EngineState, a: Alert): number => {
  const h = s.flaps[String(a.id)]
  return a.status === 'firing' && h?.length ? h[h.length - 1] : a.firstSeen
}

/** Smallest distance between the alert's fire time and any of the member's times. */
export const timeDistance = (s: EngineState, alert: Alert, member: Alert): number => {
  const t = firedAt(s, alert)
  return Math.min(...[member.firstSeen, ...(s.flaps[String(member.id)] ?? [])].map((m) => Math.abs(t - m)))
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

export const placeAlert = (s: EngineState, alert: Alert, config: ConsoleConfig): Placement => {
  const { windowMin, scopeLabels } = config.correlation
  const windowMs = windowMin * 60_000
  const within = minutesText(windowMin)
  const hits: Hit[] = []
  for (const inc of Object.values(s.incidents)) {
    if (inc.client !== alert.client || !isActive(inc.status)) continue
    for (const member of membersOf(s, inc.id)) {
      if (member.alert.id === alert.id || member.alert.client !== alert.client) continue
      const dt = timeDistance(s, alert, member.alert)
      if (dt <= windowMs) hits.push({ inc, member, dt })
    }
  }
  if (hits.length === 0) return { kind: 'new' }

  const topo = compileTopology(clientProfile(config, alert.client).topology)
  const related = hits.flatMap((h) => {
    const rel = relation(topo, alert, h.member.alert)
    return rel ? [{ ...h, rel }] : []
  })
  if (related.length) {
    // Prefer the incident holding this alert's parent; else the one with most of its children.
    const parents = related.filter((r) => r.rel.direction === 'downstream').sort((a, b) => byAge(a.inc, b.inc) || a.dt - b.dt)
    const count = (id: string) => related.filter((r) => r.inc.id === id).length
    const target = parents[0]?.inc ?? [...new Set(related.map((r) => r.inc))].sort((a, b) => count(b.id) - count(a.id) || byAge(a, b))[0]
    const absorb = [...new Set(related.map((r) => r.inc.id))].filter((id) => id !== target.id)
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

  let best: { hit: Hit; label: string; value: string; rank: number } | null = null
  for (const hit of hits) {
    const rank = scopeLabels.findIndex((label) => {
      const v = fieldValue(alert, label)
      return v !== null && v !== '' && v === fieldValue(hit.member.alert, label)
    })
    if (rank === -1) continue
    const better =
      !best || rank < best.rank || (rank === best.rank && (hit.dt < best.hit.dt || (hit.dt === best.hit.dt && byAge(hit.inc, best.hit.inc) < 0)))
    if (better) best = { hit, label: scopeLabels[rank], value: fieldValue(alert, scopeLabels[rank]) as string, rank }
  }
  if (!best) return { kind: 'new' }
  const id = best.hit.inc.id
  return {
    kind: 'join',
    incidentId: id,
    role: 'member',
    rule: 'scope',
    reason: `joined ${id}: same client and ${best.label} \`${best.value}\` within ${within}`,
    absorb: [],
    data: { rule: 'scope', label: best.label, value: best.value, via: best.hit.member.alert.id, dtMs: best.hit.dt },
  }
}

/** Put a firing alert into its incident (joining or opening one). Returns the incident id. */
export const correlateAlert = (w: Work, alert: Alert): string => {
  const p = placeAlert(w.s, alert, w.config)
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
