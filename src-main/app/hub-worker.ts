/**
 * The writer worker's entry (a node:worker_threads Worker started by app/start-hub.ts): it owns SQLite, the engine
 * and the notification layer (app/hub-service.ts) and answers the I/O thread's messages (src-shared/api/hub-protocol.ts).
 * An ingest is answered only after its group commit returned, so "2xx = committed" holds across the thread boundary.
 * Anything thrown outside a request's own answer (a failing commit loop, a broken invariant) ends the worker, and
 * with it the process (see start-hub.ts): a half-dead writer must not keep accepting.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { BOARD, type FromWriter, type ToWriter, type WriterInit, type WriterValue } from '@shared/api/hub-protocol'
import type { NocEvent } from '@shared/model/event'
import { deltaGate } from './delta-gate'
import { createHubService, type HubService } from './hub-service'
import { utf8 } from './push-frame'
import { toWire } from './wire-errors'

const port = parentPort
if (!port) throw new Error('hub-worker.ts runs as a worker thread (started by app/start-hub.ts)')
const init = workerData as WriterInit
const board = new BigInt64Array(init.board)
const o = init.options

/** Post, publishing the committed seq first: whatever the I/O side reads next on the board is at least as new. */
const post = (m: FromWriter, transfer: ArrayBuffer[] = []) => {
  if (service) Atomics.store(board, BOARD.seq, BigInt(service.seq()))
  port.postMessage(m, transfer)
}

let service: HubService | undefined
const deltas = deltaGate({
  post: (seq, bytes) => post({ t: 'delta', seq, bytes }, [bytes.buffer as ArrayBuffer]),
  changesSince: (since) => service!.changesSince(since),
})
try {
  service = createHubService({
    dataDir: o.dataDir,
    // A test's fake clock lives on the I/O side; it writes the time to the board before every message.
    clock: o.injectedClock ? () => Number(Atomics.load(board, BOARD.clock)) : Date.now,
    demo: o.demo,
    configPath: o.configPath,
    synchronous: o.synchronous,
    tickMs: o.tickMs,
    quiet: o.quiet,
    nativeBinding: o.nativeBinding,
    gaugePrefix: 'noc_writer',
    // Serialised once, here (while anyone listens); the I/O thread writes these bytes to every console as they are.
    emit: (d) => deltas.emit(d),
  })
} catch (e) {
  port.postMessage({ t: 'failed', error: toWire(e) } satisfies FromWriter)
  port.close()
}

if (service) {
  const s = service
  s.onIntakeConfig((intake) => post({ t: 'intake', intake }))

  const answer = (id: number, work: () => Promise<WriterValue> | WriterValue) => {
    let p: Promise<WriterValue>
    try {
      p = Promise.resolve(work())
    } catch (e) {
      p = Promise.reject(e)
    }
    p.then(
      (value) => {
        const transfer = value && 'json' in value ? [value.json.buffer as ArrayBuffer] : value && 'delta' in value ? [value.delta.bytes.buffer as ArrayBuffer] : []
        post({ t: 'result', id, value }, transfer)
      },
      (e) => post({ t: 'error', id, error: toWire(e) }),
    )
  }

  let closing = false
  /** Heads of big ingests, by request id, until their `ingest` arrives (see hub-protocol.ts `ingest-part`). */
  const parts = new Map<number, NocEvent[]>()
  port.on('message', (m: ToWriter) => {
    if (m.t === 'ingest-part') return void (parts.get(m.id) ?? parts.set(m.id, []).get(m.id)!).push(...m.events)
    if (m.t === 'ingest-abort') return void parts.delete(m.id)
    if (closing && m.t !== 'close') {
      if (m.t === 'ingest') parts.delete(m.id)
      if ('id' in m) post({ t: 'error', id: m.id, error: { message: 'the hub is closing', contract: true, status: 503, issues: [] } })
      return
    }
    switch (m.t) {
      case 'call':
        return answer(m.id, () => s.callRaw({ method: m.method, input: m.input }, m.meta))
      case 'ingest': {
        const head = parts.get(m.id)
        parts.delete(m.id)
        const events = head ? (head.push(...m.events), head) : m.events
        // {accepted, seq}: the seq is read where THIS request's commit settled (pipeline/writer writeRequests.events),
        // before any later commit can run, so a console holding a delta with seq ≥ it shows what the request did.
        return answer(m.id, async () => {
          const { accepted, seq } = await s.ingestEvents(events)
          return { accepted, seq }
        })
      }
      case 'reject':
        return answer(m.id, async () => (await s.keepRejected(m.refusal), null))
      case 'since':
        return answer(m.id, () => {
          const d = s.changesSince(m.since)
          return { delta: { seq: d.seq, bytes: utf8(JSON.stringify(d)) } }
        })
      case 'control':
        return answer(m.id, async (): Promise<WriterValue> => {
          switch (m.op) {
            case 'tick':
              return (await s.tick(), null)
            case 'drain-outbox':
              return (await s.drainOutbox(), null)
            case 'housekeeping':
              return { report: await s.runHousekeeping() }
            case 'flush-pushes':
              return (s.flushPushes(), null)
            case 'metrics':
              return { text: await s.metricsText() }
          }
        })
      case 'subscribers':
        return deltas.listeners(m.count, m.seen)
      case 'desktop':
        return s.attachDesktop(m.attached ? { notify: (notification) => post({ t: 'desktop', notification }) } : undefined)
      case 'close':
        closing = true
        // Flushes what is queued (it commits before close returns), then the worker ends with the database closed.
        return answer(m.id, () => {
          s.close()
          setImmediate(() => port.close())
          return null
        })
    }
  })

  post({ t: 'ready', demo: s.demo, intake: s.intakeConfig() })
}
