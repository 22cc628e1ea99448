import type { Delta } from '@shared/api/contract'
import type { Hub, PushFrame } from '../app/hub'
import { frameOf } from '../app/push-frame'

const EMPTY: Delta = { type: 'delta', seq: 0, alerts: [], clients: [], incidents: [], problems: [] }

/**
 * A `Hub` for shell tests (Electron, IPC): no database, no listeners; `call` is what the test passes, every other
 * member a harmless default. `push(delta)` plays the writer's coalescer.
 */
export const fakeHub = (over: Partial<Hub> = {}) => {
  const listeners = new Set<(f: PushFrame) => void>()
  const hub: Hub = {
    demo: false,
    seq: () => 0,
    call: (async () => null) as Hub['call'],
    callRaw: async () => ({ json: new TextEncoder().encode('null') }),
    ingest: async () => ({ accepted: 0, alerts: 0, warnings: [], seq: 0 }),
    deadLetter: async () => {},
    countRefusal: () => {},
    subscribe: (l) => {
      listeners.add(l)
      return () => void listeners.delete(l)
    },
    changesSince: async () => frameOf(EMPTY),
    metrics: async () => '',
    attachDesktop: () => {},
    close: async () => {},
    ...over,
  }
  return { hub, listeners, push: (d: Delta) => listeners.forEach((l) => l(frameOf(d))) }
}
