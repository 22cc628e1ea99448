import type { Alert } from '@shared/model/alert'
import type { ProblemDraft, ProblemEvidence, ProblemStatus } from '@shared/model/problem'
import { firedAt, minutesText } from './correlate'
import { crossKeysOf, ruleKey, upstreamKey } from './cross-index'
import type { Point } from './cross-runs'
import { baselineOf, couldBeEvidence, OBSERVED_FROM, poissonTail } from './rule-baseline'
import { upstreamsOf } from './upstream'
import type { Work } from './work'

/**
 * Cross-client problems, on evidence. For the alert that just fired, each key it carries is looked up across every
 * client's current incidents (cross-index.ts):
 * - an **upstream** (upstream.ts: alias labels folded into one value, or the client's topology): ≥ `minClients`
 *   clients whose alerts carrying it began within one `windowMin` window → a `confirmed` problem. The label
 *   names the cause, so once confirmed the problem takes in further clients whose alerts begin within the window
 *   of one already in it (an outage spreading over half an hour is one problem);
 * - its **rule**, for an alert with no upstream (`sameRule`): ≥ `minClients` clients whose alerts began within one
 *   `sameRuleWindowMin` window. That is evidence only when it is far above the rule's own cross-client rate
 *   (rule-baseline.ts, p ≤ `sameRuleSignificance`) → `confirmed`; otherwise `suspected`: shown, worth no priority
 *   points. A same-rule problem only takes in alerts that are part of such a burst, never a chain of stragglers.
 * Windows are bounded (every onset of the burst within one window), so background noise cannot chain into a
 * problem. An incident belongs to at most one problem; one in a `suspected` problem moves to a confirmed one when
 * evidence names it. Operators confirm, dismiss and split problems (problem-actions.ts): a dismissed problem keeps
 * its key from forming again while it is open, and incidents moved out are never linked back.
 */

interface Key {
  kind: 'label' | 'rule'
  key: string
  ix: string
}

const keysOf = (w: Work, alert: Alert): Key[] => {
  const { problemKeys, keys } = crossKeysOf(w.config, alert)
  return problemKeys.map((key, i) => ({ kind: key.startsWith('rule=') ? 'rule' : 'label', key, ix: keys[i] }))
}

/**
 * The densest window of width `windowMs` holding time `t`: the run of points (sorted by time) starting at a point
 * no earlier than `t - windowMs`, ending no later than its start + `windowMs`, with the most distinct clients
 * (the earliest on a tie). Two pointers: O(points).
 */
export const densestAround = (points: readonly Point[], t: number, windowMs: number): Point[] => {
  let best: [number, number] = [0, 0]
  let bestClients = 0
  const counts = new Map<string, number>()
  let j = 0
  for (let i = 0; i < points.length && points[i].t <= t; i++) {
    if (i > 0) {
      const c = points[i - 1].client
      const n = (counts.get(c) ?? 0) - 1
      if (n > 0) counts.set(c, n)
      else counts.delete(c)
    }
    if (j < i) j = i
    while (j < points.length && points[j].t - points[i].t <= windowMs) {
      counts.set(points[j].client, (counts.get(points[j].client) ?? 0) + 1)
      j++
    }
    if (points[i].t < t - windowMs || points[j - 1].t < t) continue
    if (counts.size > bestClients) {
      bestClients = counts.size
      best = [i, j]
    }
  }
  return points.slice(best[0], best[1])
}

const clientsOf = (points: readonly Point[]): string[] => [...new Set(points.map((p) => p.client))].sort()

interface Judgement {
  status: Exclude<ProblemStatus, 'dismissed'>
  reason: string
  evidence: ProblemEvidence
}

const upstreamJudgement = (w: Work, value: string, burst: readonly Point[], within: string): Judgement => {
  const clients = clientsOf(burst)
  const labels = new Set<string>()
  const viaTopology = new Set<string>()
  for (const p of burst) {
    const a = w.st.alerts.get(p.alertId)
    for (const u of a ? upstreamsOf(w.config, a) : []) {
      if (u.value !== value) continue
      if (u.via === 'label' && u.label) labels.add(u.label)
      if (u.via === 'topology') viaTopology.add(p.client)
    }
  }
  const how = [labels.size ? `labels ${[...labels].sort().join(', ')}` : '', viaTopology.size ? `topology of ${viaTopology.size} client${viaTopology.size === 1 ? '' : 's'}` : '']
    .filter(Boolean)
    .join('; ')
  const text = `upstream \`${value}\` shared by ${clients.length} clients' alerts within ${within} (${how})`
  return {
    status: 'confirmed',
    reason: `upstream \`${value}\` shared by ${clients.length} clients' incidents within ${within}`,
    evidence: {
      kind: viaTopology.size && !labels.size ? 'topology' : 'upstream',
      text,
      at: w.now,
      data: { value, clients, labels: [...labels].sort(), topologyClients: [...viaTopology].sort() },
    },
  }
}

