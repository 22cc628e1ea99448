import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Delta } from '@shared/api/contract'
import type { Alert } from '@shared/model/alert'
import { listeners, NocCallError, type LinkStatus, type Transport } from '../api/transport'
import { headOf, rowsPageOf } from '../testing/alert-rows-kit'
import { connectFeed } from './connect-feed'
import { createNocStore, type NocStore } from './store'
import { alert, client, snapshot } from '../testing/store-kit'

/**
 * A hub the test drives by hand: it holds alerts, answers `snapshot.head` and `alerts.rows` from what it holds
 * at that moment, and pushes a delta for every change — like the real one, with every row stamped by seq.
 */
const fakeHub = () => {
  const alerts = new Map<number, Alert>()
  let seq = 0
  const deltas = listeners<Delta>()
  const hub = {
    get seq() {
      return seq
    },
    alerts,
    /** Create or change an alert; `push: false` = a change this console misses (e.g. while disconnected). */
    put(id: number, patch: Partial<Alert> = {}, push = true) {
      const a = alert(id, { ...alerts.get(id), ...patch, id, seq: ++seq })
      alerts.set(id, a)
      if (push) deltas.emit({ type: 'delta', seq, alerts: [a], clients: [], incidents: [], problems: [] })
      return a
    },
    remove(id: number) {
      alerts.delete(id)
      seq++
    },
    /** Called before each page is answered, with its `after`: the test changes things mid-load here. */
    beforePage: (_after: number): void | Promise<void> => {},
    failNextPage: false,
    failHead: 0,
    pages: [] as number[],
    heads: 0,
  }
  const status = listeners<LinkStatus>()
  let st: LinkStatus = { state: 'connecting' }
  let cursor = -1
  const t = {
    kind: 'ws' as const,
    call: vi.fn(async () => []), // storms.list / sources.list
    callRaw: vi.fn(async (method: string, input: { after?: number; limit?: number }) => {
      if (method === 'snapshot.head') {
        hub.heads++
        if (hub.failHead-- > 0) throw new NocCallError('connection lost')
        return { value: headOf(snapshot(seq, [...alerts.values()], [client('acme')])) }
      }
      hub.pages.push(input.after ?? 0)
      await hub.beforePage(input.after ?? 0)
      if (hub.failNextPage) {
        hub.failNextPage = false
        throw new NocCallError('connection lost')
      }
      return { value: rowsPageOf([...alerts.values()], { after: input.after, limit: input.limit, seq }) }
    }),
    start: vi.fn(),
    resumeFrom: (s: number) => void (cursor = Math.max(cursor, s)),
    onDelta: deltas.add,
    onStatus: status.add,
    status: () => st,
    close: vi.fn(),
    link: (s: LinkStatus) => status.emit((st = s)),
    cursor: () => cursor,
  }
  return { hub, t }
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

/** What the console shows equals what the hub holds: same ids, same versions, each id listed once. */
const expectInSync = (store: NocStore, alerts: Map<number, Alert>) => {
  const s = store.getState()
  const listed = [...s.firingIds, ...s.resolvedIds]
  expect(new Set(listed).size).toBe(listed.length)
  expect(listed.sort((a, b) => a - b)).toEqual([...alerts.keys()].sort((a, b) => a - b))
  for (const [id, a] of alerts) expect({ id, seq: s.alertsById[id]?.seq }).toEqual({ id, seq: a.seq })
}

const loaded = (store: NocStore) => vi.waitFor(() => expect(store.getState().alertLoad.state).toBe('done'))

describe('connectFeed', () => {
  it('loads the head, then the alert rows page by page; the console is live from the head on', async () => {
    const store = createNocStore()
    const { hub, t } = fakeHub()
    for (let i = 1; i <= 5; i++) hub.put(i)
    let liveBeforeRows = false
    hub.beforePage = () => void (liveBeforeRows ||= store.getState().synced)
    connect(store, t as unknown as Transport, { pageSize: 2 })
    t.link({ state: 'open', serverSeq: hub.seq, resumed: false })
    await loaded(store)
    expect(liveBeforeRows).toBe(true)
    expect(hub.pages).toEqual([0, 2, 4])
    expect(t.cursor()).toBe(5)
    expectInSync(store, hub.alerts)
  })

  it('loses and duplicates nothing when alerts change while the pages load', async () => {
    const store = createNocStore()
    const { hub, t } = fakeHub()
    for (let i = 1; i <= 6; i++) hub.put(i)
    hub.beforePage = (after) => {
      if (after === 2) {
        hub.put(1, { count: 5, severity: 'critical' }) // already read: only the delta brings this
        hub.put(5, { count: 9 }) // not read yet: the page and the delta agree
        hub.put(7) // new, higher id: a later page and the delta
        hub.put(3, { status: 'resolved', resolvedAt: 99 }) // in the page being read now
      }
    }
    connect(store, t as unknown as Transport, { pageSize: 2 })
    t.link({ state: 'open', serverSeq: hub.seq, resumed: false })
    await loaded(store)
    expectInSync(store, hub.alerts)
    expect(store.getState().firingIds[0]).toBe(1) // critical now: re-sorted, not appended
    expect(store.getState().resolvedIds).toEqual([3])
  })

  it('resumes the pages where they stopped after a reconnect with `since`, without reloading the head', async () => {
    const store = createNocStore()
    const { hub, t } = fakeHub()
    for (let i = 1; i <= 6; i++) hub.put(i)
    hub.beforePage = (after) => {
      if (after === 2 && hub.pages.filter((p) => p === 2).length === 1) {
        hub.failNextPage = true // the socket drops mid-load…
        t.link({ state: 'reconnecting', retryAt: Date.now() + 100 })
        hub.put(1, { count: 3 }, false) // …a change happens while away; the server resends it (changesSince) on resume
      }
    }
    connect(store, t as unknown as Transport, { pageSize: 2 })
    t.link({ state: 'open', serverSeq: hub.seq, resumed: false })
    await vi.waitFor(() => expect(hub.pages).toContain(2))
    await vi.waitFor(() => expect(store.getState().link.state).toBe('reconnecting'))
    t.link({ state: 'open', serverSeq: hub.seq, resumed: true })
    store.getState().receiveDelta({ type: 'delta', seq: hub.seq, alerts: [hub.alerts.get(1)!], clients: [], incidents: [], problems: [] })
    await loaded(store)
    expect(hub.heads).toBe(1)
    expect(hub.pages).toEqual([0, 2, 2, 4])
    expectInSync(store, hub.alerts)
  })

  it('a resync keeps the old rows on screen while it pages, then drops the ones the hub no longer has', async () => {
    const store = createNocStore()
    const { hub, t } = fakeHub()
    for (let i = 1; i <= 4; i++) hub.put(i)
    connect(store, t as unknown as Transport, { pageSize: 2 })
    t.link({ state: 'open', serverSeq: hub.seq, resumed: false })
    await loaded(store)
    hub.remove(3) // retention deleted it while this console was away
    let shownMidway: number[] = []
    hub.beforePage = (after) => void (after === 2 && (shownMidway = [...store.getState().firingIds]))
    t.link({ state: 'open', serverSeq: hub.seq, resumed: false })
    await vi.waitFor(() => expect(hub.pages).toEqual([0, 2, 0, 2]))
    await loaded(store)
    expect(shownMidway.sort()).toEqual([1, 2, 3, 4])
    expectInSync(store, hub.alerts)
  })

  it('reloads from scratch when the server sequence went backwards (a different database)', async () => {
    const store = createNocStore()
    const { hub, t } = fakeHub()
    for (let i = 1; i <= 3; i++) hub.put(i)
    connect(store, t as unknown as Transport)
    t.link({ state: 'open', serverSeq: hub.seq, resumed: false })
    await loaded(store)
    const other = fakeHub()
    other.hub.put(9)
    Object.assign(t, { callRaw: other.t.callRaw })
    t.link({ state: 'open', serverSeq: 1, resumed: false })
    await vi.waitFor(() => expect(store.getState().seq).toBe(1))
    await loaded(store)
    expect(Object.keys(store.getState().alertsById)).toEqual(['9'])
  })

  it('retries a failed head while the link stays open', async () => {
    vi.useFakeTimers()
    const store = createNocStore()
    const { hub, t } = fakeHub()
    hub.put(1)
    hub.failHead = 1
    connect(store, t as unknown as Transport, { retryMs: 1000 })
    t.link({ state: 'open', serverSeq: 1, resumed: false })
    await vi.advanceTimersByTimeAsync(0)
    expect(store.getState().syncError).toMatch(/could not load/)
    await vi.advanceTimersByTimeAsync(1000)
    expect(store.getState().synced).toBe(true)
    expect(store.getState().syncError).toBeNull()
    expect(store.getState().firingIds).toEqual([1])
  })
})
