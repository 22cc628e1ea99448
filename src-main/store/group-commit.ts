import type { Db } from './db'

interface Pending<T, R> {
  item: T
  resolve: (r: R) => void
  reject: (e: unknown) => void
}

/**
 * Group commit: requests that arrive while the event loop is busy are written in ONE transaction (one fsync),
 * then each gets its own answer. A caller's promise settles only after COMMIT returned, which is what lets the
 * HTTP layer promise "2xx = durably committed".
 */
export class GroupCommitter<T, R, B> {
  private queue: Pending<T, R>[] = []
  private scheduled = false

  constructor(
    private readonly db: Db,
    /** Called inside the transaction once per item; may share per-batch state through `batch`. */
    private readonly apply: (item: T, batch: B) => R,
    private readonly newBatch: () => B,
    /** Called after COMMIT with the batch state (push deltas, metrics). Never inside the transaction. */
    private readonly afterCommit: (batch: B, items: number, ms: number) => void,
    private readonly maxItems = 256,
    /**
     * How much work one transaction may take (e.g. events), so a burst of big requests is committed in several
     * transactions with the event loop served in between, instead of one multi-second stall that starves
     * sockets, pushes and timers. An item heavier than the cap still goes alone (a request is all-or-nothing).
     */
    private readonly weight: (item: T) => number = () => 1,
    private readonly maxWeight = Number.POSITIVE_INFINITY,
    /** Called inside the transaction after the last item, before COMMIT (writes deferred to once per batch). */
    private readonly beforeCommit?: (batch: B) => void,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject })
      if (!this.scheduled) {
        this.scheduled = true
        setImmediate(() => this.flushSome())
      }
    })
  }

  /** Write everything queued now, without yielding (shutdown). */
  flush(): void {
    this.scheduled = false
    while (this.queue.length) this.commitOne()
  }

  /** One transaction, then yield to the event loop before the next one. */
  private flushSome(): void {
    this.scheduled = false
    if (this.queue.length) this.commitOne()
    if (this.queue.length && !this.scheduled) {
      this.scheduled = true
      setImmediate(() => this.flushSome())
    }
  }

  private takeGroup(): Pending<T, R>[] {
    let n = 0
    let w = 0
    while (n < this.queue.length && n < this.maxItems) {
      const next = this.weight(this.queue[n].item)
      if (n > 0 && w + next > this.maxWeight) break
      w += next
      n++
    }
    return this.queue.splice(0, n)
  }

  private commitOne(): void {
    const group = this.takeGroup()
    const batch = this.newBatch()
    const t0 = performance.now()
    let results: R[]
    try {
      results = this.db.transaction(() => {
        const r = group.map((p) => this.apply(p.item, batch))
        this.beforeCommit?.(batch)
        return r
      })()
    } catch (e) {
      for (const p of group) p.reject(e)
      return
    }
    const ms = performance.now() - t0
    for (let i = 0; i < group.length; i++) group[i].resolve(results[i])
    try {
      this.afterCommit(batch, group.length, ms)
    } catch (e) {
      // Push/metrics failures must never turn a committed write into an error for the sender.
      console.error('afterCommit failed', e)
    }
  }

  get pending(): number {
    return this.queue.length
  }
}
