/** Derived views of the store. Pure functions: components memoize them on the inputs they read. */
import type { Alert } from '@shared/model/alert'
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

/** Where the alert components come from when a source names no resource: "NODE101 / A / 7". */
export const resourceOf = (a: Alert): string => a.resource ?? a.components.map((c) => c.name).join(' / ')

// Alerts are immutable (a change arrives as a new object), so each one's search text is built once.
const haystacks = new WeakMap<Alert, string>()
const haystack = (a: Alert): string => {
  let h = haystacks.get(a)
  if (h === undefined) {
    h = [a.summary, a.client, resourceOf(a), a.severity, a.rule, a.class, a.service ?? '', a.source, ...a.components.map((c) => `${c.type} ${c.name}`)]
      .join('\n')
      .toLowerCase()
    haystacks.set(a, h)
  }
  return h
}

/**
 * The table's rows (ids) before the operator's own sort: store order (worst first), filtered. Unfiltered — the
 * usual view — it is the store's own list, so a delta costs no pass over 100 k alerts.
 */
export const filterAlertIds = (s: Pick<NocState, 'alertsById' | 'firingIds' | 'resolvedIds'>, f: Filters): readonly number[] => {
  const ids = f.status === 'firing' ? s.firingIds : f.status === 'resolved' ? s.resolvedIds : [...s.firingIds, ...s.resolvedIds]
  const words = f.text.toLowerCase().split(/\s+/).filter(Boolean)
  if (f.client === null && f.severity === null && !words.length) return ids
  const out: number[] = []
  for (const id of ids) {
    const a = s.alertsById[id]
    if (!a) continue
    if (f.client !== null && a.client !== f.client) continue
    if (f.severity !== null && a.severity !== f.severity) continue
    if (words.length) {
      const h = haystack(a)
      if (!words.every((w) => h.includes(w))) continue
    }
    out.push(id)
  }
  return out
}

export const filterAlerts = (s: Pick<NocState, 'alertsById' | 'firingIds' | 'resolvedIds'>, f: Filters): Alert[] =>
  filterAlertIds(s, f).flatMap((id) => s.alertsById[id] ?? [])

export const wallClients = (s: Pick<NocState, 'clientsById' | 'clientOrder'>): Client[] =>
  s.clientOrder.map((id) => s.clientsById[id]).filter((c): c is Client => c !== undefined)
