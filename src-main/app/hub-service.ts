import type { Delta, Method } from '@shared/api/contract'
import { contract } from '@shared/api/contract'
import type { FileOutput } from '@shared/api/file-output'
import { badInput, ContractError } from '@shared/api/errors'
import type { NocEvent } from '@shared/model/event'
import { grafanaOrgMap } from '@shared/model/config'
import { createHandlers, type HandledMethod } from '../api/handlers'
import { createRuntimeMetrics } from '../lib/runtime-metrics'
import { compose } from './compose'
import type { EventsCommitted } from '../pipeline/writer'
import type { CallMeta, Clock, DesktopPort, HousekeepingReport, RawOutput, Refusal } from './hub'

export interface ServiceOptions {
  dataDir: string
  clock: Clock
  demo: boolean
  configPath?: string
  synchronous?: 'FULL' | 'NORMAL'
  nativeBinding?: string
  tickMs?: number
  quiet?: boolean
  /** Coalesced deltas, after COMMIT. */
  emit: (delta: Delta) => void
  /** Prefix of this side's runtime gauges in `/metrics` (`noc_writer` in the worker). */
  gaugePrefix?: string
}

/** What the I/O side's adapters need from the configuration, derived once per (re)load. */
export interface IntakeConfig {
  grafanaOrgs: Record<string, string>
}

/**
 * The writer side of a hub: the composed core (app/compose.ts) plus the contract handlers, with the operations
 * the I/O side asks of it. It runs on one thread — the writer worker (app/hub-worker.ts), or in-process for tests
 * of the wiring itself — and every answer here is plain data (or JSON text), so it can cross a thread boundary.
 */
export const createHubService = (opts: ServiceOptions) => {
  const core = compose(opts)
  const handlers = createHandlers(core)
  const runtime = opts.gaugePrefix ? createRuntimeMetrics({ prefix: opts.gaugePrefix }) : undefined

  const call = async (method: Method, input: unknown, meta: CallMeta = { transport: 'internal' }): Promise<unknown> => {
    const spec = Object.hasOwn(contract, method) ? contract[method] : undefined
    if (!spec) throw new ContractError(404, `unknown method ${String(method)}`, [{ path: 'method', message: 'not in the contract' }])
    // The Hub routes it to the intake before it gets here; a caller that does not is a wiring mistake, not bad input.
    if (method === 'events.ingest') throw new Error('events.ingest is served by the intake (Hub.ingest), not by the writer')
    const parsed = spec.input.safeParse(input ?? {})
    if (!parsed.success) throw badInput(parsed.error)
    const handler = handlers[method as HandledMethod] as (i: unknown, m: CallMeta) => unknown
    return handler(parsed.data, meta)
  }

  /** Serialised here, once: the I/O side writes the text to its socket as it is. */
  const callRaw = async (method: Method, input: unknown, meta?: CallMeta): Promise<RawOutput> => {
    const out = await call(method, input, meta)
    return contract[method].file ? { file: out as FileOutput } : { json: JSON.stringify(out) }
  }

  const intakeConfig = (): IntakeConfig => ({ grafanaOrgs: grafanaOrgMap(core.config.current) })

  return {
    get demo() {
      return core.demo
    },
    seq: () => core.seq.current,
    call,
    callRaw,
    /** Events an adapter produced → committed; resolves after COMMIT with the number accepted and the seq covering them. */
    ingestEvents: (events: NocEvent[]): Promise<EventsCommitted> => core.write.events(events),
    /** Keep a refused request (the I/O side has already answered or will answer the 4xx). */
    keepRejected: async (r: Refusal): Promise<void> => {
      await core.write.reject({
        at: core.clock(),
        endpoint: r.meta.endpoint ?? `${r.meta.transport}:${r.meta.source}`,
        status: r.status,
        reason: r.error,
        issues: r.issues,
        remote: r.meta.remote,
        body: r.meta.rawBody ?? '',
        bodyBytes: r.meta.bodyBytes,
      })
    },
    /** Everything changed after `since`, as one delta (console resume, lagging console resync). */
    changesSince: (since: number): Delta => ({
      type: 'delta',
      seq: core.seq.current,
      alerts: core.repos.alerts.changedSince(since),
      clients: core.clients.all(),
      incidents: core.repos.incidents.changedSince(since),
      problems: core.repos.engine.problemsChangedSince(since),
      ...core.ops.changesSince(since),
    }),
    /** This side's part of `/metrics`: commit latency, accepted events, change seq, queue, and its own loop. */
    metricsText: (): Promise<string> =>
      core.metrics.render({
        noc_change_seq: core.seq.current,
        noc_group_commit_pending: core.write.pending,
        ...(runtime?.gauges() ?? {}),
      }),
    intakeConfig,
    /** Called with the new intake configuration after every accepted (re)load. */
    onIntakeConfig: (listener: (c: IntakeConfig) => void): void => core.config.onChange(() => listener(intakeConfig())),
    attachDesktop: (port: DesktopPort | undefined): void => core.ops.attachDesktop(port),
    tick: async (): Promise<void> => {
      await core.write.tick()
    },
    drainOutbox: (): Promise<void> => core.ops.outbox.drain(),
    runHousekeeping: (): Promise<HousekeepingReport> => core.ops.housekeeping.run(),
    flushPushes: (): void => core.coalescer.flush(),
    close: (): void => {
      runtime?.stop()
      core.close()
    },
  }
}
export type HubService = ReturnType<typeof createHubService>
