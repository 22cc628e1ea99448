import type { Alert } from '@shared/model/alert'
import type { ProblemDraft } from '@shared/model/problem'
import { firedAt, minutesText } from './correlate'
import { currentIncidentOf } from './state'
import { fieldValue } from './topology'
import { isFiring, type Work } from './work'

/**
 * Cross-client blast radius. For the alert that just fired, each key it carries — a shared upstream label
 * (`crossClient.labels`, e.g. `provider=aws-eu1`) and, if `sameRule`, its rule — is looked up across every client's
 * current incidents. Matching alerts form a cluster by single linkage on fire time (each within `windowMin` of
 * the next, inclusive), so an outage spreading over 12 minutes with alerts every 4 is one cluster. A cluster that
 * spans ≥ `minClients` clients raises a problem; an open problem with the same key is extended instead.
 * An incident belongs to at most one problem: keys are tried in configuration order (labels, then rule).
 */

interface Key {
  kind: 'label' | 'rule'
  key: string
  match: (a: Alert) => boolean
}

const keysOf = (w: Work, alert: Alert): Key[] => {
  const cc = w.config.correlation.crossClient
  const keys: Key[] = []
  for (const label of cc.labels) {
    const v = fieldValue(alert, label)
    if (v) keys.push({ kind: 'label', key: `${label}=${v}`, match: (a) => fieldValue(a, label) === v })
  }
  if (cc.sameRule) keys.push({ kind: 'rule', key: `rule=${alert.rule}`, match: (a) => a.rule === alert.rule })
  return keys
}

interface Point {
  alertId: number
  incidentId: string
  client: string
  t: number
}

/** The run of points (sorted by time) around `alertId` whose consecutive gaps are ≤ windowMs. */
export const clusterAround = (points: Point[], alertId: number, windowMs: number): Point[] => {
  const sorted = [...points].sort((a, b) => a.t - b.t || a.alertId - b.alertId)
  const i = sorted.findIndex((p) => p.alertId === alertId)
  if (i === -1) return []
  let lo = i
  let hi = i
  while (lo > 0 && sorted[lo].t - sorted[lo - 1].t <= windowMs) lo--
  while (hi < sorted.length - 1 && sorted[hi + 1].t - sorted[hi].t <= windowMs) hi++
  return sorted.slice(lo, hi + 1)
}

const reasonText = (k: Key, clients: number, within: string): string =>
  k.kind === 'label'
    ? `\`${k.key}\` shared by ${clients} clients' incidents within ${within}`
    : `rule \`${k.key.slice('rule='.length)}\` firing for ${clients} clients within ${within}`

export const linkProblems = (w: Work, alert: Alert, incidentId: string): void => {
  const { windowMin, crossClient } = w.config.correlation
  const windowMs = windowMin * 60_000
  const within = minutesText(windowMin)
  for (const k of keysOf(w, alert)) {
    const inc = w.incident(incidentId)
    if (!inc) return
    const existing = Object.values(w.s.problems).find((p) => p.key === k.key && p.resolvedAt === null)
    if (inc.problemId && inc.problemId !== existing?.id) return
    const points: Point[] = []
    for (const other of Object.values(w.s.alerts)) {
      if (!k.match(other) || (other.id !== alert.id && !isFiring(other))) continue
      const cur = currentIncidentOf(w.s, other.id)
      if (!cur || cur.status === 'closed') continue
      if (cur.problemId !== null && cur.problemId !== existing?.id) continue
      points.push({ alertId: other.id, incidentId: cur.id, client: cur.client, t: firedAt(w.s, other) })
    }
    const cluster = clusterAround(points, alert.id, windowMs)
    const clients = new Set(cluster.map((p) => p.client))
    const touchesExisting = existing !== undefined && cluster.some((p) => existing.incidentIds.includes(p.incidentId))
    if (!touchesExisting && clients.size < crossClient.minClients) continue

    const incidentIds = [...new Set(cluster.map((p) => p.incidentId))]
    let problem: ProblemDraft
    if (existing) {
      const added = incidentIds.filter((id) => !existing.incidentIds.includes(id))
      if (added.length === 0) return
      const allClients = [...new Set([...existing.clients, ...cluster.map((p) => p.client)])].sort()
      problem = {
        ...existing,
        clients: allClients,
        incidentIds: [...existing.incidentIds, ...added],
        reason: reasonText(k, allClients.length, within),
      }
    } else {
      const sorted = [...clients].sort()
      problem = {
        id: w.ctx.ids.problem(),
        key: k.key,
        kind: k.kind,
        reason: reasonText(k, sorted.length, within),
        clients: sorted,
        incidentIds,
        openedAt: w.now,
        resolvedAt: null,
      }
    }
    w.putProblem(problem)
    for (const id of problem.incidentIds) {
      const i = w.incident(id)
      if (!i || i.problemId === problem.id) continue
      w.patchIncident(id, { problemId: problem.id })
      w.log(id, 'problem', `linked to ${problem.id}: ${problem.reason}`, { data: { problemId: problem.id, key: problem.key } })
    }
    return
  }
}
