/**
 * Applying a batch of changes (one delta, the deltas buffered during a pause, or an alert page) to what is shown,
 * as ONE new state object. Ordering rules, because the wire can repeat or reorder:
 * - within a batch, an alert replaces the row held only if its own `seq` is not older (so a buffered delta or a
 *   page read earlier can never roll back what a newer one said);
 * - a client (no seq of its own) is taken only from a batch newer than what is applied;
 * - incidents and problems carry their own `seq` and follow the alerts' rule.
 */
import type { Delta } from '@shared/api/contract'
import type { Client } from '@shared/model/client'
import type { Incident } from '@shared/model/incident'
import { toAlertRow, type AlertRow } from './alert-row'
import { emptyPending, compareFiring, compareResolved, putNewer, type FeedState, type PendingFeed } from './feed-state'
import { compareClientImpact, compareIncidents, sameSummary, summarizeClient, type ClientIncidents } from './incident-order'
import { indexInSorted, insertSorted, withoutIndexes } from './sorting'

/**
 * Merge one delta into a buffer: later versions of the same alert/client replace earlier ones. The buffer's maps
 * are private to the feed, so they are updated in place (a long pause under a storm must not copy them per frame).
 * Alerts are kept as rows from here on (a whole alert is ~5× the memory).
 */
export const bufferDelta = (pending: PendingFeed | null, d: Delta): PendingFeed => {
  const p = pending ?? emptyPending()
  for (const a of d.alerts) putNewer(p.alerts, a.id, toAlertRow(a))
  for (const c of d.clients) p.clients[c.id] = { seq: d.seq, client: c }
  for (const i of d.incidents) putNewer(p.incidents, i.id, i)
  for (const x of d.problems) putNewer(p.problems, x.id, x)
  for (const x of d.storms ?? []) putNewer(p.storms, x.id, x)
  for (const x of d.sources ?? []) putNewer(p.sources, x.id, x)
  return { ...p, seq: Math.max(p.seq, d.seq), frames: p.frames + 1 }
}

/** Merge alert rows (a page) into a buffer, newer-wins like deltas. */
export const bufferRows = (pending: PendingFeed | null, rows: readonly AlertRow[]): PendingFeed => {
  const p = pending ?? emptyPending()
  for (const r of rows) putNewer(p.alerts, r.id, r)
  return p
}

/** Rows with their own seq: a newer version replaces, an older one is ignored. Same object when nothing changes. */
export const applyRows = <K extends string | number, T extends { seq: number }>(base: Record<K, T>, add: Record<K, T>): Record<K, T> => {
  let out = base
  for (const k of Object.keys(add) as K[]) {
    const v = add[k]
    const prev = out[k]
    if (prev && prev.seq >= v.seq) continue
    if (out === base) out = { ...base }
    out[k] = v
  }
  return out
}

export const orderClients = (byId: Record<string, Client>, impact: Record<string, ClientIncidents>): string[] =>
  Object.values(byId)
    .sort((a, b) => compareClientImpact(a, impact[a.id], b, impact[b.id]))
    .map((c) => c.id)

const alertId = (a: AlertRow) => a.id
const incidentId = (i: Incident) => i.id

/**
 * `alertsById` and `incidentsById` are updated IN PLACE and `alertsVersion` / `incidentsVersion` say that they
 * changed: copying a 100 k-key object costs ~100 ms, ten times a second. Select the version (or the ordered id
 * lists, which are new arrays whenever their order changes) to re-render on changes. An alert whose sort keys
 * did not change (a repeat: count and lastSeen) keeps its place without touching the id lists at all.
 */
