import { join } from 'node:path'
import type { Delta } from '@shared/api/contract'
import type { Client } from '@shared/model/client'
import type { NocEvent } from '@shared/model/event'
import { ContractError } from './api/errors'
import { clientView } from './api/client-view'
import type { Clock, PushListener } from './hub-types'
import { adapters } from './ingest/adapters/index'
import type { AdapterContext } from './ingest/adapters/types'
import { createMetrics } from './ingest/metrics'
import { createCoalescer } from './push/coalescer'
import { alertsRepo } from './store/alerts-repo'
import { clientsRepo } from './store/clients-repo'
import { openDb, type Db } from './store/db'
import { eventsRepo } from './store/events-repo'
import { GroupCommitter } from './store/group-commit'
import { createAlertCache } from './store/alert-cache'
import { ingestWriter, newBatchOutcome, seqCounter, type BatchOutcome } from './store/ingest-writer'
import { rejectedRepo, type RejectInput } from './store/rejected-repo'
import { incidentsRepo } from './store/incidents-repo'
import { engineStateRepo } from './store/engine-state-repo'
import { emptyApplied, type AppliedChanges } from './store/apply-decisions'
import { createEngineHost } from './engine-host'
import type { EngineState } from './engine/types'
import { configHolder } from './config/loader'
import { clientProfile, grafanaOrgMap } from '@shared/model/config'
import type { IncidentAction } from '@shared/model/incident'
import { createOpsHost } from './notify/ops-host'
import type { OpsBatchState } from './notify/context'

export type Format = keyof typeof adapters

/** Events one group-commit transaction takes before yielding to the event loop (see GroupCommitter). */
const MAX_EVENTS_PER_COMMIT = 2000

export interface IngestMeta {
  transport: 'http' | 'ws' | 'ipc' | 'internal'
  remote?: string
  /** Client named by the request (path, header, query), already in that precedence order. */
  clientOverride?: string
  /** Where it came in, for the dead letter (e.g. `POST /webhook/zabbix`). */
  endpoint?: string
  /** The raw body, kept in the dead letter when the payload is refused. */
  rawBody?: Buffer | string
  /** Size the sender sent when `rawBody` holds only its head (413). */
  bodyBytes?: number
}

export interface IngestAnswer {
  accepted: number
  alerts: number
  warnings: string[]
  /** seq after this request's COMMIT (see contract IngestResult). */
  seq: number
}

type Work =
  | { kind: 'events'; events: NocEvent[] }
  | { kind: 'reject'; input: RejectInput }
  | { kind: 'action'; action: IncidentAction }
  | { kind: 'tick' }
  /** Notification layer work (delivery results, silences, heartbeats, housekeeping) inside the batch transaction. */
  | { kind: 'ops'; run: (batch: Batch) => void }

/** What one group commit wrote: alert changes, engine decisions, and the engine state to adopt after COMMIT. */
interface Batch extends BatchOutcome {
  applied: AppliedChanges
  engine: EngineState
  ops: OpsBatchState
}

export interface CoreOptions {
  dataDir: string
  clock: Clock
  demo: boolean
  configPath?: string
  synchronous?: 'FULL' | 'NORMAL'
  /** How often due timers (resolve holds, ack expiry, business-hours priority) are processed. */
  tickMs?: number
  quiet?: boolean
}

/**
 * The engine's stateful shell: database, repositories, group commit, push coalescing, metrics.
 * Everything that writes goes through one GroupCommitter so a flood of requests costs one fsync per batch.
 */
