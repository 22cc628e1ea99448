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
import { ingestWriter, seqCounter, type BatchOutcome } from './store/ingest-writer'
import { rejectedRepo, type RejectInput } from './store/rejected-repo'

export type Format = keyof typeof adapters

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
}

type Work = { kind: 'events'; events: NocEvent[] } | { kind: 'reject'; input: RejectInput }

export interface CoreOptions {
  dataDir: string
  clock: Clock
  demo: boolean
  grafanaOrgs?: Record<string, string>
  synchronous?: 'FULL' | 'NORMAL'
}

/**
 * The engine's stateful shell: database, repositories, group commit, push coalescing, metrics.
 * Everything that writes goes through one GroupCommitter so a flood of requests costs one fsync per batch.
 */
export const createHubCore = (opts: CoreOptions) => {
  const dbPath = join(opts.dataDir, 'noc.db')
  const db: Db = openDb(dbPath, { synchronous: opts.synchronous })
  const repos = { alerts: alertsRepo(db), clients: clientsRepo(db), events: eventsRepo(db), rejected: rejectedRepo(db) }
  const seq = seqCounter(Math.max(repos.alerts.maxSeq(), repos.clients.maxSeq()))
  const write = ingestWriter(repos, seq)
  const metrics = createMetrics()
  const listeners = new Set<PushListener>()

  const tierOf = (_client: string) => 'bronze'
  const clientViewsFor = (ids: Iterable<string>): Client[] => {
    const out: Client[] = []
    for (const id of ids) {
      const row = repos.clients.get(id)
      if (row) out.push(clientView(row, repos.alerts.openCounts(id), tierOf(id)))
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

  const committer = new GroupCommitter<Work, number, BatchOutcome>(
    db,
    (w, batch) => {
      if (w.kind === 'reject') return repos.rejected.add(w.input)
      const before = batch.accepted
      write(w.events, batch)
      return batch.accepted - before
    },
    () => ({ accepted: 0, alerts: new Map(), outcomes: [], clients: new Set() }),
    (batch, _items, ms) => {
      metrics.observeCommit(ms)
      for (const o of batch.outcomes) metrics.accepted({ source: o.event.source })
      if (batch.accepted) coalescer.add(batch.alerts.values(), batch.clients)
    },
  )

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

  const ingestPayload = async (format: Format, body: unknown, meta: IngestMeta): Promise<IngestAnswer> => {
    const ctx: AdapterContext = { receivedAt: opts.clock(), clientOverride: meta.clientOverride, grafanaOrgs: opts.grafanaOrgs }
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
    if (result.events.length === 0) return { accepted: 0, alerts: 0, warnings: result.warnings }
    const accepted = await committer.submit({ kind: 'events', events: result.events })
    const keys = new Set(result.events.map((e) => `${e.client}\u0000${e.fingerprint}`))
    return { accepted, alerts: keys.size, warnings: result.warnings }
  }

  return {
    db,
    dbPath,
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
