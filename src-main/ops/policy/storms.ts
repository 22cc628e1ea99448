import { minuteOf, stormStep } from '../../engine/storm'
import type { OpsBatch, OpsCtx } from '../context'

/**
 * Storm detection around the pure EWMA (engine/storm.ts): ingest batches count events per client and minute
 * (in memory, merged after COMMIT); the tick folds every finished minute into the client's persisted baseline and
 * opens, grows or ends the client's storm flag, with the numbers that decided it.
 */
export const createStormWatch = (ctx: OpsCtx) => {
  /** client → minute → events (finished minutes are folded in by the tick, then dropped). */
  const counts = new Map<string, Map<number, number>>()

  return {
    /** Inside the ingest transaction: count this batch's events per client (the storm-relevant ones). */
    onEvents(batch: OpsBatch, events: { client: string; source: string }[]): void {
      for (const ev of events) if (ev.source !== 'heartbeat') batch.ops.counts.set(ev.client, (batch.ops.counts.get(ev.client) ?? 0) + 1)
    },

    /** After COMMIT: what the batch counted belongs to the minute it was committed in. */
    merge(batch: OpsBatch): void {
      if (!batch.ops.counts.size) return
      const minute = minuteOf(ctx.clock())
      for (const [client, n] of batch.ops.counts) {
        const m = counts.get(client) ?? new Map<number, number>()
        m.set(minute, (m.get(minute) ?? 0) + n)
        counts.set(client, m)
      }
    },

    /** Tick (inside its transaction): fold finished minutes; drop them from memory once this commit is through. */
    rollover(batch: OpsBatch): void {
      const { storms } = ctx.repos
      const cfg = ctx.config().storm
      const now = ctx.clock()
      const current = minuteOf(now)
      const clients = new Set([...counts.keys(), ...storms.activeClients()])
      for (const client of clients) {
        const byMinute = counts.get(client)
        const finished = [...(byMinute ?? new Map<number, number>()).entries()].filter(([m]) => m < current).sort((a, b) => a[0] - b[0])
        // A storm that went quiet: its last finished minute had no events at all.
        if (!finished.length && storms.active(client) && (storms.baseline(client)?.lastMinute ?? -1) < current - 1) finished.push([current - 1, 0])
        for (const [minute, n] of finished) {
          const base = storms.baseline(client)
          if (base && minute <= base.lastMinute) continue
          const v = stormStep(base, minute, n, cfg)
          storms.putBaseline(client, v.baseline)
          const active = storms.active(client)
          const row = v.storming
            ? active
              ? storms.grow(active.id, n, ctx.seq.next())
              : storms.start({ client, startedAt: now, rate: n, baseline: Math.round(v.judgedAgainst * 100) / 100, threshold: Math.round(v.threshold * 100) / 100 }, ctx.seq.next())
            : active
              ? storms.end(active.id, now, ctx.seq.next())
              : undefined
          if (row) batch.ops.changes.storms.set(row.id, row)
        }
        if (finished.length && byMinute) batch.ops.after.push(() => finished.forEach(([m]) => byMinute.delete(m)))
      }
      batch.ops.after.push(() => {
        for (const [client, m] of counts) if (m.size === 0) counts.delete(client)
      })
    },
  }
}
export type StormWatch = ReturnType<typeof createStormWatch>
