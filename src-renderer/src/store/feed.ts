/**
 * Pure reducers for what the hub pushes: a snapshot on (re)connect, then deltas. No zustand, no DOM — the
 * store's actions call these inside ONE `set` each, and the tests call them directly.
 *
 * Ordering rules, because the wire can repeat or reorder:
 * - a delta whose `seq` is not newer than everything already received is ignored whole;
 * - within a delta, an alert replaces the one we hold only if its own `seq` is not older (so a buffered delta
 *   can never roll back what a newer snapshot says);
 * - a client (no seq of its own) is taken from a delta only if that delta is newer than what is applied;
 * - incidents and problems carry their own `seq` and follow the alerts' rule.
 */
import type { Delta, Snapshot } from '@shared/api/contract'
import type { Alert } from '@shared/model/alert'
import type { Client } from '@shared/model/client'
import type { Incident } from '@shared/model/incident'
import type { SourceHealth, Storm } from '@shared/model/ops'
import type { Problem } from '@shared/model/problem'
import { SEVERITIES, severityRank } from '@shared/model/severity'
import { compareClientImpact, compareIncidents, incidentNumber, priorityRank, sameSummary, statusRank, summarizeClient, summarizeIncidents, type ClientIncidents } from './incident-order'
import { indexInSorted, insertSorted, sortByKeys, withoutIndexes } from './sorting'

/** Deltas received while paused (or before the first snapshot), merged so memory stays bounded by distinct ids. */
export interface PendingFeed {
  seq: number
  /** Frames merged, for the "N updates waiting" banner. */
  frames: number
  alerts: Record<number, Alert>
  clients: Record<string, { seq: number; client: Client }>
  incidents: Record<string, Incident>
  problems: Record<string, Problem>
  storms: Record<number, Storm>
  sources: Record<string, SourceHealth>
  /** A snapshot that arrived while paused; applied first on resume. */
  snapshot: Snapshot | null
}

export interface FeedState {
  /** Updated in place (see `commit`); `alertsVersion` changes whenever it does. */
  alertsById: Record<number, Alert>
  alertsVersion: number
  /** Firing alerts, worst severity first, then newest problem first (stable while counts tick up). */
  firingIds: number[]
  /** Resolved alerts still held, most recently resolved first. */
  resolvedIds: number[]
  clientsById: Record<string, Client>
  /** Wall order, by business impact: open P1s, P2s, worst severity, tier, open alerts, name. */
  clientOrder: string[]
  /** Incidents held: every active one plus those resolved within the horizon. */
  incidentsById: Record<string, Incident>
  incidentsVersion: number
  /** The incidents the last change applied (all of them after a snapshot), for watchers such as the attention layer. */
  changedIncidents: Incident[]
  /** Incident ids per client, updated in place with incidentsById: the wall's summary is redone per touched client. */
  incidentIdsByClient: Map<string, Set<string>>
  /** Queue order: open, acknowledged, resolved, closed; then P1 first; then newest. */
  incidentIds: string[]
  /** Active incidents per client (P1/P2 counts, next ack deadline) for the wall. */
  incidentsByClient: Record<string, ClientIncidents>
  problemsById: Record<string, Problem>
  /** Alert storms (server-detected) and source health, for the wall's STORM and STALE marks. */
  stormsById: Record<number, Storm>
  sourcesById: Record<string, SourceHealth>
  /** Highest seq applied to what is shown; -1 before the first snapshot. */
  seq: number
  /** A snapshot has been applied since the last (re)sync began; until then deltas are buffered. */
  synced: boolean
  /** The operator froze the view; deltas are buffered and applied on resume. */
  paused: boolean
  pending: PendingFeed | null
}

export const emptyFeed = (): FeedState => ({
  alertsById: {},
  alertsVersion: 0,
  firingIds: [],
  resolvedIds: [],
  clientsById: {},
  clientOrder: [],
  incidentsById: {},
  incidentsVersion: 0,
  changedIncidents: [],
  incidentIdsByClient: new Map(),
  incidentIds: [],
  incidentsByClient: {},
  problemsById: {},
  stormsById: {},
  sourcesById: {},
  seq: -1,
  synced: false,
  paused: false,
  pending: null,
})

export const compareFiring = (a: Alert, b: Alert): number =>
  severityRank(a.severity) - severityRank(b.severity) || b.firstSeen - a.firstSeen || b.id - a.id

const resolvedTime = (a: Alert): number => a.resolvedAt ?? a.lastSeen
export const compareResolved = (a: Alert, b: Alert): number => resolvedTime(b) - resolvedTime(a) || b.id - a.id

export const openTotal = (c: Client): number => SEVERITIES.reduce((n, s) => (s === 'ok' ? n : n + (c.open[s] ?? 0)), 0)
/** Severity-only order (no incidents known): worst open severity, then most open alerts, then name. */
export const compareClients = (a: Client, b: Client): number =>
  severityRank(a.worst) - severityRank(b.worst) || openTotal(b) - openTotal(a) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id)

