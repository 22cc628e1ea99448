/**
 * Loading what is shown: the head (`snapshot.head`: clients, incidents, problems, alert totals), then the alert
 * rows page by page (`alerts.rows`), then "done". Deltas keep flowing the whole time and every row carries its
 * own seq, so the order in which pages and deltas land does not matter (see feed-commit's rules).
 *
 * A resync keeps the old rows on screen while the new pages come in (the operator keeps their place in the alert
 * table); rows that no page and no delta mentions by the end are gone from the hub and are swept then.
 */
import type { Snapshot, SnapshotHead } from '@shared/api/contract'
import type { Client } from '@shared/model/client'
import type { Incident } from '@shared/model/incident'
import type { Problem } from '@shared/model/problem'
import { toAlertRow, type AlertRow } from './alert-row'
import { bufferRows, commit, orderClients } from './feed-commit'
import { emptyPending, type FeedState } from './feed-state'
import { incidentNumber, priorityRank, statusRank, summarizeIncidents, type ClientIncidents } from './incident-order'
import { sortByKeys } from './sorting'

const incidentKeys = (i: Incident, k: Float64Array) => {
  k[0] = statusRank(i.status)
  k[1] = priorityRank(i.priority)
  k[2] = i.openedAt
  k[3] = incidentNumber(i.id)
}
const incidentId = (i: Incident) => i.id

/** Replace clients, incidents and problems with the head's; alerts stay (or go, after a server reset) until the pages say. */
export const applyHead = (s: FeedState, head: SnapshotHead): FeedState => {
  if (s.paused) {
    const p = s.pending ?? emptyPending()
    if (p.head && p.head.seq >= head.seq) return s
    return { ...s, pending: { ...p, head, loadDone: false } }
  }
  const stale = s.alertsStale
  const held = !stale && s.firingIds.length + s.resolvedIds.length > 0
  const clientsById: Record<string, Client> = {}
  for (const c of head.clients) clientsById[c.id] = c
  const incidentsById: Record<string, Incident> = {}
  const incidentIdsByClient = new Map<string, Set<string>>()
  for (const i of head.incidents) {
    incidentsById[i.id] = i
    let ids = incidentIdsByClient.get(i.client)
    if (!ids) incidentIdsByClient.set(i.client, (ids = new Set()))
    ids.add(i.id)
  }
  const incidentIds = sortByKeys(head.incidents, incidentKeys, incidentId)
  const incidentsByClient = summarizeIncidents(incidentsById, incidentIds)
  const problemsById: Record<string, Problem> = {}
  for (const x of head.problems) problemsById[x.id] = x
  const fresh: FeedState = {
    ...s,
    alertsById: stale ? {} : s.alertsById,
    alertsVersion: s.alertsVersion + 1,
    firingIds: stale ? [] : s.firingIds,
    resolvedIds: stale ? [] : s.resolvedIds,
    alertLoad: { state: 'loading', loaded: 0, total: head.alerts.firing + head.alerts.resolved },
    alertTotals: head.alerts,
    alertSweep: held ? new Set() : null,
    alertsStale: false,
    clientsById,
    clientOrder: orderClients(clientsById, incidentsByClient),
    incidentsById,
    incidentsVersion: s.incidentsVersion + 1,
    changedIncidents: head.incidents,
    incidentIdsByClient,
    incidentIds,
    incidentsByClient,
    problemsById,
    seq: head.seq,
    synced: true,
    pending: null,
  }
  return s.pending ? commit(fresh, { ...s.pending, head: null }) : fresh
}

/**
 * The first thing a fresh console can show: clients and their incident summaries, before the head's incidents
 * are across (the decode worker sends these first). Only on a first load: a console that already shows data
 * keeps it until the whole head lands, so the wall never mixes two moments.
 */
export const applyPreview = (s: FeedState, p: { clients: Client[]; summaries: Record<string, ClientIncidents> }): FeedState => {
  if (s.synced || s.seq >= 0 || s.paused || s.clientOrder.length) return s
  const clientsById: Record<string, Client> = {}
  for (const c of p.clients) clientsById[c.id] = c
  return { ...s, clientsById, incidentsByClient: p.summaries, clientOrder: orderClients(clientsById, p.summaries) }
}

/** One page of alert rows. While paused (or between a resync and its head) they wait with the deltas. */
export const applyAlertRows = (s: FeedState, rows: readonly AlertRow[], total?: number): FeedState => {
  const alertLoad = { ...s.alertLoad, loaded: s.alertLoad.loaded + rows.length, total: total ?? s.alertLoad.total }
  if (s.paused || !s.synced) return { ...s, alertLoad, pending: bufferRows(s.pending, rows) }
  const batch = bufferRows(null, rows)
  return { ...commit(s, batch), alertLoad }
}

/** The last page is in: drop what the resync did not see, and say the table is complete. */
export const finishAlertLoad = (s: FeedState): FeedState => {
  if (s.paused || !s.synced) {
    const p = s.pending ?? emptyPending()
    return { ...s, pending: { ...p, loadDone: true } }
  }
  const sweep = s.alertSweep
  let next: FeedState = { ...s, alertSweep: null, alertLoad: { ...s.alertLoad, state: 'done' } }
  if (sweep) {
    const gone = (id: number) => !sweep.has(id)
    const drop = [...s.firingIds.filter(gone), ...s.resolvedIds.filter(gone)]
    if (drop.length) {
      for (const id of drop) delete s.alertsById[id] // in place, like commit
      next = {
        ...next,
        alertsVersion: s.alertsVersion + 1,
        firingIds: s.firingIds.filter((id) => sweep.has(id)),
        resolvedIds: s.resolvedIds.filter((id) => sweep.has(id)),
      }
    }
  }
  return { ...next, alertLoad: { ...next.alertLoad, loaded: next.firingIds.length + next.resolvedIds.length } }
}

/** A whole snapshot (`snapshot.get`: scripts, tests): the head, all rows as one page, done. */
export const applySnapshot = (s: FeedState, snap: Snapshot): FeedState => {
  const firing = snap.alerts.filter((a) => a.status === 'firing').length
  const head: SnapshotHead = {
    seq: snap.seq,
    demo: snap.demo,
    clients: snap.clients,
    incidents: snap.incidents,
    problems: snap.problems,
    alerts: { firing, resolved: snap.alerts.length - firing },
  }
  return finishAlertLoad(applyAlertRows(applyHead(s, head), snap.alerts.map(toAlertRow)))
}
