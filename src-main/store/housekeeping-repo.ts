import type { Severity } from '@shared/model/severity'
import type { Db } from './db'

/**
 * Retention deletes, a bounded number of rows per call (one call per commit), oldest first. Every step is
 * idempotent and keyed on age, so an interrupted run simply continues next time.
 */
export type HousekeepingStep = 'events' | 'incidents' | 'alerts' | 'deliveries' | 'storms' | 'silences' | 'maintenance' | 'sources' | 'problems'
export const HOUSEKEEPING_STEPS: HousekeepingStep[] = ['events', 'incidents', 'alerts', 'deliveries', 'storms', 'silences', 'maintenance', 'sources', 'problems']

/** Cut-offs: by severity for the journal, alerts and incidents; one age for the rest. */
export interface Cutoffs {
  bySeverity: Record<Severity, number>
  housekeeping: number
}

const SEVERITY_CASE = (col: string) =>
  `CASE ${col} WHEN 'critical' THEN @critical WHEN 'major' THEN @major WHEN 'minor' THEN @minor WHEN 'warning' THEN @warning WHEN 'info' THEN @info ELSE @ok END`

export const housekeepingRepo = (db: Db) => {
  const events = db.prepare('DELETE FROM events WHERE id IN (SELECT id FROM events WHERE severity = @severity AND received_at < @cutoff LIMIT @limit)')
  const oldIncidents = db.prepare<Record<string, number>, { id: string }>(
    `SELECT id FROM incidents WHERE status IN ('resolved', 'closed') AND coalesce(closed_at, resolved_at) < ${SEVERITY_CASE('severity')} LIMIT @limit`,
  )
  const incidentTables = ['incident_alerts', 'timeline', 'incident_timers', 'escalation_schedule', 'ops_incidents', 'deliveries', 'responses']
  const dropIncidentRows = incidentTables.map((t) => db.prepare(`DELETE FROM ${t} WHERE incident_id = ?`))
  const dropIncident = db.prepare('DELETE FROM incidents WHERE id = ?')
  // Alerts still linked to an incident stay while the incident stays (its report needs them).
  const oldAlerts = db.prepare<Record<string, number>, { id: number }>(
    `SELECT id FROM alerts WHERE status = 'resolved' AND last_seen < ${SEVERITY_CASE('severity')}
       AND NOT EXISTS (SELECT 1 FROM incident_alerts l WHERE l.alert_id = alerts.id) LIMIT @limit`,
  )
  const dropAlertRows = ['flap_history', 'alert_suppressions'].map((t) => db.prepare(`DELETE FROM ${t} WHERE alert_id = ?`))
  const dropAlert = db.prepare('DELETE FROM alerts WHERE id = ?')
  const simple: Record<Exclude<HousekeepingStep, 'events' | 'incidents' | 'alerts'>, ReturnType<typeof db.prepare<[number, number]>>> = {
    deliveries: db.prepare("DELETE FROM deliveries WHERE id IN (SELECT id FROM deliveries WHERE incident_id IS NULL AND status != 'pending' AND created_at < ? LIMIT ?)"),
    storms: db.prepare('DELETE FROM storms WHERE id IN (SELECT id FROM storms WHERE ended_at IS NOT NULL AND ended_at < ? LIMIT ?)'),
    silences: db.prepare('DELETE FROM silences WHERE id IN (SELECT id FROM silences WHERE ends_at < ? LIMIT ?)'),
    maintenance: db.prepare(
      `DELETE FROM maintenance_windows WHERE id IN (SELECT id FROM maintenance_windows
         WHERE coalesce(deleted_at, CASE WHEN json_extract(schedule, '$.kind') = 'once' THEN json_extract(schedule, '$.end') END) < ? LIMIT ?)`,
    ),
    sources: db.prepare('DELETE FROM sources WHERE id IN (SELECT id FROM sources WHERE last_seen < ? AND stale_since IS NULL LIMIT ?)'),
    problems: db.prepare('DELETE FROM problems WHERE id IN (SELECT id FROM problems WHERE resolved_at IS NOT NULL AND resolved_at < ? LIMIT ?)'),
  }

  return {
    /** Delete up to `limit` rows of one step; returns how many rows it removed (0: the step is done). */
    step: (step: HousekeepingStep, c: Cutoffs, limit: number): number => {
      const sev = { ...c.bySeverity, limit }
      switch (step) {
        case 'events': {
          let n = 0
          for (const [severity, cutoff] of Object.entries(c.bySeverity)) {
            if (n >= limit) break
            n += events.run({ severity, cutoff, limit: limit - n }).changes
          }
          return n
        }
        case 'incidents': {
          // An incident brings its timeline and links along: take fewer per commit.
          const ids = oldIncidents.all({ ...sev, limit: Math.max(1, Math.floor(limit / 20)) })
          let n = 0
          for (const { id } of ids) {
            for (const s of dropIncidentRows) n += s.run(id).changes
            n += dropIncident.run(id).changes
          }
          return n
        }
        case 'alerts': {
          let n = 0
          for (const { id } of oldAlerts.all(sev)) {
            for (const s of dropAlertRows) s.run(id)
            n += dropAlert.run(id).changes
          }
          return n
        }
        case 'problems':
          return simple.problems.run(c.bySeverity.critical, limit).changes
        default:
          return simple[step].run(c.housekeeping, limit).changes
      }
    },
  }
}
export type HousekeepingRepo = ReturnType<typeof housekeepingRepo>
