import type { MaintenanceSchedule, SilenceMatcher, Suppression } from '@shared/model/ops'
import type { Alert } from '@shared/model/alert'
import { rowToAlert, type AlertRow } from './alerts-repo'
import type { Db } from './db'

/** A maintenance window as stored (API-created ones; config windows are not stored). */
export interface StoredWindow {
  id: string
  name: string
  client: string | null
  service: string | null
  resource: string | null
  schedule: MaintenanceSchedule
  createdBy: string
  createdAt: number
  deletedAt: number | null
  seq: number
}

export interface StoredSilence {
  id: string
  matchers: SilenceMatcher[]
  startsAt: number
  endsAt: number
  createdBy: string
  comment: string
  incidentId: string | null
  createdAt: number
  seq: number
}

interface WindowRow {
  id: string
  name: string
  client: string | null
  service: string | null
  resource: string | null
  schedule: string
  created_by: string
  created_at: number
  deleted_at: number | null
  seq: number
}
interface SilenceRow {
  id: string
  matchers: string
  starts_at: number
  ends_at: number
  created_by: string
  comment: string
  incident_id: string | null
  created_at: number
  seq: number
}
interface SuppressionRow {
  alert_id: number
  kind: string
  ref: string
  reason: string
  since: number
  seq: number
}

const rowToWindow = (r: WindowRow): StoredWindow => ({
  id: r.id,
  name: r.name,
  client: r.client,
  service: r.service,
  resource: r.resource,
  schedule: JSON.parse(r.schedule),
  createdBy: r.created_by,
  createdAt: r.created_at,
  deletedAt: r.deleted_at,
  seq: r.seq,
})
const rowToSilence = (r: SilenceRow): StoredSilence => ({
  id: r.id,
  matchers: JSON.parse(r.matchers),
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  createdBy: r.created_by,
  comment: r.comment,
  incidentId: r.incident_id,
  createdAt: r.created_at,
  seq: r.seq,
})
const rowToSuppression = (r: SuppressionRow): Suppression => ({
  alertId: r.alert_id,
  active: true,
  kind: r.kind as Suppression['kind'],
  ref: r.ref,
  reason: r.reason,
  since: r.since,
  seq: r.seq,
})

