import type { Method } from '@shared/api/contract'
import { intakeMetrics } from '../lib/metrics'
import type { CallMeta, HubHandle, HubOptions, PushFrame, Refusal } from './hub'
import { createHubService } from './hub-service'
import { createIntake, ingestByCall } from './intake'
import { frameOf } from './push-frame'

/**
 * A hub whose writer runs on the caller's own thread: intake, SQLite, engine and notification layer share one event
 * loop. Same `Hub` interface as the worker-backed one (app/start-hub.ts); kept for tests of the wiring that need
 * the writer's internals in reach, and as the reference the worker protocol is checked against.
 */
export const createLocalHub = async (opts: HubOptions): Promise<HubHandle> => {
  const clock = opts.clock ?? Date.now
  const listeners = new Set<(f: PushFrame) => void>()
  const service = createHubService({
    dataDir: opts.dataDir,
    clock,
    demo: opts.demo ?? false,
    configPath: opts.configPath,
    synchronous: opts.synchronous,
    nativeBinding: opts.nativeBinding,
    tickMs: opts.tickMs,
    quiet: opts.quiet,
    emit: (d) => {
      if (!listeners.size) return
      const f = frameOf(d)
      for (const l of listeners) {
        try {
          l(f)
        } catch (e) {
          console.error('push listener failed', e)
        }
      }
    },
  })
  const metrics = intakeMetrics()
  let intakeConfig = service.intakeConfig()
  service.onIntakeConfig((c) => (intakeConfig = c))
  const deadLetter = async (r: Refusal): Promise<void> => {
    metrics.rejected({ source: r.meta.source, status: String(r.status) })
    await service.keepRejected(r).catch(() => undefined)
  }
  const ingest = createIntake({ clock, config: () => intakeConfig, metrics, submit: service.ingestEvents, seq: service.seq, deadLetter })
  // Ingest by contract call (IPC, internal) takes the agents' path: adapter, dead letter, then the writer.
  const viaIntake = (method: Method, input: unknown, meta?: CallMeta) => (method === 'events.ingest' ? ingestByCall(ingest, input, meta) : undefined)

  return {
    demo: service.demo,
    seq: service.seq,
    call: (async (method: Method, input: unknown, meta?: CallMeta) => viaIntake(method, input, meta) ?? service.call(method, input, meta)) as HubHandle['call'],
    callRaw: async (method, input, meta) => {
      const i = viaIntake(method, input, meta)
      return i ? { json: JSON.stringify(await i) } : service.callRaw(method, input, meta)
    },
    ingest,
    deadLetter,
    countRefusal: (source, status) => metrics.rejected({ source, status: String(status) }),
    subscribe: (listener) => {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    changesSince: async (since) => frameOf(service.changesSince(since)),
    metrics: async (gauges = {}) => (await service.metricsText()) + (await metrics.render(gauges)),
    attachDesktop: (port) => service.attachDesktop(port),
    tick: service.tick,
    drainOutbox: service.drainOutbox,
    runHousekeeping: service.runHousekeeping,
    flushPushes: async () => service.flushPushes(),
    close: async () => service.close(),
  }
}