export const commit = (s: FeedState, p: PendingFeed): FeedState => {
  const alertsById = s.alertsById
  const alertById = (id: number) => alertsById[id]
  let alertsVersion = s.alertsVersion
  const moved: AlertRow[] = []
  const firingOut: number[] = []
  const resolvedOut: number[] = []
  // Two passes: every old position is found while the lists still match the alerts they were sorted by, and only
  // then are the new versions written in.
  const accepted: AlertRow[] = []
  const sweep = s.alertSweep
  for (const a of Object.values(p.alerts)) {
    // Seen by this resync, whether or not it replaces what is held (what is held is then even newer).
    sweep?.add(a.id)
    const prev = alertsById[a.id]
    if (prev && prev.seq > a.seq) continue
    accepted.push(a)
    const samePlace = prev && prev.status === a.status && (a.status === 'firing' ? compareFiring(prev, a) === 0 : compareResolved(prev, a) === 0)
    if (samePlace) continue
    moved.push(a)
    if (prev?.status === 'firing') firingOut.push(indexInSorted(s.firingIds, prev, prev.id, alertById, compareFiring))
    else if (prev) resolvedOut.push(indexInSorted(s.resolvedIds, prev, prev.id, alertById, compareResolved))
  }
  for (const a of accepted) alertsById[a.id] = a
  alertsVersion += accepted.length
  let { firingIds, resolvedIds } = s
  if (moved.length) {
    firingIds = insertSorted(withoutIndexes(s.firingIds, firingOut), moved.filter((a) => a.status === 'firing'), alertById, compareFiring, alertId)
    resolvedIds = insertSorted(withoutIndexes(s.resolvedIds, resolvedOut), moved.filter((a) => a.status !== 'firing'), alertById, compareResolved, alertId)
  }
  let clientsById = s.clientsById
  for (const { seq, client } of Object.values(p.clients)) {
    if (seq <= s.seq) continue
    if (clientsById === s.clientsById) clientsById = { ...s.clientsById }
    clientsById[client.id] = client
  }
  const incidentsById = s.incidentsById
  const incidentById = (id: string) => incidentsById[id]
  let incidentsVersion = s.incidentsVersion
  const changedIncidents: Incident[] = []
  const movedIncidents: Incident[] = []
  const incidentsOut: number[] = []
  const touched = new Set<string>()
  for (const i of Object.values(p.incidents)) {
    const prev = incidentsById[i.id]
    if (prev && prev.seq > i.seq) continue
    changedIncidents.push(i)
    if (!prev || compareIncidents(prev, i) !== 0) {
      movedIncidents.push(i)
      if (prev) incidentsOut.push(indexInSorted(s.incidentIds, prev, prev.id, incidentById, compareIncidents))
    }
  }
  for (const i of changedIncidents) {
    incidentsById[i.id] = i
    touched.add(i.client)
    let ids = s.incidentIdsByClient.get(i.client)
    if (!ids) s.incidentIdsByClient.set(i.client, (ids = new Set()))
    ids.add(i.id)
  }
  incidentsVersion += changedIncidents.length
  let { incidentIds, incidentsByClient } = s
  if (movedIncidents.length) incidentIds = insertSorted(withoutIndexes(s.incidentIds, incidentsOut), movedIncidents, incidentById, compareIncidents, incidentId)
  if (touched.size) {
    // Only the clients whose incidents changed are summed again; the others keep their objects (and tiles).
    incidentsByClient = { ...s.incidentsByClient }
    for (const c of touched) {
      const next = summarizeClient(incidentsById, s.incidentIdsByClient.get(c) ?? [])
      const prev = s.incidentsByClient[c]
      if (!next) delete incidentsByClient[c]
      else incidentsByClient[c] = prev && sameSummary(prev, next) ? prev : next
    }
  }
  let problemsById = s.problemsById
  for (const x of Object.values(p.problems)) {
    const prev = problemsById[x.id]
    if (prev && prev.seq > x.seq) continue
    if (problemsById === s.problemsById) problemsById = { ...s.problemsById }
    problemsById[x.id] = x
  }
  const stormsById = applyRows(s.stormsById, p.storms)
  const sourcesById = applyRows(s.sourcesById, p.sources)
  const clientOrder =
    clientsById === s.clientsById && incidentsByClient === s.incidentsByClient ? s.clientOrder : orderClients(clientsById, incidentsByClient)
  return {
    ...s,
    alertsById,
    alertsVersion,
    firingIds,
    resolvedIds,
    clientsById,
    clientOrder,
    incidentsById,
    incidentsVersion,
    changedIncidents: changedIncidents.length ? changedIncidents : s.changedIncidents,
    incidentIds,
    incidentsByClient,
    problemsById,
    stormsById,
    sourcesById,
    seq: Math.max(s.seq, p.seq),
  }
}
