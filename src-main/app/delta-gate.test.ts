import type { Delta } from '@shared/api/contract'
import { describe, expect, it } from 'vitest'
import { deltaGate } from './delta-gate'

const delta = (seq: number, extra: Partial<Delta> = {}): Delta => ({ type: 'delta', seq, alerts: [], clients: [], incidents: [], problems: [], ...extra }) as Delta

/** A gate whose posts are decoded back, and whose `changesSince` records what it was asked. */
const setup = () => {
  const posted: { seq: number; delta: Delta }[] = []
  const asked: number[] = []
  const gate = deltaGate({
    post: (seq, bytes) => posted.push({ seq, delta: JSON.parse(new TextDecoder().decode(bytes)) as Delta }),
    changesSince: (since) => (asked.push(since), delta(100, { clients: [{ id: `since-${since}` }] as unknown as Delta['clients'] })),
  })
  return { gate, posted, asked }
}

describe('deltaGate', () => {
  it('posts every delta, serialised, while the I/O side has listeners', () => {
    const { gate, posted } = setup()
    gate.listeners(1, 0)
    gate.emit(delta(3))
    gate.emit(delta(5))
    expect(posted.map((p) => p.seq)).toEqual([3, 5])
    expect(posted[1].delta).toEqual(delta(5))
  })

  it('serialises nothing while nobody listens', () => {
    const { gate, posted } = setup()
    gate.emit(delta(3))
    gate.listeners(1, 3)
    gate.emit(delta(4))
    gate.listeners(0, 4)
    gate.emit(delta(5))
    expect(posted.map((p) => p.seq)).toEqual([4])
  })

  it('a delta dropped after the seq the new listener was greeted with is made up first (changes after that seq)', () => {
    const { gate, posted, asked } = setup()
    // The I/O side read seq 7 and subscribed; before the count arrived the writer committed 8 and dropped its delta.
    gate.emit(delta(8))
    gate.listeners(1, 7)
    gate.emit(delta(9))
    expect(asked).toEqual([7])
    expect(posted.map((p) => p.seq)).toEqual([100, 9])
    expect(posted[0].delta.clients).toEqual([{ id: 'since-7' }])
  })

  it('no catch-up when every dropped delta is at or before the seq the listener already has', () => {
    const { gate, posted, asked } = setup()
    gate.emit(delta(6))
    gate.emit(delta(7))
    gate.listeners(1, 7)
    expect(asked).toEqual([])
    expect(posted).toEqual([])
  })

  it('only a listener count rising from zero can need a catch-up, and each drop is made up once', () => {
    const { gate, asked } = setup()
    gate.emit(delta(8))
    gate.listeners(1, 7)
    gate.listeners(2, 7) // a second console: the first one's catch-up already covered it, nothing was dropped since
    gate.listeners(0, 9)
    gate.listeners(1, 9) // nothing dropped while at zero this time
    gate.listeners(0, 9)
    gate.emit(delta(10))
    gate.listeners(1, 9)
    expect(asked).toEqual([7, 9])
  })
})
