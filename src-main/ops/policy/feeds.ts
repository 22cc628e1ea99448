import type { NocEvent } from '@shared/model/event'
import type { SourceHealth } from '@shared/model/ops'
import { effectiveTimeout, feedClient, integrationSourceId, isOverdue, STALE_RULE, staleFeedEvent } from '../../engine/source-health'
import type { OpsBatch, OpsCtx } from '../context'

/**
 * Source health: last-seen per feed, updated by every ingest batch and heartbeat; the tick raises a stale-feed
 * alert through the normal ingest path (a later commit) when a feed is silent past its timeout, and resolves it
 * when the feed speaks again. The feed's `stale` flag flips in the commit that carries the alert itself, so the flag
 * and the alert cannot disagree after a crash.
 */
export const createFeedWatch = (ctx: OpsCtx) => {
  /** Feeds whose stale/back event is submitted but not yet committed (so the ticker does not submit twice). */
  const inFlight = new Set<string>()

  const push = (batch: OpsBatch, s: SourceHealth | undefined) => {
    if (s) batch.ops.changes.sources.set(s.id, s)
  }

  const submit = (s: SourceHealth, status: 'firing' | 'resolved') => {
    const key = `${s.id}\u0000${status}`
    if (inFlight.has(key)) return
    const cfg = ctx.config()
    const timeoutMs = effectiveTimeout(s, cfg) ?? 0
    const ev = staleFeedEvent(s, { client: feedClient(s, cfg), severity: cfg.sourceHealth.staleSeverity, now: ctx.clock(), timeoutMs, status })
    inFlight.add(key)
    ctx
      .ingest([ev])
      .catch((e) => console.error(`source health: could not record ${status === 'firing' ? 'stale' : 'recovered'} feed ${s.id}`, e))
      .finally(() => inFlight.delete(key))
  }

  /** A feed spoke: if it was stale, resolve its alert once this commit is through. */
  const spoke = (batch: OpsBatch, s: SourceHealth) => {
    push(batch, s)
    if (s.stale) batch.ops.after.push(() => submit(s, 'resolved'))
  }

  return {
    /** Inside the ingest transaction: last-seen per `source/client`, and stale flags of stale-feed alerts. */
    onEvents(batch: OpsBatch, events: NocEvent[]): void {
      const now = ctx.clock()
      const seen = new Map<string, { client: string; n: number }>()
      for (const ev of events) {
        if (ev.source === 'heartbeat') {
          if (ev.rule === STALE_RULE && ev.resource) {
            const cur = ctx.repos.sources.get(ev.resource)
            const stale = ev.status === 'firing'
            if (cur && cur.stale !== stale) push(batch, ctx.repos.sources.setStale(ev.resource, stale ? now : null, ctx.seq.next()))
          }
          continue
        }
        const id = integrationSourceId(ev.source, ev.client)
        const s = seen.get(id)
        if (s) s.n++
        else seen.set(id, { client: ev.client, n: 1 })
      }
      for (const [id, s] of seen) spoke(batch, ctx.repos.sources.seen({ id, kind: 'integration', client: s.client, at: now, timeoutMs: null, n: s.n }, ctx.seq.next()))
    },

    /** `POST /api/v1/heartbeats/:source` (or a WS agent's heartbeat), inside its own commit. */
    heartbeat(batch: OpsBatch, h: { source: string; client?: string; timeoutSec?: number }): SourceHealth {
      const s = ctx.repos.sources.seen(
        { id: h.source, kind: 'heartbeat', client: h.client ?? null, at: ctx.clock(), timeoutMs: h.timeoutSec === undefined ? null : h.timeoutSec * 1000, n: 1 },
        ctx.seq.next(),
      )
      spoke(batch, s)
      return s
    },

    /** Tick: feeds silent past their timeout get a stale-feed alert after this commit. */
    check(batch: OpsBatch): void {
      const cfg = ctx.config()
      const now = ctx.clock()
      for (const s of ctx.repos.sources.all()) {
        if (isOverdue(s, effectiveTimeout(s, cfg), now, ctx.startedAt)) batch.ops.after.push(() => submit(s, 'firing'))
      }
    },
  }
}
export type FeedWatch = ReturnType<typeof createFeedWatch>
