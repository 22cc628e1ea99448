/**
 * Read-only queries behind the reports and service metrics (docs/reports.md, "What the store must provide").
 * Statements are prepared once per database. Event counts run per client so they use `events_byClientReceived`
 * (client, received_at): a scan of the whole journal would grow with retention, this grows with the range.
 */
import type { Incident, TimelineEntry } from '@shared/model/incident'
import type { Db } from './db'
import { rowToIncident, rowToTimeline, type TimelineRow } from './incidents-repo'

/** Event counts come back per 15-minute slot: every real UTC offset is a multiple of 15 minutes, so a slot never
 *  straddles a local midnight and daily buckets in any client's zone stay exact. */
export const EVENT_SLOT_MS = 15 * 60_000
const HOUR_MS = 3_600_000
/** Alert rows live for months: an event older than this before the opening belongs to an earlier episode. */
const ONSET_LOOKBACK_MS = 24 * HOUR_MS

export interface IncidentWithTimes {
  incident: Incident
  timeline: TimelineEntry[]
  onsetAt: number | null
}

/**
 * Incidents that can matter to `[from, to)`: opened before `to` and opened in it, still active, or ended
 * (resolved, closed, merged away) at or after `from`. That covers "first ack in range" without scanning the
 * timeline: an ack is only allowed while the incident is active, so one acknowledged in the range is still
 * active or ended after the ack. `@client IS NULL` = every client (the metrics); the builders then filter
 * precisely by the definitions.
 */
const RELEVANT = `i.opened_at < @to AND (@client IS NULL OR i.client = @client) AND (
  i.opened_at >= @from OR i.status IN ('open', 'acknowledged') OR i.resolved_at >= @from OR i.closed_at >= @from)`

/** The incidents of one query, as a JSON array of ids (`json_each`): their timelines and onsets are read by id. */
const IDS = `SELECT value FROM json_each(?)`

/** Enough of the timeline for the numbers (times.ts): lifecycle entries and anything a person did. */
const NUMBERS_TIMELINE = `(t.kind IN ('ack', 'escalate', 'resolve', 'reopen') OR t.actor <> 'system')`

/**
 * Onset = the source time of the episode's first firing event, received in the day before the opening. Source
 * times more than a day before the opening belong to an earlier episode (as in report/times.ts), and adapters
 * clamp future times to the receive time: bounding `e.time` lets `events_byAlertTime` seek instead of reading
 * each alert's whole history.
 */
const ONSET = `SELECT l.incident_id AS id, min(e.time) AS onset
  FROM incidents i JOIN incident_alerts l ON l.incident_id = i.id JOIN events e ON e.alert_id = l.alert_id
  WHERE %WHERE% AND e.time BETWEEN i.opened_at - ${ONSET_LOOKBACK_MS} AND i.opened_at + ${HOUR_MS}
    AND e.status = 'firing' AND e.received_at BETWEEN i.opened_at - ${ONSET_LOOKBACK_MS} AND i.opened_at
  GROUP BY l.incident_id`

export interface RangeParams {
  from: number
  to: number
  client: string | null
}

