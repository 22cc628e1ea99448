import { describe, expect, it, vi } from 'vitest'
import { SEVERITIES, type Severity } from '@shared/model/severity'
import { toAlertRow, type AlertRow } from './alert-row'
import { AlertSearchIndex, CHUNK, matchRowByRow, searchIndexFor, type SearchQuery } from './alert-search'
import { defaultFilters, type Filters } from './filters-slice'
import { filterAlertIds } from './selectors'
import { createNocStore } from './store'
import { alert, delta, snapshot } from '../testing/store-kit'

const CLIENTS = ['acme', 'globex', 'initech']
const RULES = ['Disk', 'Ping', 'Cpu']
/** 700 alerts: more than two chunks, so matches sit on both sides of chunk ends. */
const many = () =>
  Array.from({ length: 2 * CHUNK + 188 }, (_, k) => {
    const id = k + 1
    return alert(id, {
      client: CLIENTS[id % 3],
      severity: SEVERITIES[id % 5],
      rule: RULES[id % 3],
      summary: `${RULES[id % 3]} on host-${id % 41}: ${id % 7 === 0 ? 'Café down' : 'threshold'}`,
      status: id % 9 === 0 ? 'resolved' : 'firing',
      resolvedAt: id % 9 === 0 ? 1000 + id : null,
    })
  })

const storeWith = (alerts = many()) => {
  const store = createNocStore()
  store.getState().receiveSnapshot(snapshot(10_000, alerts))
  return store
}

type Store = ReturnType<typeof storeWith>
const lists = (s: ReturnType<Store['getState']>, f: Filters) =>
  f.status === 'firing' ? [s.firingIds] : f.status === 'resolved' ? [s.resolvedIds] : [s.firingIds, s.resolvedIds]
const wordsOf = (text: string) => text.toLowerCase().split(/\s+/).filter(Boolean)
/** What the plain per-row filter says for the store as it is now. */
const reference = (store: Store, patch: Partial<Filters>) => {
  const s = store.getState()
  const f = { ...defaultFilters, ...patch }
  return matchRowByRow(lists(s, f), s.alertsById, { words: wordsOf(f.text), client: f.client, severity: f.severity })
}
const filtered = (store: Store, patch: Partial<Filters>) => [...filterAlertIds(store.getState(), { ...defaultFilters, ...patch })]

