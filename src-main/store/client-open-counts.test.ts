import fc from 'fast-check'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Severity } from '@shared/model/severity'
import { mergeEvent } from '../engine/dedup'
import { ev } from '../testing/event-kit'
import { alertsRepo } from './alerts-repo'
import { openDb, type Db } from './db'
import { migrations } from './migrations/index'

/** What the triggers' table must always say: the firing alerts of the client, counted from the rows themselves. */
const counted = (db: Db, client: string): Partial<Record<Severity, number>> => {
  const out: Partial<Record<Severity, number>> = {}
  const rows = db.prepare("SELECT severity, count(*) AS n FROM alerts WHERE client = ? AND status = 'firing' GROUP BY severity").all(client) as { severity: Severity; n: number }[]
  for (const r of rows) out[r.severity] = r.n
  return out
}

const CLIENTS = ['acme', 'globex', 'initech']
const SEVERITIES = ['critical', 'major', 'warning', 'info'] as const
const draft = (client: string, fp: string, severity: Severity, status: 'firing' | 'resolved') =>
  mergeEvent(undefined, ev({ client, fingerprint: fp, severity, status })).next

type Op =
  | { op: 'insert'; client: number; severity: number; firing: boolean }
  | { op: 'update'; pick: number; severity: number; firing: boolean }
  | { op: 'counters'; pick: number }
  | { op: 'delete'; pick: number }

const arbOp: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), client: fc.nat(2), severity: fc.nat(3), firing: fc.boolean() }),
  fc.record({ op: fc.constant('update' as const), pick: fc.nat(), severity: fc.nat(3), firing: fc.boolean() }),
  fc.record({ op: fc.constant('counters' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('delete' as const), pick: fc.nat() }),
)

describe('open counts per client (migration 0005 triggers)', () => {
  it('equal a count of the firing rows after any sequence of inserts, full updates, counter updates and deletes', () => {
    fc.assert(
      fc.property(fc.array(arbOp, { maxLength: 60 }), (ops) => {
        const db = openDb(':memory:')
        const repo = alertsRepo(db)
        const ids: number[] = []
        let n = 0
        for (const o of ops) {
          if (o.op === 'insert') {
            const a = repo.insert(draft(CLIENTS[o.client], `fp-${n++}`, SEVERITIES[o.severity], o.firing ? 'firing' : 'resolved'), n)
            ids.push(a.id)
            continue
          }
          if (!ids.length) continue
          const id = ids[o.pick % ids.length]
          const cur = repo.get(id)!
          if (o.op === 'update') repo.update(id, { ...cur, severity: SEVERITIES[o.severity], status: o.firing ? 'firing' : 'resolved' }, ++n)
          if (o.op === 'counters') repo.updateCounters({ ...cur, count: cur.count + 1, seq: ++n })
          if (o.op === 'delete') {
            db.prepare('DELETE FROM alerts WHERE id = ?').run(id)
            ids.splice(ids.indexOf(id), 1)
          }
        }
        for (const c of CLIENTS) expect(repo.openCounts(c)).toEqual(counted(db, c))
        db.close()
      }),
      { numRuns: 150 },
    )
  })

  it('are filled from the rows an older database already holds when it migrates', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'noc-counts-')), 'noc.db')
    const old = openDb(path, { migrations: migrations.filter((m) => m.version < 5) })
    // Rows as version 4 wrote them (its repo would already ask for the new table).
    const row = old.prepare(
      `INSERT INTO alerts (client, fingerprint, fingerprint_kind, source, class, ems, rule, components, severity, status, count, first_seen, last_seen, state_time, summary, labels, annotations, seq)
       VALUES (?, ?, 'source', 'native', 'c', 'e', 'r', '[]', ?, ?, 1, 1, 1, 1, 's', '{}', '{}', ?)`,
    )
    row.run('acme', 'a', 'critical', 'firing', 1)
    row.run('acme', 'b', 'critical', 'firing', 2)
    row.run('acme', 'c', 'warning', 'resolved', 3)
    row.run('globex', 'd', 'info', 'firing', 4)
    old.close()
    const db = openDb(path)
    const repo = alertsRepo(db)
    expect(repo.openCounts('acme')).toEqual({ critical: 2 })
    expect(repo.openCounts('globex')).toEqual({ info: 1 })
    // …and kept from there on: a resolve moves one out.
    const a = repo.getByKey('acme', 'a')!
    repo.update(a.id, { ...a, status: 'resolved', resolvedAt: 2_000_000 }, 5)
    expect(repo.openCounts('acme')).toEqual({ critical: 1 })
    db.close()
  })
})
