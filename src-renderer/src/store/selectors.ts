/** Derived views of the store. Pure functions: components memoize them on the inputs they read. */
import type { AlertRow } from './alert-row'
import { searchIndexFor } from './alert-search'
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
 * usual view — it is the store's own list, so a delta costs no pass over 100 k alerts. Filters read the
 * search index beside the store (./alert-search: each row's lower-case search text, built once in the decode
 * worker or when its delta arrived, joined in chunks; client and severity as codes): a few ms over 100 k.
 */
export const filterAlertIds = (s: Pick<NocState, 'alertsById' | 'alertsVersion' | 'firingIds' | 'resolvedIds'>, f: Filters): readonly number[] => {
  const words = f.text.toLowerCase().split(/\s+/).filter(Boolean)
  if (f.client === null && f.severity === null && !words.length) return f.status === 'firing' ? s.firingIds : f.status === 'resolved' ? s.resolvedIds : [...s.firingIds, ...s.resolvedIds]
  const lists = f.status === 'firing' ? [s.firingIds] : f.status === 'resolved' ? [s.resolvedIds] : [s.firingIds, s.resolvedIds]
  const src = { lists, all: [s.firingIds, s.resolvedIds], byId: s.alertsById, version: s.alertsVersion }
  return searchIndexFor(s.alertsById).match(src, { words, client: f.client, severity: f.severity })
}

export const filterAlerts = (s: Pick<NocState, 'alertsById' | 'alertsVersion' | 'firingIds' | 'resolvedIds'>, f: Filters): AlertRow[] =>
  filterAlertIds(s, f).flatMap((id) => s.alertsById[id] ?? [])

export const wallClients = (s: Pick<NocState, 'clientsById' | 'clientOrder'>): Client[] =>
  s.clientOrder.map((id) => s.clientsById[id]).filter((c): c is Client => c !== undefined)
