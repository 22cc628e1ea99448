import type { Delta } from '@shared/api/contract'
import type { ConsoleConfig } from '@shared/model/config'
import type { NocEvent } from '@shared/model/event'
import { isActive } from '@shared/model/incident'
import { ContractError } from '@shared/api/errors'
import type { EngineRunner } from '../pipeline/engine-runner'
import type { AlertChange } from '../engine/types'
import type { AlertsRepo } from '../store/alerts-repo'
import type { Db } from '../store/db'
import { deliveriesRepo } from '../store/deliveries-repo'
import { housekeepingRepo } from '../store/housekeeping-repo'
import type { IncidentsRepo } from '../store/incidents-repo'
import type { SeqCounter } from '../store/ingest-writer'
import { responsesRepo } from '../store/responses-repo'
import { scheduleRepo } from '../store/schedule-repo'
import { sourcesRepo } from '../store/sources-repo'
import { stormsRepo } from '../store/storms-repo'
import { suppressionRepo } from '../store/suppression-repo'
import { newOpsBatch, type OpsBatch, type OpsChanges, type OpsCtx, type OpsRepos } from './context'
import type { DesktopPort } from './delivery/desktop-port'
import { createFeedWatch } from './policy/feeds'
import { createHousekeeping } from './policy/housekeeping'
import { createOutboxSender, recordAttempt } from './delivery/outbox'
import { adoptReconciledFacts, fireDue, settleIncidents } from './policy/reconcile'
import { responseResult } from './policy/responses'
import { sendDelivery } from './delivery/send'
import { createStormWatch } from './policy/storms'
import { releaseSuppressed, screenChanges } from './policy/suppress'
import { silenceView, storedMaintenanceView } from './policy/views'

export interface OpsHostDeps {
  db: Db
  repos: { incidents: IncidentsRepo; alerts: AlertsRepo }
  seq: SeqCounter
  engine: EngineRunner
  config: () => ConsoleConfig
  clock: () => number
  /** Run `fn` inside a group commit (the writer's `ops` request); resolves after COMMIT. */
  submit: (fn: (batch: OpsBatch) => void) => Promise<unknown>
  /** Ingest events through the normal path (the writer's `events` request). */
  ingest: (events: NocEvent[]) => Promise<unknown>
  /** Hand changed ops rows to the push coalescer (after COMMIT). */
  push: (changes: OpsChanges) => void
  env?: Record<string, string | undefined>
  log?: (msg: string, e?: unknown) => void
}

/**
 * The notification layer's hooks into the writer's group commit (pipeline/writer.ts), and its API operations.
 * Inside a batch transaction: `screen` (suppression) before the incident engine, `afterEvents` / `settle` / `tick`
 * after it.
 * After COMMIT: `afterCommit` pushes deltas, kicks the outbox sender and runs deferred side effects.
 */
