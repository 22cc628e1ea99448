import type { Method, OutputOf, ParsedInputOf } from '@shared/api/contract'
import type { CallMeta } from '../app/hub'
import type { Core } from '../app/compose'
import { ContractError, notFound } from '@shared/api/errors'
import { InvalidCursorError } from '../store/alerts-repo'
import { incidentHandlers } from './incident-handlers'
import { reportHandlers } from './report-handlers'
import { viewHandlers } from './view-handlers'
import { opsHandlers } from './ops-handlers'
import { consoleHandlers } from './console-handlers'

/** Every method but `events.ingest`, which the intake serves (adapters run on the I/O side; app/intake.ts). */
export type HandledMethod = Exclude<Method, 'events.ingest'>

export type Handlers = { [M in HandledMethod]: (input: ParsedInputOf<M>, meta: CallMeta) => OutputOf<M> | Promise<OutputOf<M>> }

/** Contract method → implementation. Thin: reads go to repos, writes go through the writer's group commit. */
export const createHandlers = (core: Core): Handlers => ({
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
      clients: core.clients.all(),
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
  'clients.list': () => core.clients.all(),
  'rejected.list': (input) => core.repos.rejected.list(input.limit, input.before),
  ...incidentHandlers(core),
  ...reportHandlers(core),
  ...viewHandlers(core),
  ...opsHandlers(core),
  ...consoleHandlers(core),
})
