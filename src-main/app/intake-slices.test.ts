import { describe, expect, it } from 'vitest'
import { nativeAdapter } from '../ingest/adapters/native'
import type { AdapterContext } from '../ingest/adapters/types'
import { rng } from '../testing/ingest-kit'
import { adaptNativeInSlices, turnQueue } from './intake-slices'

const ctx: AdapterContext = { receivedAt: Date.parse('2026-12-07T10:00:00Z') }
const noTurn = async () => {}

/** A native item of one of several kinds: clean, warned about (no time, epoch seconds, ok+firing), or invalid. */
const item = (r: () => number, i: number): unknown => {
  const base = { client: `c${i % 3}`, class: 'Host', rule: `check-${i % 5}`, severity: 'major', text: `item ${i}`, time: '2026-12-07T09:59:00Z' }
  const k = Math.floor(r() * 10)
  if (k === 0) return { ...base, time: undefined }
  if (k === 1) return { ...base, time: 1_765_000_000 }
  if (k === 2) return { ...base, severity: 'ok', status: 'firing' }
  if (k === 3) return { ...base, components: [{ type: 'host', name: `h${i}` }], fingerprint: `fp-${i}` }
  return base
}
const invalidItem = (i: number): unknown => ({ client: 'c', class: 'Host', severity: i % 2 ? 'loud' : 'major' })
const batch = (seed: number, n: number, invalidAt: number[] = []): unknown[] => {
  const r = rng(seed)
  return Array.from({ length: n }, (_, i) => (invalidAt.includes(i) ? invalidItem(i) : item(r, i)))
}

describe('adaptNativeInSlices gives the whole-batch adapter\'s answer', () => {
  for (const slice of [1, 2, 7, 64]) {
    it(`slices of ${slice}: same events in order, same warnings (indexed by the whole batch)`, async () => {
      for (const seed of [1, 2, 3, 4, 5]) {
        // Few enough warned items that neither side hits the 20-warning cap.
        const b = batch(seed, 30)
        const whole = nativeAdapter(b, ctx)
        expect(whole.ok).toBe(true)
        expect(await adaptNativeInSlices(nativeAdapter, b, ctx, slice, noTurn)).toEqual(whole)
      }
    })

    it(`slices of ${slice}: a batch with invalid items is refused with the same issues`, async () => {
      const b = batch(9, 40, [3, 17, 38])
      const whole = nativeAdapter(b, ctx)
      expect(whole.ok).toBe(false)
      expect(await adaptNativeInSlices(nativeAdapter, b, ctx, slice, noTurn)).toEqual(whole)
    })
  }

  it('past the warning cap: the first 20 and "…and N more warnings", as for the whole batch', async () => {
    const b = Array.from({ length: 120 }, (_, i) => ({ client: 'c', class: 'Host', rule: 'r', severity: 'minor', text: `t${i}` }))
    const whole = nativeAdapter(b, ctx)
    expect(whole.ok && whole.warnings.at(-1)).toBe('…and 100 more warnings')
    expect(await adaptNativeInSlices(nativeAdapter, b, ctx, 25, noTurn)).toEqual(whole)
  })

  it('stops at 50 issues, like the whole-batch refusal', async () => {
    const b = Array.from({ length: 200 }, (_, i) => invalidItem(i))
    const sliced = await adaptNativeInSlices(nativeAdapter, b, ctx, 30, noTurn)
    expect(sliced).toEqual(nativeAdapter(b, ctx))
    expect(!sliced.ok && sliced.issues).toHaveLength(50)
  })

  it('gives the event loop a turn between slices, not before the first', async () => {
    let turns = 0
    const b = batch(1, 1001)
    await adaptNativeInSlices(nativeAdapter, b, ctx, 250, async () => void turns++)
    expect(turns).toBe(4)
  })
})

describe('turnQueue', () => {
  it('releases one waiter per scheduled run, oldest first, with a single run pending at a time', async () => {
    const runs: (() => void)[] = []
    const q = turnQueue((run) => void runs.push(run))
    const order: number[] = []
    const done = [1, 2, 3].map((k) => q.turn().then(() => void order.push(k)))
    expect(runs).toHaveLength(1) // three waiters, one pending run
    expect(q.waiting).toBe(3)
    runs.shift()!()
    await Promise.resolve()
    expect(order).toEqual([1])
    expect(runs).toHaveLength(1) // the next run is scheduled from inside this one
    runs.shift()!()
    runs.shift()!()
    await Promise.all(done)
    expect(order).toEqual([1, 2, 3])
    expect(runs).toHaveLength(0)
    expect(q.waiting).toBe(0)
  })

  it('with setImmediate, two requests slicing at once take one slice per check phase, not one each', async () => {
    const q = turnQueue()
    const log: string[] = []
    const slicer = async (name: string) => {
      for (let i = 0; i < 3; i++) {
        await q.turn()
        log.push(name)
      }
    }
    const both = Promise.all([slicer('a'), slicer('b')])
    // Queued after both requests asked for a turn: it runs in the same check phase as the first slice only. With an
    // immediate per request (the old nextTurn) both first slices ran before it: a, b, x.
    setImmediate(() => log.push('x'))
    await both
    expect(log).toEqual(['a', 'x', 'b', 'a', 'b', 'a', 'b'])
  })
})