/** maintenance_windows, silences and alert_suppressions. */
export const suppressionRepo = (db: Db) => {
  const counter = db.prepare<[string], { value: number }>('UPDATE counters SET value = value + 1 WHERE name = ? RETURNING value')
  const insertWindow = db.prepare(
    `INSERT INTO maintenance_windows (id, name, client, service, resource, schedule, created_by, created_at, seq)
     VALUES (@id, @name, @client, @service, @resource, @schedule, @createdBy, @createdAt, @seq)`,
  )
  const deleteWindow = db.prepare('UPDATE maintenance_windows SET deleted_at = ?, seq = ? WHERE id = ? AND deleted_at IS NULL')
  const windowById = db.prepare<[string], WindowRow>('SELECT * FROM maintenance_windows WHERE id = ?')
  const liveWindows = db.prepare<[], WindowRow>('SELECT * FROM maintenance_windows WHERE deleted_at IS NULL ORDER BY created_at, id')
  const windowsSince = db.prepare<[number], WindowRow>('SELECT * FROM maintenance_windows WHERE seq > ? ORDER BY seq')
  const insertSilence = db.prepare(
    `INSERT INTO silences (id, matchers, starts_at, ends_at, created_by, comment, incident_id, created_at, seq)
     VALUES (@id, @matchers, @startsAt, @endsAt, @createdBy, @comment, @incidentId, @createdAt, @seq)`,
  )
  const expireSilence = db.prepare('UPDATE silences SET ends_at = ?, seq = ? WHERE id = ? AND ends_at > ?')
  const silenceById = db.prepare<[string], SilenceRow>('SELECT * FROM silences WHERE id = ?')
  const silencesEndingAfter = db.prepare<[number], SilenceRow>('SELECT * FROM silences WHERE ends_at > ? ORDER BY starts_at, id')
  const allSilences = db.prepare<[number], SilenceRow>('SELECT * FROM silences ORDER BY ends_at DESC LIMIT ?')
  const silencesSince = db.prepare<[number], SilenceRow>('SELECT * FROM silences WHERE seq > ? ORDER BY seq')
  const getSuppression = db.prepare<[number], SuppressionRow>('SELECT * FROM alert_suppressions WHERE alert_id = ?')
  const putSuppression = db.prepare(
    `INSERT INTO alert_suppressions (alert_id, kind, ref, reason, since, seq) VALUES (@alertId, @kind, @ref, @reason, @since, @seq)
     ON CONFLICT(alert_id) DO UPDATE SET kind = excluded.kind, ref = excluded.ref, reason = excluded.reason, seq = excluded.seq`,
  )
  const dropSuppression = db.prepare('DELETE FROM alert_suppressions WHERE alert_id = ?')
  const allSuppressions = db.prepare<[], SuppressionRow>('SELECT * FROM alert_suppressions ORDER BY alert_id')
  const suppressionsSince = db.prepare<[number], SuppressionRow>('SELECT * FROM alert_suppressions WHERE seq > ? ORDER BY seq')
  const countSuppressions = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM alert_suppressions')
  // Served by alerts_byClientStatus(client, status, severity).
  const criticals = db.prepare<[string], AlertRow>("SELECT * FROM alerts WHERE client = ? AND status = 'firing' AND severity = 'critical' LIMIT 500")

  return {
    nextId: (what: 'silence' | 'maintenance'): string => `${what === 'silence' ? 'SIL' : 'MW'}-${counter.get(what)!.value}`,
    addWindow: (w: Omit<StoredWindow, 'deletedAt'>) => void insertWindow.run({ ...w, schedule: JSON.stringify(w.schedule) }),
    deleteWindow: (id: string, now: number, seq: number): boolean => deleteWindow.run(now, seq, id).changes === 1,
    window: (id: string): StoredWindow | undefined => {
      const r = windowById.get(id)
      return r && rowToWindow(r)
    },
    windows: (): StoredWindow[] => liveWindows.all().map(rowToWindow),
    windowsChangedSince: (seq: number): StoredWindow[] => windowsSince.all(seq).map(rowToWindow),
    addSilence: (s: StoredSilence) => void insertSilence.run({ ...s, matchers: JSON.stringify(s.matchers) }),
    expireSilence: (id: string, now: number, seq: number): boolean => expireSilence.run(now, seq, id, now).changes === 1,
    silence: (id: string): StoredSilence | undefined => {
      const r = silenceById.get(id)
      return r && rowToSilence(r)
    },
    /** Silences not yet expired at `now` (active or starting later). */
    liveSilences: (now: number): StoredSilence[] => silencesEndingAfter.all(now).map(rowToSilence),
    silences: (limit = 1000): StoredSilence[] => allSilences.all(limit).map(rowToSilence),
    silencesChangedSince: (seq: number): StoredSilence[] => silencesSince.all(seq).map(rowToSilence),
    suppression: (alertId: number): Suppression | undefined => {
      const r = getSuppression.get(alertId)
      return r && rowToSuppression(r)
    },
    putSuppression: (s: Omit<Suppression, 'active'>) => void putSuppression.run(s),
    dropSuppression: (alertId: number): boolean => dropSuppression.run(alertId).changes === 1,
    suppressions: (): Suppression[] => allSuppressions.all().map(rowToSuppression),
    suppressionsChangedSince: (seq: number): Suppression[] => suppressionsSince.all(seq).map(rowToSuppression),
    suppressionCount: (): number => countSuppressions.get()!.n,
    /** Inhibition candidates: the client's firing critical alerts. */
    firingCriticals: (client: string): Alert[] => criticals.all(client).map(rowToAlert),
  }
}
export type SuppressionRepo = ReturnType<typeof suppressionRepo>
