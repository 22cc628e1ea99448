import type { ChannelType, Delivery, DeliveryEvent, DeliveryStatus } from '@shared/model/ops'
import type { Db } from './db'

interface DeliveryRow {
  id: number
  incident_id: string | null
  channel: string
  channel_type: string
  event: string
  target: string | null
  dedup_key: string
  payload: string
  status: string
  attempts: number
  next_attempt_at: number | null
  error: string | null
  created_at: number
  updated_at: number
  sent_at: number | null
  seq: number
}

/** A delivery with what the sender needs: the body to send (never a secret; those are added at send time). */
export type OutboxRow = Delivery & { payload: unknown; dedupKey: string }

const rowToDelivery = (r: DeliveryRow): Delivery => ({
  id: r.id,
  incidentId: r.incident_id,
  channel: r.channel,
  channelType: r.channel_type as ChannelType,
  event: r.event as DeliveryEvent,
  target: r.target,
  status: r.status as DeliveryStatus,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  error: r.error,
  at: r.created_at,
  updatedAt: r.updated_at,
  sentAt: r.sent_at,
  seq: r.seq,
})
const rowToOutbox = (r: DeliveryRow): OutboxRow => ({ ...rowToDelivery(r), payload: JSON.parse(r.payload), dedupKey: r.dedup_key })

export interface EnqueueInput {
  incidentId: string | null
  channel: string
  channelType: ChannelType
  event: DeliveryEvent
  target: string | null
  /** Idempotency: a second enqueue with the same key (a replay, a retried commit) is ignored. */
  dedupKey: string
  payload: unknown
}

/** The persisted outbox. Enqueued inside the transaction that decided to notify; results recorded in a later one. */
export const deliveriesRepo = (db: Db) => {
  const insert = db.prepare(
    `INSERT INTO deliveries (incident_id, channel, channel_type, event, target, dedup_key, payload, status, attempts, next_attempt_at, created_at, updated_at, seq)
     VALUES (@incidentId, @channel, @channelType, @event, @target, @dedupKey, @payload, 'pending', 0, @now, @now, @now, @seq)
     ON CONFLICT(dedup_key) DO NOTHING`,
  )
  const byId = db.prepare<[number], DeliveryRow>('SELECT * FROM deliveries WHERE id = ?')
  // Per (incident, channel) in order: an `acknowledge` must not overtake the `trigger` it refers to.
  const due = db.prepare<[number, number], DeliveryRow>(
    `SELECT * FROM deliveries d WHERE d.status = 'pending' AND d.next_attempt_at <= ?
       AND NOT EXISTS (SELECT 1 FROM deliveries e WHERE e.status = 'pending' AND e.incident_id = d.incident_id AND e.channel = d.channel AND e.id < d.id)
     ORDER BY d.next_attempt_at, d.id LIMIT ?`,
  )
  const update = db.prepare(
    'UPDATE deliveries SET status = @status, attempts = @attempts, next_attempt_at = @nextAttemptAt, error = @error, updated_at = @now, sent_at = @sentAt, seq = @seq WHERE id = @id',
  )
  const ofIncident = db.prepare<[string, number], DeliveryRow>('SELECT * FROM deliveries WHERE incident_id = ? ORDER BY id LIMIT ?')
  const triggeredChannels = db.prepare<[string], { channel: string }>(
    "SELECT DISTINCT channel FROM deliveries WHERE incident_id = ? AND event IN ('trigger', 'escalate') ORDER BY channel",
  )
  const changedSince = db.prepare<[number], DeliveryRow>('SELECT * FROM deliveries WHERE seq > ? ORDER BY seq LIMIT 5000')

  return {
    /** Returns the new row, or undefined when the dedup key was already used. */
    enqueue: (e: EnqueueInput, now: number, seq: () => number): Delivery | undefined => {
      const r = insert.run({ ...e, payload: JSON.stringify(e.payload), now, seq: seq() })
      return r.changes ? rowToDelivery(byId.get(Number(r.lastInsertRowid))!) : undefined
    },
    get: (id: number): OutboxRow | undefined => {
      const r = byId.get(id)
      return r && rowToOutbox(r)
    },
    due: (now: number, limit = 50): OutboxRow[] => due.all(now, limit).map(rowToOutbox),
    record: (
      id: number,
      u: { status: DeliveryStatus; attempts: number; nextAttemptAt: number | null; error: string | null; sentAt: number | null },
      now: number,
      seq: number,
    ): Delivery => {
      update.run({ id, ...u, now, seq })
      return rowToDelivery(byId.get(id)!)
    },
    ofIncident: (incidentId: string, limit = 500): Delivery[] => ofIncident.all(incidentId, limit).map(rowToDelivery),
    /** Channels told about this incident (trigger or escalation): they get its acknowledge / resolve too. */
    triggeredChannels: (incidentId: string): string[] => triggeredChannels.all(incidentId).map((r) => r.channel),
    list: (q: { incidentId?: string; status?: DeliveryStatus; limit: number }): Delivery[] => {
      const where: string[] = []
      const params: unknown[] = []
      if (q.incidentId) (where.push('incident_id = ?'), params.push(q.incidentId))
      if (q.status) (where.push('status = ?'), params.push(q.status))
      const sql = `SELECT * FROM deliveries ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT ?`
      return db.prepare<unknown[], DeliveryRow>(sql).all(...params, q.limit).map(rowToDelivery)
    },
    changedSince: (seq: number): Delivery[] => changedSince.all(seq).map(rowToDelivery),
  }
}
export type DeliveriesRepo = ReturnType<typeof deliveriesRepo>
