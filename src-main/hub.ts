import type { Method, InputOf, OutputOf } from '@shared/api/contract'
import { contract } from '@shared/api/contract'
import type { Hub, HubOptions, CallMeta } from './hub-types'
import { badInput, ContractError } from './api/errors'
import { createHandlers } from './api/handlers'
import { createHubCore, type HubCore } from './hub-core'

export interface HubWithCore extends Hub {
  core: HubCore
}

/** Composition root: core (store + ingest + push) + contract handlers. No domain logic lives here. */
export const createHub = async (opts: HubOptions & { synchronous?: 'FULL' | 'NORMAL'; tickMs?: number; quiet?: boolean }): Promise<HubWithCore> => {
  const core = createHubCore({
    dataDir: opts.dataDir,
    clock: opts.clock ?? Date.now,
    demo: opts.demo ?? false,
    synchronous: opts.synchronous,
    nativeBinding: opts.nativeBinding,
    configPath: opts.configPath,
    tickMs: opts.tickMs,
    quiet: opts.quiet,
  })
  const handlers = createHandlers(core)

  const call = async <M extends Method>(method: M, input: InputOf<M>, meta: CallMeta = { transport: 'internal' }): Promise<OutputOf<M>> => {
    const spec = contract[method]
    if (!spec) throw new ContractError(404, `unknown method ${String(method)}`, [{ path: 'method', message: 'not in the contract' }])
    const parsed = spec.input.safeParse(input ?? {})
    if (!parsed.success) throw badInput(parsed.error)
    const handler = handlers[method] as (i: unknown, m: CallMeta) => OutputOf<M> | Promise<OutputOf<M>>
    return handler(parsed.data, meta)
  }

  return {
    core,
    call,
    subscribe: (listener) => {
      core.listeners.add(listener)
      return () => core.listeners.delete(listener)
    },
    changesSince: (since) => {
      return {
        type: 'delta',
        seq: core.seq.current,
        alerts: core.repos.alerts.changedSince(since),
        clients: core.clientViews(),
        incidents: core.repos.incidents.changedSince(since),
        problems: core.repos.engine.problemsChangedSince(since),
        ...core.ops.changesSince(since),
      }
    },
    close: async () => core.close(),
  }
}
