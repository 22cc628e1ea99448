/**
 * Alerts and clients live in one slice because a delta changes both and must land in ONE `set` (one render,
 * never a wall that disagrees with the table). The logic is in ./feed (pure); these are thin wrappers.
 */
import type { Delta, Snapshot, SnapshotHead } from '@shared/api/contract'
import type { AlertRow } from './alert-row'
import { applyAlertRows, applyDelta, applyHead, applyPreview, applyOps, applySnapshot, beginResync, emptyFeed, finishAlertLoad, pruneResolved, setPaused, type FeedState } from './feed'
import type { SliceCreator } from './types'

export interface FeedActions {
  receiveDelta(delta: Delta): void
  receiveSnapshot(snapshot: Snapshot): void
  receiveHead(head: SnapshotHead): void
  receivePreview(preview: Parameters<typeof applyPreview>[1]): void
  receiveAlertRows(rows: readonly AlertRow[], total?: number): void
  finishAlertLoad(): void
  receiveOps(ops: Parameters<typeof applyOps>[1]): void
  beginResync(reset: boolean): void
  setPaused(paused: boolean): void
  togglePaused(): void
  pruneResolved(before: number): void
}

export type FeedSlice = FeedState & FeedActions

export const createFeedSlice: SliceCreator<FeedSlice> = (set) => ({
  ...emptyFeed(),
  receiveDelta: (delta) => set((s) => applyDelta(s, delta)),
  receiveSnapshot: (snapshot) => set((s) => applySnapshot(s, snapshot)),
  receiveHead: (head) => set((s) => applyHead(s, head)),
  receivePreview: (preview) => set((s) => applyPreview(s, preview)),
  receiveAlertRows: (rows, total) => set((s) => applyAlertRows(s, rows, total)),
  finishAlertLoad: () => set((s) => finishAlertLoad(s)),
  receiveOps: (ops) => set((s) => applyOps(s, ops)),
  beginResync: (reset) => set((s) => beginResync(s, reset)),
  setPaused: (paused) => set((s) => setPaused(s, paused)),
  togglePaused: () => set((s) => setPaused(s, !s.paused)),
  pruneResolved: (before) => set((s) => pruneResolved(s, before)),
})
