import { describe, expect, it } from 'vitest'
import { applyDelta, applySnapshot, beginResync, emptyFeed, pendingFrames, pruneResolved, receivedSeq, setPaused, type FeedState } from './feed'
import { alert, client, delta, snapshot } from '../testing/store-kit'

const synced = (...alerts: ReturnType<typeof alert>[]): FeedState =>
  applySnapshot(emptyFeed(), snapshot(10, alerts, [client('acme', { warning: alerts.length })]))

describe('applySnapshot', () => {
  it('normalizes alerts and orders the firing list worst first, newest problem first', () => {
    const s = synced(alert(1, { severity: 'warning' }), alert(2, { severity: 'critical' }), alert(3, { severity: 'warning' }), alert(4, { status: 'resolved', resolvedAt: 5 }))
    expect(s.alertsById[2].summary).toBe('alert 2')
    expect(s.firingIds).toEqual([2, 3, 1])
    expect(s.resolvedIds).toEqual([4])
    expect(s.seq).toBe(10)
    expect(s.synced).toBe(true)
  })

  it('replays deltas that arrived while it loaded, but never rolls an alert back', () => {
    let s = emptyFeed()
    s = applyDelta(s, delta(8, [alert(1, { seq: 8, count: 2 })])) // older than the snapshot
    s = applyDelta(s, delta(12, [alert(2, { seq: 12, count: 7 })], [client('acme', { critical: 1 })]))
    expect(s.firingIds).toEqual([]) // nothing shown before the snapshot
    s = applySnapshot(s, snapshot(10, [alert(1, { seq: 9, count: 3 }), alert(2, { seq: 9, count: 1 })], [client('acme', { warning: 2 })]))
    expect(s.alertsById[1].count).toBe(3) // delta 8 is older than the snapshot's version
    expect(s.alertsById[2].count).toBe(7) // delta 12 is newer
    expect(s.clientsById.acme.worst).toBe('critical')
    expect(s.seq).toBe(12)
    expect(s.pending).toBeNull()
  })
})

describe('applyDelta', () => {
  it('ignores a delta whose seq is not newer (duplicate or out of order) and returns the same state', () => {
    const s = applyDelta(synced(alert(1)), delta(11, [alert(1, { seq: 11, count: 5 })]))
    const again = applyDelta(s, delta(11, [alert(1, { seq: 11, count: 99 })]))
    const older = applyDelta(s, delta(9, [alert(1, { seq: 9, count: 42 })]))
    expect(again).toBe(s)
    expect(older).toBe(s)
    expect(s.alertsById[1].count).toBe(5)
  })

  it('skips an alert whose own seq is older than the one held', () => {
    let s = applyDelta(synced(alert(1)), delta(11, [alert(1, { seq: 11, count: 5 })]))
    s = applyDelta(s, delta(12, [alert(1, { seq: 10, count: 1 }), alert(2, { seq: 12 })]))
    expect(s.alertsById[1].count).toBe(5)
    expect(s.alertsById[2]).toBeDefined()
    expect(s.seq).toBe(12)
  })

  it('updates a resolved alert in place: same id, new status, out of the firing list', () => {
    const before = synced(alert(1, { severity: 'critical' }), alert(2))
    const s = applyDelta(before, delta(11, [alert(1, { seq: 11, severity: 'critical', status: 'resolved', resolvedAt: 123, count: 2 })]))
    expect(Object.keys(s.alertsById)).toHaveLength(2)
    expect(s.alertsById[1]).toMatchObject({ id: 1, status: 'resolved', count: 2 })
    expect(s.firingIds).toEqual([2])
    expect(s.resolvedIds).toEqual([1])
    expect(before.firingIds).toEqual([1, 2]) // the previous state is untouched (React relies on that)
  })

  it('a re-fired alert comes back into the firing list in order', () => {
    let s = synced(alert(1, { severity: 'critical' }), alert(2), alert(3, { status: 'resolved', resolvedAt: 1 }))
    s = applyDelta(s, delta(11, [alert(3, { seq: 11, severity: 'major' })]))
    expect(s.firingIds).toEqual([1, 3, 2])
    expect(s.resolvedIds).toEqual([])
  })

  it('reorders the wall when a client gets worse', () => {
    let s = applySnapshot(emptyFeed(), snapshot(1, [], [client('a', { warning: 3 }), client('b', { minor: 1 }), client('c', { warning: 5 })]))
    expect(s.clientOrder).toEqual(['b', 'c', 'a'])
    s = applyDelta(s, delta(2, [], [client('a', { critical: 1 })]))
    expect(s.clientOrder).toEqual(['a', 'b', 'c'])
  })
})

describe('pause', () => {
  it('buffers deltas while paused and applies them, merged, in one state on resume', () => {
    let s = setPaused(synced(alert(1)), true)
    const frozen = s
    s = applyDelta(s, delta(11, [alert(2, { seq: 11, severity: 'critical' })]))
    s = applyDelta(s, delta(12, [alert(1, { seq: 12, status: 'resolved', resolvedAt: 1 })]))
    s = applyDelta(s, delta(13, [alert(2, { seq: 13, severity: 'critical', count: 4 })]))
    expect(s.firingIds).toBe(frozen.firingIds) // what is shown did not move
    expect(s.alertsById).toBe(frozen.alertsById)
    expect(pendingFrames(s)).toBe(3)
    expect(receivedSeq(s)).toBe(13) // a reconnect would resume after what was buffered
    s = setPaused(s, false)
    expect(s.firingIds).toEqual([2])
    expect(s.alertsById[2].count).toBe(4)
    expect(s.resolvedIds).toEqual([1])
    expect(s.seq).toBe(13)
    expect(s.pending).toBeNull()
  })

  it('a snapshot that arrives while paused waits too, and wins over older buffered deltas', () => {
    let s = setPaused(synced(alert(1)), true)
    s = applyDelta(s, delta(11, [alert(1, { seq: 11, count: 2 })]))
    s = applySnapshot(s, snapshot(20, [alert(1, { seq: 20, count: 9 })]))
    s = applyDelta(s, delta(21, [alert(3, { seq: 21 })]))
    expect(s.alertsById[1].count).toBe(1)
    s = setPaused(s, false)
    expect(s.alertsById[1].count).toBe(9)
    expect(s.firingIds).toEqual([3, 1])
    expect(s.seq).toBe(21)
  })
})

describe('resync and pruning', () => {
  it('after a server reset (sequence restarted) accepts the new, lower sequence', () => {
    let s = synced(alert(1))
    s = beginResync(s, true)
    expect(s.firingIds).toEqual([1]) // old data stays on screen until the snapshot lands
    s = applyDelta(s, delta(3, [alert(7, { seq: 3 })]))
    s = applySnapshot(s, snapshot(2, [alert(6, { seq: 2 })]))
    expect(Object.keys(s.alertsById).map(Number).sort()).toEqual([6, 7])
    expect(s.seq).toBe(3)
  })

  it('forgets resolved alerts past the horizon, but not while paused', () => {
    const s = synced(alert(1), alert(2, { status: 'resolved', resolvedAt: 100 }), alert(3, { status: 'resolved', resolvedAt: 500 }))
    const pruned = pruneResolved(s, 200)
    expect(pruned.resolvedIds).toEqual([3])
    expect(pruned.alertsById[2]).toBeUndefined()
    expect(pruneResolved(setPaused(s, true), 200).resolvedIds).toEqual([3, 2])
  })
})
