import { describe, expect, it } from 'vitest'
import type { Delta } from '@shared/api/contract'
import { createConsoleFeed } from './console-feed'

const delta = (seq: number, extra: Partial<Delta> = {}): Delta => ({ type: 'delta', seq, alerts: [], clients: [], incidents: [], problems: [], ...extra })
const notice = (deliveryId: number) => ({ deliveryId, incidentId: 'INC-1', title: 't', body: 'b', severity: 'critical', priority: 'P1', event: 'trigger', at: 0 }) as NonNullable<Delta['notifications']>[number]

const setup = () => {
  let buffered = 0
  const sent: Delta[] = []
  const asked: number[] = []
  const timers: (() => void)[] = []
  const feed = createConsoleFeed(
    {
      buffered: () => buffered,
      maxBuffered: 100,
      send: (d) => sent.push(d),
      changesSince: (seq) => (asked.push(seq), delta(50, { alerts: [{ id: 7 } as Delta['alerts'][number]] })),
      setTimer: (fn) => timers.push(fn),
      clearTimer: () => undefined,
    },
    10,
  )
  const runTimers = () => timers.splice(0).forEach((f) => f())
  return { feed, sent, asked, runTimers, setBuffered: (n: number) => (buffered = n), timers }
}

describe('console feed (what one subscribed console is pushed)', () => {
  it('sends deltas as they come while the console keeps up', () => {
    const s = setup()
    s.feed.push(delta(11))
    s.feed.push(delta(12))
    expect(s.sent.map((d) => d.seq)).toEqual([11, 12])
    expect(s.feed.sentSeq).toBe(12)
  })

  it('a lagging console gets nothing queued, then ONE resync from its last seq once drained — without waiting for another change', () => {
    const s = setup()
    s.feed.push(delta(11))
    s.setBuffered(500)
    s.feed.push(delta(12))
    s.feed.push(delta(13))
    expect(s.sent.map((d) => d.seq)).toEqual([11])
    s.runTimers() // still full: keeps waiting
    expect(s.sent).toHaveLength(1)
    s.setBuffered(0)
    s.runTimers() // drained, and no new delta has come: the resync goes out anyway
    expect(s.asked).toEqual([11])
    expect(s.sent.map((d) => d.seq)).toEqual([11, 50])
    expect(s.feed.lagging).toBe(false)
    s.feed.push(delta(51))
    expect(s.sent.map((d) => d.seq)).toEqual([11, 50, 51])
  })

  it("desktop notices of held-back deltas travel with the resync (changesSince cannot find them again)", () => {
    const s = setup()
    s.setBuffered(500)
    s.feed.push(delta(12, { notifications: [notice(1)] }))
    s.feed.push(delta(13, { notifications: [notice(2)] }))
    s.setBuffered(0)
    s.runTimers()
    expect(s.sent).toHaveLength(1)
    expect(s.sent[0].notifications?.map((n) => n.deliveryId)).toEqual([1, 2])
  })

  it('closing stops a pending resync', () => {
    const s = setup()
    s.setBuffered(500)
    s.feed.push(delta(12))
    s.feed.close()
    s.setBuffered(0)
    s.runTimers()
    expect(s.sent).toHaveLength(0)
  })
})
