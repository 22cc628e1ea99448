import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { migrations as shipped } from './migrations/index'
import type { Migration } from './migrations/types'

export type Db = Database.Database

export interface OpenDbOptions {
  /**
   * FULL fsyncs the WAL on every commit, so a 2xx survives power loss, not only a process crash.
   * Group commit keeps that affordable: one fsync per batch of requests, not per event.
   */
  synchronous?: 'FULL' | 'NORMAL'
  migrations?: Migration[]
  /**
   * Path of the better_sqlite3.node to load instead of node_modules/better-sqlite3/build: the Electron shell
   * passes its Electron-ABI build (scripts/electron-native.mjs); Node keeps the default.
   */
  nativeBinding?: string
}

export class DatabaseTooNewError extends Error {
  constructor(readonly found: number, readonly known: number) {
    super(`database schema version ${found} is newer than this build understands (${known}); refusing to open it`)
  }
}

/** Open (creating when missing), set pragmas, migrate. Refuses a database written by newer code. */
export const openDb = (path: string, opts: OpenDbOptions = {}): Db => {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const db = new Database(path, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : undefined)
  try {
    db.pragma('journal_mode = WAL')
    db.pragma(`synchronous = ${opts.synchronous ?? 'FULL'}`)
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    // Keep the WAL from growing without bound under sustained ingest.
    db.pragma('wal_autocheckpoint = 2000')
    // The pages a busy minute keeps touching (alert rows, their seq/last-seen index entries, the journal's per-alert
    // index leaves) outgrow SQLite's 2 MB default: every commit then re-reads evicted pages from the WAL and spills
    // dirty ones mid-transaction. 32 MB (an upper bound, filled only as pages are used) halves the cost of a repeat.
    db.pragma('cache_size = -32768')
    migrate(db, opts.migrations ?? shipped)
    return db
  } catch (e) {
    db.close()
    throw e
  }
}

export const schemaVersion = (db: Db): number => db.pragma('user_version', { simple: true }) as number

export const migrate = (db: Db, list: Migration[]): void => {
  const current = schemaVersion(db)
  const latest = list.length ? list[list.length - 1].version : 0
  if (current > latest) throw new DatabaseTooNewError(current, latest)
  for (const m of list) {
    if (m.version <= current) continue
    db.transaction(() => {
      m.up(db)
      db.pragma(`user_version = ${m.version}`)
    })()
  }
}
