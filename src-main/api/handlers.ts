import type { Method, OutputOf, ParsedInputOf } from '@shared/api/contract'
import type { CallMeta } from '../hub-types'
import type { HubCore } from '../hub-core'
import { ContractError, notFound } from './errors'
import { InvalidCursorError } from '../store/alerts-repo'
import { incidentHandlers } from './incident-handlers'
import { reportHandlers } from './report-handlers'
import { viewHandlers } from './view-handlers'
import { opsHandlers } from './ops-handlers'
import { consoleHandlers } from './console-handlers'

export type Handlers = { [M in Method]: (input: ParsedInputOf<M>, meta: CallMeta) => OutputOf<M> | Promise<OutputOf<M>> }

/** Contract method → implementation. Thin: reads go to repos, writes go through the core's group commit. */
export const createHandlers = (core: HubCore): Handlers => ({
  'health.get': () => ({
    status: 'ok',
    version: core.version,
    uptimeSec: Math.round((core.clock() - core.startedAt) / 1000),
    seq: core.seq.current,
    db: { path: core.dbPath, walMode: core.walMode },
  }),
  'snapshot.get': (input) => {
    const since = core.clock() - input.resolvedWithinMin * 60_000
    return {
      seq: core.seq.current,
      alerts: core.repos.alerts.current(since),
      clients: core.clientViews(),
      incidents: core.repos.incidents.live(since),
      problems: core.repos.engine.problems(since),
      demo: core.demo,
    }
  },
  'alerts.list': (input) => {
    try {
      return core.repos.alerts.list(input)
    } catch (e) {
      if (e instanceof InvalidCursorError) throw new ContractError(400, 'invalid cursor', [{ path: 'cursor', message: e.message }])
      throw e
    }
  },
  'alerts.get': (input) => core.repos.alerts.get(input.id) ?? (() => { throw notFound(`alert ${input.id}`) })(),
  'clients.list': () => core.clientViews(),
  'rejected.list': (input) => core.repos.rejected.list(input.limit, input.before),
  'events.ingest': async (input, meta) => core.ingestPayload('native', input, { transport: meta.transport, remote: meta.remote }),
  ...incidentHandlers(core),
  ...reportHandlers(core),
  ...viewHandlers(core),
  ...opsHandlers(core),
  ...consoleHandlers(core),
})
