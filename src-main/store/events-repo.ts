import type { NocEvent } from '@shared/model/event'
import type { Db } from './db'

/** The append-only occurrence journal. Never updated; housekeeping may delete by age. */
export const eventsRepo = (db: Db) => {
  const insert = db.prepare(
    `INSERT INTO events (received_at, time, alert_id, client, source, severity, status, summary)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const byAlert = db.prepare<[number, number], { id: number; received_at: number; time: number; severity: string; status: string; summary: string }>(
    'SELECT id, received_at, time, severity, status, summary FROM events WHERE alert_id = ? ORDER BY time DESC, id DESC LIMIT ?',
  )
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM events')
  return {
    append: (ev: NocEvent, alertId: number) =>
      void insert.run(ev.receivedAt, ev.time, alertId, ev.client, ev.source, ev.severity, ev.status, ev.summary),
    forAlert: (alertId: number, limit = 100) => byAlert.all(alertId, limit),
    count: (): number => count.get()!.n,
  }
}
export type EventsRepo = ReturnType<typeof eventsRepo>
