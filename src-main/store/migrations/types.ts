import type { Database } from 'better-sqlite3'

export interface Migration {
  /** Becomes PRAGMA user_version once applied. Strictly increasing, never reused. */
  version: number
  name: string
  up: (db: Database) => void
}
