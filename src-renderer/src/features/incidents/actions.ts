/**
 * Operator actions on incidents, sent through the contract (`incidents.ack` …) with the operator name from
 * settings. Every action reports its outcome in a notice; a bulk action reports once for the whole batch.
 * The store is not touched here: the server's delta is what changes the screen, so every console agrees.
 */
import type { InputOf } from '@shared/api/contract'
import { transport } from '../../api/instance'
import { nocStore } from '../../store/store'

type Simple = 'ack' | 'unack' | 'escalate' | 'take' | 'reopen'

const VERB: Record<Simple | 'resolve' | 'note', string> = {
  ack: 'Acknowledged',
  unack: 'Ack taken back on',
  escalate: 'Escalated',
  take: 'Assigned to you:',
  reopen: 'Re-opened',
  resolve: 'Resolved',
  note: 'Note added to',
}

const by = () => nocStore.getState().settings.operator

/**
 * Listeners told after an action succeeded on some incidents. The detail view reloads on it: a note adds a
 * timeline entry without necessarily changing the incident row the delta carries.
 */
const actedListeners = new Set<(ids: string[]) => void>()
export const onActed = (fn: (ids: string[]) => void): (() => void) => {
  actedListeners.add(fn)
  return () => void actedListeners.delete(fn)
}
export const announceActed = (ids: string[]) => {
  for (const fn of actedListeners) fn(ids)
}

const summary = (ids: string[]) => (ids.length <= 3 ? ids.join(', ') : `${ids.length} incidents`)

/** Run one call per incident (the contract's actions are per incident) and report the batch once. */
const batch = async (label: keyof typeof VERB, ids: string[], one: (id: string) => Promise<unknown>): Promise<boolean> => {
  const s = nocStore.getState()
  if (!ids.length) {
    s.notify('Select an incident first (j / k), or mark some with x.', 'error')
    return false
  }
  const results = await Promise.allSettled(ids.map(one))
  const failed = results.flatMap((r, n) => (r.status === 'rejected' ? [`${ids[n]}: ${(r.reason as Error).message}`] : []))
  const done = ids.filter((_, n) => results[n].status === 'fulfilled')
  if (done.length) {
    s.notify(`${VERB[label]} ${summary(done)}`)
    announceActed(done)
  }
  if (failed.length) s.notify(`Could not ${label} ${failed.join('; ')}`, 'error')
  return failed.length === 0
}

export const act = (kind: Simple, ids: string[]): Promise<boolean> =>
  batch(kind, ids, (id) => {
    const t = transport()
    switch (kind) {
      case 'ack':
        return t.call('incidents.ack', { id, by: by() })
      case 'unack':
        return t.call('incidents.unack', { id, by: by() })
      case 'escalate':
        return t.call('incidents.escalate', { id, by: by() })
      case 'take':
        return t.call('incidents.assign', { id, by: by(), to: by() })
      case 'reopen':
        return t.call('incidents.reopen', { id, by: by() })
    }
  })

export const ackWithTimeout = (ids: string[], timeoutMin: number | undefined, note: string | undefined): Promise<boolean> =>
  batch('ack', ids, (id) => transport().call('incidents.ack', { id, by: by(), ...(timeoutMin ? { timeoutMin } : {}), ...(note ? { note } : {}) }))

export const resolve = (ids: string[], fields: Omit<InputOf<'incidents.resolve'>, 'id' | 'by'>): Promise<boolean> =>
  batch('resolve', ids, (id) => transport().call('incidents.resolve', { id, by: by(), ...fields }))

export const addNote = (ids: string[], text: string): Promise<boolean> =>
  batch('note', ids, (id) => transport().call('incidents.note', { id, by: by(), text }))
