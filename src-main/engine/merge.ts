import { isActive, type IncidentDraft } from '@shared/model/incident'
import { refreshRoles, retitleFromRoot } from './roles'
import { alertName, isFiring, newIncidentDraft, type Work } from './work'

/** Why a merge or split cannot happen, or null when it can. */
export const mergeProblem = (into: IncidentDraft | undefined, from: IncidentDraft | undefined, ids: { into: string; from: string }): string | null => {
  if (!into) return `incident ${ids.into} not found`
  if (!from) return `incident ${ids.from} not found`
  if (into.id === from.id) return 'cannot merge an incident into itself'
  if (into.client !== from.client) return `${from.id} belongs to client ${from.client} and ${into.id} to ${into.client}: incidents of different clients are linked by a problem, not merged`
  if (into.status === 'closed') return `${into.id} is closed; reopen it first`
  if (from.status === 'closed') return `${from.id} is closed; reopen it first`
  return null
}

/**
 * Move every alert of `from` into `into`; `from` is closed with `mergedInto` set (links move, so the survivor shows
 * all alerts). The survivor keeps its own status unless it was resolved and `from` is still active. `openedAt`
 * becomes the earlier of the two, because the trouble started then. Caller validates with `mergeProblem`.
 */
export const mergeInto = (w: Work, intoId: string, fromId: string, actor: string, why?: string): void => {
  const into = w.incident(intoId) as IncidentDraft
  const from = w.incident(fromId) as IncidentDraft
  const moved = w.members(fromId)
  const have = new Set(w.members(intoId).map((m) => m.alert.id))
  const how = why ?? `by ${actor}`
  for (const m of moved) {
    w.dropLink(fromId, m.alert.id)
    if (have.has(m.alert.id)) continue
    w.putLink({ ...m.link, incidentId: intoId, reason: `merged from ${fromId} ${how}; ${m.link.reason}` })
  }
  const takeFrom = !isActive(into.status) && isActive(from.status)
  const status = takeFrom ? from.status : into.status
  w.patchIncident(intoId, {
    status,
    acknowledgedAt: status === 'acknowledged' ? (takeFrom ? from.acknowledgedAt : into.acknowledgedAt) : null,
    resolvedAt: status === 'resolved' ? into.resolvedAt : null,
    openedAt: Math.min(into.openedAt, from.openedAt),
    owner: into.owner ?? from.owner,
    escalationLevel: Math.max(into.escalationLevel, from.escalationLevel),
    flags: [...new Set([...into.flags, ...from.flags])],
    problemId: into.problemId ?? from.problemId,
    cause: into.cause ?? from.cause,
    solution: into.solution ?? from.solution,
    tags: [...new Set([...into.tags, ...from.tags])],
  })
  w.patchIncident(fromId, { status: 'closed', closedAt: w.now, mergedInto: intoId })
  // The merged-away incident leaves its problem; the survivor takes its place there if it had none.
  if (from.problemId) {
    const p = w.problem(from.problemId)
    if (p) {
      const ids = p.incidentIds.filter((i) => i !== fromId)
      if (w.incident(intoId)?.problemId === p.id && !ids.includes(intoId)) ids.push(intoId)
      w.putProblem({ ...p, incidentIds: ids })
    }
  }
  const n = moved.length
  w.log(intoId, 'merge', `merged ${fromId} into this incident ${how} (${n} alert${n === 1 ? '' : 's'})`, { actor, data: { from: fromId, alerts: n } })
  w.log(fromId, 'merge', `merged into ${intoId} ${how}`, { actor, data: { into: intoId } })
  refreshRoles(w, intoId)
  retitleFromRoot(w, intoId)
  w.checkResolve(intoId)
}

export const splitProblem = (inc: IncidentDraft | undefined, id: string, alertId: number, members: number[]): string | null => {
  if (!inc) return `incident ${id} not found`
  if (inc.status === 'closed') return `${id} is closed; reopen it first`
  if (!members.includes(alertId)) return `alert #${alertId} is not in ${id}`
  if (members.length < 2) return `alert #${alertId} is the only alert of ${id}; nothing to split from`
  return null
}

/** Move one alert out into a new incident of its own (role member, rule manual). Returns the new id. */
export const splitOut = (w: Work, incidentId: string, alertId: number, actor: string): string => {
  const m = w.members(incidentId).find((x) => x.alert.id === alertId)
  if (!m) throw new Error(`alert #${alertId} is not in ${incidentId}`)
  const newId = w.ctx.ids.incident()
  w.dropLink(incidentId, alertId)
  w.putIncident({ ...newIncidentDraft(w, newId, m.alert), status: 'open' })
  w.putLink({ incidentId: newId, alertId, role: 'member', rule: 'manual', reason: `moved out of ${incidentId} by ${actor}`, joinedAt: w.now })
  const name = alertName(m.alert)
  w.log(incidentId, 'split', `alert ${name} moved out into ${newId} by ${actor}`, { actor, data: { alertId, to: newId } })
  w.log(newId, 'opened', `opened by ${actor}: alert ${name} moved out of ${incidentId}${isFiring(m.alert) ? '' : ' (already resolved)'}`, {
    actor,
    data: { alertId, from: incidentId },
  })
  refreshRoles(w, incidentId)
  w.checkResolve(incidentId)
  w.checkResolve(newId)
  return newId
}
