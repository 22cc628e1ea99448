import { SHARE_ENV, Worker } from 'node:worker_threads'
import type { Method } from '@shared/api/contract'
import { ContractError } from '@shared/api/errors'
import { BOARD, type ControlOp, type FromWriter, type IntakeConfig, type ToWriter, type WriterValue } from '@shared/api/hub-protocol'
import type { NocEvent } from '@shared/model/event'
import { REJECTED_BODY_LIMIT } from '@shared/model/rejected'
import { intakeMetrics } from '../lib/metrics'
import type { CallMeta, DesktopPort, HubHandle, HubOptions, PushFrame, RawOutput, Refusal } from './hub'
import { parseCall } from './call-input'
import { createIntake, ingestByCall } from './intake'
import { nextTurn } from './intake-slices'
import { pushFrame } from './push-frame'
import { fromWire } from './wire-errors'
import { writerEntry } from './writer-entry'

export interface WorkerHubOptions extends HubOptions {
  /** The writer worker's code, when it is not where writer-entry.ts looks (packaged apps). */
  workerEntry?: string
  /**
   * The writer died (an uncaught error, or it exited): every request in flight has been refused with a 503 by now.
   * Default: log the reason and exit the process non-zero — a supervisor restarting the whole process is safe; a
   * writer restarted behind the listeners' backs would break "2xx = committed" for whatever was in flight.
   */
  onFatal?: (reason: Error) => void
}

/** Events per postMessage of one ingest (see submitEvents). */
export const INGEST_PART = 500

type Pending = { resolve: (v: WriterValue) => void; reject: (e: Error) => void }

const decoder = new TextDecoder()
/** Bodies a refusal carries across: the dead letter keeps REJECTED_BODY_LIMIT characters, at most 4 bytes each. */
const REFUSAL_BODY_BYTES = REJECTED_BODY_LIMIT * 4

const defaultFatal = (reason: Error) => {
  console.error(`NOC hub: the writer stopped (${reason.message}); exiting so nothing is acknowledged that was not written`)
  // Non-zero even if nothing else is left to run; a moment for the 503s just sent to in-flight requests to leave,
  // then out, whatever (listeners, timers) would keep the process alive behind a dead writer.
  process.exitCode = 70
  setTimeout(() => process.exit(70), 200).unref()
}

/**
 * A hub whose writer (SQLite, engine, notification layer) runs in a worker thread; this side — the I/O thread —
 * keeps the listeners, parses bodies, runs the adapters and hands `NocEvent[]` batches over
 * (src-shared/api/hub-protocol.ts). The Electron main and `serve` both start it (app/start-hub.ts).
 */
