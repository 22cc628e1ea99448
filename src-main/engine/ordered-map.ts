/**
 * A Map whose iteration order is "first insertion", like the plain objects the engine state used to be made of,
 * and whose removed keys can be put back in their old place. The engine's undo log (state-tables.ts) removes and
 * restores keys in LIFO order; a plain Map would re-append a restored key at the end and silently reorder links,
 * timers and incidents (orders the decisions, the timeline and tie-breaks depend on). Each key carries an ordinal;
 * a restore below the high-water mark marks the map unsorted and the next ordered read re-sorts it (rare: only
 * after a rollback or an aborted action).
 */
let counter = 0
/** Ordinals are global so that a fresh insert is always after everything that exists anywhere. */
export const nextOrd = (): number => ++counter

export class OrderedMap<K, V> {
  private rows = new Map<K, V>()
  private ords = new Map<K, number>()
  private high = 0
  private sorted = true

  get size(): number {
    return this.rows.size
  }
  get(k: K): V | undefined {
    return this.rows.get(k)
  }
  has(k: K): boolean {
    return this.rows.has(k)
  }
  ord(k: K): number | undefined {
    return this.ords.get(k)
  }

  /** Insert (at the end, or at `ord` when restoring) or replace in place. Returns the key's ordinal. */
  set(k: K, v: V, ord?: number): number {
    const cur = this.ords.get(k)
    if (cur !== undefined) {
      this.rows.set(k, v)
      return cur
    }
    const o = ord ?? nextOrd()
    if (o < this.high) this.sorted = false
    else this.high = o
    this.rows.set(k, v)
    this.ords.set(k, o)
    return o
  }

  /** Remove; returns the ordinal the key had (to restore it later), undefined if absent. */
  delete(k: K): number | undefined {
    const o = this.ords.get(k)
    if (o === undefined) return undefined
    this.rows.delete(k)
    this.ords.delete(k)
    return o
  }

  private order(): void {
    if (this.sorted) return
    const keys = [...this.ords.entries()].sort((a, b) => a[1] - b[1])
    const rows = new Map<K, V>()
    const ords = new Map<K, number>()
    for (const [k, o] of keys) {
      rows.set(k, this.rows.get(k) as V)
      ords.set(k, o)
    }
    this.rows = rows
    this.ords = ords
    this.sorted = true
  }

  values(): IterableIterator<V> {
    this.order()
    return this.rows.values()
  }
  keys(): IterableIterator<K> {
    this.order()
    return this.rows.keys()
  }
  entries(): IterableIterator<[K, V]> {
    this.order()
    return this.rows.entries()
  }
}

/** First index of a sorted list whose element is not below the target (`cmp(x) < 0`: x is below). */
export const lowerBound = <T>(list: readonly T[], cmp: (x: T) => number): number => {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (cmp(list[mid]) < 0) lo = mid + 1
    else hi = mid
  }
  return lo
}
