import type { Alert, AlertQuery } from '@shared/model/alert'
import type { Severity } from '@shared/model/severity'
import { alertOf, type AlertDraft } from '../engine/dedup'
import type { Db } from './db'
import { json, parsed } from './json-text'

export interface AlertRow {
  id: number
  client: string
  fingerprint: string
  fingerprint_kind: string
  source: string
  class: string
  ems: string
  rule: string
  grp: string | null
  components: string
  resource: string | null
  service: string | null
  severity: string
  status: string
  count: number
  first_seen: number
  last_seen: number
  state_time: number
  resolved_at: number | null
  summary: string
  description: string | null
  labels: string
  annotations: string
  url: string | null
  runbook_url: string | null
  /** JSON AlertEpisode / IgnoredEvents (migration 0004); null on rows written before. */
  episode: string | null
  ignored: string | null
  seq: number
}

/** Fields in engine/dedup's order, id and seq last (alertOf's shape: rows read and rows written share one hidden class). */
export const rowToAlert = (r: AlertRow): Alert => ({
  fingerprint: r.fingerprint,
  fingerprintKind: r.fingerprint_kind as Alert['fingerprintKind'],
  client: r.client,
  source: r.source as Alert['source'],
  class: r.class,
  ems: r.ems,
  rule: r.rule,
  group: r.grp,
  components: parsed(r.components),
  resource: r.resource,
  service: r.service,
  severity: r.severity as Severity,
  status: r.status as Alert['status'],
  count: r.count,
  firstSeen: r.first_seen,
  lastSeen: r.last_seen,
  stateTime: r.state_time,
  resolvedAt: r.resolved_at,
  summary: r.summary,
  description: r.description,
  labels: parsed(r.labels),
  annotations: parsed(r.annotations),
  url: r.url,
  runbookUrl: r.runbook_url,
  episode: r.episode === null ? null : parsed<NonNullable<Alert['episode']>>(r.episode),
  ignored: r.ignored === null ? null : parsed<NonNullable<Alert['ignored']>>(r.ignored),
  id: r.id,
  seq: r.seq,
})

/** Columns in statement order (positional binding: cheaper than named parameters on the hot path). */
const COLS = [
  'client', 'fingerprint', 'fingerprint_kind', 'source', 'class', 'ems', 'rule', 'grp', 'components', 'resource',
  'service', 'severity', 'status', 'count', 'first_seen', 'last_seen', 'state_time', 'resolved_at', 'summary',
  'description', 'labels', 'annotations', 'url', 'runbook_url', 'episode', 'ignored', 'seq',
] as const
/** An update rewrites everything but the identity (client, fingerprint). */
const UPDATE_COLS = COLS.slice(2)

const rowValues = (a: AlertDraft, seq: number) => [
  a.client, a.fingerprint, a.fingerprintKind, a.source, a.class, a.ems, a.rule, a.group, json(a.components), a.resource,
  a.service, a.severity, a.status, a.count, a.firstSeen, a.lastSeen, a.stateTime, a.resolvedAt, a.summary,
  a.description, json(a.labels), json(a.annotations), a.url, a.runbookUrl, jsonOrNull(a.episode), jsonOrNull(a.ignored), seq,
]

/** Episode and ignored-events records are kept as the same object while unchanged, so their text is reused (json-text). */
const jsonOrNull = (v: object | null | undefined): string | null => (v ? json(v) : null)

/** Cursor = base64url of "<last_seen>:<id>" — stable under inserts because it orders by (last_seen DESC, id DESC). */
const encodeCursor = (a: Alert) => Buffer.from(`${a.lastSeen}:${a.id}`).toString('base64url')
const decodeCursor = (c: string): { lastSeen: number; id: number } | undefined => {
  const m = /^(\d+):(\d+)$/.exec(Buffer.from(c, 'base64url').toString())
  return m ? { lastSeen: Number(m[1]), id: Number(m[2]) } : undefined
}

export class InvalidCursorError extends Error {}

