/**
 * THE COMPOSITION ROOT — open this file first.
 *
 * The house (each layer imports only from the layers above it in this list; `npm test` checks it with
 * dependency-cruiser, see .dependency-cruiser.cjs):
 *
 *   src-shared/          zod model, the one contract (api/contract.ts), ContractError, the hub protocol
 *   src-main/lib/        small generic helpers (metrics registry, runtime gauges)
 *   src-main/engine/     the incident engine: pure, clock injected, state in engine/state-tables.ts
 *   src-main/store/      SQLite: db, migrations, one repo per table, the group committer
 *   src-main/report/     pure report rendering (md, html, csv, json, pdf)
 *   src-main/config/     the configuration file: load, validate, watch
 *   src-main/ingest/adapters/  pure: webhook payload → NocEvent[]
 *   src-main/pipeline/   the write path: writer (one group commit = journal → alerts → engine → ops), engine
 *                        runner, push coalescer, client views
 *   src-main/ops/        the notification layer: policy/ (escalation, suppression, source health, storms,
 *                        retention, responses) and delivery/ (outbox, channels, signing, desktop port)
 *   src-main/app/ + api/ this root, the contract handlers (api/), the hub service (one thread's writer side), the
 *                        intake (adapters + dead letter) and the `Hub` interface the shells hold (app/hub.ts)
 *   shells               ingest/ listeners (HTTP, WS), server.ts + serve.ts (headless), electron/, sim/
 *   src-main/testing/    kits, fakes and fixtures for tests; production code never imports it
 *
 * Two threads (app/start-hub.ts): the I/O thread runs the shells' listeners, the intake and app/worker-hub.ts; this
 * root runs in the writer worker (app/hub-worker.ts → app/hub-service.ts). A request: listener (ingest/http-server.ts)
 * → Hub.ingest → intake (adapter, I/O thread) → NocEvent[] to the worker → writer's group commit (store + engine + ops
 * in one SQLite transaction) → answer after COMMIT → 2xx → coalescer → delta bytes, serialised once, to consoles.
 *
 * `compose` only constructs and wires; every decision lives in the modules it calls.
 */
import { join } from 'node:path'
import type { Delta } from '@shared/api/contract'
import { configHolder } from '../config/loader'
import { writerMetrics } from '../lib/metrics'
import { createOpsHost } from '../ops/ops-host'
import { clientViews } from '../pipeline/client-views'
import { createCoalescer } from '../pipeline/coalescer'
import { createEngineRunner } from '../pipeline/engine-runner'
import { COMMIT_LIMITS, createWriter, writeRequests, type Batch, type WriteRequest, type WriteResult } from '../pipeline/writer'
import { createAlertCache } from '../store/alert-cache'
import { alertsRepo } from '../store/alerts-repo'
import { clientsRepo } from '../store/clients-repo'
import { openDb, type Db } from '../store/db'
import { engineStateRepo } from '../store/engine-state-repo'
import { eventsRepo } from '../store/events-repo'
import { GroupCommitter } from '../store/group-commit'
import { incidentsRepo } from '../store/incidents-repo'
import { seqCounter } from '../store/ingest-writer'
import { rejectedRepo } from '../store/rejected-repo'
import type { Clock } from './hub'

export interface ComposeOptions {
  /** Directory holding noc.db (created when missing). */
  dataDir: string
  clock: Clock
  /** Whether the built-in demo feed runs (reported in snapshots and `hello`). */
  demo: boolean
  configPath?: string
  synchronous?: 'FULL' | 'NORMAL'
  /** How often due timers (resolve holds, ack expiry, business-hours priority) are processed; 0 = never (tests). */
  tickMs?: number
  quiet?: boolean
  /** better-sqlite3's native module (see OpenDbOptions). */
  nativeBinding?: string
  /** Where coalesced deltas go (after COMMIT, ≤ 10 Hz). */
  emit: (delta: Delta) => void
}

export const compose = (opts: ComposeOptions) => {
  const dbPath = join(opts.dataDir, 'noc.db')
  const db: Db = openDb(dbPath, { synchronous: opts.synchronous, nativeBinding: opts.nativeBinding })
  const config = configHolder(opts.configPath, { clock: opts.clock, log: opts.quiet ? () => {} : undefined })
  const repos = {
    alerts: alertsRepo(db),
    clients: clientsRepo(db),
    events: eventsRepo(db),
    rejected: rejectedRepo(db),
    incidents: incidentsRepo(db),
    engine: engineStateRepo(db),
  }
  const seq = seqCounter(Math.max(repos.alerts.maxSeq(), repos.clients.maxSeq(), repos.incidents.maxSeq(), repos.engine.maxSeq()))
  const engine = createEngineRunner(repos, seq, () => config.current, opts.clock)
  const metrics = writerMetrics()
  const clients = clientViews(repos, () => config.current)
  const coalescer = createCoalescer({ clients: clients.of, seq: () => seq.current, emit: opts.emit })

  // Escalation, notifications, suppression, source health, storms, retention (src-main/ops/ops-host.ts).
  const ops = createOpsHost({
    db,
    repos,
    seq,
    engine,
    config: () => config.current,
    clock: opts.clock,
    submit: (run) => write.ops(run),
    ingest: (events) => write.events(events),
    push: (c) => coalescer.addOps(c),
  })
  const writer = createWriter({ repos, seq, engine, ops: () => ops, alertCache: createAlertCache(), coalescer, metrics })
  const committer = new GroupCommitter<WriteRequest, WriteResult, Batch>(
    db,
    writer.apply,
    writer.newBatch,
    writer.afterCommit,
    COMMIT_LIMITS.maxRequests,
    writer.weight,
    COMMIT_LIMITS.maxEvents,
    writer.beforeCommit,
  )
  const write = writeRequests(committer, repos.incidents, { get: (id) => repos.engine.problem(id) }, seq)

  const tickMs = opts.tickMs ?? 1000
  const ticker = tickMs > 0 ? setInterval(() => void write.tick().catch((e) => console.error('engine tick failed', e)), tickMs) : undefined
  ticker?.unref()
  // A reloaded configuration can change priorities and policies now, not at the next tick.
  config.onChange(() => void write.tick().catch(() => undefined))

  return {
    db,
    dbPath,
    walMode: (db.pragma('journal_mode', { simple: true }) as string) === 'wal',
    config,
    repos,
    seq,
    engine,
    ops,
    write,
    coalescer,
    metrics,
    clients,
    clock: opts.clock,
    startedAt: opts.clock(),
    demo: opts.demo,
    version: '0.1.0',
    close: () => {
      if (ticker) clearInterval(ticker)
      ops.close()
      config.stop()
      committer.flush()
      coalescer.flush()
      db.close()
    },
  }
}
/** Everything the writer side is made of; the contract handlers (api/) read from it and write through `write`. */
export type Core = ReturnType<typeof compose>
