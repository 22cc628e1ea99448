/** Derived views of the store. Pure functions: components memoize them on the inputs they read. */
import type { AlertRow } from './alert-row'
import type { Client } from '@shared/model/client'
import type { Filters } from './filters-slice'
import type { NocState } from './types'

/** What the header banner says. Link trouble outranks pause: a frozen view of a dead link must say so. */
export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'paused'

export const selectConnection = (s: Pick<NocState, 'link' | 'synced' | 'paused'>): ConnectionState => {
  if (s.link.state === 'reconnecting' || (s.link.state === 'closed' && s.synced)) return 'reconnecting'
  if (s.link.state !== 'open' || !s.synced) return 'connecting'
  return s.paused ? 'paused' : 'live'
}

/**
 * The table's rows (ids) before the operator's own sort: store order (worst first), filtered. Unfiltered — the
 * usual view — it is the store's own list, so a delta costs no pass over 100 k alerts. Each row carries its
 * lower-case search text (built once, in the decode worker or when its delta arrived), so a text filter is one
 * `includes` per word per row: ~10 ms over 100 k.
 */
export const filterAlertIds = (s: Pick<NocState, 'alertsById' | 'firingIds' | 'resolvedIds'>, f: Filters): readonly number[] => {
  const ids = f.status === 'firing' ? s.firingIds : f.status === 'resolved' ? s.resolvedIds : [...s.firingIds, ...s.resolvedIds]
  const words = f.text.toLowerCase().split(/\s+/).filter(Boolean)
  if (f.client === null && f.severity === null && !words.length) return ids
  const out: number[] = []
  const byId = s.alertsById
  const client = f.client
  const severity = f.severity
  for (let n = 0; n < ids.length; n++) {
    const a = byId[ids[n]]
    if (!a) continue
    if (client !== null && a.client !== client) continue
    if (severity !== null && a.severity !== severity) continue
    if (words.length) {
      const h = a.hay
      let all = true
      for (let w = 0; w < words.length && all; w++) all = h.includes(words[w])
      if (!all) continue
    }
    out.push(a.id)
  }
  return out
}

export const filterAlerts = (s: Pick<NocState, 'alertsById' | 'firingIds' | 'resolvedIds'>, f: Filters): AlertRow[] =>
  filterAlertIds(s, f).flatMap((id) => s.alertsById[id] ?? [])

export const wallClients = (s: Pick<NocState, 'clientsById' | 'clientOrder'>): Client[] =>
  s.clientOrder.map((id) => s.clientsById[id]).filter((c): c is Client => c !== undefined)
