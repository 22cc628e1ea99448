import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DatabaseTooNewError, openDb, schemaVersion } from './db'
import { migrations } from './migrations/index'

const tmp = () => join(mkdtempSync(join(tmpdir(), 'noc-db-')), 'noc.db')

describe('openDb', () => {
  it('creates the schema in WAL mode at the latest version with STRICT tables', () => {
    const db = openDb(tmp())
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(schemaVersion(db)).toBe(migrations[migrations.length - 1].version)
    const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all() as { name: string; sql: string }[]
    expect(tables.map((t) => t.name).sort()).toEqual(expect.arrayContaining(['alerts', 'clients', 'events', 'rejected']))
    for (const t of tables) expect(t.sql).toMatch(/STRICT/)
    db.close()
  })

  it('re-opening does not re-run migrations', () => {
    const p = tmp()
    openDb(p).close()
    const db = openDb(p)
    expect(schemaVersion(db)).toBe(migrations[migrations.length - 1].version)
    db.close()
  })

  it('refuses a database written by newer code', () => {
    const p = tmp()
    const db = openDb(p)
    db.pragma('user_version = 999')
    db.close()
    expect(() => openDb(p)).toThrow(DatabaseTooNewError)
  })

  it('applies a new migration exactly once, in a transaction', () => {
    const p = tmp()
    openDb(p).close()
    const extra = { version: migrations.length + 1, name: 'x', up: (d: import('./db').Db) => d.exec('CREATE TABLE x (a INTEGER) STRICT') }
    const db = openDb(p, { migrations: [...migrations, extra] })
    expect(schemaVersion(db)).toBe(extra.version)
    db.close()
    const again = openDb(p, { migrations: [...migrations, extra] })
    expect(again.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'x'").get()).toEqual({ n: 1 })
    again.close()
  })

  it('a failing migration leaves the version unchanged', () => {
    const p = tmp()
    openDb(p).close()
    const bad = { version: migrations.length + 1, name: 'bad', up: (d: import('./db').Db) => d.exec('CREATE TABLE nope (; )') }
    expect(() => openDb(p, { migrations: [...migrations, bad] })).toThrow()
    const db = openDb(p)
    expect(schemaVersion(db)).toBe(migrations.length)
    db.close()
  })
})

describe('openDb nativeBinding (the Electron shell loads its own build of better-sqlite3)', () => {
  it('loads the addon from the given path', async () => {
    const { copyFileSync } = await import('node:fs')
    const { createRequire } = await import('node:module')
    const nodeBuild = join(createRequire(import.meta.url).resolve('better-sqlite3/package.json'), '..', 'build', 'Release', 'better_sqlite3.node')
    const elsewhere = join(mkdtempSync(join(tmpdir(), 'noc-addon-')), 'better_sqlite3.node')
    copyFileSync(nodeBuild, elsewhere)
    const db = openDb(tmp(), { nativeBinding: elsewhere })
    expect(schemaVersion(db)).toBe(migrations[migrations.length - 1].version)
    db.close()
  })

  it('fails, naming the path, when that addon is not there (it never falls back to the Node build)', () => {
    expect(() => openDb(tmp(), { nativeBinding: '/nowhere/better_sqlite3.node' })).toThrow(/\/nowhere\/better_sqlite3\.node/)
  })
})
