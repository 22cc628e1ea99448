/**
 * Ties a transport to the store: every 'open' either resumes (the transport re-subscribed from its cursor and
 * the store is in sync) or resyncs (load `snapshot.get`, buffering deltas meanwhile). Deltas go straight to
 * the store. The e2e tests and the Electron shell get the same behaviour; only the transport differs.
 */
import type { Transport } from '../api/transport'
import { receivedSeq } from './feed'
import type { NocStore } from './store'

export interface FeedOptions {
  /** How long resolved alerts stay listed (snapshot parameter and pruning horizon). */
  resolvedWithinMin?: number
  /** Delay before retrying a failed snapshot load while the link stays open. */
  retryMs?: number
  pruneEveryMs?: number
}

export const connectFeed = (store: NocStore, transport: Transport, opts: FeedOptions = {}): (() => void) => {
  const resolvedWithinMin = opts.resolvedWithinMin ?? 60
  const retryMs = opts.retryMs ?? 3_000
  // Each 'open' starts a generation; answers that belong to an older one are dropped.
  let generation = 0
  let retryTimer: ReturnType<typeof setTimeout> | undefined

  const sync = async (gen: number, reset: boolean) => {
    store.getState().beginResync(reset)
    try {
      const snapshot = await transport.call('snapshot.get', { resolvedWithinMin })
      if (gen !== generation) return
      const s = store.getState()
      s.receiveSnapshot(snapshot)
      s.setDemo(snapshot.demo)
      transport.resumeFrom(snapshot.seq)
      s.markLive(Date.now())
      void loadOps(gen)
    } catch (e) {
      if (gen !== generation) return
      store.getState().setSyncError(`could not load the current state: ${(e as Error).message}`)
      clearTimeout(retryTimer)
      retryTimer = setTimeout(() => {
        if (gen === generation && transport.status().state === 'open') void sync(gen, false)
      }, retryMs)
    }
  }

  // Storms and source health are not in the snapshot: load them once per sync; deltas keep them current.
  const loadOps = async (gen: number) => {
    try {
      const [storms, sources] = await Promise.all([transport.call('storms.list', { activeOnly: true }), transport.call('sources.list', {})])
      if (gen === generation) store.getState().receiveOps({ storms, sources })
    } catch {
      // Marks are an extra: the wall works without them, and the next sync retries.
    }
  }

  const offDelta = transport.onDelta((delta) => store.getState().receiveDelta(delta))
  const offStatus = transport.onStatus((status) => {
    const s = store.getState()
    s.setLink(status)
    const gen = ++generation
    clearTimeout(retryTimer)
    if (status.state !== 'open') return
    if (status.resumed && s.synced) return s.markLive(Date.now())
    // The server's sequence went backwards: a different database. Our seq would make us ignore its deltas.
    const reset = status.serverSeq !== undefined && status.serverSeq < receivedSeq(s)
    void sync(gen, reset)
  })

  const pruneTimer = setInterval(
    () => store.getState().pruneResolved(Date.now() - resolvedWithinMin * 60_000),
    opts.pruneEveryMs ?? 60_000,
  )

  transport.start()
  return () => {
    offDelta()
    offStatus()
    clearInterval(pruneTimer)
    clearTimeout(retryTimer)
    transport.close()
  }
}
