import type { Delta } from '@shared/api/contract'
import { contract } from '@shared/api/contract'
import type { FileOutput } from '@shared/api/file-output'
import type { NocEvent } from '@shared/model/event'
import { grafanaOrgMap } from '@shared/model/config'
import { createHandlers, type HandledMethod } from '../api/handlers'
import { createRuntimeMetrics } from '../lib/runtime-metrics'
import type { ParsedCall } from './call-input'
import { compose, type ComposeOptions } from './compose'
import type { EventsCommitted } from '../pipeline/writer'
import { utf8 } from './push-frame'
import type { CallMeta, DesktopPort, HousekeepingReport, IntakeConfig, RawOutput, Refusal } from './hub'

/** What compose takes (data folder, clock, config, delta sink), plus this side's gauge names. */
export interface ServiceOptions extends ComposeOptions {
  /** Prefix of this side's runtime gauges in `/metrics` (`noc_writer` in the worker). */
  gaugePrefix?: string
}


/**
 * The writer side of a hub: the composed core (app/compose.ts) plus the contract handlers, with the operations
 * the I/O side asks of it. It runs in the writer worker (app/hub-worker.ts), and every answer here is plain data
 * (or UTF-8 JSON bytes), so it can cross the thread boundary.
 */
export const createHubService = (opts: ServiceOptions) => {
  const core = compose(opts)
  const handlers = createHandlers(core)
  const runtime = opts.gaugePrefix ? createRuntimeMetrics({ prefix: opts.gaugePrefix }) : undefined

  /** A call whose input the contract's schema already parsed (app/call-input.ts, on the I/O side). */
  const callParsed = async (c: ParsedCall, meta: CallMeta = { transport: 'internal' }): Promise<unknown> => {
    // The Hub routes it to the intake before it gets here; a caller that does not is a wiring mistake, not bad input.
    if (c.method === 'events.ingest') throw new Error('events.ingest is served by the intake (Hub.ingest), not by the writer')
    const handler = handlers[c.method as HandledMethod] as (i: unknown, m: CallMeta) => unknown
    return handler(c.input, meta)
  }

  /** Serialised here, once: the I/O side writes the bytes to its socket as they are. */
  const callRaw = async (c: ParsedCall, meta?: CallMeta): Promise<RawOutput> => {
    const out = await callParsed(c, meta)
    return contract[c.method].file ? { file: out as FileOutput } : { json: utf8(JSON.stringify(out)) }
  }

  const intakeConfig = (): IntakeConfig => ({ grafanaOrgs: grafanaOrgMap(core.config.current) })

  return {
    get demo() {
      return core.demo
    },
    seq: () => core.seq.current,
    callParsed,
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
