import type { Incident, IncidentDraft, IncidentAlert, IncidentQuery, TimelineDraft, TimelineEntry } from '@shared/model/incident'
import type { Db } from './db'
import { json, parsed } from './json-text'

interface IncidentRow {
  id: string
  client: string
  title: string
  status: string
  priority: string
  breakdown: string
  severity: string
  opened_at: number
  acknowledged_at: number | null
  resolved_at: number | null
  closed_at: number | null
  owner: string | null
  escalation_level: number
  alert_count: number
  problem_id: string | null
  merged_into: string | null
  flags: string
  service: string | null
  resource: string | null
  rule: string
  cause: string | null
  solution: string | null
  tags: string
  seq: number
}

export const rowToIncident = (r: IncidentRow): Incident => ({
  id: r.id,
  client: r.client,
  title: r.title,
  status: r.status as Incident['status'],
  priority: r.priority as Incident['priority'],
  priorityBreakdown: parsed(r.breakdown),
  severity: r.severity as Incident['severity'],
  openedAt: r.opened_at,
  acknowledgedAt: r.acknowledged_at,
  resolvedAt: r.resolved_at,
  closedAt: r.closed_at,
  owner: r.owner,
  escalationLevel: r.escalation_level,
  alertCount: r.alert_count,
  problemId: r.problem_id,
  mergedInto: r.merged_into,
  flags: parsed(r.flags),
  service: r.service,
  resource: r.resource,
  rule: r.rule,
  cause: r.cause,
  solution: r.solution,
  tags: parsed(r.tags),
  seq: r.seq,
})

const incidentToRow = (i: IncidentDraft, seq: number): IncidentRow => ({
  id: i.id,
  client: i.client,
  title: i.title,
  status: i.status,
  priority: i.priority,
  breakdown: json(i.priorityBreakdown),
  severity: i.severity,
  opened_at: i.openedAt,
  acknowledged_at: i.acknowledgedAt,
  resolved_at: i.resolvedAt,
  closed_at: i.closedAt,
  owner: i.owner,
  escalation_level: i.escalationLevel,
  alert_count: i.alertCount,
  problem_id: i.problemId,
  merged_into: i.mergedInto,
  flags: json(i.flags),
  service: i.service,
  resource: i.resource,
  rule: i.rule,
  cause: i.cause,
  solution: i.solution,
  tags: json(i.tags),
  seq,
})

const COLS = Object.keys(incidentToRow({ priorityBreakdown: {}, flags: [], tags: [] } as unknown as IncidentDraft, 0))
const UPDATE_COLS = COLS.filter((c) => c !== 'id')

interface LinkRow {
  incident_id: string
  alert_id: number
  role: string
  rule: string
  reason: string
  joined_at: number
}
const rowToLink = (r: LinkRow): IncidentAlert => ({
  incidentId: r.incident_id,
  alertId: r.alert_id,
  role: r.role as IncidentAlert['role'],
  rule: r.rule as IncidentAlert['rule'],
  reason: r.reason,
  joinedAt: r.joined_at,
})

export interface TimelineRow {
  id: number
  incident_id: string
  at: number
  actor: string
  kind: string
  text: string
  data: string | null
}
export const rowToTimeline = (r: TimelineRow): TimelineEntry => ({
  id: r.id,
  incidentId: r.incident_id,
  at: r.at,
  actor: r.actor,
  kind: r.kind as TimelineEntry['kind'],
  text: r.text,
  data: r.data === null ? null : JSON.parse(r.data),
})

const ACTIVE_RESOLVED_WINDOW = `status IN ('open', 'acknowledged') OR (status = 'resolved' AND resolved_at >= ?)`

