import { describe, expect, it } from 'vitest'
import type { Delta } from '@shared/api/contract'
import type { PushFrame } from '../app/hub'
import { createConsoleFeed } from './console-feed'

const frame = (seq: number, extra: Partial<Delta> = {}): PushFrame => {
  const delta: Delta = { type: 'delta', seq, alerts: [], clients: [], incidents: [], problems: [], ...extra }
  const text = JSON.stringify(delta)
  return { seq, text, bytes: Buffer.from(text), delta }
}
const notice = (deliveryId: number) => ({ deliveryId, incidentId: 'INC-1', title: 't', body: 'b', severity: 'critical', priority: 'P1', event: 'trigger', at: 0 }) as NonNullable<Delta['notifications']>[number]
const settle = () => new Promise((r) => setImmediate(r))

const setup = () => {
  let buffered = 0
  const sent: PushFrame[] = []
  const asked: number[] = []
  const timers: (() => void)[] = []
  const feed = createConsoleFeed(
    {
      buffered: () => buffered,
      maxBuffered: 100,
      send: (f) => sent.push(f),
      changesSince: async (seq) => (asked.push(seq), frame(50)),
      setTimer: (fn) => timers.push(fn),
      clearTimer: () => undefined,
    },
    10,
  )
  const runTimers = async () => (timers.splice(0).forEach((f) => f()), settle())
  return { feed, sent, asked, runTimers, setBuffered: (n: number) => (buffered = n) }
}

describe('console feed (what one subscribed console is pushed)', () => {
  it('sends deltas as they come while the console keeps up', () => {
    const s = setup()
    s.feed.push(frame(11))
    s.feed.push(frame(12))
    expect(s.sent.map((f) => f.seq)).toEqual([11, 12])
    expect(s.feed.sentSeq).toBe(12)
  })

  it('a lagging console gets nothing queued, then ONE resync from its last seq once drained — without waiting for another change', async () => {
    const s = setup()
    s.feed.push(frame(11))
    s.setBuffered(500)
    s.feed.push(frame(12))
    s.feed.push(frame(13))
    expect(s.sent.map((f) => f.seq)).toEqual([11])
    await s.runTimers() // still full: keeps waiting
    expect(s.sent).toHaveLength(1)
    s.setBuffered(0)
    await s.runTimers() // drained, and no new delta has come: the resync goes out anyway
    expect(s.asked).toEqual([11])
    expect(s.sent.map((f) => f.seq)).toEqual([11, 50])
    expect(s.feed.lagging).toBe(false)
    s.feed.push(frame(51))
    expect(s.sent.map((f) => f.seq)).toEqual([11, 50, 51])
  })

  it('deltas arriving while the resync is computed are left to it; their desktop notices travel with it', async () => {
    const s = setup()
    s.setBuffered(500)
    s.feed.push(frame(12, { notifications: [notice(1)] }))
    s.setBuffered(0)
    const t = s.runTimers() // resync asked for; its answer comes after the next push
    s.feed.push(frame(13, { notifications: [notice(2)] }))
    await t
    expect(s.sent.map((f) => f.seq)).toEqual([50])
    expect(s.sent[0].delta.notifications?.map((n) => n.deliveryId)).toEqual([1, 2])
    expect(JSON.parse(s.sent[0].text).notifications).toHaveLength(2)
  })

  it('a console resuming from a seq gets one catch-up delta first', async () => {
    const s = setup()
    s.feed.resume(3)
    await settle()
    expect(s.asked).toEqual([3])
    expect(s.sent.map((f) => f.seq)).toEqual([50])
  })

  it('closing stops a pending resync', async () => {
    const s = setup()
    s.setBuffered(500)
    s.feed.push(frame(12))
    s.feed.close()
    s.setBuffered(0)
    await s.runTimers()
    expect(s.sent).toHaveLength(0)
  })
})