describe('the alert search index', () => {
  it('gives what the row-by-row filter gives, for every status, client, severity and word mix', () => {
    const store = storeWith()
    // Single words; several (the longest is tried first, and few hits are then checked row by row).
    const texts = ['disk', 'host-1', 'host-1 ping', 'café', 'threshold acme', 'on', 'o', 'zzz', 'warning host-40', ':', 'disk disk', 'host-40 cpu', 'ping host-33 acme', 'zzz disk', 'd host-7']
    let compared = 0
    for (const status of ['firing', 'resolved', 'all'] as const)
      for (const client of [null, 'globex'])
        for (const severity of [null, 'major'] as (Severity | null)[])
          for (const text of ['', ...texts]) {
            const f = { status, client, severity, text }
            expect(filtered(store, f), JSON.stringify(f)).toEqual(reference(store, f))
            compared++
          }
    expect(compared).toBe(3 * 2 * 2 * 16)
    // Not vacuous: the mix has results on both sides of the first chunk end, and empty ones.
    const hits = filtered(store, { text: 'host-1', status: 'all' })
    expect(hits.some((id) => id <= CHUNK) && hits.some((id) => id > CHUNK)).toBe(true)
    expect(filtered(store, { text: 'zzz' })).toEqual([])
  })

  it('folds case (both sides lower-case) but not diacritics, as before', () => {
    const store = storeWith()
    const cafe = filtered(store, { text: 'CAFÉ', status: 'all' })
    expect(cafe.length).toBe(100) // every 7th of 700
    expect(filtered(store, { text: 'café', status: 'all' })).toEqual(cafe)
    expect(filtered(store, { text: 'cafe', status: 'all' })).toEqual([])
  })

  it('returns the store list itself for an empty or blank query, and store order otherwise', () => {
    const store = storeWith()
    expect(filterAlertIds(store.getState(), { ...defaultFilters, text: '   ' })).toBe(store.getState().firingIds)
    const hits = filtered(store, { text: 'ping' })
    const order = store.getState().firingIds
    expect(hits.length).toBeGreaterThan(100)
    expect(hits).toEqual(order.filter((id) => hits.includes(id)))
  })

  it('never matches a word across two rows, even with the separator typed into it', () => {
    // Row 1's text ends with its component name, row 2's begins with its summary.
    const store = storeWith([alert(1, { summary: 'first', components: [{ type: 'Node', name: 'ALPHA' }] }), alert(2, { summary: 'omega beta' })])
    expect(filtered(store, { text: 'alpha' })).toEqual([1])
    expect(filtered(store, { text: 'alphaomega' })).toEqual([])
    expect(filtered(store, { text: 'alpha\u0000omega' })).toEqual([])
    expect(filtered(store, { text: 'alpha omega' })).toEqual([])
  })

  it('answers a query that grows and shrinks from the rows, not from the last answer', () => {
    const store = storeWith()
    for (const text of ['d', 'di', 'disk', 'disk host-2', 'disk host-', 'disk', 'host-2 disk', '']) {
      expect(filtered(store, { text })).toEqual(reference(store, { text }))
    }
    expect(filtered(store, { text: 'disk host-2' }).length).toBeLessThan(filtered(store, { text: 'disk' }).length)
  })

  it('keeps a filtered view consistent as deltas change, add, move and resolve alerts between keystrokes', () => {
    const store = storeWith()
    const urgent = { text: 'urgent' }
    expect(filtered(store, urgent)).toEqual([])
    const a5 = store.getState().alertsById[5]
    // An alert's text changes to match; a new alert matches; both in store order (worst severity first).
    store.getState().receiveDelta(delta(10_001, [alert(5, { ...a5Fields(a5), summary: 'urgent: disk', seq: 10_001 }), alert(900, { severity: 'critical', rule: 'Ping', summary: 'urgent too', seq: 10_001 })]))
    expect(filtered(store, urgent)).toEqual([900, 5])
    expect(filtered(store, { text: 'urgent disk' })).toEqual([5])
    // A repeat (count only) changes nothing; a severity change reorders; a resolve moves it to the other list.
    store.getState().receiveDelta(delta(10_002, [alert(5, { ...a5Fields(a5), summary: 'urgent: disk', count: 9, severity: 'critical', firstSeen: Date.UTC(2030, 0), seq: 10_002 })]))
    expect(filtered(store, urgent)).toEqual([5, 900])
    store.getState().receiveDelta(delta(10_003, [alert(900, { severity: 'critical', rule: 'Ping', summary: 'urgent too', status: 'resolved', resolvedAt: 5000, seq: 10_003 })]))
    expect(filtered(store, urgent)).toEqual([5])
    expect(filtered(store, { ...urgent, status: 'resolved' })).toEqual([900])
    // And the text changes away again.
    store.getState().receiveDelta(delta(10_004, [alert(5, { ...a5Fields(a5), summary: 'calm again', seq: 10_004 })]))
    expect(filtered(store, urgent)).toEqual([])
    for (const text of ['urgent', 'calm', 'disk', 'host-5']) expect(filtered(store, { text, status: 'all' })).toEqual(reference(store, { text, status: 'all' }))
  })

  it('holds still while paused and catches up on resume', () => {
    const store = storeWith()
    expect(filtered(store, { text: 'urgent' })).toEqual([])
    store.getState().togglePaused()
    store.getState().receiveDelta(delta(10_001, [alert(901, { summary: 'urgent', seq: 10_001 })]))
    expect(filtered(store, { text: 'urgent' })).toEqual([])
    store.getState().togglePaused()
    expect(filtered(store, { text: 'urgent' })).toEqual([901])
  })

  it('forgets pruned alerts and gives their slots to new ones without mixing their text', () => {
    const store = storeWith()
    const resolved = store.getState().resolvedIds.length
    expect(filtered(store, { text: 'threshold', status: 'resolved' }).length).toBeGreaterThan(0)
    store.getState().pruneResolved(Number.MAX_SAFE_INTEGER)
    expect(store.getState().resolvedIds).toEqual([])
    expect(filtered(store, { text: 'threshold', status: 'all' })).toEqual(reference(store, { text: 'threshold', status: 'firing' }))
    const index = searchIndexFor(store.getState().alertsById)
    const before = index.size
    const fresh = Array.from({ length: resolved }, (_, k) => alert(2000 + k, { summary: `brand new ${k}`, seq: 10_001 }))
    store.getState().receiveDelta(delta(10_001, fresh))
    expect(index.size).toBe(before + resolved)
    expect(filtered(store, { text: 'brand new' }).sort()).toEqual(fresh.map((a) => a.id).sort())
    expect(filtered(store, { text: 'brand threshold' })).toEqual([])
  })

  it('re-reads every row after a change nobody noted, instead of answering from old text', () => {
    const rows = many().map(toAlertRow)
    const byId: Record<number, AlertRow> = {}
    for (const r of rows) byId[r.id] = r
    const firing = rows.filter((r) => r.status === 'firing').map((r) => r.id)
    const state = { alertsById: byId, alertsVersion: 1, firingIds: firing, resolvedIds: [] }
    // Never noted at all: the index takes the listed rows when it first sees them.
    expect(filterAlertIds(state, { ...defaultFilters, text: 'host-3' })).toEqual(matchRowByRow([firing], byId, { words: ['host-3'], client: null, severity: null }))
    byId[1] = toAlertRow(alert(1, { summary: 'replaced behind its back', seq: 50 }))
    expect(filterAlertIds({ ...state, alertsVersion: 2 }, { ...defaultFilters, text: 'behind' })).toEqual([1])
  })

  it('answers the same after warming in idle slices, and warming stops when the time is up', () => {
    const store = storeWith()
    const s = store.getState()
    const src = { lists: [s.firingIds], all: [s.firingIds, s.resolvedIds], byId: s.alertsById, version: s.alertsVersion }
    const index = searchIndexFor(s.alertsById)
    expect(index.warm(src, () => 0)).toBe(false)
    // Two steps per slice (a chunk each, or the list's slots): 3 chunks and the slots take two slices.
    const slice = () => {
      let steps = 2
      return () => steps--
    }
    let slices = 1
    while (!index.warm(src, slice())) slices++
    expect(slices).toBe(2)
    expect(filtered(store, { text: 'ping host-1' })).toEqual(reference(store, { text: 'ping host-1' }))
  })

  it('matches client and severity by code, also with no text', () => {
    const index = new AlertSearchIndex()
    const rows = [alert(1, { client: 'a', severity: 'minor' }), alert(2, { client: 'b', severity: 'minor' }), alert(3, { client: 'a', severity: 'info' })].map(toAlertRow)
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]))
    index.noteChanges(rows, [], 0, 3)
    const src = { lists: [[3, 2, 1]], all: [[3, 2, 1]], byId, version: 3 }
    const q = (p: Partial<SearchQuery>) => index.match(src, { words: [], client: null, severity: null, ...p })
    expect(q({ client: 'a' })).toEqual([3, 1])
    expect(q({ severity: 'minor' })).toEqual([2, 1])
    expect(q({ client: 'a', severity: 'minor' })).toEqual([1])
    expect(q({ client: 'nobody' })).toEqual([])
  })
})

