import { REJECTED_BODY_LIMIT, type Rejected } from '@shared/model/rejected'
import type { ValidationIssue } from '@shared/model/problem-issue'
import type { Db } from './db'

// Stored bodies are cut at REJECTED_BODY_LIMIT characters: enough to see what a sender did wrong, bounded under a flood.
export { REJECTED_BODY_LIMIT }
/** The dead letter keeps the newest this many rows; older ones are pruned as new ones arrive. */
export const REJECTED_KEEP = 10_000

interface RejectedRow {
  id: number
  at: number
  endpoint: string
  status: number
  reason: string
  issues: string
  remote: string | null
  body: string
  body_bytes: number
  truncated: number
}

const rowToRejected = (r: RejectedRow): Rejected => ({
  id: r.id,
  at: r.at,
  endpoint: r.endpoint,
  status: r.status,
  reason: r.reason,
  issues: JSON.parse(r.issues),
  remote: r.remote,
  body: r.body,
  bodyBytes: r.body_bytes,
  truncated: r.truncated === 1,
})

export interface RejectInput {
  at: number
  endpoint: string
  status: number
  reason: string
  issues: ValidationIssue[]
  remote?: string
  /** The raw body as received (may be partial when the request was cut at the size limit). */
  body: Uint8Array | string
  /** Total bytes the sender sent or announced, when more than `body` holds. */
  bodyBytes?: number
}

export const rejectedRepo = (db: Db) => {
  const insert = db.prepare(
    `INSERT INTO rejected (at, endpoint, status, reason, issues, remote, body, body_bytes, truncated)
     VALUES (@at, @endpoint, @status, @reason, @issues, @remote, @body, @body_bytes, @truncated)`,
  )
  const prune = db.prepare('DELETE FROM rejected WHERE id <= ?')
  const page = db.prepare<[number, number], RejectedRow>('SELECT * FROM rejected WHERE id < ? ORDER BY id DESC LIMIT ?')
  const total = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM rejected')
  return {
    add: (r: RejectInput): number => {
      const raw = typeof r.body === 'string' ? r.body : Buffer.from(r.body.buffer, r.body.byteOffset, r.body.byteLength).toString('utf8')
      const text = raw.length > REJECTED_BODY_LIMIT ? raw.slice(0, REJECTED_BODY_LIMIT) : raw
      const bytes = r.bodyBytes ?? (typeof r.body === 'string' ? Buffer.byteLength(r.body) : r.body.byteLength)
      const id = Number(
        insert.run({
          at: r.at,
          endpoint: r.endpoint.slice(0, 500),
          status: r.status,
          reason: r.reason.slice(0, 1000),
          issues: JSON.stringify(r.issues.slice(0, 50)),
          remote: r.remote ?? null,
          body: text,
          body_bytes: bytes,
          truncated: text.length < raw.length || bytes > Buffer.byteLength(text) ? 1 : 0,
        }).lastInsertRowid,
      )
      if (id > REJECTED_KEEP && id % 100 === 0) prune.run(id - REJECTED_KEEP)
      return id
    },
    list: (limit: number, before?: number): { items: Rejected[]; total: number } => ({
      items: page.all(before ?? Number.MAX_SAFE_INTEGER, limit).map(rowToRejected),
      total: total.get()!.n,
    }),
  }
}
export type RejectedRepo = ReturnType<typeof rejectedRepo>
