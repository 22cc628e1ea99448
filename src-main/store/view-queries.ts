/**
 * Read-only aggregates for the console's heatmaps. Queries run per client so they use
 * `events_byClientReceived` (client, received_at) and `alerts_byClientStatus`; a full scan of the journal per
 * refresh would grow with retention, this grows with the clients that exist.
 */
import { NO_SERVICE, type HeatCell, type HeatmapRange, type ServiceCell } from '@shared/model/views'
import { SEVERITIES, severityRank, type Severity } from '@shared/model/severity'
import type { Db } from './db'

export const RANGE_SPEC: Record<HeatmapRange, { spanMs: number; bucketMs: number }> = {
  // 30 × 2 min: fine enough to see a burst, coarse enough to read across a 1080p screen.
  '1h': { spanMs: 3_600_000, bucketMs: 120_000 },
  // 48 × 30 min.
  '24h': { spanMs: 86_400_000, bucketMs: 1_800_000 },
}

const worse = (a: Severity | null, b: Severity | null): Severity | null =>
  a === null ? b : b === null ? a : severityRank(a) <= severityRank(b) ? a : b

const isOpenSeverity = (s: string): s is Severity => (SEVERITIES as readonly string[]).includes(s) && s !== 'ok'

export interface HeatRow {
  client: string
  cells: HeatCell[]
  events: number
}

export interface ServiceRow {
  client: string
  cells: Record<string, ServiceCell>
}

export const viewQueries = (db: Db) => {
  const clientIds = db.prepare<[], { id: string }>('SELECT id FROM clients ORDER BY id')
  const buckets = db.prepare<[number, number, string, number, number], { b: number; severity: string; status: string; n: number }>(
    `SELECT CAST((received_at - ?) / ? AS INTEGER) AS b, severity, status, count(*) AS n
       FROM events WHERE client = ? AND received_at >= ? AND received_at < ?
      GROUP BY b, severity, status`,
  )
  const openByService = db.prepare<[string], { service: string | null; severity: string; n: number }>(
    `SELECT service, severity, count(*) AS n FROM alerts WHERE client = ? AND status = 'firing' GROUP BY service, severity`,
  )
  const eventsByService = db.prepare<[string, number], { service: string | null; n: number }>(
    `SELECT a.service AS service, count(*) AS n
       FROM events e JOIN alerts a ON a.id = e.alert_id
      WHERE e.client = ? AND e.received_at >= ?
      GROUP BY a.service`,
  )
  const servicesSeen = db.prepare<[string], { service: string }>(
    `SELECT DISTINCT service FROM alerts WHERE client = ? AND service IS NOT NULL ORDER BY service LIMIT 200`,
  )

  return {
    /** Clients × time buckets ending at `now` (the last bucket is the current, partial one). */
    heatmap: (range: HeatmapRange, now: number) => {
      const { spanMs, bucketMs } = RANGE_SPEC[range]
      const n = spanMs / bucketMs
      const to = Math.floor(now / bucketMs) * bucketMs + bucketMs
      const from = to - spanMs
      const rows: HeatRow[] = []
      for (const { id } of clientIds.all()) {
        const cells: HeatCell[] = Array.from({ length: n }, () => ({ worst: null, events: 0 }))
        let events = 0
        for (const r of buckets.all(from, bucketMs, id, from, to)) {
          const cell = cells[r.b]
          if (!cell) continue
          cell.events += r.n
          events += r.n
          if (r.status === 'firing' && isOpenSeverity(r.severity)) cell.worst = worse(cell.worst, r.severity)
        }
        if (events > 0) rows.push({ client: id, cells, events })
      }
      return { from, to, bucketMs, rows }
    },

    /** Clients × services: worst open severity and open alerts now, events received since `since`. */
    services: (since: number) => {
      const rows: ServiceRow[] = []
      for (const { id } of clientIds.all()) {
        const cells: Record<string, ServiceCell> = {}
        const cell = (name: string | null) => (cells[name ?? NO_SERVICE] ??= { worst: null, open: 0, events: 0 })
        for (const r of openByService.all(id)) {
          const c = cell(r.service)
          c.open += r.n
          if (isOpenSeverity(r.severity)) c.worst = worse(c.worst, r.severity)
        }
        for (const r of eventsByService.all(id, since)) cell(r.service).events += r.n
        if (Object.keys(cells).length) rows.push({ client: id, cells })
      }
      return rows
    },

    /** Services that appear on a client's alerts (for profiles of clients the config does not describe). */
    servicesSeen: (client: string): string[] => servicesSeen.all(client).map((r) => r.service),
  }
}
export type ViewQueries = ReturnType<typeof viewQueries>