export const alertsRepo = (db: Db) => {
  const byKey = db.prepare<[string, string], AlertRow>('SELECT * FROM alerts WHERE client = ? AND fingerprint = ?')
  const byId = db.prepare<[number], AlertRow>('SELECT * FROM alerts WHERE id = ?')
  const insert = db.prepare(`INSERT INTO alerts (${COLS.join(', ')}) VALUES (${COLS.map(() => '?').join(', ')})`)
  const update = db.prepare(`UPDATE alerts SET ${UPDATE_COLS.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`)
  // A repeat changes only its counters, times and episode bookkeeping (a stale event notes itself in `ignored`; a
  // fire that skipped a resolve moves the episode): no index on identity, status or severity is touched.
  const counters = db.prepare(
    'UPDATE alerts SET count = ?, first_seen = ?, last_seen = ?, state_time = ?, resolved_at = ?, episode = ?, ignored = ?, seq = ? WHERE id = ?',
  )
  const changedSince = db.prepare<[number], AlertRow>('SELECT * FROM alerts WHERE seq > ? ORDER BY seq')
  // Kept by triggers (migration 0005): counting the index here walked every firing alert of the client per delta.
  const openCounts = db.prepare<[string], { severity: string; n: number }>('SELECT severity, n FROM client_open_counts WHERE client = ? AND n > 0')
  const firingOrRecent = db.prepare<[number], AlertRow>(
    "SELECT * FROM alerts WHERE status = 'firing' OR (status = 'resolved' AND last_seen >= ?) ORDER BY last_seen DESC",
  )
  const maxSeq = db.prepare<[], { s: number | null }>('SELECT max(seq) AS s FROM alerts')

  return {
    getByKey: (client: string, fingerprint: string): Alert | undefined => {
      const r = byKey.get(client, fingerprint)
      return r && rowToAlert(r)
    },
    get: (id: number): Alert | undefined => {
      const r = byId.get(id)
      return r && rowToAlert(r)
    },
    insert: (a: AlertDraft, seq: number): Alert => {
      const id = Number(insert.run(rowValues(a, seq)).lastInsertRowid)
      return alertOf(a, id, seq)
    },
    /** Undefined when no row has this id any more (deleted by retention). */
    update: (id: number, a: AlertDraft, seq: number): Alert | undefined => {
      const v = rowValues(a, seq)
      v.splice(0, 2)
      v.push(id)
      return update.run(v).changes ? alertOf(a, id, seq) : undefined
    },
    /**
     * Write only the counters, times, `episode` and `ignored` of `a` (a repeat or a stale event: nothing else differs
     * from the stored row; ingest-writer's COUNTER_FIELDS). False when no row has this id any more.
     */
    updateCounters: (a: Alert): boolean =>
      counters.run(a.count, a.firstSeen, a.lastSeen, a.stateTime, a.resolvedAt, jsonOrNull(a.episode), jsonOrNull(a.ignored), a.seq, a.id).changes > 0,
    changedSince: (seq: number): Alert[] => changedSince.all(seq).map(rowToAlert),
    /** Firing alerts plus those resolved since `resolvedSince` (what a console shows on connect). */
    current: (resolvedSince: number): Alert[] => firingOrRecent.all(resolvedSince).map(rowToAlert),
    openCounts: (client: string): Partial<Record<Severity, number>> => {
      const out: Partial<Record<Severity, number>> = {}
      for (const r of openCounts.all(client)) out[r.severity as Severity] = r.n
      return out
    },
    maxSeq: (): number => maxSeq.get()?.s ?? 0,
    list: (q: AlertQuery): { items: Alert[]; nextCursor: string | null } => {
      const where: string[] = []
      const params: Record<string, unknown> = {}
      if (q.client) (where.push('client = @client'), (params.client = q.client))
      if (q.status) (where.push('status = @status'), (params.status = q.status))
      if (q.severity) (where.push('severity = @severity'), (params.severity = q.severity))
      if (q.cursor) {
        const c = decodeCursor(q.cursor)
        if (!c) throw new InvalidCursorError('cursor is not one this server issued')
        where.push('(last_seen < @cLast OR (last_seen = @cLast AND id < @cId))')
        Object.assign(params, { cLast: c.lastSeen, cId: c.id })
      }
      const sql = `SELECT * FROM alerts ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
        ORDER BY last_seen DESC, id DESC LIMIT @limit`
      const rows = db.prepare<[Record<string, unknown>], AlertRow>(sql).all({ ...params, limit: q.limit + 1 })
      const items = rows.slice(0, q.limit).map(rowToAlert)
      return { items, nextCursor: rows.length > q.limit ? encodeCursor(items[items.length - 1]) : null }
    },
  }
}
export type AlertsRepo = ReturnType<typeof alertsRepo>