export const createHubCore = (opts: CoreOptions) => {
  const dbPath = join(opts.dataDir, 'noc.db')
  const db: Db = openDb(dbPath, { synchronous: opts.synchronous })
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
  const engine = createEngineHost(repos, seq, () => config.current, opts.clock)
  const alertCache = createAlertCache()
  const write = ingestWriter(repos, seq, alertCache)
  // Escalation, notifications, suppression, source health, storms, retention (src-main/notify/ops-host.ts).
  const ops = createOpsHost({
    db,
    repos,
    seq,
    engine,
    config: () => config.current,
    clock: opts.clock,
    submit: (run) => committer.submit({ kind: 'ops', run }),
    ingest: (events) => committer.submit({ kind: 'events', events }),
    push: (c) => coalescer.addOps(c),
  })
  const metrics = createMetrics()
  const listeners = new Set<PushListener>()

  const clientViewsFor = (ids: Iterable<string>): Client[] => {
    const out: Client[] = []
    for (const id of ids) {
      const row = repos.clients.get(id)
      if (!row) continue
      const p = clientProfile(config.current, id)
      out.push(clientView(row, repos.alerts.openCounts(id), p.tier, p.name))
    }
    return out
  }
  const clientViews = () => clientViewsFor(repos.clients.all().map((r) => r.id))

  const coalescer = createCoalescer({
    clients: clientViewsFor,
    seq: () => seq.current,
    emit: (d: Delta) => {
      for (const l of listeners) {
        try {
          l(d)
        } catch (e) {
          console.error('push listener failed', e)
        }
      }
    },
  })

  const committer = new GroupCommitter<Work, number | string | ContractError, Batch>(
    db,
    (w, batch) => {
      switch (w.kind) {
        case 'reject':
          return repos.rejected.add(w.input)
        case 'events': {
          const first = batch.outcomes.length
          write(w.events, batch)
          // Only state changes move incidents; repeats and stale re-sends only count.
          const changes = batch.outcomes
            .slice(first)
            .filter((o) => o.outcome === 'new' || o.outcome === 'changed')
            .map((o) => ({ alert: o.alert, previous: o.previous }))
          batch.engine = engine.changes(batch.engine, ops.screen(batch, changes), batch.applied)
          ops.afterEvents(batch, w.events)
          return batch.outcomes.length - first
        }
        case 'action': {
          let r: ReturnType<typeof engine.action>
          try {
            r = engine.action(batch.engine, w.action, batch.applied)
          } catch (e) {
            // A refusal writes nothing; answered after COMMIT so it cannot roll back the rest of the batch.
            if (e instanceof ContractError) return e
            throw e
          }
          batch.engine = r.state
          ops.settle(batch)
          return r.incidentId
        }
        case 'tick':
          batch.engine = engine.tick(batch.engine, batch.applied)
          ops.tick(batch)
          return 0
        case 'ops':
          w.run(batch)
          return 0
      }
    },
    () => ({ ...newBatchOutcome(), applied: emptyApplied(), engine: engine.state, ops: ops.newBatch() }),
    (batch, _items, ms) => {
      engine.commit(batch.engine)
      alertCache.putAll(batch.alerts.values())
      metrics.observeCommit(ms)
      // One counter update per source and batch, not per event (the label key is built per call).
      const bySource = new Map<string, number>()
      for (const o of batch.outcomes) bySource.set(o.event.source, (bySource.get(o.event.source) ?? 0) + 1)
      for (const [source, n] of bySource) metrics.accepted({ source }, n)
      coalescer.add(batch.alerts.values(), batch.clients, batch.applied.incidents.values(), batch.applied.problems.values())
      ops.afterCommit(batch)
    },
    256,
    // Weigh requests by their events: ~2,000 events per transaction keeps one commit in the tens of milliseconds.
    (w) => (w.kind === 'events' ? w.events.length : 1),
    MAX_EVENTS_PER_COMMIT,
    // Counters of alerts repeated more than once in the batch, one write per alert.
    (batch) => write.flush(batch),
  )
  const tickMs = opts.tickMs ?? 1000
  const ticker = tickMs > 0 ? setInterval(() => void committer.submit({ kind: 'tick' }).catch((e) => console.error('engine tick failed', e)), tickMs) : undefined
  ticker?.unref()
  config.onChange(() => void committer.submit({ kind: 'tick' }).catch(() => undefined))

  /** Keep a refused request for inspection, then throw the 4xx the transport will answer with. */
  const reject = async (status: number, error: string, issues: ContractError['issues'], meta: IngestMeta & { source: string }): Promise<never> => {
    metrics.rejected({ source: meta.source, status: String(status) })
    await committer.submit({
      kind: 'reject',
      input: {
        at: opts.clock(),
        endpoint: meta.endpoint ?? `${meta.transport}:${meta.source}`,
        status,
        reason: error,
        issues,
        remote: meta.remote,
        body: meta.rawBody ?? '',
        bodyBytes: meta.bodyBytes,
      },
    })
    throw new ContractError(status, error, issues)
  }

  // Derived from the configuration once per (re)load, not per request.
  let orgMap = grafanaOrgMap(config.current)
  config.onChange((c) => (orgMap = grafanaOrgMap(c)))

  const ingestPayload = async (format: Format, body: unknown, meta: IngestMeta): Promise<IngestAnswer> => {
    const ctx: AdapterContext = { receivedAt: opts.clock(), clientOverride: meta.clientOverride, grafanaOrgs: orgMap }
    let result: ReturnType<(typeof adapters)[Format]>
    try {
      result = adapters[format](body, ctx)
    } catch (e) {
      // Adapters are written never to throw; if one does, the sender still gets a 400 and the body is kept.
      result = { ok: false, error: `could not read ${format} payload`, issues: [{ path: '(body)', message: String(e) }] }
    }
    if (!result.ok) {
      return reject(400, result.error, result.issues, {
        ...meta,
        source: format,
        rawBody: meta.rawBody ?? safeStringify(body),
      })
    }
    metrics.received({ source: format }, result.events.length)
    if (result.events.length === 0) return { accepted: 0, alerts: 0, warnings: result.warnings, seq: seq.current }
    const accepted = (await committer.submit({ kind: 'events', events: result.events })) as number
    // Read right where the commit settled this request (before any later commit can run): its own seq, or later.
    const committedSeq = seq.current
    const keys = new Set(result.events.map((e) => `${e.client}\u0000${e.fingerprint}`))
    return { accepted, alerts: keys.size, warnings: result.warnings, seq: committedSeq }
  }

  /** Run an operator action in its own group-commit slot; resolves after COMMIT with the incident it changed. */
  const act = async (action: IncidentAction) => {
    const id = await committer.submit({ kind: 'action', action })
    if (id instanceof ContractError) throw id
    return repos.incidents.get(id as string)!
  }

  return {
    db,
    dbPath,
    config,
    engine,
    ops,
    act,
    /** Process due timers now (tests drive the injected clock and call this instead of waiting for the ticker). */
    tick: () => committer.submit({ kind: 'tick' }),
    walMode: (db.pragma('journal_mode', { simple: true }) as string) === 'wal',
    repos,
    seq,
    metrics,
    clock: opts.clock,
    startedAt: opts.clock(),
    demo: opts.demo,
    version: '0.1.0',
    listeners,
    coalescer,
    committer,
    clientViews,
    clientViewsFor,
    ingestPayload,
    reject,
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
export type HubCore = ReturnType<typeof createHubCore>

const safeStringify = (v: unknown): string => {
  try {
    return JSON.stringify(v)?.slice(0, 65_536) ?? ''
  } catch {
    return String(v)
  }
}