export const reportQueries = (db: Db) => {
  const incidentsIn = db.prepare<[RangeParams], Parameters<typeof rowToIncident>[0]>(`SELECT i.* FROM incidents i WHERE ${RELEVANT} ORDER BY i.opened_at, i.id`)
  const timelinesOf = db.prepare<[string], TimelineRow>(
    `SELECT t.* FROM timeline t WHERE t.incident_id IN (${IDS}) AND ${NUMBERS_TIMELINE} ORDER BY t.at, t.id`,
  )
  const onsetsOf = db.prepare<[string], { id: string; onset: number }>(ONSET.replace('%WHERE%', `i.id IN (${IDS})`))
  const onsetOf = db.prepare<[string], { id: string; onset: number | null }>(ONSET.replace('%WHERE%', 'i.id = ?'))
  const clientIds = db.prepare<[], { id: string }>('SELECT id FROM clients ORDER BY id')
  const clientExists = db.prepare<[string], { id: string }>('SELECT id FROM clients WHERE id = ?')
  const eventTotals = db.prepare<[string, number, number], { events: number; alerts: number }>(
    'SELECT count(*) AS events, count(DISTINCT alert_id) AS alerts FROM events WHERE client = ? AND received_at >= ? AND received_at < ?',
  )
  const noisy = (col: 'rule' | 'resource') =>
    db.prepare<[string, number, number, number], { key: string; events: number; alerts: number }>(
      `SELECT a.${col} AS key, count(*) AS events, count(DISTINCT e.alert_id) AS alerts
         FROM events e JOIN alerts a ON a.id = e.alert_id
        WHERE e.client = ? AND e.received_at >= ? AND e.received_at < ? AND a.${col} IS NOT NULL
        GROUP BY a.${col} ORDER BY events DESC, key LIMIT ?`,
    )
  const byRule = noisy('rule')
  const byResource = noisy('resource')
  const eventSlots = db.prepare<[number, number, string, number, number], { t: number; n: number }>(
    'SELECT (received_at / ?) * ? AS t, count(*) AS n FROM events WHERE client = ? AND received_at >= ? AND received_at < ? GROUP BY t',
  )
  const inventoryRows = db.prepare<[number, number], { client: string; group: string | null; resource: string; firstSeen: number; lastSeen: number }>(
    `SELECT client, grp AS "group", resource, min(first_seen) AS firstSeen, max(last_seen) AS lastSeen
       FROM alerts WHERE resource IS NOT NULL AND last_seen >= ? AND first_seen < ?
      GROUP BY client, grp, resource`,
  )
  const activityOf = db.prepare<[number, number, string, number, number], { client: string; group: string | null; resource: string; t: number }>(
    `SELECT a.client AS client, a.grp AS "group", a.resource AS resource, (e.received_at / ?) * ? AS t
       FROM events e JOIN alerts a ON a.id = e.alert_id
      WHERE e.client = ? AND e.received_at >= ? AND e.received_at < ? AND a.resource IS NOT NULL
      GROUP BY 1, 2, 3, 4`,
  )

  const clientsOr = (client: string | null): string[] => (client === null ? clientIds.all().map((r) => r.id) : [client])

  return {
    clientIds: (): string[] => clientIds.all().map((r) => r.id),
    clientExists: (id: string): boolean => clientExists.get(id) !== undefined,

    /** Incidents relevant to `[from, to)` with the timeline entries the numbers need and their onsets. */
    incidentsInRange: (p: RangeParams): IncidentWithTimes[] => {
      const byId = new Map<string, IncidentWithTimes>()
      for (const r of incidentsIn.all(p)) byId.set(r.id, { incident: rowToIncident(r), timeline: [], onsetAt: null })
      if (!byId.size) return []
      const ids = JSON.stringify([...byId.keys()])
      for (const r of timelinesOf.all(ids)) byId.get(r.incident_id)?.timeline.push(rowToTimeline(r))
      for (const r of onsetsOf.all(ids)) {
        const x = byId.get(r.id)
        if (x) x.onsetAt = r.onset
      }
      return [...byId.values()]
    },

    onsetOf: (incidentId: string): number | null => onsetOf.get(incidentId)?.onset ?? null,

    /** Events a client's period report counts: totals and the loudest rules and resources. */
    clientEvents: (client: string, from: number, to: number, top = 10) => {
      const t = eventTotals.get(client, from, to) ?? { events: 0, alerts: 0 }
      return {
        total: t.events,
        alerts: t.alerts,
        byRule: byRule.all(client, from, to, top),
        byResource: byResource.all(client, from, to, top),
      }
    },

    /** Events received per client and slot (15 minutes, or finer for finer buckets), every client or one. */
    eventSlots: (from: number, to: number, client: string | null, slotMs = EVENT_SLOT_MS): { client: string; t: number; n: number }[] =>
      clientsOr(client).flatMap((c) => eventSlots.all(slotMs, slotMs, c, from, to).map((r) => ({ client: c, t: r.t, n: r.n }))),

    /** Resources with alerts overlapping the range, and where they had events (per hour). */
    inventory: (from: number, to: number, client: string | null) => ({
      rows: inventoryRows.all(from, to).filter((r) => client === null || r.client === client),
      activity: clientsOr(client).flatMap((c) => activityOf.all(HOUR_MS, HOUR_MS, c, from, to)),
    }),
  }
}
export type ReportQueries = ReturnType<typeof reportQueries>
