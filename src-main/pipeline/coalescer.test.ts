import { describe, expect, it } from 'vitest'
import type { Delta } from '@shared/api/contract'
import { createCoalescer, PUSH_INTERVAL_MS } from './coalescer'
import { ev } from '../testing/event-kit'
import { mergeEvent } from '../engine/dedup'

const alert = (id: number, client = 'acme') => ({ ...mergeEvent(undefined, ev({ client })).next, id, seq: id })

/** A fake timer wheel: `advance(ms)` runs what is due, in order. */
const fakeTime = () => {
  let t = 0
  const due: { at: number; fn: () => void }[] = []
  return {
    now: () => t,
    setTimer: (fn: () => void, ms: number) => void due.push({ at: t + ms, fn }),
    advance(ms: number) {
      const end = t + ms
      for (;;) {
        due.sort((a, b) => a.at - b.at)
        const next = due[0]
        if (!next || next.at > end) break
        due.shift()
        t = next.at
        next.fn()
      }
      t = end
    },
  }
}

describe('push coalescer', () => {
  const setup = () => {
    const time = fakeTime()
    const sent: { at: number; d: Delta }[] = []
    const c = createCoalescer({ clients: (ids) => [...ids].map((id) => ({ id }) as never), seq: () => 7, emit: (d) => sent.push({ at: time.now(), d }), setTimer: time.setTimer, now: time.now })
    return { time, sent, c }
  }

  it('sends the first change after a quiet period at once, not after the interval', () => {
    const { time, sent, c } = setup()
    time.advance(1000)
    c.add([alert(1)], [])
    time.advance(0)
    expect(sent).toHaveLength(1)
    expect(sent[0].at).toBe(1000)
  })

  it('changes within the interval wait and travel together, latest version only (≤ 1 per PUSH_INTERVAL_MS)', () => {
    const { time, sent, c } = setup()
    c.add([alert(1)], [])
    time.advance(0)
    for (let i = 0; i < 50; i++) {
      c.add([{ ...alert(2), count: i }], [])
      time.advance(10)
    }
    time.advance(200)
    const gaps = sent.slice(1).map((s, i) => s.at - sent[i].at)
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(PUSH_INTERVAL_MS)
    expect(sent.length).toBeLessThanOrEqual(1 + Math.ceil(700 / PUSH_INTERVAL_MS))
    const last = sent[sent.length - 1].d.alerts.find((a) => a.id === 2)
    expect(last?.count).toBe(49)
  })

  it('names every client touched by changed alerts', () => {
    const { time, sent, c } = setup()
    c.add([alert(1, 'a'), alert(2, 'b')], ['c'])
    time.advance(0)
    expect(sent[0].d.clients.map((x) => x.id).sort()).toEqual(['a', 'b', 'c'])
  })
})
