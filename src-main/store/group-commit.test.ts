import { describe, expect, it } from 'vitest'
import { openDb } from './db'
import { GroupCommitter } from './group-commit'

const setup = (maxWeight: number) => {
  const db = openDb(':memory:')
  db.exec('CREATE TABLE t (v INTEGER) STRICT')
  const ins = db.prepare('INSERT INTO t (v) VALUES (?)')
  const commits: number[] = []
  const c = new GroupCommitter<number[], number, { n: number }>(
    db,
    (item, batch) => {
      for (const v of item) {
        if (v < 0) throw new Error('bad row')
        ins.run(v)
      }
      batch.n += item.length
      return item.length
    },
    () => ({ n: 0 }),
    (batch) => commits.push(batch.n),
    256,
    (item) => item.length,
    maxWeight,
  )
  return { db, c, commits }
}

describe('GroupCommitter', () => {
  it('requests queued together commit in one transaction and each gets its own answer', async () => {
    const { c, commits } = setup(Infinity)
    const answers = await Promise.all([c.submit([1, 2]), c.submit([3]), c.submit([4, 5, 6])])
    expect(answers).toEqual([2, 1, 3])
    expect(commits).toEqual([6])
  })

  it('splits a burst by weight into several transactions; a request heavier than the cap still goes whole', async () => {
    const { c, commits, db } = setup(4)
    await Promise.all([c.submit([1, 2, 3]), c.submit([4, 5]), c.submit([6, 7, 8, 9, 10, 11]), c.submit([12])])
    expect(commits).toEqual([3, 2, 6, 1])
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 12 })
  })

  it('a failing transaction rejects only its own group and writes nothing of it', async () => {
    const { c, db } = setup(1)
    const r = await Promise.allSettled([c.submit([1, 2]), c.submit([-1]), c.submit([3])])
    expect(r.map((x) => x.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 3 })
  })
})
