import { describe, expect, it } from 'vitest'
import { openDb } from './db'
import { alertsRepo } from './alerts-repo'
import { clientsRepo } from './clients-repo'
import { eventsRepo } from './events-repo'
import { ingestWriter, newBatchOutcome, seqCounter } from './ingest-writer'
import { createAlertCache } from './alert-cache'
import { ev } from '../testing/event-kit'

const setup = () => {
  const db = openDb(':memory:')
  const repos = { alerts: alertsRepo(db), events: eventsRepo(db), clients: clientsRepo(db) }
  const seq = seqCounter(0)
  return { db, repos, seq, write: (evs: ReturnType<typeof ev>[]) => db.transaction(() => ingestWriter(repos, seq)(evs))() }
}

describe('ingestWriter', () => {
  it('journals every occurrence and de-duplicates by (client, fingerprint)', () => {
    const s = setup()
    const out = s.write([ev(), ev({ receivedAt: 1_000_100 }), ev({ fingerprint: 'fp-2' })])
    expect(out.accepted).toBe(3)
    expect(s.repos.events.count()).toBe(3)
    const a = s.repos.alerts.getByKey('acme', 'fp-1')!
    expect(a.count).toBe(2)
    expect(s.repos.alerts.list({ limit: 10 }).items).toHaveLength(2)
  })

  it('two clients with identical fingerprints keep two alerts', () => {
    const s = setup()
    s.write([ev({ client: 'a' }), ev({ client: 'b' })])
    expect(s.repos.alerts.getByKey('a', 'fp-1')!.id).not.toBe(s.repos.alerts.getByKey('b', 'fp-1')!.id)
    expect(s.repos.clients.all().map((c) => c.id)).toEqual(['a', 'b'])
  })

  it('stamps increasing seqs so consoles can resume', () => {
    const s = setup()
    s.write([ev()])
    const first = s.seq.current
    s.write([ev({ status: 'resolved', time: 2_000_000 })])
    const changed = s.repos.alerts.changedSince(first)
    expect(changed).toHaveLength(1)
    expect(changed[0].status).toBe('resolved')
    expect(changed[0].seq).toBeGreaterThan(first)
  })

  it('open counts per client only include firing alerts', () => {
    const s = setup()
    s.write([ev({ fingerprint: 'x', severity: 'major' }), ev({ fingerprint: 'y', severity: 'major' }), ev({ fingerprint: 'z', severity: 'minor', status: 'resolved' })])
    expect(s.repos.alerts.openCounts('acme')).toEqual({ major: 2 })
  })

  it('a failed batch leaves nothing behind (all-or-nothing)', () => {
    const s = setup()
    const bad = ev({ fingerprint: 'bad' }) as ReturnType<typeof ev> & { class: unknown }
    ;(bad as { class: unknown }).class = null // NOT NULL violation inside the transaction
    expect(() => s.write([ev({ fingerprint: 'ok' }), bad])).toThrow()
    expect(s.repos.events.count()).toBe(0)
    expect(s.repos.alerts.getByKey('acme', 'ok')).toBeUndefined()
  })

  it('paginates alerts with a stable cursor', () => {
    const s = setup()
    s.write(Array.from({ length: 25 }, (_, i) => ev({ fingerprint: `f${i}`, receivedAt: 1_000_000 + (i % 5) })))
    const seen = new Set<number>()
    let cursor: string | undefined
    for (;;) {
      const p = s.repos.alerts.list({ limit: 7, cursor })
      p.items.forEach((a) => seen.add(a.id))
      if (!p.nextCursor) break
      cursor = p.nextCursor
    }
    expect(seen.size).toBe(25)
  })

  it('with the repeat cache: a rolled-back batch leaves no trace in it, and a row deleted behind it is recorded afresh', () => {
    const db = openDb(':memory:')
    const repos = { alerts: alertsRepo(db), events: eventsRepo(db), clients: clientsRepo(db) }
    const cache = createAlertCache()
    const write = ingestWriter(repos, seqCounter(0), cache)
    const commit = (evs: ReturnType<typeof ev>[]) => {
      const out = db.transaction(() => write(evs))()
      cache.putAll(out.alerts.values()) // what the hub does after COMMIT
      return out
    }
    commit([ev()])
    expect(() =>
      db.transaction(() => {
        write([ev({ receivedAt: 2_000_000 })])
        throw new Error('disk full')
      })(),
    ).toThrow()
    commit([ev({ receivedAt: 3_000_000 })])
    expect(repos.alerts.getByKey('acme', 'fp-1')!.count).toBe(2)
    db.prepare('DELETE FROM alerts').run()
    commit([ev({ receivedAt: 4_000_000 })])
    const again = repos.alerts.getByKey('acme', 'fp-1')!
    expect(again.count).toBe(1)
    expect(again.lastSeen).toBe(4_000_000)
  })

  it('two requests in one group commit see each other: with the repeat cache, no count and no state change is lost', () => {
    const db = openDb(':memory:')
    const repos = { alerts: alertsRepo(db), events: eventsRepo(db), clients: clientsRepo(db) }
    const cache = createAlertCache()
    const write = ingestWriter(repos, seqCounter(0), cache)
    const first = db.transaction(() => write([ev()]))()
    cache.putAll(first.alerts.values())
    // One transaction, two requests (the group commit passes the same batch to both): the cache still holds the
    // pre-batch row, the second request must merge onto the first one's result.
    const batch = db.transaction(() => {
      const b = write([ev({ receivedAt: 2_000_000, status: 'resolved', time: 2_000_000 })])
      write([ev({ receivedAt: 3_000_000, time: 3_000_000 })], b)
      write.flush(b)
      return b
    })()
    const a = repos.alerts.getByKey('acme', 'fp-1')!
    expect(a.count).toBe(3)
    expect(a.status).toBe('firing')
    expect(batch.outcomes.map((o) => [o.outcome, o.previous?.status])).toEqual([['changed', 'firing'], ['changed', 'resolved']])
  })

  it('a repeat writes only its counters; a repeat whose content moved (summary, labels) rewrites the row', () => {
    const s = setup()
    s.write([ev({ labels: { job: 'node' }, summary: 'disk 91% full' })])
    s.write([ev({ labels: { job: 'node' }, summary: 'disk 91% full', receivedAt: 2_000_000 })])
    let a = s.repos.alerts.getByKey('acme', 'fp-1')!
    expect([a.count, a.lastSeen, a.summary, a.labels]).toEqual([2, 2_000_000, 'disk 91% full', { job: 'node' }])
    s.write([ev({ labels: { job: 'node', env: 'prod' }, summary: 'disk 95% full', receivedAt: 3_000_000 })])
    a = s.repos.alerts.getByKey('acme', 'fp-1')!
    expect([a.count, a.lastSeen, a.summary, a.labels]).toEqual([3, 3_000_000, 'disk 95% full', { job: 'node', env: 'prod' }])
    expect(s.repos.events.count()).toBe(3)
  })

  it('repeats of one alert within a batch are journaled each, and its counters written once, before COMMIT', () => {
    const db = openDb(':memory:')
    const repos = { alerts: alertsRepo(db), events: eventsRepo(db), clients: clientsRepo(db) }
    const write = ingestWriter(repos, seqCounter(0))
    write([ev()])
    let counterWrites = 0
    const updateCounters = repos.alerts.updateCounters
    repos.alerts.updateCounters = (a) => (counterWrites++, updateCounters(a))
    const batch = db.transaction(() => {
      const b = newBatchOutcome()
      write([ev({ receivedAt: 2_000_000 }), ev({ receivedAt: 3_000_000 })], b)
      write([ev({ receivedAt: 4_000_000 })], b)
      write.flush(b)
      return b
    })()
    expect(counterWrites).toBe(2) // the first repeat at once (it also proves the row still exists), the rest once
    expect(batch.outcomes.map((o) => o.outcome)).toEqual(['repeat', 'repeat', 'repeat'])
    expect(repos.events.count()).toBe(4)
    const a = repos.alerts.getByKey('acme', 'fp-1')!
    expect([a.count, a.lastSeen, a.seq]).toEqual([4, 4_000_000, batch.alerts.get(a.id)!.seq])
  })

  it('a stale re-send (older than the recorded state) is counted, and cannot roll the state back', () => {
    const s = setup()
    s.write([ev({ status: 'resolved', time: 2_000_000, receivedAt: 2_000_000 })])
    s.write([ev({ status: 'firing', time: 1_500_000, receivedAt: 3_000_000 })])
    const a = s.repos.alerts.getByKey('acme', 'fp-1')!
    expect([a.status, a.count, a.lastSeen, a.firstSeen]).toEqual(['resolved', 2, 3_000_000, 1_500_000])
  })
  it('the narrow write keeps episode and ignored: a repeat keeps the episode, a moved episode and a stale note are stored, alone and within a batch', () => {
    const db = openDb(':memory:')
    const repos = { alerts: alertsRepo(db), events: eventsRepo(db), clients: clientsRepo(db) }
    const write = ingestWriter(repos, seqCounter(0))
    let rewrites = 0
    const update = repos.alerts.update
    repos.alerts.update = (...args) => (rewrites++, update(...args))
    // Read back from the row itself (a fresh repo, no object shared with the writer).
    const row = () => alertsRepo(db).getByKey('acme', 'fp-1')!
    const fire = (over: Parameters<typeof ev>[0]) => ev({ timePrecisionMs: 1000, ...over })

    db.transaction(() => write([fire({ episode: { start: 1_000_000 } })]))()
    const episode = row().episode
    expect(episode).toMatchObject({ start: 1_000_000, prevEnd: null, precisionMs: 1000 })

    // A repeat: counters move, the recorded episode stays (the same object, not rewritten).
    const repeat = db.transaction(() => write([fire({ episode: { start: 1_000_000 }, receivedAt: 2_000_000, time: 2_000_000 })]))()
    expect(repeat.outcomes[0].outcome).toBe('repeat')
    expect(repeat.outcomes[0].alert.episode).toBe(repeat.outcomes[0].previous!.episode)
    expect(row()).toMatchObject({ count: 2, lastSeen: 2_000_000, episode, ignored: null })

    // A fire of a later episode without the resolve in between: still a repeat of the state, the episode moved.
    const moved = db.transaction(() => write([fire({ episode: { start: 5_000_000 }, receivedAt: 5_000_000, time: 5_000_000 })]))()
    expect(moved.outcomes[0].outcome).toBe('repeat')
    expect(row()).toMatchObject({ count: 3, episode: { start: 5_000_000, prevEnd: 5_000_000 }, ignored: null })

    // The resolve (a state change: the row is rewritten), then late events of the closed episode: stale, noted.
    db.transaction(() => write([fire({ episode: { start: 5_000_000 }, status: 'resolved', time: 6_000_000, receivedAt: 6_000_000 })]))()
    const closed = row().episode
    expect(rewrites).toBe(1)
    const stale = db.transaction(() => write([fire({ episode: { start: 5_000_000 }, time: 5_500_000, receivedAt: 7_000_000 })]))()
    expect(stale.outcomes[0].outcome).toBe('stale')
    expect(row()).toMatchObject({ status: 'resolved', count: 5, episode: closed, ignored: { count: 1, last: { receivedAt: 7_000_000, time: 5_500_000, status: 'firing' } } })
    // Two more within one batch: the second one's counters and note are written once, by flush.
    const batch = db.transaction(() => {
      const b = newBatchOutcome()
      write([fire({ episode: { start: 5_000_000 }, time: 5_600_000, receivedAt: 8_000_000 })], b)
      write([fire({ episode: { start: 5_000_000 }, time: 5_700_000, receivedAt: 9_000_000 })], b)
      write.flush(b)
      return b
    })()
    expect(batch.outcomes.map((o) => o.outcome)).toEqual(['stale', 'stale'])
    expect(row()).toMatchObject({ status: 'resolved', count: 7, lastSeen: 9_000_000, episode: closed, ignored: { count: 3, last: { receivedAt: 9_000_000, time: 5_700_000 } } })
    // Only the resolve rewrote the row; repeats, the moved episode and stale events took the narrow update.
    expect(rewrites).toBe(1)
  })
})
