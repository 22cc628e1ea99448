import Database from 'better-sqlite3'
import { join } from 'node:path'

/**
 * A second connection to a running server's database, for tests that look at (or seed) rows directly. The writer
 * owns its own connection (on its own thread); WAL lets this one read what was committed, and a write here waits
 * for the writer's lock. Close it when done.
 */
export const testDb = (s: { dataDir: string }): Database.Database => {
  const db = new Database(join(s.dataDir, 'noc.db'))
  db.pragma('busy_timeout = 10000')
  return db
}

/** One query on a fresh connection (opened and closed around it). */
export const queryOne = <T = Record<string, number>>(s: { dataDir: string }, sql: string, ...params: unknown[]): T => {
  const db = testDb(s)
  try {
    return db.prepare(sql).get(...params) as T
  } finally {
    db.close()
  }
}

/** All rows of one query on a fresh connection. */
export const queryAll = <T>(s: { dataDir: string }, sql: string, ...params: unknown[]): T[] => {
  const db = testDb(s)
  try {
    return db.prepare(sql).all(...params) as T[]
  } finally {
    db.close()
  }
}