const fmt = (x: number) => (x >= 10 ? x.toFixed(0) : x >= 0.1 ? x.toFixed(2) : x.toPrecision(1))

const ruleJudgement = (w: Work, rule: string, burst: readonly Point[]): Judgement => {
  const cc = w.config.correlation.crossClient
  const windowMs = cc.sameRuleWindowMin * 60_000
  const clients = clientsOf(burst)
  const from = burst[0].t
  const observedFrom = w.st.onsets.get(OBSERVED_FROM)?.[0] ?? from
  const b = baselineOf(w.st.onsets.get(rule) ?? [], from, windowMs, cc.baselineHours * 3_600_000, observedFrom)
  const p = poissonTail(clients.length, b.expected)
  const within = minutesText(cc.sameRuleWindowMin)
  const history =
    b.spanMs < 60_000 ? 'no history yet: one onset per 30 min assumed' : `${b.onsets} onset${b.onsets === 1 ? '' : 's'} in the ${minutesText(Math.round(b.spanMs / 6000) / 10)} before`
  const usual = `its usual rate is ${fmt(b.expected)} per ${within} (${history})`
  const confirmed = p <= cc.sameRuleSignificance
  const text = confirmed
    ? `rule \`${rule}\` fired for ${clients.length} clients within ${within}; ${usual}: p = ${p.toPrecision(2)}`
    : `rule \`${rule}\` fired for ${clients.length} clients within ${within}, but ${usual}: p = ${p.toPrecision(2)}, likely a coincidence`
  return {
    status: confirmed ? 'confirmed' : 'suspected',
    reason: confirmed
      ? `rule \`${rule}\` firing for ${clients.length} clients within ${within}, far above its usual rate`
      : `suspected: rule \`${rule}\` firing for ${clients.length} clients within ${within} (usual for this rule)`,
    evidence: { kind: 'same-rule', text, at: w.now, data: { rule, clients, expected: b.expected, p, onsets: b.onsets, spanMs: b.spanMs } },
  }
}

/** Take `incidentId` out of the (suspected) problem it is in: evidence elsewhere names it. */
const leave = (w: Work, incidentId: string, pid: string, to: string): void => {
  const p = w.problem(pid)
  if (!p) return
  const incidentIds = p.incidentIds.filter((id) => id !== incidentId)
  const clients = [...new Set(incidentIds.map((id) => w.incident(id)?.client).filter((c): c is string => !!c))].sort()
  w.putProblem({ ...p, incidentIds, clients })
  w.patchIncident(incidentId, { problemId: null })
  w.log(incidentId, 'problem', `left suspected ${pid}: ${to} has evidence for it`, { data: { problemId: pid, to } })
}

const link = (w: Work, problem: ProblemDraft, ids: readonly string[]): void => {
  const note = problem.status === 'suspected' ? ' (suspected: no priority points unless confirmed)' : ''
  for (const id of ids) {
    const i = w.incident(id)
    if (!i || i.problemId === problem.id) continue
    w.patchIncident(id, { problemId: problem.id })
    w.log(id, 'problem', `linked to ${problem.id}: ${problem.reason}${note}`, { data: { problemId: problem.id, key: problem.key, status: problem.status } })
  }
}

