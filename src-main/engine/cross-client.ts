import type { Alert } from '@shared/model/alert'
import type { ProblemDraft } from '@shared/model/problem'
import { minutesText } from './correlate'
import { labelKey, ruleKey } from './cross-index'
import { fieldValue } from './topology'
import type { Work } from './work'

/**
 * Cross-client blast radius. For the alert that just fired, each key it carries — a shared upstream label
 * (`crossClient.labels`, e.g. `provider=aws-eu1`) and, if `sameRule`, its rule — is looked up across every client's
 * current incidents. Matching alerts form a cluster by single linkage on fire time (each within `windowMin` of
 * the next, inclusive), so an outage spreading over 12 minutes with alerts every 4 is one cluster. A cluster that
 * spans ≥ `minClients` clients raises a problem; an open problem with the same key is extended instead.
 * An incident belongs to at most one problem: keys are tried in configuration order (labels, then rule).
 *
 * Called for an alert that fires (every caller is on a firing path): that is what lets the maintained runs of
 * cross-index.ts, which hold firing alerts only, stand for the points.
 *
 * Cost: whether a cluster raises or extends a problem is answered by binary searches in those runs; the cluster is
 * only listed when a problem is written (at most once per incident that joins one).
 */

interface Key {
  kind: 'label' | 'rule'
  key: string
  /** The cross index's name for the key. */
  ix: string
}

const keysOf = (w: Work, alert: Alert): Key[] => {
  const cc = w.config.correlation.crossClient
  const keys: Key[] = []
  for (const label of cc.labels) {
    const v = fieldValue(alert, label)
    if (v) keys.push({ kind: 'label', key: `${label}=${v}`, ix: labelKey(label, v) })
  }
  if (cc.sameRule) keys.push({ kind: 'rule', key: `rule=${alert.rule}`, ix: ruleKey(alert.rule) })
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
  const within = minutesText(windowMin)
  const keys = keysOf(w, alert)
  const ix = w.st.ix
  if (keys.length) ix.cross.use(crossClient.labels, crossClient.sameRule, windowMin * 60_000)
  for (const k of keys) {
    const inc = w.incident(incidentId)
    if (!inc) return
    const pid = ix.openProblem(k.key)
    const existing = pid === undefined ? undefined : w.problem(pid)
    if (inc.problemId && inc.problemId !== existing?.id) return
    // The points are those of clusterAround: the key's firing alerts whose current incident is not closed and is
    // in no problem or in `existing` (an incident is in a problem exactly when it is among its incidentIds).
    const around = ix.cross.cluster(k.ix, alert)
    if (!around) continue
    const touchesExisting = existing !== undefined && around.touchesProblem()
    if (!touchesExisting && around.clientCount(crossClient.minClients) < crossClient.minClients) continue
    if (existing && !around.hasUnassigned()) return

    const cluster = around.points().map((p) => ({ client: p.client, incidentId: w.current(p.alertId)?.id as string }))
    const clients = new Set(cluster.map((p) => p.client))
    const linked = new Set(existing?.incidentIds)
    const incidentIds = [...new Set(cluster.map((p) => p.incidentId))]
    let problem: ProblemDraft
    if (existing) {
      const added = incidentIds.filter((id) => !linked.has(id))
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
