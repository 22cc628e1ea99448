import type { NocEvent } from '@shared/model/event'
import type { IncidentAction, Incident } from '@shared/model/incident'
import type { Problem, ProblemAction } from '@shared/model/problem'
import { ContractError } from '@shared/api/errors'
import type { WriterMetrics } from '../lib/metrics'
import type { OpsBatchState } from '../ops/context'
import type { OpsHost } from '../ops/ops-host'
import type { AlertCache } from '../store/alert-cache'
import { emptyApplied, type AppliedChanges } from '../store/apply-decisions'
import type { GroupCommitter } from '../store/group-commit'
import type { AlertsRepo } from '../store/alerts-repo'
import type { ClientsRepo } from '../store/clients-repo'
import type { EventsRepo } from '../store/events-repo'
import type { IncidentsRepo } from '../store/incidents-repo'
import { ingestWriter, newBatchOutcome, type BatchOutcome, type SeqCounter } from '../store/ingest-writer'
import type { RejectedRepo, RejectInput } from '../store/rejected-repo'
import type { AlertChange, EngineState } from '../engine/types'
import type { Coalescer } from './coalescer'
import type { EngineRunner } from './engine-runner'

/** Requests one group commit takes at most, and the events they may carry together (see GroupCommitter). */
export const COMMIT_LIMITS = {
  maxRequests: 256,
  /** ~2,000 events per transaction keeps one commit in the tens of milliseconds. */
  maxEvents: 2000,
}

/** What the writer is asked to do; each is applied inside a group-commit transaction and answered after COMMIT. */
export type WriteRequest =
  | { kind: 'events'; events: NocEvent[] }
  | { kind: 'reject'; input: RejectInput }
  | { kind: 'action'; action: IncidentAction }
  | { kind: 'problem'; action: ProblemAction }
  | { kind: 'tick' }
  /** Notification layer work (delivery results, silences, heartbeats, housekeeping) inside the batch transaction. */
  | { kind: 'ops'; run: (batch: Batch) => void }

export type WriteResult = number | string | ContractError

/** What an events request's commit answers: how many were accepted, and the seq that covers them. */
export interface EventsCommitted {
  accepted: number
  seq: number
}

/** What one group commit wrote: alert changes, engine decisions, and the engine state to adopt after COMMIT. */
export interface Batch extends BatchOutcome {
  /** Alert changes and events written but not yet given to the engine and the notification layer (settleEvents). */
  pending: { changes: AlertChange[]; events: NocEvent[] }
  applied: AppliedChanges
  engine: EngineState
  ops: OpsBatchState
}

export interface WriterDeps {
  repos: { alerts: AlertsRepo; clients: ClientsRepo; events: EventsRepo; rejected: RejectedRepo; incidents: IncidentsRepo }
  seq: SeqCounter
  engine: EngineRunner
  /** The notification layer; a getter because it is built after the writer (it submits through the committer). */
  ops: () => OpsHost
  alertCache: AlertCache
  coalescer: Coalescer
  metrics: WriterMetrics
}

/**
 * The write path of one group commit: events → journal + alerts (store/ingest-writer) → suppression screen →
 * incident engine → notification layer, all inside the batch transaction; after COMMIT the engine state is adopted,
 * the alert cache and metrics follow, and the coalescer is handed what changed. The GroupCommitter itself is built
 * by the composition root (app/compose.ts) around `apply`, `newBatch` and `afterCommit`.
 */
/**
 * An operator action's result, or the refusal it threw (unknown incident, wrong state). A refusal writes nothing and
 * is answered after COMMIT, so it cannot roll back the rest of the batch; anything else is a fault and propagates.
 */
const refusedOr = <T>(run: () => T): T | ContractError => {
  try {
    return run()
  } catch (e) {
    if (e instanceof ContractError) return e
    throw e
  }
}