export const createWorkerHub = async (opts: WorkerHubOptions): Promise<HubHandle> => {
  const clock = opts.clock
  const board = new BigInt64Array(new SharedArrayBuffer(BOARD.length * 8))
  const syncClock = clock ? () => Atomics.store(board, BOARD.clock, BigInt(Math.round(clock()))) : () => {}
  syncClock()
  const entry = writerEntry(opts.workerEntry)
  const worker = new Worker(entry.file, {
    // Secrets the notification layer reads by name (PagerDuty keys, webhook secrets) may be set after start.
    env: SHARE_ENV,
    workerData: {
      board: board.buffer,
      options: {
        dataDir: opts.dataDir,
        demo: opts.demo ?? false,
        configPath: opts.configPath,
        synchronous: opts.synchronous,
        tickMs: opts.tickMs,
        quiet: opts.quiet,
        injectedClock: !!clock,
        nativeBinding: opts.nativeBinding,
      },
    },
  })

  const pending = new Map<number, Pending>()
  let nextId = 1
  let dead: Error | undefined
  let closing = false
  let intake: IntakeConfig = { grafanaOrgs: {} }
  let desktop: DesktopPort | undefined
  const listeners = new Set<(f: PushFrame) => void>()
  const metrics = intakeMetrics()
  // Ref'd only while an answer is awaited: an idle writer does not keep the process alive (a listener does).
  worker.unref()

  const send = (m: ToWriter, transfer: ArrayBuffer[] = []) => {
    syncClock()
    worker.postMessage(m, transfer)
  }
  const request = (m: ToWriter & { id: number }, transfer?: ArrayBuffer[]): Promise<WriterValue> => {
    if (dead) return Promise.reject(new ContractError(503, 'the writer is not running', [{ path: '(hub)', message: dead.message }]))
    return new Promise((resolve, reject) => {
      if (!pending.size) worker.ref()
      pending.set(m.id, { resolve, reject })
      try {
        send(m, transfer)
      } catch (e) {
        // Not cloneable (nothing a schema let through should be): refuse this request, keep the writer.
        settle(m.id)?.reject(new ContractError(400, 'invalid input', [{ path: '(body)', message: `cannot be handed to the writer: ${(e as Error).message}` }]))
      }
    })
  }
  const settle = (id: number): Pending | undefined => {
    const p = pending.get(id)
    pending.delete(id)
    if (!pending.size) worker.unref()
    return p
  }

  let started: { resolve: () => void; reject: (e: Error) => void }
  const ready = new Promise<void>((resolve, reject) => (started = { resolve, reject }))
  let isReady = false
  let demo = opts.demo ?? false

  const fatal = (reason: Error) => {
    if (dead) return
    dead = reason
    const refusal = new ContractError(503, 'the writer stopped; nothing of this request was acknowledged', [{ path: '(hub)', message: reason.message }])
    for (const id of [...pending.keys()]) settle(id)?.reject(refusal)
    if (!isReady) return started.reject(reason)
    if (!closing) (opts.onFatal ?? defaultFatal)(reason)
  }

  worker.on('message', (m: FromWriter) => {
    switch (m.t) {
      case 'ready':
        isReady = true
        demo = m.demo
        intake = m.intake
        return started.resolve()
      case 'failed':
        return fatal(fromWire(m.error))
      case 'result':
        return settle(m.id)?.resolve(m.value)
      case 'error':
        return settle(m.id)?.reject(fromWire(m.error))
      case 'delta': {
        if (!listeners.size) return
        const f = pushFrame(m.seq, m.bytes)
        for (const l of listeners) {
          try {
            l(f)
          } catch (e) {
            console.error('push listener failed', e)
          }
        }
        return
      }
      case 'intake':
        intake = m.intake
        return
      case 'desktop':
        try {
          desktop?.notify(m.notification)
        } catch (e) {
          console.error('desktop notification failed', e)
        }
        return
    }
  })
  worker.on('error', (e) => fatal(e instanceof Error ? e : new Error(String(e))))
  worker.on('exit', (code) => fatal(new Error(closing ? 'closed' : `the writer worker exited (code ${code})`)))

  await ready

  const control = (op: ControlOp) => request({ t: 'control', id: nextId++, op })
  const deadLetter = async (r: Refusal): Promise<void> => {
    metrics.rejected({ source: r.meta.source, status: String(r.status) })
    const raw = r.meta.rawBody
    let meta = r.meta
    if (raw !== undefined && typeof raw !== 'string') {
      // A copy of just the head: a Buffer may be a view on a far larger (pooled) block, all of which would be cloned.
      meta = { ...meta, rawBody: new Uint8Array(raw.subarray(0, REFUSAL_BODY_BYTES)), bodyBytes: meta.bodyBytes ?? raw.byteLength }
    }
    await request({ t: 'reject', id: nextId++, refusal: { ...r, meta } }).catch(() => undefined)
  }
  /**
   * One ingest request. Cloning a storm's batch for postMessage held the I/O thread ~10 ms per 3,000 events
   * (bench/io-loop.ts profile), so a big batch crosses in parts, a loop turn apart; the writer submits them as one.
   */
  const submitEvents = async (events: NocEvent[]): Promise<WriterValue> => {
    const id = nextId++
    let from = 0
    try {
      for (; events.length - from > INGEST_PART; from += INGEST_PART) {
        if (dead) break // request() below answers 503
        send({ t: 'ingest-part', id, events: events.slice(from, from + INGEST_PART) })
        await nextTurn()
      }
    } catch (e) {
      if (!dead) send({ t: 'ingest-abort', id })
      throw new ContractError(400, 'invalid input', [{ path: '(body)', message: `cannot be handed to the writer: ${(e as Error).message}` }])
    }
    return request({ t: 'ingest', id, events: from ? events.slice(from) : events })
  }
  const ingest = createIntake({
    clock: clock ?? Date.now,
    config: () => intake,
    metrics,
    submit: async (events) => (await submitEvents(events)) as { accepted: number; seq: number },
    // A request with no events commits nothing: the committed seq on the board answers it.
    seq: () => Number(Atomics.load(board, BOARD.seq)),
    deadLetter,
  })
  const callRaw = async (method: Method, input: unknown, meta?: CallMeta): Promise<RawOutput> => {
    if (method === 'events.ingest') return { json: new TextEncoder().encode(JSON.stringify(await ingestByCall(ingest, input, meta))) }
    const c = parseCall(method, input)
    return (await request({ t: 'call', id: nextId++, method: c.method, input: c.input, meta })) as RawOutput
  }
  const publishSubscribers = () => !dead && send({ t: 'subscribers', count: listeners.size, seen: Number(Atomics.load(board, BOARD.seq)) })

  return {
    get demo() {
      return demo
    },
    seq: () => Number(Atomics.load(board, BOARD.seq)),
    call: (async (method: Method, input: unknown, meta?: CallMeta) => {
      if (method === 'events.ingest') return ingestByCall(ingest, input, meta)
      const out = await callRaw(method, input, meta)
      return 'file' in out ? out.file : JSON.parse(decoder.decode(out.json))
    }) as HubHandle['call'],
    callRaw,
    ingest,
    deadLetter,
    countRefusal: (source, status) => metrics.rejected({ source, status: String(status) }),
    subscribe: (listener) => {
      listeners.add(listener)
      if (listeners.size === 1) publishSubscribers()
      return () => {
        if (listeners.delete(listener) && listeners.size === 0) publishSubscribers()
      }
    },
    changesSince: async (since) => {
      const v = (await request({ t: 'since', id: nextId++, since })) as { delta: { seq: number; bytes: Uint8Array } }
      return pushFrame(v.delta.seq, v.delta.bytes)
    },
    metrics: async (gauges = {}) => ((await control('metrics')) as { text: string }).text + (await metrics.render(gauges)),
    attachDesktop: (port) => {
      desktop = port
      if (!dead) send({ t: 'desktop', attached: !!port })
    },
    tick: async () => void (await control('tick')),
    drainOutbox: async () => void (await control('drain-outbox')),
    runHousekeeping: async () => ((await control('housekeeping')) as { report: Awaited<ReturnType<HubHandle['runHousekeeping']>> }).report,
    flushPushes: async () => void (await control('flush-pushes')),
    close: async () => {
      if (closing || dead) return
      closing = true
      try {
        await request({ t: 'close', id: nextId++ })
      } finally {
        await worker.terminate()
      }
    },
  }
}
