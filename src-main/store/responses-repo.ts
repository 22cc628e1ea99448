import type { ResponseRun, ResponseStatus } from '@shared/model/ops'
import type { Db } from './db'

interface ResponseRow {
  id: number
  incident_id: string
  action: string
  status: string
  requested_at: number
  auto_approved: number
  approved_by: string | null
  approved_at: number | null
  delivery_id: number | null
  result_code: number | null
  result: string | null
  finished_at: number | null
  seq: number
}

const rowToRun = (r: ResponseRow): ResponseRun => ({
  id: r.id,
  incidentId: r.incident_id,
  action: r.action,
  status: r.status as ResponseStatus,
  requestedAt: r.requested_at,
  autoApproved: r.auto_approved === 1,
  approvedBy: r.approved_by,
  approvedAt: r.approved_at,
  resultCode: r.result_code,
  result: r.result,
  finishedAt: r.finished_at,
  seq: r.seq,
})

/** Response actions per incident: requested, approved (by whom, or automatically), run, result. */
export const responsesRepo = (db: Db) => {
  const insert = db.prepare(
    `INSERT INTO responses (incident_id, action, status, requested_at, auto_approved, approved_by, approved_at, seq)
     VALUES (@incidentId, @action, @status, @now, @auto, @approvedBy, @approvedAt, @seq) ON CONFLICT(incident_id, action) DO NOTHING`,
  )
  const byId = db.prepare<[number], ResponseRow>('SELECT * FROM responses WHERE id = ?')
  const byDelivery = db.prepare<[number], ResponseRow>('SELECT * FROM responses WHERE delivery_id = ?')
  const approve = db.prepare("UPDATE responses SET status = 'approved', approved_by = ?, approved_at = ?, seq = ? WHERE id = ? AND status = 'awaiting-approval'")
  const link = db.prepare('UPDATE responses SET delivery_id = ?, seq = ? WHERE id = ?')
  const finish = db.prepare('UPDATE responses SET status = ?, result_code = ?, result = ?, finished_at = ?, seq = ? WHERE id = ?')
  const since = db.prepare<[number], ResponseRow>('SELECT * FROM responses WHERE seq > ? ORDER BY seq')
  return {
    /** Undefined when this action was already requested for the incident. */
    request: (r: { incidentId: string; action: string; auto: boolean; now: number }, seq: number): ResponseRun | undefined => {
      const res = insert.run({
        incidentId: r.incidentId,
        action: r.action,
        status: r.auto ? 'approved' : 'awaiting-approval',
        now: r.now,
        auto: r.auto ? 1 : 0,
        approvedBy: r.auto ? 'auto' : null,
        approvedAt: r.auto ? r.now : null,
        seq,
      })
      return res.changes ? rowToRun(byId.get(Number(res.lastInsertRowid))!) : undefined
    },
    get: (id: number): ResponseRun | undefined => {
      const r = byId.get(id)
      return r && rowToRun(r)
    },
    byDelivery: (deliveryId: number): ResponseRun | undefined => {
      const r = byDelivery.get(deliveryId)
      return r && rowToRun(r)
    },
    approve: (id: number, by: string, now: number, seq: number): boolean => approve.run(by, now, seq, id).changes === 1,
    link: (id: number, deliveryId: number, seq: number) => void link.run(deliveryId, seq, id),
    finish: (id: number, status: ResponseStatus, code: number | null, result: string | null, now: number, seq: number): ResponseRun => {
      finish.run(status, code, result, now, seq, id)
      return rowToRun(byId.get(id)!)
    },
    list: (q: { incidentId?: string; status?: ResponseStatus; limit: number }): ResponseRun[] => {
      const where: string[] = []
      const params: unknown[] = []
      if (q.incidentId) (where.push('incident_id = ?'), params.push(q.incidentId))
      if (q.status) (where.push('status = ?'), params.push(q.status))
      const sql = `SELECT * FROM responses ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT ?`
      return db.prepare<unknown[], ResponseRow>(sql).all(...params, q.limit).map(rowToRun)
    },
    changedSince: (seq: number): ResponseRun[] => since.all(seq).map(rowToRun),
  }
}
export type ResponsesRepo = ReturnType<typeof responsesRepo>
