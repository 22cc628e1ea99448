/**
 * Sorting for lists of 100 k ids at 10 Hz. A comparator sort over 100 k objects costs ~400 ms in V8 (property
 * loads on scattered objects); copying the keys into typed arrays first and sorting an index array over them
 * costs ~60 ms. And a delta that moves a few ids must not sort at all: those are inserted by binary search into
 * the rest, in one pass.
 */

/** Keys of one item: two ascending ranks, then two descending numbers (a time, then a numeric id). */
export type SortKeys<T> = (t: T, out: Float64Array) => void

/** Ids of `items` in key order (stable for equal keys, though keys here always end in a unique id). */
export const sortByKeys = <T, K>(items: readonly T[], keys: SortKeys<T>, id: (t: T) => K): K[] => {
  const n = items.length
  const a = new Float64Array(n)
  const b = new Float64Array(n)
  const c = new Float64Array(n)
  const d = new Float64Array(n)
  const k = new Float64Array(4)
  for (let i = 0; i < n; i++) {
    keys(items[i], k)
    a[i] = k[0]
    b[i] = k[1]
    c[i] = k[2]
    d[i] = k[3]
  }
  const idx = new Uint32Array(n)
  for (let i = 0; i < n; i++) idx[i] = i
  idx.sort((i, j) => a[i] - a[j] || b[i] - b[j] || c[j] - c[i] || d[j] - d[i])
  const out = new Array<K>(n)
  for (let i = 0; i < n; i++) out[i] = id(items[idx[i]])
  return out
}

/** The first position in `base` (sorted by `cmp`) whose entry sorts after `item`: where `item` goes. */
const upperBound = <K, T>(base: readonly K[], item: T, byId: (id: K) => T, cmp: (x: T, y: T) => number): number => {
  let lo = 0
  let hi = base.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (cmp(byId(base[mid]), item) <= 0) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Insert items into an id list already sorted by `cmp` (which the items must not be in). Binary search per
 * item, then one pass that copies the list once: O(n + k log n), never a re-sort and never k splices.
 */
export const insertSorted = <K extends string | number, T>(base: readonly K[], add: readonly T[], byId: (id: K) => T, cmp: (x: T, y: T) => number, idOf: (t: T) => K): K[] =>
  moveSorted(base, [], add, byId, cmp, idOf)

/**
 * Where `item` sits in `base` (sorted by `cmp`, with `item` holding the keys it was sorted by), or -1. Binary
 * search to the first equal-or-greater entry; keys end in a unique id, so that entry is the item itself.
 */
export const indexInSorted = <K extends string | number, T>(base: readonly K[], item: T, id: K, byId: (id: K) => T, cmp: (x: T, y: T) => number): number => {
  let lo = 0
  let hi = base.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (cmp(byId(base[mid]), item) < 0) lo = mid + 1
    else hi = mid
  }
  return base[lo] === id ? lo : base.indexOf(id)
}

/** `base` without the entries at `indexes` (any order), in one pass over a preallocated array. */
export const withoutIndexes = <K>(base: readonly K[], indexes: readonly number[]): K[] => {
  if (!indexes.length) return base as K[]
  const drop = [...new Set(indexes)].filter((i) => i >= 0 && i < base.length).sort((a, b) => a - b)
  const out = new Array<K>(base.length - drop.length)
  let o = 0
  let from = 0
  for (const d of drop) {
    for (let i = from; i < d; i++) out[o++] = base[i]
    from = d + 1
  }
  for (let i = from; i < base.length; i++) out[o++] = base[i]
  return out
}

/**
 * `insertSorted(withoutIndexes(base, drop), add, …)` in one pass and one new array (a 100 k-id list copied
 * once per delta, not twice: half the garbage at 10 Hz). The positions are found in `base` as it stands, so
 * `byId` must still give every entry of `base` the version it was sorted by — call it BEFORE the moved items'
 * new versions replace their old ones.
 */
export const moveSorted = <K extends string | number, T>(base: readonly K[], drop: readonly number[], add: readonly T[], byId: (id: K) => T, cmp: (x: T, y: T) => number, idOf: (t: T) => K): K[] => {
  if (!add.length) return withoutIndexes(base, drop)
  const gone = [...new Set(drop)].filter((i) => i >= 0 && i < base.length).sort((a, b) => a - b)
  const items = [...add].sort(cmp)
  const at = items.map((item) => upperBound(base, item, byId, cmp))
  const out = new Array<K>(base.length - gone.length + items.length)
  let o = 0
  let j = 0
  let g = 0
  for (let i = 0; i < base.length; i++) {
    while (j < items.length && at[j] === i) out[o++] = idOf(items[j++])
    if (g < gone.length && gone[g] === i) {
      g++
      continue
    }
    out[o++] = base[i]
  }
  while (j < items.length) out[o++] = idOf(items[j++])
  return out
}
