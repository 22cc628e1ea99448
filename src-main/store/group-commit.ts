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
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject })
      if (!this.scheduled) {
        this.scheduled = true
        setImmediate(() => this.flush())
      }
    })
  }

  /** Write everything queued now (also used on shutdown). */
  flush(): void {
    this.scheduled = false
    while (this.queue.length) {
      const group = this.queue.splice(0, this.maxItems)
      const batch = this.newBatch()
      const t0 = performance.now()
      let results: R[]
      try {
        results = this.db.transaction(() => group.map((p) => this.apply(p.item, batch)))()
      } catch (e) {
        for (const p of group) p.reject(e)
        continue
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
  }

  get pending(): number {
    return this.queue.length
  }
}
