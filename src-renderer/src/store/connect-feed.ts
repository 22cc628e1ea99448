/**
 * Ties a transport to the store: every 'open' either resumes (the transport re-subscribed from its cursor and
 * the store is in sync) or resyncs. A resync loads the head first (`snapshot.head`: clients, incidents,
 * problems — the wall and the queue are usable from here), then the alert rows page by page (`alerts.rows`),
 * buffering deltas only until the head is in. Bulk answers are decoded by the decoder (a Web Worker in the
 * app), never parsed on the UI thread. The e2e tests and the Electron shell get the same behaviour; only the
 * transport differs.
 */
import type { Transport } from '../api/transport'
import { alertRowsOf, type DecodedRows } from '../decode/decode-core'
import { inlineDecoder, type Decoder } from '../decode/decoder'
import { receivedSeq } from './feed'
import type { NocStore } from './store'

/** Performance marks of the first view (bench/ui.ts reads them; DevTools shows them on the timeline). */
const mark = (name: string) => globalThis.performance?.mark?.(name)

export interface FeedOptions {
  /** How long resolved alerts stay listed (head/rows parameter and pruning horizon). */
  resolvedWithinMin?: number
  /** Delay before retrying a failed head or page load while the link stays open. */
  retryMs?: number
  pruneEveryMs?: number
  /** Where bulk answers are decoded (default: inline, for tests; main.tsx passes the worker's). */
  decoder?: Decoder
  /** Alert rows per page. */
  pageSize?: number
}

export const connectFeed = (store: NocStore, transport: Transport, opts: FeedOptions = {}): (() => void) => {
  const resolvedWithinMin = opts.resolvedWithinMin ?? 60
  const retryMs = opts.retryMs ?? 3_000
  const pageSize = opts.pageSize ?? 10_000
  const decoder = opts.decoder ?? inlineDecoder()
  // Each 'open' starts a generation; answers that belong to an older one are dropped.
  let generation = 0
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  /**
   * Where the alert pages are, across reconnects: a resumed link continues from `after` (deltas cover every
   * change since the head, and ids below `after` were already read); a resync starts again from 0.
   */
  let paging: { after: number; done: boolean } | null = null

  const retry = (gen: number, fn: () => void) => {
    clearTimeout(retryTimer)
    retryTimer = setTimeout(() => {
      if (gen === generation && transport.status().state === 'open') fn()
    }, retryMs)
  }

  const sync = async (gen: number, reset: boolean) => {
    store.getState().beginResync(reset)
    paging = null
    try {
      mark('noc:head-request')
      const raw = await transport.callRaw('snapshot.head', { resolvedWithinMin })
      mark('noc:head-received')
      const head = await decoder.head(raw, (preview) => {
        if (gen === generation) store.getState().receivePreview(preview)
        mark('noc:head-preview')
      })
      mark('noc:head-decoded')
      if (gen !== generation) return
      const s = store.getState()
      s.receiveHead(head)
      mark('noc:head-applied')
      s.setDemo(head.demo)
      transport.resumeFrom(head.seq)
      s.markLive(Date.now())
      void loadOps(gen)
      paging = { after: 0, done: false }
      void pageAlerts(gen)
    } catch (e) {
      if (gen !== generation) return
      store.getState().setSyncError(`could not load the current state: ${(e as Error).message}`)
      retry(gen, () => void sync(gen, false))
    }
  }

  const fetchPage = async (after: number): Promise<DecodedRows> =>
    decoder.alertRows(await transport.callRaw('alerts.rows', { resolvedWithinMin, after, limit: pageSize }))

  /** Pages until the last one, one request ahead: the hub reads page n+1 while this thread applies page n. */
  const pageAlerts = async (gen: number) => {
    const p = paging
    if (!p || p.done) return
    let next = fetchPage(p.after)
    for (;;) {
      let rows: DecodedRows
      try {
        rows = await next
      } catch (e) {
        if (gen !== generation || paging !== p) return
        store.getState().setSyncError(`could not load all alerts: ${(e as Error).message}`)
        return retry(gen, () => void pageAlerts(gen))
      }
      if (gen !== generation || paging !== p) return
      if (rows.next !== null) {
        next = fetchPage(rows.next)
        next.catch(() => {}) // handled when awaited; a generation change may leave it unawaited
      }
      const s = store.getState()
      s.receiveAlertRows(alertRowsOf(rows), rows.total)
      if (s.syncError) s.setSyncError(null)
      if (rows.next === null) {
        p.done = true
        s.finishAlertLoad()
        return mark('noc:rows-done')
      }
      p.after = rows.next
    }
  }

  // Storms and source health are not in the head: load them once per sync; deltas keep them current.
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
    if (status.resumed && s.synced) {
      s.markLive(Date.now())
      return void pageAlerts(gen)
    }
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
