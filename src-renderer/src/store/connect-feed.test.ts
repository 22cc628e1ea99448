import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Delta, Snapshot } from '@shared/api/contract'
import { listeners, type LinkStatus, type Transport } from '../api/transport'
import { connectFeed } from './connect-feed'
import { createNocStore } from './store'
import { alert, delta, snapshot } from '../testing/store-kit'

/** A transport the test drives by hand. */
const fakeTransport = (snapshots: Snapshot[]) => {
  const d = listeners<Delta>()
  const st = listeners<LinkStatus>()
  let status: LinkStatus = { state: 'connecting' }
  const t = {
    kind: 'ws' as const,
    calls: 0,
    cursor: -1,
    call: vi.fn(async (method: string) => {
      if (method !== 'snapshot.get') return [] // storms.list / sources.list after each sync
      t.calls++
      const next = snapshots.shift()
      if (!next) throw new Error('no snapshot')
      return next
    }),
    start: vi.fn(),
    resumeFrom: (seq: number) => void (t.cursor = Math.max(t.cursor, seq)),
    onDelta: d.add,
    onStatus: st.add,
    status: () => status,
    close: vi.fn(),
    push: (x: Delta) => d.emit(x),
    link: (s: LinkStatus) => st.emit((status = s)),
  }
  return t
}

const disposers: Array<() => void> = []
const connect = (...args: Parameters<typeof connectFeed>) => {
  const dispose = connectFeed(...args)
  disposers.push(dispose)
  return dispose
}

afterEach(() => {
  while (disposers.length) disposers.pop()?.()
  vi.useRealTimers()
})

describe('connectFeed', () => {
  it('loads a snapshot on first open, buffering deltas that race it, then goes live', async () => {
    const store = createNocStore()
    const t = fakeTransport([snapshot(10, [alert(1, { seq: 10 })], [], true)])
    connect(store, t as unknown as Transport)
    expect(t.start).toHaveBeenCalled()
    t.link({ state: 'open', serverSeq: 10, resumed: false })
    t.push(delta(11, [alert(2, { seq: 11 })])) // arrives before the snapshot answer
    await vi.waitFor(() => expect(store.getState().synced).toBe(true))
    expect(store.getState().firingIds.sort()).toEqual([1, 2])
    expect(store.getState().demo).toBe(true)
    expect(t.cursor).toBe(10)
  })

  it('resumes without a snapshot after a reconnect, keeping what is shown', async () => {
    const store = createNocStore()
    const t = fakeTransport([snapshot(10, [alert(1, { seq: 10 })])])
    connect(store, t as unknown as Transport)
    t.link({ state: 'open', serverSeq: 10, resumed: false })
    await vi.waitFor(() => expect(store.getState().synced).toBe(true))
    t.link({ state: 'reconnecting', retryAt: Date.now() + 500 })
    t.link({ state: 'open', serverSeq: 14, resumed: true })
    t.push(delta(14, [alert(3, { seq: 13 })])) // the server's changesSince(10)
    expect(t.calls).toBe(1)
    expect(store.getState().firingIds.sort()).toEqual([1, 3])
  })

  it('reloads when the server sequence went backwards (a different database)', async () => {
    const store = createNocStore()
    const t = fakeTransport([snapshot(50, [alert(1, { seq: 50 })]), snapshot(2, [alert(9, { seq: 2 })])])
    connect(store, t as unknown as Transport)
    t.link({ state: 'open', serverSeq: 50, resumed: false })
    await vi.waitFor(() => expect(store.getState().seq).toBe(50))
    t.link({ state: 'open', serverSeq: 2, resumed: false })
    await vi.waitFor(() => expect(store.getState().seq).toBe(2))
    expect(Object.keys(store.getState().alertsById)).toEqual(['9'])
  })

  it('retries a failed snapshot while the link stays open', async () => {
    vi.useFakeTimers()
    const store = createNocStore()
    const t = fakeTransport([])
    connect(store, t as unknown as Transport, { retryMs: 1000 })
    t.link({ state: 'open', serverSeq: 1, resumed: false })
    await vi.advanceTimersByTimeAsync(0)
    expect(store.getState().syncError).toMatch(/could not load/)
    ;(t as { call: unknown }).call = vi.fn(async (method: string) => (method === 'snapshot.get' ? snapshot(1) : []))
    await vi.advanceTimersByTimeAsync(1000)
    expect(store.getState().synced).toBe(true)
    expect(store.getState().syncError).toBeNull()
  })
})
