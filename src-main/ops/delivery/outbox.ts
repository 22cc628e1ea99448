import { clientProfile } from '@shared/model/config'
import type { Incident } from '@shared/model/incident'
import type { DeliveryEvent } from '@shared/model/ops'
import type { OutboxRow } from '../../store/deliveries-repo'
import type { OpsBatch, OpsCtx } from '../context'
import type { SendResult } from './http-send'
import { buildPayload } from './messages'
import { backoffMs, retryOf } from './send'

/**
 * The outbox. Deciding to notify and enqueueing happen in the transaction that made the decision (so a crash
 * cannot lose or duplicate the decision); sending happens outside any transaction; each attempt's result is
 * recorded in a later commit. Delivery is at-least-once: a process killed mid-send sends again after restart —
 * receivers de-duplicate on `X-NOC-Delivery` (webhooks) or the incident `dedup_key` (PagerDuty).
 */

export interface EnqueueSpec {
  incident: Incident
  channel: string
  event: DeliveryEvent
  target: string | null
  why: string
  dedupKey: string
}

/** Enqueue one delivery inside the batch transaction. Returns false when the key was already used. */
export const enqueue = (ctx: OpsCtx, batch: OpsBatch, s: EnqueueSpec): boolean => {
  const cfg = ctx.config()
  const ch = cfg.notifications.channels[s.channel]
  if (!ch) return false
  const now = ctx.clock()
  const payload = buildPayload(ch.type, { incident: s.incident, event: s.event, target: s.target, why: s.why, client: clientProfile(cfg, s.incident.client), at: now })
  const d = ctx.repos.deliveries.enqueue(
    { incidentId: s.incident.id, channel: s.channel, channelType: ch.type, event: s.event, target: s.target, dedupKey: s.dedupKey, payload },
    now,
    () => ctx.seq.next(),
  )
  if (d) batch.ops.changes.deliveries.set(d.id, d)
  return d !== undefined
}

/** Record one attempt's result (inside a later commit): sent, pending again with backoff, or failed with why. */
export const recordAttempt = (ctx: OpsCtx, batch: OpsBatch, id: number, res: SendResult, onResponse: (row: OutboxRow, res: SendResult, final: boolean) => void): void => {
  const row = ctx.repos.deliveries.get(id)
  if (!row || row.status !== 'pending') return
  const now = ctx.clock()
  const attempts = row.attempts + 1
  const retry = retryOf(row, ctx.config())
  const again = !res.ok && res.retryable && attempts < retry.maxAttempts
  const update = res.ok
    ? { status: 'sent' as const, attempts, nextAttemptAt: null, error: null, sentAt: now }
    : again
      ? { status: 'pending' as const, attempts, nextAttemptAt: now + backoffMs(retry, attempts), error: res.error, sentAt: null }
      : { status: 'failed' as const, attempts, nextAttemptAt: null, error: attempts > 1 ? `${res.error} (gave up after ${attempts} attempts)` : res.error, sentAt: null }
  const d = ctx.repos.deliveries.record(id, update, now, ctx.seq.next())
  batch.ops.changes.deliveries.set(d.id, d)
  if (row.channelType === 'desktop' && res.ok) {
    const p = row.payload as { title: string; body: string; severity: never; priority: never }
    batch.ops.changes.notifications.push({ deliveryId: id, incidentId: row.incidentId, title: p.title, body: p.body, severity: p.severity, priority: p.priority ?? null, event: row.event, at: now })
  }
  if (row.channelType === 'response') onResponse(row, res, !again)
  else if (update.status === 'failed' && row.incidentId)
    ctx.repos.incidents.addTimeline({
      incidentId: row.incidentId,
      at: now,
      actor: 'system',
      kind: 'notify',
      text: `${row.event} notification to ${row.channel}${row.target ? ` (${row.target})` : ''} failed: ${update.error}`,
      data: { deliveryId: id, channel: row.channel, status: 'failed' },
    })
}

export interface OutboxSenderDeps {
  due(now: number): OutboxRow[]
  clock(): number
  send(row: OutboxRow, signal: AbortSignal): Promise<SendResult>
  /** Resolves after the result is committed (so the row is never picked up twice). */
  record(row: OutboxRow, res: SendResult): Promise<unknown>
  maxInFlight?: number
  log?: (msg: string, e?: unknown) => void
}

/** Sends due deliveries, a bounded number at a time. `kick()` after commits that enqueued or on the ticker. */
export const createOutboxSender = (deps: OutboxSenderDeps) => {
  const inFlight = new Map<number, Promise<void>>()
  const max = deps.maxInFlight ?? 16
  const abort = new AbortController()
  const log = deps.log ?? ((m: string, e?: unknown) => console.error(m, e))
  let scheduled = false
  let closed = false

  const run = () => {
    scheduled = false
    if (closed || inFlight.size >= max) return
    let rows: OutboxRow[]
    try {
      rows = deps.due(deps.clock()).filter((r) => !inFlight.has(r.id))
    } catch (e) {
      if (!closed) log('outbox: reading due deliveries failed', e)
      return
    }
    for (const row of rows.slice(0, max - inFlight.size)) {
      const p = deps
        .send(row, abort.signal)
        .then((res) => (closed ? undefined : deps.record(row, res)))
        .then(() => undefined)
        .catch((e) => {
          if (!closed) log(`outbox: recording delivery ${row.id} failed`, e)
        })
        .finally(() => {
          inFlight.delete(row.id)
          kick()
        })
      inFlight.set(row.id, p)
    }
  }

  const kick = () => {
    if (scheduled || closed) return
    scheduled = true
    setImmediate(run)
  }

  return {
    kick,
    get inFlight() {
      return inFlight.size
    },
    /** Resolves once nothing is being sent and nothing due is left to pick up (tests; graceful shutdown). */
    drain: async (): Promise<void> => {
      for (let i = 0; i < 10_000; i++) {
        await new Promise((r) => setImmediate(r))
        if (!scheduled && inFlight.size === 0) return
        await Promise.all(inFlight.values())
      }
    },
    close: () => {
      closed = true
      abort.abort()
    },
  }
}
export type OutboxSender = ReturnType<typeof createOutboxSender>
