import type { ScheduledStep } from '@shared/model/ops'
import type { Db } from './db'

/** What the notification layer last saw of an incident (ops_incidents). */
export interface OpsIncidentRow {
  incidentId: string
  status: string
  /** Open episode: 1 when it opened, +1 each time it returns to open. Notification-rule keys carry it. */
  gen: number
  policy: string | null
  updatedAt: number
}

interface ScheduleRow {
  incident_id: string
  key: string
  kind: string
  ref: string
  round: number
  step: number
  notify: string
  due_at: number
  fired_at: number | null
  cancelled_at: number | null
  cancel_reason: string | null
  held: string | null
  created_at: number
}

export type ScheduleEntry = ScheduledStep & { key: string }

const rowToEntry = (r: ScheduleRow): ScheduleEntry => ({
  key: r.key,
  incidentId: r.incident_id,
  kind: r.kind as ScheduleEntry['kind'],
  ref: r.ref,
  round: r.round,
  step: r.step,
  notify: JSON.parse(r.notify),
  dueAt: r.due_at,
  firedAt: r.fired_at,
  cancelledAt: r.cancelled_at,
  cancelReason: r.cancel_reason,
  held: r.held,
})

/** ops_incidents + escalation_schedule. Every write runs inside the caller's (group-commit) transaction. */
export const scheduleRepo = (db: Db) => {
  const getOps = db.prepare<[string], { incident_id: string; status: string; gen: number; policy: string | null; updated_at: number }>(
    'SELECT * FROM ops_incidents WHERE incident_id = ?',
  )
  const putOps = db.prepare(
    `INSERT INTO ops_incidents (incident_id, status, gen, policy, updated_at) VALUES (@incidentId, @status, @gen, @policy, @updatedAt)
     ON CONFLICT(incident_id) DO UPDATE SET status = excluded.status, gen = excluded.gen, policy = excluded.policy, updated_at = excluded.updated_at`,
  )
  // INSERT … DO UPDATE only revives a step that never fired (cancelled by an ack): a fired step stays fired.
  const schedule = db.prepare(
    `INSERT INTO escalation_schedule (incident_id, key, kind, ref, round, step, notify, due_at, created_at)
     VALUES (@incidentId, @key, @kind, @ref, @round, @step, @notify, @dueAt, @now)
     ON CONFLICT(incident_id, key) DO UPDATE SET due_at = excluded.due_at, cancelled_at = NULL, cancel_reason = NULL, held = NULL
       WHERE fired_at IS NULL AND cancelled_at IS NOT NULL AND @revive = 1`,
  )
  const get = db.prepare<[string, string], ScheduleRow>('SELECT * FROM escalation_schedule WHERE incident_id = ? AND key = ?')
  const due = db.prepare<[number, number], ScheduleRow>(
    'SELECT * FROM escalation_schedule WHERE fired_at IS NULL AND cancelled_at IS NULL AND due_at <= ? ORDER BY due_at, incident_id, key LIMIT ?',
  )
  const pendingOf = db.prepare<[string], ScheduleRow>('SELECT * FROM escalation_schedule WHERE incident_id = ? AND fired_at IS NULL AND cancelled_at IS NULL')
  const ofIncident = db.prepare<[string], ScheduleRow>('SELECT * FROM escalation_schedule WHERE incident_id = ? ORDER BY created_at, kind, round, step, key')
  // A key range, not LIKE: LIKE with a bound pattern cannot use the primary key's order and costs ~5× more.
  const lastStep = db.prepare<[string, string, string], ScheduleRow>(
    "SELECT * FROM escalation_schedule WHERE incident_id = ? AND kind = 'step' AND key >= ? AND key < ? ORDER BY round DESC, step DESC LIMIT 1",
  )
  // `fired_at IS NULL` makes firing idempotent: a second attempt (a replay, a second process) changes nothing.
  const fire = db.prepare('UPDATE escalation_schedule SET fired_at = ?, held = NULL WHERE incident_id = ? AND key = ? AND fired_at IS NULL AND cancelled_at IS NULL')
  const cancel = db.prepare(
    'UPDATE escalation_schedule SET cancelled_at = ?, cancel_reason = ? WHERE incident_id = ? AND key = ? AND fired_at IS NULL AND cancelled_at IS NULL',
  )
  const hold = db.prepare('UPDATE escalation_schedule SET held = ? WHERE incident_id = ? AND key = ?')

  return {
    ops: (incidentId: string): OpsIncidentRow | undefined => {
      const r = getOps.get(incidentId)
      return r && { incidentId: r.incident_id, status: r.status, gen: r.gen, policy: r.policy, updatedAt: r.updated_at }
    },
    putOps: (r: OpsIncidentRow) => void putOps.run(r),
    /**
     * Add a due time unless the key exists. With `revive`, a step cancelled before it fired (the incident was
     * acknowledged) is scheduled again. Returns true when a row was written.
     */
    schedule: (e: Omit<ScheduledStep, 'firedAt' | 'cancelledAt' | 'cancelReason' | 'held'> & { key: string }, now: number, revive = false): boolean =>
      schedule.run({ ...e, notify: JSON.stringify(e.notify), now, revive: revive ? 1 : 0 }).changes > 0,
    get: (incidentId: string, key: string): ScheduleEntry | undefined => {
      const r = get.get(incidentId, key)
      return r && rowToEntry(r)
    },
    due: (now: number, limit = 500): ScheduleEntry[] => due.all(now, limit).map(rowToEntry),
    pending: (incidentId: string): ScheduleEntry[] => pendingOf.all(incidentId).map(rowToEntry),
    ofIncident: (incidentId: string): ScheduleEntry[] => ofIncident.all(incidentId).map(rowToEntry),
    /** The step furthest along an episode's chain (keys starting `prefix`), fired, pending or cancelled. */
    lastStep: (incidentId: string, prefix: string): ScheduleEntry | undefined => {
      // Keys under `prefix`: from the prefix itself up to (not including) the prefix with its last character + 1.
      const end = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)
      const r = lastStep.get(incidentId, prefix, end)
      return r && rowToEntry(r)
    },
    fire: (incidentId: string, key: string, now: number): boolean => fire.run(now, incidentId, key).changes === 1,
    cancel: (incidentId: string, key: string, now: number, reason: string): boolean => cancel.run(now, reason, incidentId, key).changes === 1,
    hold: (incidentId: string, key: string, reason: string | null) => void hold.run(reason, incidentId, key),
  }
}
export type ScheduleRepo = ReturnType<typeof scheduleRepo>