/** Everything received so far, applied or buffered: the resume point and the duplicate filter. */
export const receivedSeq = (s: FeedState): number => Math.max(s.seq, s.pending?.seq ?? -1, s.pending?.snapshot?.seq ?? -1)

const emptyPending = (): PendingFeed => ({ seq: -1, frames: 0, alerts: {}, clients: {}, incidents: {}, problems: {}, storms: {}, sources: {}, snapshot: null })

/** Keep the newer of two versions of a seq-stamped record. */
const putNewer = <T extends { seq: number }>(into: Record<string | number, T>, key: string | number, v: T) => {
  const prev = into[key]
  if (!prev || prev.seq <= v.seq) into[key] = v
}

/**
 * Merge one delta into a buffer: later versions of the same alert/client replace earlier ones. The buffer's maps
 * are private to the feed, so they are updated in place (a long pause under a storm must not copy them per frame).
 */
export const bufferDelta = (pending: PendingFeed | null, d: Delta): PendingFeed => {
  const p = pending ?? emptyPending()
  for (const a of d.alerts) putNewer(p.alerts, a.id, a)
  for (const c of d.clients) p.clients[c.id] = { seq: d.seq, client: c }
  for (const i of d.incidents) putNewer(p.incidents, i.id, i)
  for (const x of d.problems) putNewer(p.problems, x.id, x)
  for (const x of d.storms ?? []) putNewer(p.storms, x.id, x)
  for (const x of d.sources ?? []) putNewer(p.sources, x.id, x)
  return { ...p, seq: Math.max(p.seq, d.seq), frames: p.frames + 1 }
}

const mergeRows = <K extends string | number, T extends { seq: number }>(into: Record<K, T>, rows: readonly T[] | undefined, key: (t: T) => K): Record<K, T> => {
  if (!rows?.length) return into
  const out = { ...into }
  for (const r of rows) putNewer(out, key(r), r)
  return out
}

const firingKeys = (a: Alert, k: Float64Array) => {
  k[0] = severityRank(a.severity)
  k[1] = 0
  k[2] = a.firstSeen
  k[3] = a.id
}
const resolvedKeys = (a: Alert, k: Float64Array) => {
  k[0] = 0
  k[1] = 0
  k[2] = resolvedTime(a)
  k[3] = a.id
}
const incidentKeys = (i: Incident, k: Float64Array) => {
  k[0] = statusRank(i.status)
  k[1] = priorityRank(i.priority)
  k[2] = i.openedAt
  k[3] = incidentNumber(i.id)
}
const alertId = (a: Alert) => a.id
const incidentId = (i: Incident) => i.id

/**
 * Apply buffered (or just-received) changes to what is shown, as one new state object.
 *
 * `alertsById` and `incidentsById` are updated IN PLACE and `alertsVersion` / `incidentsVersion` say that they
 * changed: copying a 100 k-key object costs ~100 ms, ten times a second. Select the version (or the ordered id
 * lists, which are new arrays whenever their order changes) to re-render on changes. An alert whose sort keys
 * did not change (a repeat: count and lastSeen) keeps its place without touching the id lists at all.
 */
