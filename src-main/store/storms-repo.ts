import type { Storm } from '@shared/model/ops'
import type { StormBaseline } from '../engine/storm'
import type { Db } from './db'

interface StormRow {
  id: number
  client: string
  started_at: number
  ended_at: number | null
  rate: number
  baseline: number
  threshold: number
  peak: number
  minutes: number
  seq: number
}

const rowToStorm = (r: StormRow): Storm => ({
  id: r.id,
  client: r.client,
  startedAt: r.started_at,
  endedAt: r.ended_at,
  rate: r.rate,
  baseline: r.baseline,
  threshold: r.threshold,
  peak: r.peak,
  minutes: r.minutes,
  seq: r.seq,
})

/** storms (flags with the numbers that raised them) and storm_baselines (per-client EWMA). */
export const stormsRepo = (db: Db) => {
  const baseline = db.prepare<[string], { ewma: number; minutes: number; last_minute: number }>('SELECT * FROM storm_baselines WHERE client = ?')
  const putBaseline = db.prepare(
    `INSERT INTO storm_baselines (client, ewma, minutes, last_minute) VALUES (?, ?, ?, ?)
     ON CONFLICT(client) DO UPDATE SET ewma = excluded.ewma, minutes = excluded.minutes, last_minute = excluded.last_minute`,
  )
  const active = db.prepare<[string], StormRow>('SELECT * FROM storms WHERE client = ? AND ended_at IS NULL')
  const activeAll = db.prepare<[], StormRow>('SELECT * FROM storms WHERE ended_at IS NULL')
  const insert = db.prepare(
    `INSERT INTO storms (client, started_at, ended_at, rate, baseline, threshold, peak, minutes, seq)
     VALUES (@client, @startedAt, NULL, @rate, @baseline, @threshold, @rate, 1, @seq)`,
  )
  const grow = db.prepare('UPDATE storms SET peak = max(peak, ?), minutes = minutes + 1, seq = ? WHERE id = ?')
  const end = db.prepare('UPDATE storms SET ended_at = ?, seq = ? WHERE id = ?')
  const byId = db.prepare<[number], StormRow>('SELECT * FROM storms WHERE id = ?')
  const since = db.prepare<[number], StormRow>('SELECT * FROM storms WHERE seq > ? ORDER BY seq')
  return {
    baseline: (client: string): StormBaseline | undefined => {
      const r = baseline.get(client)
      return r && { ewma: r.ewma, minutes: r.minutes, lastMinute: r.last_minute }
    },
    putBaseline: (client: string, b: StormBaseline) => void putBaseline.run(client, b.ewma, b.minutes, b.lastMinute),
    active: (client: string): Storm | undefined => {
      const r = active.get(client)
      return r && rowToStorm(r)
    },
    activeClients: (): string[] => activeAll.all().map((r) => r.client),
    start: (s: { client: string; startedAt: number; rate: number; baseline: number; threshold: number }, seq: number): Storm =>
      rowToStorm(byId.get(Number(insert.run({ ...s, seq }).lastInsertRowid))!),
    grow: (id: number, rate: number, seq: number): Storm => (grow.run(rate, seq, id), rowToStorm(byId.get(id)!)),
    end: (id: number, at: number, seq: number): Storm => (end.run(at, seq, id), rowToStorm(byId.get(id)!)),
    list: (q: { client?: string; activeOnly: boolean; limit: number }): Storm[] => {
      const where: string[] = []
      const params: unknown[] = []
      if (q.client) (where.push('client = ?'), params.push(q.client))
      if (q.activeOnly) where.push('ended_at IS NULL')
      const sql = `SELECT * FROM storms ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY started_at DESC LIMIT ?`
      return db.prepare<unknown[], StormRow>(sql).all(...params, q.limit).map(rowToStorm)
    },
    changedSince: (seq: number): Storm[] => since.all(seq).map(rowToStorm),
  }
}
export type StormsRepo = ReturnType<typeof stormsRepo>
