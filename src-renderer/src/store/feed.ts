/**
 * Pure reducers for what the hub pushes: the head and alert pages on (re)connect (./feed-load), then deltas.
 * No zustand, no DOM — the store's actions call these inside ONE `set` each, and the tests call them directly.
 * A delta whose `seq` is not newer than everything already received is ignored whole; within a batch the rules
 * of ./feed-commit hold.
 */
import type { Delta } from '@shared/api/contract'
import type { Incident } from '@shared/model/incident'
import type { SourceHealth, Storm } from '@shared/model/ops'
import { applyRows, bufferDelta, commit } from './feed-commit'
import { applyHead, finishAlertLoad } from './feed-load'
import { emptyPending, receivedSeq, resolvedTime, type FeedState } from './feed-state'

export { applyAlertRows, applyHead, applyPreview, applySnapshot, finishAlertLoad } from './feed-load'
export { bufferDelta } from './feed-commit'
export * from './feed-state'

const mergeRows = <K extends string | number, T extends { seq: number }>(into: Record<K, T>, rows: readonly T[] | undefined, key: (t: T) => K): Record<K, T> => {
  if (!rows?.length) return into
  const out = { ...into }
  for (const r of rows) {
    const prev = out[key(r)]
    if (!prev || prev.seq <= r.seq) out[key(r)] = r
  }
  return out
}

/** A delta from the hub. Returns the same object when nothing changes, so zustand notifies nobody. */
export const applyDelta = (s: FeedState, d: Delta): FeedState => {
  if (d.seq <= receivedSeq(s)) return s
  if (s.paused || !s.synced) return { ...s, pending: bufferDelta(s.pending, d) }
  return commit(s, bufferDelta(null, d))
}

/**
 * Storms and source health loaded after a head (the head does not carry them). Merged by their own
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

/**
 * A (re)sync is starting: deltas are buffered until the head lands, while the old data stays on screen
 * (an operator keeps their context through a blip). `reset`: the server's sequence restarted (new database),
 * so what we buffered and our seq mean nothing there.
 */
export const beginResync = (s: FeedState, reset: boolean): FeedState =>
  reset ? { ...s, synced: false, seq: -1, pending: null, alertsStale: true, alertSweep: null } : s.synced ? { ...s, synced: false } : s

/**
 * Freeze or unfreeze the view. Resuming applies the buffered head first, then the merged deltas and rows, then
 * the end of the alert load if it came meanwhile — one state.
 */
export const setPaused = (s: FeedState, paused: boolean): FeedState => {
  if (paused) return s.paused ? s : { ...s, paused: true }
  if (!s.paused) return s
  const running: FeedState = { ...s, paused: false }
  const p = s.pending
  if (!p) return running
  const done = (x: FeedState) => (p.loadDone ? finishAlertLoad(x) : x)
  if (p.head) return done(applyHead({ ...running, pending: { ...p, head: null, loadDone: false } }, p.head))
  if (!s.synced) return running // still waiting for the first head; keep buffering
  return done(commit({ ...running, pending: null }, p))
}

/**
 * Forget resolved alerts older than `before` (the head only brings the last hour of them, so a long
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