const commit = (s: FeedState, p: PendingFeed): FeedState => {
  const alertsById = s.alertsById
  const alertById = (id: number) => alertsById[id]
  let alertsVersion = s.alertsVersion
  const moved: Alert[] = []
  const firingOut: number[] = []
  const resolvedOut: number[] = []
  // Two passes: every old position is found while the lists still match the alerts they were sorted by, and only
  // then are the new versions written in.
  const accepted: Alert[] = []
  for (const a of Object.values(p.alerts)) {
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

/** Rows with their own seq: a newer version replaces, an older one is ignored. Same object when nothing changes. */
const applyRows = <K extends string | number, T extends { seq: number }>(base: Record<K, T>, add: Record<K, T>): Record<K, T> => {
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

/**
 * Storms and source health loaded after a snapshot (the snapshot does not carry them). Merged by their own
 * seq like a delta's rows; while paused they wait with the buffered deltas.
 */
export const applyOps = (s: FeedState, ops: { storms: Storm[]; sources: SourceHealth[] }): FeedState => {
  const storms = Object.fromEntries(ops.storms.map((x) => [x.id, x])) as Record<number, Storm>
  const sources = Object.fromEntries(ops.sources.map((x) => [x.id, x])) as Record<string, SourceHealth>
  if (s.paused) {
    const p = s.pending ?? emptyPending()
    return { ...s, pending: { ...p, storms: mergeRows(p.storms, ops.storms, (x) => x.id), sources: mergeRows(p.sources, ops.sources, (x) => x.id) } }
  }
  const stormsById = applyRows(s.stormsById, storms)
  const sourcesById = applyRows(s.sourcesById, sources)
  return stormsById === s.stormsById && sourcesById === s.sourcesById ? s : { ...s, stormsById, sourcesById }
}

const orderClients = (byId: Record<string, Client>, impact: Record<string, ClientIncidents>): string[] =>
  Object.values(byId)
    .sort((a, b) => compareClientImpact(a, impact[a.id], b, impact[b.id]))
    .map((c) => c.id)

/** A delta from the hub. Returns the same object when nothing changes, so zustand notifies nobody. */
export const applyDelta = (s: FeedState, d: Delta): FeedState => {
  if (d.seq <= receivedSeq(s)) return s
  if (s.paused || !s.synced) return { ...s, pending: bufferDelta(s.pending, d) }
  return commit(s, bufferDelta(null, d))
}

/** Replace everything shown with a snapshot, then replay whatever was buffered while it loaded. */
export const applySnapshot = (s: FeedState, snap: Snapshot): FeedState => {
  if (s.paused) {
    const p = s.pending ?? emptyPending()
    if (p.snapshot && p.snapshot.seq >= snap.seq) return s
    return { ...s, pending: { ...p, snapshot: snap } }
  }
  const alertsById: Record<number, Alert> = {}
  for (const a of snap.alerts) alertsById[a.id] = a
  const firing: Alert[] = []
  const resolved: Alert[] = []
  for (const a of snap.alerts) (a.status === 'firing' ? firing : resolved).push(a)
  const clientsById: Record<string, Client> = {}
  for (const c of snap.clients) clientsById[c.id] = c
  const incidentsById: Record<string, Incident> = {}
  const incidentIdsByClient = new Map<string, Set<string>>()
  for (const i of snap.incidents) {
    incidentsById[i.id] = i
    let ids = incidentIdsByClient.get(i.client)
    if (!ids) incidentIdsByClient.set(i.client, (ids = new Set()))
    ids.add(i.id)
  }
  const incidentIds = sortByKeys(snap.incidents, incidentKeys, incidentId)
  const incidentsByClient = summarizeIncidents(incidentsById, incidentIds)
  const problemsById: Record<string, Problem> = {}
  for (const x of snap.problems) problemsById[x.id] = x
  const fresh: FeedState = {
    ...s,
    alertsById,
    alertsVersion: s.alertsVersion + 1,
    firingIds: sortByKeys(firing, firingKeys, alertId),
    resolvedIds: sortByKeys(resolved, resolvedKeys, alertId),
    clientsById,
    clientOrder: orderClients(clientsById, incidentsByClient),
    incidentsById,
    incidentsVersion: s.incidentsVersion + 1,
    changedIncidents: snap.incidents,
    incidentIdsByClient,
    incidentIds,
    incidentsByClient,
    problemsById,
    seq: snap.seq,
    synced: true,
    pending: null,
  }
  return s.pending ? commit(fresh, { ...s.pending, snapshot: null }) : fresh
}

/**
 * A (re)sync is starting: deltas are buffered until the snapshot lands, while the old data stays on screen
 * (an operator keeps their context through a blip). `reset`: the server's sequence restarted (new database),
 * so what we buffered and our seq mean nothing there.
 */
export const beginResync = (s: FeedState, reset: boolean): FeedState =>
  reset ? { ...s, synced: false, seq: -1, pending: null } : s.synced ? { ...s, synced: false } : s

/** Freeze or unfreeze the view. Resuming applies the buffered snapshot first, then the merged deltas — one state. */
export const setPaused = (s: FeedState, paused: boolean): FeedState => {
  if (paused) return s.paused ? s : { ...s, paused: true }
  if (!s.paused) return s
  const running: FeedState = { ...s, paused: false }
  const p = s.pending
  if (!p) return running
  if (p.snapshot) return applySnapshot({ ...running, pending: { ...p, snapshot: null } }, p.snapshot)
  if (!s.synced) return running // still waiting for the first snapshot; keep buffering
  return commit({ ...running, pending: null }, p)
}

/**
 * Forget resolved alerts older than `before` (the snapshot only carries the last hour of them, so a long
 * shift would otherwise grow without bound). Not while paused: the frozen view must not change.
 */
export const pruneResolved = (s: FeedState, before: number): FeedState => {
  if (s.paused) return s
  let next = s
  const drop = s.resolvedIds.filter((id) => resolvedTime(s.alertsById[id]) < before)
  if (drop.length) {
    const gone = new Set(drop)
    for (const id of drop) delete s.alertsById[id] // in place, like commit
    next = { ...next, alertsVersion: s.alertsVersion + 1, resolvedIds: s.resolvedIds.filter((id) => !gone.has(id)) }
  }
  // Incidents that ended before the horizon leave the queue too (the API still has them).
  const ended = (i: Incident) => (i.status === 'closed' ? (i.closedAt ?? i.resolvedAt) : i.status === 'resolved' ? i.resolvedAt : null)
  const dropInc = s.incidentIds.filter((id) => {
    const t = ended(s.incidentsById[id])
    return t !== null && t < before
  })
  if (dropInc.length) {
    const gone = new Set(dropInc)
    for (const id of dropInc) {
      s.incidentIdsByClient.get(s.incidentsById[id].client)?.delete(id)
      delete s.incidentsById[id]
    }
    next = { ...next, incidentsVersion: s.incidentsVersion + 1, incidentIds: s.incidentIds.filter((id) => !gone.has(id)) }
  }
  return next
}

/** How many buffered updates the banner reports. */
export const pendingFrames = (s: FeedState): number => s.pending?.frames ?? 0
