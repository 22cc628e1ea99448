/**
 * Where bulk answers are decoded: in a Web Worker (the app), or inline (unit tests; a browser that refuses the
 * worker). Same functions either way (decode-core.ts); the worker only moves the parsing and checking off the UI
 * thread, so a 10 MB head or a 100 k-row page never freezes the wall.
 */
import type { SnapshotHead } from '@shared/api/contract'
import type { Incident } from '@shared/model/incident'
import type { ClientIncidents } from '../store/incident-order'
import { NocCallError, type RawOutput } from '../api/transport'
import { DecodeError, decodeAlertRows, decodeHead, type DecodedRows } from './decode-core'
import type { DecodeReply, DecodeRequest } from './decode-handler'

/** What the wall can draw before the head's incidents are across: clients and their incident summaries. */
export interface HeadPreview {
  clients: SnapshotHead['clients']
  summaries: Record<string, ClientIncidents>
}

export interface Decoder {
  readonly kind: 'worker' | 'inline'
  warm?(): void
  /** `onPreview` is called once, early, when the decoder can tell the wall something before the whole head. */
  head(raw: RawOutput, onPreview?: (p: HeadPreview) => void): Promise<SnapshotHead>
  alertRows(raw: RawOutput): Promise<DecodedRows>
  close(): void
}

const toCallError = (e: unknown): Error =>
  e instanceof DecodeError ? new NocCallError(e.message, e.issues, e.method) : e instanceof Error ? e : new Error(String(e))

export const inlineDecoder = (): Decoder => ({
  kind: 'inline',
  head: async (raw) => {
    try {
      return decodeHead(raw)
    } catch (e) {
      throw toCallError(e)
    }
  },
  alertRows: async (raw) => {
    try {
      return decodeAlertRows(raw)
    } catch (e) {
      throw toCallError(e)
    }
  },
  close() {},
})

/** The part of `Worker` we use, so tests can pass an in-process fake. */
export interface WorkerLike {
  postMessage(message: DecodeRequest): void
  onmessage: ((e: { data: DecodeReply }) => void) | null
  onerror: ((e: unknown) => void) | null
  terminate(): void
}

interface Job {
  req: DecodeRequest
  onPreview?: (p: HeadPreview) => void
  resolve: (v: unknown) => void
  reject: (e: Error) => void
  head?: Omit<SnapshotHead, 'incidents'>
  chunks?: number
  incidents?: Incident[]
}

/**
 * A decoder backed by a worker. If the worker fails (cannot load, crashes), it says so once on the console and
 * every job, pending or new, runs inline instead: slower, never stuck.
 */
export const createWorkerDecoder = (spawn: () => WorkerLike, onFallback?: () => void): Decoder => {
  const inline = inlineDecoder()
  const jobs = new Map<number, Job>()
  let nextId = 1
  let worker: WorkerLike | null = null
  let failed = false

  const runInline = (job: Job) => (job.req.kind === 'head' ? inline.head(job.req.raw) : inline.alertRows(job.req.raw)).then(job.resolve, job.reject)

  const fail = (why: unknown) => {
    if (failed) return
    failed = true
    console.warn('decode worker unavailable, decoding on the main thread', why)
    onFallback?.()
    worker?.terminate()
    worker = null
    const pending = [...jobs.values()]
    jobs.clear()
    for (const job of pending) void runInline(job)
  }

  const onReply = (m: DecodeReply) => {
    const job = jobs.get(m.id)
    if (!job) return
    switch (m.part) {
      case 'rows':
        jobs.delete(m.id)
        return job.resolve(m.rows)
      case 'error':
        jobs.delete(m.id)
        return job.reject(new NocCallError(m.error, m.issues, job.req.kind === 'head' ? 'snapshot.head' : 'alerts.rows'))
      case 'head':
        job.head = m.head
        job.chunks = m.chunks
        job.incidents = []
        if (m.chunks > 0) job.onPreview?.({ clients: m.head.clients, summaries: m.summaries })
        break
      case 'incidents':
        for (const i of m.list) job.incidents!.push(i)
        job.chunks!--
        break
    }
    if (job.head && job.chunks === 0) {
      jobs.delete(m.id)
      job.resolve({ ...job.head, incidents: job.incidents! })
    }
  }

  const ensure = (): WorkerLike | null => {
    if (failed) return null
    if (worker) return worker
    try {
      worker = spawn()
    } catch (e) {
      fail(e)
      return null
    }
    worker.onmessage = (e) => onReply(e.data)
    worker.onerror = (e) => fail(e)
    return worker
  }

  const run = <T>(kind: DecodeRequest['kind'], raw: RawOutput, onPreview?: (p: HeadPreview) => void): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const job: Job = { req: { id: nextId++, kind, raw }, onPreview, resolve: resolve as (v: unknown) => void, reject }
      const w = ensure()
      if (!w) return void runInline(job)
      jobs.set(job.req.id, job)
      // Copied, not transferred: if the worker dies, the job re-runs inline from the same bytes.
      w.postMessage(job.req)
    })

  return {
    /** Start the worker now, so its script is loaded and compiled by the time the head arrives. */
    warm: () => void ensure(),
    get kind() {
      return failed ? 'inline' : 'worker'
    },
    head: (raw, onPreview) => run<SnapshotHead>('head', raw, onPreview),
    alertRows: (raw) => run<DecodedRows>('rows', raw),
    close() {
      worker?.terminate()
      worker = null
    },
  }
}

/** The app's decoder: the worker module bundled by Vite as its own file (same origin, so CSP allows it). */
export const createAppDecoder = (onFallback?: () => void): Decoder => {
  if (typeof Worker === 'undefined') return inlineDecoder()
  const d = createWorkerDecoder(() => new Worker(new URL('./decode-worker.ts', import.meta.url), { type: 'module', name: 'noc-decode' }) as unknown as WorkerLike, onFallback)
  d.warm?.()
  return d
}