/** The fields of a held row that `alert()` needs to rebuild the same alert (client, severity, rule, times). */
const a5Fields = (r: AlertRow) => ({ client: r.client, severity: r.severity, rule: r.rule, firstSeen: r.firstSeen, lastSeen: r.lastSeen })

describe('the feed reducers and the index', () => {
  it('note every change they make, so the index never has to re-read 100 k rows (head, pages, deltas, prune, resync)', () => {
    const reread = vi.spyOn(AlertSearchIndex.prototype as unknown as { reread: () => void }, 'reread')
    const store = storeWith()
    const q = () => filtered(store, { text: 'host-2', status: 'all' })
    expect(q()).toEqual(reference(store, { text: 'host-2', status: 'all' }))
    store.getState().receiveDelta(delta(10_001, [alert(3000, { summary: 'host-2 again', seq: 10_001 })]))
    expect(q()).toContain(3000)
    store.getState().pruneResolved(Number.MAX_SAFE_INTEGER)
    expect(q()).toEqual(reference(store, { text: 'host-2', status: 'all' }))
    // A resync that keeps the rows: a new head, the pages again (one row gone), then the sweep.
    const s = store.getState()
    const kept = s.firingIds.filter((id) => id !== 3000).map((id) => alert(id, { ...a5Fields(s.alertsById[id]), summary: s.alertsById[id].summary, seq: 10_002 }))
    store.getState().receiveSnapshot(snapshot(10_002, kept))
    expect(q()).not.toContain(3000)
    expect(q()).toEqual(reference(store, { text: 'host-2', status: 'all' }))
    expect(reread).not.toHaveBeenCalled()
    reread.mockRestore()
  })
})
