/**
 * The console's bulk reads (contract `snapshot.head` totals and `alerts.rows` pages). Statements are prepared
 * once per database; rows are read with only the columns the alert table shows and searches, and packed into the
 * columnar `AlertRowsPage` with a per-page string table (clients, rules, hosts repeat across thousands of rows).
 */
import type { AlertRowsPage } from '@shared/api/contract'
import { SEVERITIES, type Severity } from '@shared/model/severity'
import type { Db } from './db'

interface SlimRow {
  id: number
  seq: number
  client: string
  severity: string
  status: string
  summary: string
  resource: string | null
  rule: string
  class: string
  service: string | null
  source: string
  components: string
  count: number
  first_seen: number
  last_seen: number
  resolved_at: number | null
}

// The same set `snapshot.get` sends (firing, or resolved since the horizon by last_seen), keyset-paged by id:
// ids never change, so a row that changes while a console pages is still read exactly once.
const CURRENT = "(status = 'firing' OR (status = 'resolved' AND last_seen >= @since))"

const SEVERITY_INDEX = new Map<string, number>(SEVERITIES.map((s, i) => [s, i]))

/** `[{"type":"Host name","name":"WEB01"}]` → "Host name\tWEB01" (one line per component): searched, and the names are the resource column when a source names none. */
export const componentText = (json: string): string => {
  try {
    const list = JSON.parse(json) as { type?: unknown; name?: unknown }[]
    return Array.isArray(list) ? list.map((c) => `${String(c?.type ?? '')}\t${String(c?.name ?? '')}`).join('\n') : ''
  } catch {
    return ''
  }
}

/** The fields of one row, as `packAlertRows` takes them (components already as text lines). */
export interface PackableRow {
  id: number
  seq: number
  client: string
  severity: string
  status: string
  summary: string
  resource: string | null
  rule: string
  class: string
  service: string | null
  source: string
  components: string
  count: number
  firstSeen: number
  lastSeen: number
  resolvedAt: number | null
}

/** Rows → one columnar page with a shared string table. Pure; bench/ui.ts uses it to speak the same wire format. */
export const packAlertRows = (rows: readonly PackableRow[], meta: { seq: number; next: number | null; total: number }): AlertRowsPage => {
  const strings: string[] = []
  const index = new Map<string, number>()
  const ref = (s: string | null): number => {
    if (s === null) return -1
    let i = index.get(s)
    if (i === undefined) index.set(s, (i = strings.push(s) - 1))
    return i
  }
  const n = rows.length
  const p: AlertRowsPage = {
    ...meta,
    strings,
    id: new Array(n), rev: new Array(n), client: new Array(n), severity: new Array(n), status: new Array(n),
    summary: new Array(n), resource: new Array(n), rule: new Array(n), class: new Array(n), service: new Array(n),
    source: new Array(n), components: new Array(n), count: new Array(n), firstSeen: new Array(n), lastSeen: new Array(n), resolvedAt: new Array(n),
  }
  for (let i = 0; i < n; i++) {
    const r = rows[i]
    p.id[i] = r.id
    p.rev[i] = r.seq
    p.client[i] = ref(r.client)
    p.severity[i] = SEVERITY_INDEX.get(r.severity as Severity) ?? SEVERITY_INDEX.get('info')!
    p.status[i] = r.status === 'firing' ? 0 : 1
    p.summary[i] = ref(r.summary)
    p.resource[i] = ref(r.resource)
    p.rule[i] = ref(r.rule)
    p.class[i] = ref(r.class)
    p.service[i] = ref(r.service)
    p.source[i] = ref(r.source)
    p.components[i] = ref(r.components)
    p.count[i] = r.count
    p.firstSeen[i] = r.firstSeen
    p.lastSeen[i] = r.lastSeen
    p.resolvedAt[i] = r.resolvedAt
  }
  return p
}

export const consoleQueries = (db: Db) => {
  const page = db.prepare<{ after: number; since: number; limit: number }, SlimRow>(
    `SELECT id, seq, client, severity, status, summary, resource, rule, class, service, source, components, count, first_seen, last_seen, resolved_at
     FROM alerts WHERE id > @after AND ${CURRENT} ORDER BY id LIMIT @limit`,
  )
  const totals = db.prepare<{ since: number }, { status: string; n: number }>(`SELECT status, count(*) AS n FROM alerts WHERE ${CURRENT} GROUP BY status`)

  return {
    /** Alerts a console will page through: firing, and resolved since `since`. */
    alertTotals: (since: number): { firing: number; resolved: number } => {
      const out = { firing: 0, resolved: 0 }
      for (const r of totals.all({ since })) if (r.status === 'firing' || r.status === 'resolved') out[r.status] = r.n
      return out
    },
    alertRows: (opts: { after: number; since: number; limit: number; seq: number }): AlertRowsPage => {
      const rows = page.all({ after: opts.after, since: opts.since, limit: opts.limit + 1 })
      const more = rows.length > opts.limit
      if (more) rows.length = opts.limit
      const total = totals.all({ since: opts.since }).reduce((sum, r) => sum + r.n, 0)
      return packAlertRows(
        rows.map((r) => ({ ...r, firstSeen: r.first_seen, lastSeen: r.last_seen, resolvedAt: r.resolved_at, components: componentText(r.components) })),
        { seq: opts.seq, next: more ? rows[rows.length - 1].id : null, total },
      )
    },
  }
}
export type ConsoleQueries = ReturnType<typeof consoleQueries>
