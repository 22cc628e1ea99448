import { describe, expect, it } from 'vitest'
import { indexInSorted, insertSorted, moveSorted, sortByKeys, withoutIndexes } from './sorting'

interface X { id: number; rank: number; t: number }
const cmp = (a: X, b: X) => a.rank - b.rank || b.t - a.t || b.id - a.id
const keys = (x: X, k: Float64Array) => {
  k[0] = x.rank
  k[1] = 0
  k[2] = x.t
  k[3] = x.id
}

describe('sorting', () => {
  const items: X[] = Array.from({ length: 500 }, (_, i) => ({ id: i + 1, rank: (i * 7) % 5, t: (i * 13) % 17 }))
  const byId = new Map(items.map((x) => [x.id, x]))

  it('sortByKeys orders exactly like the comparator', () => {
    expect(sortByKeys(items, keys, (x) => x.id)).toEqual([...items].sort(cmp).map((x) => x.id))
  })

  it('insertSorted puts new items where a full sort would', () => {
    const base = items.slice(0, 450)
    const add = items.slice(450)
    const sorted = sortByKeys(base, keys, (x) => x.id)
    expect(insertSorted(sorted, add, (id) => byId.get(id)!, cmp, (x) => x.id)).toEqual([...items].sort(cmp).map((x) => x.id))
    expect(insertSorted(sorted, [], (id) => byId.get(id)!, cmp, (x) => x.id)).toBe(sorted)
  })
  it('finds an item by its keys and removes entries by index in one pass', () => {
    const sorted = sortByKeys(items, keys, (x) => x.id)
    for (const id of [sorted[0], sorted[250], sorted[499]]) expect(sorted[indexInSorted(sorted, byId.get(id)!, id, (i) => byId.get(i)!, cmp)]).toBe(id)
    expect(withoutIndexes([10, 11, 12, 13, 14], [3, 0, 3])).toEqual([11, 12, 14])
  })

  it('moveSorted moves changed items (and adds new ones) where a full sort of the new versions would put them', () => {
    const sorted = sortByKeys(items, keys, (x) => x.id)
    // Every 9th item changes its keys (to the top, the bottom and the middle), a few are new, some leave.
    const changed = items.filter((x) => x.id % 9 === 0).map((x) => ({ ...x, rank: x.id % 3 === 0 ? 0 : 4, t: x.id % 2 ? 99 : -1 }))
    const added = [{ id: 600, rank: 2, t: 5 }, { id: 601, rank: 0, t: 100 }]
    const leaving = new Set([sorted[0], sorted[250], sorted[499]].filter((id) => id % 9 !== 0))
    const drop = [...changed.map((x) => x.id), ...leaving].map((id) => indexInSorted(sorted, byId.get(id)!, id, (i) => byId.get(i)!, cmp))
    // byId still gives the old versions, as commit calls it.
    const moved = moveSorted(sorted, drop, [...changed, ...added], (id) => byId.get(id)!, cmp, (x) => x.id)
    const now = [...items.filter((x) => x.id % 9 !== 0 && !leaving.has(x.id)), ...changed, ...added]
    expect(moved).toEqual(now.sort(cmp).map((x) => x.id))
    expect(moved).toEqual(insertSorted(withoutIndexes(sorted, drop), [...changed, ...added], (id) => now.find((x) => x.id === id)!, cmp, (x) => x.id))
    expect(moveSorted(sorted, [5, 5, -1], [], (id) => byId.get(id)!, cmp, (x) => x.id)).toEqual(withoutIndexes(sorted, [5]))
  })
})