export const linkProblems = (w: Work, alert: Alert, incidentId: string): void => {
  const keys = keysOf(w, alert)
  if (!keys.length) return
  const { windowMin, crossClient: cc } = w.config.correlation
  const ix = w.st.ix
  ix.cross.use(w.config)
  const t = firedAt(w.st, alert)
  for (const k of keys) {
    const inc = w.incident(incidentId)
    if (!inc) return
    const pid = ix.openProblem(k.key)
    const existing = pid === undefined ? undefined : w.problem(pid)
    const current = inc.problemId ? w.problem(inc.problemId) : undefined
    if (existing && current?.id === existing.id) {
      if (k.kind === 'rule' && existing.status === 'suspected') reconsider(w, existing, alert, k, t)
      return
    }
    // In another problem: only a suspected one gives way, and only to evidence (an upstream or a confirmed burst).
    if (current && current.status !== 'suspected') return
    if (existing && (existing.status === 'dismissed' || existing.excluded.includes(incidentId))) continue
    const windowMs = (k.kind === 'rule' ? cc.sameRuleWindowMin : windowMin) * 60_000
    const from = t - windowMs
    const to = t + windowMs
    // Cheap tests first (binary searches in the key's run); points are listed only when a problem may form.
    if (ix.cross.clientsIn(k.ix, from, to, cc.minClients) < (existing ? 1 : cc.minClients)) continue
    const within = minutesText(k.kind === 'rule' ? cc.sameRuleWindowMin : windowMin)
    const value = k.key.slice(k.key.indexOf('=') + 1)

    if (existing) {
      // Extend: an upstream problem takes alerts beginning near one already in it; a same-rule one only alerts
      // of a burst touching it (≥ minClients clients within the window either side, one of them in it).
      if (!ix.cross.assignedIn(k.ix, from, to)) continue
      if (k.kind === 'rule' && ix.cross.clientsIn(k.ix, from, to, cc.minClients) < cc.minClients) continue
      if (current) {
        if (existing.status !== 'confirmed') return
        leave(w, incidentId, current.id, existing.id)
      }
      const incidentIds = [...existing.incidentIds, incidentId]
      const clients = [...new Set([...existing.clients, inc.client])].sort()
      const grown: ProblemDraft = { ...existing, incidentIds, clients, reason: existing.reason.replace(/\d+ clients/, `${clients.length} clients`) }
      w.putProblem(grown)
      link(w, grown, [incidentId])
      if (k.kind === 'rule' && grown.status === 'suspected') reconsider(w, grown, alert, k, t)
      return
    }

    const points = ix.cross.range(k.ix, from, to)
    if (!points.some((p) => p.alertId === alert.id)) continue
    const burst = densestAround(points, t, windowMs)
    const clients = clientsOf(burst)
    if (clients.length < cc.minClients) continue
    const j = k.kind === 'label' ? upstreamJudgement(w, value, burst, within) : ruleJudgement(w, value, burst)
    if (current && j.status !== 'confirmed') return
    // The burst's incidents: those in no problem, and — for a confirmed one — those in a suspected problem.
    const movable = (id: string) => {
      const pid = w.incident(id)?.problemId
      return !pid || (j.status === 'confirmed' && w.problem(pid)?.status === 'suspected')
    }
    const incidentIds = [...new Set(burst.map((p) => w.current(p.alertId)?.id as string))].filter(movable)
    if (new Set(incidentIds.map((id) => w.incident(id)?.client)).size < cc.minClients) continue
    const problem: ProblemDraft = {
      id: w.ctx.ids.problem(),
      key: k.key,
      kind: k.kind,
      reason: j.reason,
      clients: [...new Set(incidentIds.map((id) => w.incident(id)?.client as string))].sort(),
      incidentIds,
      openedAt: w.now,
      resolvedAt: null,
      status: j.status,
      evidence: [j.evidence],
      excluded: [],
      decidedBy: null,
    }
    for (const id of incidentIds) {
      const pid = w.incident(id)?.problemId
      if (pid) leave(w, id, pid, 'a new problem')
    }
    w.putProblem(problem)
    link(w, problem, incidentIds)
    return
  }
}

/** A suspected same-rule problem grown by a burst: confirm it when the burst is now far above the rule's rate. */
const reconsider = (w: Work, p: ProblemDraft, alert: Alert, k: Key, t: number): void => {
  const cc = w.config.correlation.crossClient
  const windowMs = cc.sameRuleWindowMin * 60_000
  // Cheap bound first: listing the window's points for every alert that joins made a storm quadratic.
  const clients = w.st.ix.cross.clientsIn(k.ix, t - windowMs, t + windowMs, Number.POSITIVE_INFINITY)
  const observedFrom = w.st.onsets.get(OBSERVED_FROM)?.[0]
  const horizonMs = cc.baselineHours * 3_600_000
  if (!couldBeEvidence(w.st.onsets.get(alert.rule) ?? [], t, windowMs, horizonMs, observedFrom, clients, cc.sameRuleSignificance)) return
  const burst = densestAround(w.st.ix.cross.range(k.ix, t - windowMs, t + windowMs), t, windowMs)
  if (!burst.some((x) => x.alertId === alert.id)) return
  const j = ruleJudgement(w, alert.rule, burst)
  if (j.status !== 'confirmed') return
  const next: ProblemDraft = { ...p, status: 'confirmed', reason: j.reason, evidence: [...p.evidence, j.evidence] }
  w.putProblem(next)
  for (const id of next.incidentIds) {
    if (w.incident(id)?.problemId !== next.id) continue
    w.log(id, 'problem', `${next.id} confirmed: ${j.evidence.text}`, { data: { problemId: next.id, status: 'confirmed' } })
  }
}

/** Index keys, for tests. */
export const crossIndexKey = { upstream: upstreamKey, rule: ruleKey }
