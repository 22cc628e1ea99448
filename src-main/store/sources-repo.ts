import type { SourceHealth } from '@shared/model/ops'
import type { Db } from './db'

interface SourceRow {
  id: string
  kind: string
  client: string | null
  first_seen: number
  last_seen: number
  timeout_ms: number | null
  stale_since: number | null
  events: number
  seq: number
}

const rowToSource = (r: SourceRow): SourceHealth => ({
  id: r.id,
  kind: r.kind as SourceHealth['kind'],
  client: r.client,
  firstSeen: r.first_seen,
  lastSeen: r.last_seen,
  timeoutMs: r.timeout_ms,
  stale: r.stale_since !== null,
  staleSince: r.stale_since,
  events: r.events,
  seq: r.seq,
})

/** Last-seen per feed: webhook integrations per client (`alertmanager/acme`) and named heartbeat senders. */
export const sourcesRepo = (db: Db) => {
  // A heartbeat's own timeout (and client) replaces the stored one; events leave them as they are.
  // Every ingest batch runs this per feed: one statement that also answers the row (RETURNING), positional binds.
  const seen = db.prepare<[string, string, string | null, number, number, number | null, number, number], SourceRow>(
    `INSERT INTO sources (id, kind, client, first_seen, last_seen, timeout_ms, stale_since, events, seq)
     VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)
     ON CONFLICT(id) DO UPDATE SET last_seen = max(last_seen, excluded.last_seen), events = events + excluded.events,
       client = coalesce(excluded.client, client), timeout_ms = coalesce(excluded.timeout_ms, timeout_ms), seq = excluded.seq
     RETURNING *`,
  )
  const byId = db.prepare<[string], SourceRow>('SELECT * FROM sources WHERE id = ?')
  const all = db.prepare<[], SourceRow>('SELECT * FROM sources ORDER BY id')
  const setStale = db.prepare('UPDATE sources SET stale_since = ?, seq = ? WHERE id = ?')
  const since = db.prepare<[number], SourceRow>('SELECT * FROM sources WHERE seq > ? ORDER BY seq')
  return {
    seen: (s: { id: string; kind: SourceHealth['kind']; client: string | null; at: number; timeoutMs: number | null; n: number }, seq: number): SourceHealth => {
      return rowToSource(seen.get(s.id, s.kind, s.client, s.at, s.at, s.timeoutMs, s.n, seq)!)
    },
    get: (id: string): SourceHealth | undefined => {
      const r = byId.get(id)
      return r && rowToSource(r)
    },
    all: (): SourceHealth[] => all.all().map(rowToSource),
    setStale: (id: string, staleSince: number | null, seq: number): SourceHealth | undefined => {
      setStale.run(staleSince, seq, id)
      const r = byId.get(id)
      return r && rowToSource(r)
    },
    changedSince: (seq: number): SourceHealth[] => since.all(seq).map(rowToSource),
  }
}
export type SourcesRepo = ReturnType<typeof sourcesRepo>
