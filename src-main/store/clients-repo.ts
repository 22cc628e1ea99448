import type { Db } from './db'

export interface ClientRow {
  id: string
  name: string
  first_seen: number
  last_seen: number
  seq: number
}

/** Clients are created on first sight; configuration (tier, hours) is overlaid by the hub, not stored here. */
export const clientsRepo = (db: Db) => {
  const upsert = db.prepare(
    `INSERT INTO clients (id, name, first_seen, last_seen, seq) VALUES (@id, @id, @at, @at, @seq)
     ON CONFLICT(id) DO UPDATE SET last_seen = max(last_seen, excluded.last_seen), seq = excluded.seq`,
  )
  const all = db.prepare<[], ClientRow>('SELECT * FROM clients ORDER BY id')
  const one = db.prepare<[string], ClientRow>('SELECT * FROM clients WHERE id = ?')
  const maxSeq = db.prepare<[], { s: number | null }>('SELECT max(seq) AS s FROM clients')
  return {
    touch: (id: string, at: number, seq: number) => void upsert.run({ id, at, seq }),
    all: (): ClientRow[] => all.all(),
    get: (id: string): ClientRow | undefined => one.get(id),
    maxSeq: (): number => maxSeq.get()?.s ?? 0,
  }
}
export type ClientsRepo = ReturnType<typeof clientsRepo>
