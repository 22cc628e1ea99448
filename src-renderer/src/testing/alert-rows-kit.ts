/**
 * Test builders for the console's bulk answers, from whole contract objects: the head of a snapshot and the
 * columnar `alerts.rows` pages the hub would send (keyset by id, like src-main/store/console-queries.ts).
 */
import type { AlertRowsPage, Snapshot, SnapshotHead } from '@shared/api/contract'
import type { Alert } from '@shared/model/alert'
import { SEVERITIES } from '@shared/model/severity'
import { componentLines } from '../store/alert-row'

export const headOf = (snap: Snapshot): SnapshotHead => {
  const firing = snap.alerts.filter((a) => a.status === 'firing').length
  return { seq: snap.seq, demo: snap.demo, clients: snap.clients, incidents: snap.incidents, problems: snap.problems, alerts: { firing, resolved: snap.alerts.length - firing } }
}

/** The page of `alerts` (any order) after id `after`, at most `limit` rows, as the hub encodes it. */
export const rowsPageOf = (alerts: readonly Alert[], opts: { after?: number; limit?: number; seq?: number } = {}): AlertRowsPage => {
  const after = opts.after ?? 0
  const limit = opts.limit ?? 10_000
  const sorted = alerts.filter((a) => a.id > after).sort((a, b) => a.id - b.id)
  const rows = sorted.slice(0, limit)
  const strings: string[] = []
  const ref = (s: string | null) => {
    if (s === null) return -1
    const i = strings.indexOf(s)
    return i >= 0 ? i : strings.push(s) - 1
  }
  return {
    seq: opts.seq ?? Math.max(0, ...alerts.map((a) => a.seq)),
    next: sorted.length > limit ? rows[rows.length - 1].id : null,
    total: alerts.length,
    strings,
    id: rows.map((a) => a.id),
    rev: rows.map((a) => a.seq),
    client: rows.map((a) => ref(a.client)),
    severity: rows.map((a) => SEVERITIES.indexOf(a.severity)),
    status: rows.map((a) => (a.status === 'firing' ? 0 : 1)),
    summary: rows.map((a) => ref(a.summary)),
    resource: rows.map((a) => ref(a.resource)),
    rule: rows.map((a) => ref(a.rule)),
    class: rows.map((a) => ref(a.class)),
    service: rows.map((a) => ref(a.service)),
    source: rows.map((a) => ref(a.source)),
    components: rows.map((a) => ref(componentLines(a.components))),
    count: rows.map((a) => a.count),
    firstSeen: rows.map((a) => a.firstSeen),
    lastSeen: rows.map((a) => a.lastSeen),
    resolvedAt: rows.map((a) => a.resolvedAt),
  }
}