export const createOpsHost = (deps: OpsHostDeps) => {
  const { db } = deps
  const log = deps.log ?? ((m: string, e?: unknown) => console.error(m, e ?? ''))
  const repos: OpsRepos = {
    incidents: deps.repos.incidents,
    alerts: deps.repos.alerts,
    schedule: scheduleRepo(db),
    deliveries: deliveriesRepo(db),
    suppression: suppressionRepo(db),
    sources: sourcesRepo(db),
    storms: stormsRepo(db),
    responses: responsesRepo(db),
    housekeeping: housekeepingRepo(db),
  }
  const ctx: OpsCtx = {
    repos,
    seq: deps.seq,
    engine: deps.engine,
    config: deps.config,
    clock: deps.clock,
    startedAt: deps.clock(),
    ingest: deps.ingest,
    env: deps.env ?? process.env,
    reconciledFacts: new Map(),
  }
  const feeds = createFeedWatch(ctx)
  const storms = createStormWatch(ctx)
  let desktop: DesktopPort | undefined
  let closed = false
  let swept = false

  /** Run `fn` in its own commit and return its value; a ContractError it returns is thrown after the (empty) commit. */
  const run = async <T>(fn: (batch: OpsBatch) => T | ContractError): Promise<T> => {
    let out: T | ContractError | undefined
    await deps.submit((b) => {
      out = fn(b)
    })
    if (out instanceof ContractError) throw out
    return out as T
  }

  const sender = createOutboxSender({
    due: (now) => repos.deliveries.due(now),
    clock: deps.clock,
    send: (row, signal) => sendDelivery(row, { config: deps.config(), env: ctx.env, clock: deps.clock, desktop, signal }),
    record: (row, res) =>
      closed ? Promise.resolve() : deps.submit((b) => recordAttempt(ctx, b, row.id, res, (r, s, final) => responseResult(ctx, b, r, s, final))),
    log,
  })
  const housekeeping = createHousekeeping(ctx, async (fn) => {
    let n = 0
    await deps.submit(() => {
      n = fn()
    })
    return n
  })

  const settle = (batch: OpsBatch) => settleIncidents(ctx, batch, batch.applied.incidents.values())

  return {
    ctx,
    repos,
    newBatch: newOpsBatch,
    run,
    outbox: sender,
    housekeeping,
    /** The Electron shell's notifier (desktop channel); the served console uses the delta's `notifications`. */
    attachDesktop: (port: DesktopPort | undefined) => {
      desktop = port
    },

    // ---- hooks inside the group-commit transaction ----
    screen: (batch: OpsBatch, changes: AlertChange[]): AlertChange[] => screenChanges(ctx, batch, changes),
    afterEvents(batch: OpsBatch, events: NocEvent[]): void {
      feeds.onEvents(batch, events)
      storms.onEvents(batch, events)
      settle(batch)
    },
    settle,
    tick(batch: OpsBatch): void {
      if (!swept) {
        // Incidents that were live before this process (or this layer) started: make sure each has its chain.
        swept = true
        settleIncidents(ctx, batch, repos.incidents.live(ctx.clock()).filter((i) => isActive(i.status)))
      }
      releaseSuppressed(ctx, batch)
      settle(batch)
      fireDue(ctx, batch)
      feeds.check(batch)
      storms.rollover(batch)
      batch.ops.after.push(() => {
        sender.kick()
        housekeeping.maybeRun()
      })
    },

    /** After COMMIT of a batch: memory follows the database, consoles hear about it, the sender wakes up. */
    afterCommit(batch: OpsBatch): void {
      storms.merge(batch)
      adoptReconciledFacts(ctx, batch)
      for (const f of batch.ops.after) {
        try {
          f()
        } catch (e) {
          log('ops: after-commit step failed', e)
        }
      }
      const c = batch.ops.changes
      if (c.deliveries.size || c.storms.size || c.sources.size || c.silences.size || c.maintenance.size || c.responses.size || c.suppressions.size || c.notifications.length)
        deps.push(c)
      if (c.deliveries.size) sender.kick()
    },

    /** A window or silence ended early (deleted): what it held surfaces now, inside the caller's commit. */
    uncover(batch: OpsBatch): void {
      batch.ops.memo = {}
      releaseSuppressed(ctx, batch)
      settle(batch)
    },

    // ---- API operations ----
    heartbeat: (h: { source: string; client?: string; timeoutSec?: number }) => run((b) => feeds.heartbeat(b, h)),

    /** Ops rows changed after `since`, for a console resuming (ws-server's lagging resync, `changesSince`). */
    changesSince(since: number): Partial<Delta> {
      const now = deps.clock()
      const cfg = deps.config()
      return {
        deliveries: repos.deliveries.changedSince(since),
        storms: repos.storms.changedSince(since),
        sources: repos.sources.changedSince(since),
        silences: repos.suppression.silencesChangedSince(since).map((s) => silenceView(s, now)),
        maintenance: repos.suppression.windowsChangedSince(since).map((w) => storedMaintenanceView(w, cfg, now)),
        responses: repos.responses.changedSince(since),
        suppressions: repos.suppression.suppressionsChangedSince(since),
      }
    },

    close(): void {
      closed = true
      sender.close()
      housekeeping.stop()
    },
  }
}
export type OpsHost = ReturnType<typeof createOpsHost>
