/**
 * Pure reducers for what the hub pushes: a snapshot on (re)connect, then deltas. No zustand, no DOM — the
 * store's actions call these inside ONE `set` each, and the tests call them directly.
 *
 * Ordering rules, because the wire can repeat or reorder:
 * - a delta whose `seq` is not newer than everything already received is ignored whole;
 * - within a delta, an alert replaces the one we hold only if its own `seq` is not older (so a buffered delta
 *   can never roll back what a newer snapshot says);
 * - a client (no seq of its own) is taken from a delta only if that delta is newer than what is applied.
 */
import type { Delta, Snapshot } from '@shared/api/contract'
import type { Alert } from '@shared/model/alert'
import type { Client } from '@shared/model/client'
import { SEVERITIES, severityRank } from '@shared/model/severity'

/** Deltas received while paused (or before the first snapshot), merged so memory stays bounded by distinct ids. */
export interface PendingFeed {
  seq: number
  /** Frames merged, for the "N updates waiting" banner. */
  frames: number
  alerts: Record<number, Alert>
  clients: Record<string, { seq: number; client: Client }>
  /** A snapshot that arrived while paused; applied first on resume. */
  snapshot: Snapshot | null
}

export interface FeedState {
  alertsById: Record<number, Alert>
  /** Firing alerts, worst severity first, then newest problem first (stable while counts tick up). */
  firingIds: number[]
  /** Resolved alerts still held, most recently resolved first. */
  resolvedIds: number[]
  clientsById: Record<string, Client>
  /** Wall order: worst open severity first, then most open alerts, then name. */
  clientOrder: string[]
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
  firingIds: [],
  resolvedIds: [],
  clientsById: {},
  clientOrder: [],
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
export const compareClients = (a: Client, b: Client): number =>
  severityRank(a.worst) - severityRank(b.worst) || openTotal(b) - openTotal(a) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id)

/** Everything received so far, applied or buffered: the resume point and the duplicate filter. */
export const receivedSeq = (s: FeedState): number => Math.max(s.seq, s.pending?.seq ?? -1, s.pending?.snapshot?.seq ?? -1)

const emptyPending = (): PendingFeed => ({ seq: -1, frames: 0, alerts: {}, clients: {}, snapshot: null })

/** Merge one delta into a buffer: later versions of the same alert/client replace earlier ones. */
export const bufferDelta = (pending: PendingFeed | null, d: Delta): PendingFeed => {
  const p = pending ?? emptyPending()
  const alerts = { ...p.alerts }
  for (const a of d.alerts) {
    const prev = alerts[a.id]
    if (!prev || prev.seq <= a.seq) alerts[a.id] = a
  }
  const clients = { ...p.clients }
  for (const c of d.clients) clients[c.id] = { seq: d.seq, client: c }
  return { ...p, seq: Math.max(p.seq, d.seq), frames: p.frames + 1, alerts, clients }
}

/** Insert ids into a list kept sorted by `cmp` (binary search); a full sort when many changed at once. */
const mergeSorted = (base: number[], add: Alert[], byId: Record<number, Alert>, cmp: (a: Alert, b: Alert) => number): number[] => {
  if (add.length === 0) return base
  if (add.length > 64) return [...base, ...add.map((a) => a.id)].sort((x, y) => cmp(byId[x], byId[y]))
  const out = base.slice()
  for (const a of add.sort(cmp)) {
    let lo = 0
    let hi = out.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (cmp(byId[out[mid]], a) <= 0) lo = mid + 1
      else hi = mid
    }
    out.splice(lo, 0, a.id)
  }
  return out
}

/** Apply buffered (or just-received) changes to what is shown. One new state object; unchanged parts shared. */
const commit = (s: FeedState, p: PendingFeed): FeedState => {
  const changed: Alert[] = []
  let alertsById = s.alertsById
  for (const a of Object.values(p.alerts)) {
    const prev = alertsById[a.id]
    if (prev && prev.seq > a.seq) continue
    if (alertsById === s.alertsById) alertsById = { ...s.alertsById }
    alertsById[a.id] = a
    changed.push(a)
  }
  let { firingIds, resolvedIds } = s
  if (changed.length) {
    const ids = new Set(changed.map((a) => a.id))
    firingIds = mergeSorted(s.firingIds.filter((id) => !ids.has(id)), changed.filter((a) => a.status === 'firing'), alertsById, compareFiring)
    resolvedIds = mergeSorted(s.resolvedIds.filter((id) => !ids.has(id)), changed.filter((a) => a.status !== 'firing'), alertsById, compareResolved)
  }
  let clientsById = s.clientsById
  for (const { seq, client } of Object.values(p.clients)) {
    if (seq <= s.seq) continue
    if (clientsById === s.clientsById) clientsById = { ...s.clientsById }
    clientsById[client.id] = client
  }
  const clientOrder = clientsById === s.clientsById ? s.clientOrder : orderClients(clientsById)
  return { ...s, alertsById, firingIds, resolvedIds, clientsById, clientOrder, seq: Math.max(s.seq, p.seq) }
}

const orderClients = (byId: Record<string, Client>): string[] =>
  Object.values(byId)
    .sort(compareClients)
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
  const byStatus = (firing: boolean) => snap.alerts.filter((a) => (a.status === 'firing') === firing)
  const clientsById: Record<string, Client> = {}
  for (const c of snap.clients) clientsById[c.id] = c
  const fresh: FeedState = {
    ...s,
    alertsById,
    firingIds: byStatus(true).sort(compareFiring).map((a) => a.id),
    resolvedIds: byStatus(false).sort(compareResolved).map((a) => a.id),
    clientsById,
    clientOrder: orderClients(clientsById),
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
  const drop = s.resolvedIds.filter((id) => resolvedTime(s.alertsById[id]) < before)
  if (!drop.length) return s
  const gone = new Set(drop)
  const alertsById = { ...s.alertsById }
  for (const id of drop) delete alertsById[id]
  return { ...s, alertsById, resolvedIds: s.resolvedIds.filter((id) => !gone.has(id)) }
}

/** How many buffered updates the banner reports. */
export const pendingFrames = (s: FeedState): number => s.pending?.frames ?? 0