export const createWriter = (deps: WriterDeps) => {
  const { repos, engine, coalescer, metrics } = deps
  const write = ingestWriter(repos, deps.seq, deps.alertCache)

  /**
   * The alert changes of the batch's requests so far → suppression screen → incident engine → notification layer,
   * in request order, as ONE engine call: an incident that eight requests each add alerts to is derived, diffed,
   * written and reconciled once per batch instead of eight times. Runs before any other kind of request in the
   * batch (an action or a tick sees every event before it) and before COMMIT.
   */
  const settleEvents = (batch: Batch): void => {
    const { changes, events } = batch.pending
    if (!events.length) return
    batch.pending = { changes: [], events: [] }
    const ops = deps.ops()
    batch.engine = engine.changes(batch.engine, ops.screen(batch, changes), batch.applied)
    ops.afterEvents(batch, events)
  }

  const apply = (w: WriteRequest, batch: Batch): WriteResult => {
    const ops = deps.ops()
    if (w.kind !== 'events' && w.kind !== 'reject') settleEvents(batch)
    switch (w.kind) {
      case 'reject':
        return repos.rejected.add(w.input)
      case 'events': {
        const first = batch.outcomes.length
        write(w.events, batch)
        // Only state changes move incidents; repeats and stale re-sends only count. The engine and the
        // notification layer take the changes of all the batch's requests at once (see settleEvents).
        for (let i = first; i < batch.outcomes.length; i++) {
          const o = batch.outcomes[i]
          if (o.outcome === 'new' || o.outcome === 'changed') batch.pending.changes.push({ alert: o.alert, previous: o.previous })
        }
        for (const ev of w.events) batch.pending.events.push(ev)
        return batch.outcomes.length - first
      }
      case 'action': {
        const r = refusedOr(() => engine.action(batch.engine, w.action, batch.applied))
        if (r instanceof ContractError) return r
        batch.engine = r.state
        ops.settle(batch)
        return r.incidentId
      }
      case 'problem': {
        const r = refusedOr(() => engine.problemAction(batch.engine, w.action, batch.applied))
        if (r instanceof ContractError) return r
        batch.engine = r.state
        ops.settle(batch)
        return r.problemId
      }
      case 'tick':
        batch.engine = engine.tick(batch.engine, batch.applied)
        ops.tick(batch)
        return 0
      case 'ops':
        w.run(batch)
        return 0
    }
  }

  const newBatch = (): Batch => ({
    ...newBatchOutcome(),
    pending: { changes: [], events: [] },
    applied: emptyApplied(),
    engine: engine.state,
    ops: deps.ops().newBatch(),
  })

  const afterCommit = (batch: Batch, _items: number, ms: number): void => {
    engine.commit(batch.engine)
    deps.alertCache.putAll(batch.alerts.values())
    metrics.observeCommit(ms)
    // One counter update per source and batch, not per event (the label key is built per call).
    const bySource = new Map<string, number>()
    const staleBySource = new Map<string, number>()
    for (const o of batch.outcomes) {
      bySource.set(o.event.source, (bySource.get(o.event.source) ?? 0) + 1)
      if (o.outcome === 'stale') staleBySource.set(o.event.source, (staleBySource.get(o.event.source) ?? 0) + 1)
    }
    for (const [source, n] of bySource) metrics.accepted({ source }, n)
    for (const [source, n] of staleBySource) metrics.ignoredOlder({ source }, n)
    coalescer.add(batch.alerts.values(), batch.clients, batch.applied.incidents.values(), batch.applied.problems.values())
    deps.ops().afterCommit(batch)
  }

  // Weigh requests by their events, so a burst of big requests is committed in several transactions.
  const weight = (w: WriteRequest): number => (w.kind === 'events' ? w.events.length : 1)

  // Inside the transaction, after the last request: counters of alerts repeated more than once in the batch, once each.
  const beforeCommit = (batch: Batch): void => {
    settleEvents(batch)
    write.flush(batch)
  }

  return { apply, newBatch, beforeCommit, afterCommit, weight }
}
export type Writer = ReturnType<typeof createWriter>

/** The writer's requests as typed calls; each resolves after COMMIT. */
export const writeRequests = (
  committer: GroupCommitter<WriteRequest, WriteResult, Batch>,
  incidents: IncidentsRepo,
  problems: { get: (id: string) => Problem | undefined },
  seq: SeqCounter,
) => ({
  /**
   * Events already normalised by an adapter → the number accepted, and the change seq once they are committed
   * (read where the commit settled this request, before any later commit can run: its own seq, or later).
   */
  events: async (events: NocEvent[]): Promise<EventsCommitted> => {
    const accepted = events.length ? ((await committer.submit({ kind: 'events', events })) as number) : 0
    return { accepted, seq: seq.current }
  },
  /** Keep a refused request in the dead letter. */
  reject: (input: RejectInput): Promise<unknown> => committer.submit({ kind: 'reject', input }),
  /** Run an operator action in its own group-commit slot; resolves after COMMIT with the incident it changed. */
  act: async (action: IncidentAction): Promise<Incident> => {
    const id = await committer.submit({ kind: 'action', action })
    if (id instanceof ContractError) throw id
    return incidents.get(id as string)!
  },
  /** An operator decision on a problem in its own group-commit slot; resolves after COMMIT with the problem. */
  actProblem: async (action: ProblemAction): Promise<Problem> => {
    const id = await committer.submit({ kind: 'problem', action })
    if (id instanceof ContractError) throw id
    return problems.get(id as string) as Problem
  },
  /** Process due timers now (the ticker does this every `tickMs`; tests drive the clock and call it). */
  tick: (): Promise<unknown> => committer.submit({ kind: 'tick' }),
  /** Notification-layer work inside a commit (ops-host's `submit`). */
  ops: (run: (batch: Batch) => void): Promise<unknown> => committer.submit({ kind: 'ops', run }),
  get pending(): number {
    return committer.pending
  },
})
export type WriteRequests = ReturnType<typeof writeRequests>