/** incidents + incident_alerts + timeline: one repo because they are written together by the engine's decisions. */
export const incidentsRepo = (db: Db) => {
  // Update first, insert when there was nothing to update: an incident is written many times and created once, and
  // positional parameters bind cheaper than named ones (an upsert would first attempt the insert every time).
  const insert = db.prepare(`INSERT INTO incidents (${COLS.join(', ')}) VALUES (${COLS.map(() => '?').join(', ')})`)
  const update = db.prepare(`UPDATE incidents SET ${UPDATE_COLS.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`)
  /**
   * The values this repo last wrote per incident. A put then writes only the columns that moved (usually the alert
   * count, the breakdown and seq), so the indexes on status, priority, client and opening time are left alone.
   * Guarded by the previous seq in the WHERE clause: if the row is not what we wrote (a rolled-back batch, a
   * deleted incident), nothing is updated and the full write follows.
   */
  const written = new Map<string, unknown[]>()
  const partial = new Map<string, ReturnType<Db['prepare']>>()
  const SEQ = UPDATE_COLS.indexOf('seq')
  const putChanged = (id: string, row: unknown[]): boolean => {
    const before = written.get(id)
    if (!before) return false
    const idx: number[] = []
    for (let k = 0; k < row.length; k++) if (k !== SEQ && row[k] !== before[k]) idx.push(k)
    idx.push(SEQ)
    const key = idx.join(',')
    let st = partial.get(key)
    if (!st) {
      if (partial.size >= 64) partial.clear()
      st = db.prepare(`UPDATE incidents SET ${idx.map((k) => `${UPDATE_COLS[k]} = ?`).join(', ')} WHERE id = ? AND seq = ?`)
      partial.set(key, st)
    }
    return st.run([...idx.map((k) => row[k]), id, before[SEQ]]).changes === 1
  }
  const byId = db.prepare<[string], IncidentRow>('SELECT * FROM incidents WHERE id = ?')
  const bumpSeq = db.prepare<[number, string], IncidentRow>('UPDATE incidents SET seq = ? WHERE id = ? RETURNING *')
  const live = db.prepare<[number], IncidentRow>(`SELECT * FROM incidents WHERE ${ACTIVE_RESOLVED_WINDOW}`)
  const changedSince = db.prepare<[number], IncidentRow>('SELECT * FROM incidents WHERE seq > ? ORDER BY seq')
  const maxSeq = db.prepare<[], { s: number | null }>('SELECT max(seq) AS s FROM incidents')
  const putLink = db.prepare(
    `INSERT INTO incident_alerts (incident_id, alert_id, role, rule, reason, joined_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(incident_id, alert_id) DO UPDATE SET role = excluded.role, rule = excluded.rule, reason = excluded.reason`,
  )
  const dropLink = db.prepare('DELETE FROM incident_alerts WHERE incident_id = ? AND alert_id = ?')
  const linksOf = db.prepare<[string], LinkRow>('SELECT * FROM incident_alerts WHERE incident_id = ? ORDER BY joined_at, alert_id')
  const linksOfAlert = db.prepare<[number], LinkRow>('SELECT * FROM incident_alerts WHERE alert_id = ?')
  const addTimeline = db.prepare('INSERT INTO timeline (incident_id, at, actor, kind, text, data) VALUES (?, ?, ?, ?, ?, ?)')
  const timelineOf = db.prepare<[string], TimelineRow>('SELECT * FROM timeline WHERE incident_id = ? ORDER BY at, id')
  const counter = db.prepare<[string], { value: number }>('UPDATE counters SET value = value + 1 WHERE name = ? RETURNING value')
  // One query for the alert scopes of a client's recent closed incidents (similar-incident candidates).
  const closedScopes = db.prepare<[string, number], { incident_id: string; rule: string; resource: string | null; service: string | null }>(
    `SELECT l.incident_id, a.rule, a.resource, a.service FROM incident_alerts l JOIN alerts a ON a.id = l.alert_id
     WHERE l.incident_id IN (SELECT id FROM incidents WHERE client = ? AND status IN ('closed', 'resolved') AND merged_into IS NULL
                             ORDER BY opened_at DESC LIMIT ?)`,
  )
  const closedOfClient = db.prepare<[string, number], IncidentRow>(
    "SELECT * FROM incidents WHERE client = ? AND status IN ('closed', 'resolved') AND merged_into IS NULL ORDER BY opened_at DESC LIMIT ?",
  )

  return {
    put: (i: IncidentDraft, seq: number): Incident => {
      const r = incidentToRow(i, seq) as unknown as Record<string, unknown>
      const row = UPDATE_COLS.map((c) => r[c])
      if (!putChanged(i.id, row)) {
        if (update.run([...row, i.id]).changes === 0) insert.run(COLS.map((c) => r[c]))
      }
      if (written.size >= 20_000) written.clear()
      written.set(i.id, row)
      return { ...i, seq }
    },
    get: (id: string): Incident | undefined => {
      const r = byId.get(id)
      return r && rowToIncident(r)
    },
    /** Stamp a new change seq on an incident whose row did not change (its timeline did). */
    touch: (id: string, seq: number): Incident | undefined => {
      const r = bumpSeq.get(seq, id)
      return r && rowToIncident(r)
    },
    /** Open and acknowledged incidents, plus those resolved since `resolvedSince` (re-open window). */
    live: (resolvedSince: number): Incident[] => live.all(resolvedSince).map(rowToIncident),
    changedSince: (seq: number): Incident[] => changedSince.all(seq).map(rowToIncident),
    maxSeq: (): number => maxSeq.get()?.s ?? 0,
    putLink: (l: IncidentAlert) =>
      void putLink.run(l.incidentId, l.alertId, l.role, l.rule, l.reason, l.joinedAt),
    dropLink: (incidentId: string, alertId: number) => void dropLink.run(incidentId, alertId),
    links: (incidentId: string): IncidentAlert[] => linksOf.all(incidentId).map(rowToLink),
    linksOfAlert: (alertId: number): IncidentAlert[] => linksOfAlert.all(alertId).map(rowToLink),
    addTimeline: (t: TimelineDraft) => void addTimeline.run(t.incidentId, t.at, t.actor, t.kind, t.text, t.data === null ? null : JSON.stringify(t.data)),
    timeline: (incidentId: string): TimelineEntry[] => timelineOf.all(incidentId).map(rowToTimeline),
    nextNumber: (name: 'incident' | 'problem'): number => counter.get(name)!.value,
    closedOfClient: (client: string, limit = 200): Incident[] => closedOfClient.all(client, limit).map(rowToIncident),
    /** Alert scopes (rule, resource, service) of the same incidents `closedOfClient` returns, by incident id. */
    closedScopesOfClient: (client: string, limit = 200): Map<string, { rule: string; resource: string | null; service: string | null }[]> => {
      const out = new Map<string, { rule: string; resource: string | null; service: string | null }[]>()
      for (const r of closedScopes.all(client, limit)) {
        const list = out.get(r.incident_id) ?? []
        list.push({ rule: r.rule, resource: r.resource, service: r.service })
        out.set(r.incident_id, list)
      }
      return out
    },
    list: (q: IncidentQuery & { search?: string }): Incident[] => {
      const where: string[] = []
      const params: unknown[] = []
      const statuses = q.status === undefined ? [] : Array.isArray(q.status) ? q.status : [q.status]
      const priorities = q.priority === undefined ? [] : Array.isArray(q.priority) ? q.priority : [q.priority]
      if (statuses.length) (where.push(`status IN (${statuses.map(() => '?').join(',')})`), params.push(...statuses))
      if (priorities.length) (where.push(`priority IN (${priorities.map(() => '?').join(',')})`), params.push(...priorities))
      if (q.client) (where.push('client = ?'), params.push(q.client))
      const sql = `SELECT * FROM incidents ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY opened_at DESC LIMIT ?`
      return db.prepare<unknown[], IncidentRow>(sql).all(...params, q.limit).map(rowToIncident)
    },
  }
}
export type IncidentsRepo = ReturnType<typeof incidentsRepo>
