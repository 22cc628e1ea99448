/** Derived views of incidents: the queue's filter, sort and grouping. Pure; components memoize on inputs. */
import type { Incident } from '@shared/model/incident'
import { severityRank } from '@shared/model/severity'
import { ackDueAt } from '@shared/model/sla'
import { NO_SERVICE } from '@shared/model/views'
import type { IncidentFilters } from './filters-slice'
import { priorityRank, statusRank } from './incident-order'
import type { NocState } from './types'

// Incidents are immutable (a change arrives as a new object), so each one's search text is built once.
const haystacks = new WeakMap<Incident, string>()
const haystack = (i: Incident): string => {
  let h = haystacks.get(i)
  if (h === undefined) {
    h = [i.id, i.title, i.client, i.priority, i.severity, i.status, i.owner ?? '', i.service ?? '', i.resource ?? '', i.rule, ...i.tags].join('\n').toLowerCase()
    haystacks.set(i, h)
  }
  return h
}

const statusMatches = (i: Incident, f: IncidentFilters['status']): boolean =>
  f === 'all' ? true : f === 'active' ? i.status === 'open' || i.status === 'acknowledged' : f === 'resolved' ? i.status === 'resolved' || i.status === 'closed' : i.status === f

/** The queue's rows before the operator's own sort: store order (open, P1 first, newest), filtered. */
export const filterIncidents = (s: Pick<NocState, 'incidentsById' | 'incidentIds'>, f: IncidentFilters, now = Date.now()): Incident[] => {
  const words = f.text.toLowerCase().split(/\s+/).filter(Boolean)
  const out: Incident[] = []
  for (const id of s.incidentIds) {
    const i = s.incidentsById[id]
    if (!i) continue
    if (!statusMatches(i, f.status)) continue
    if (f.client !== null && i.client !== f.client) continue
    if (f.priority !== null && i.priority !== f.priority) continue
    if (f.severity !== null && i.severity !== f.severity) continue
    if (f.service !== null && (i.service ?? NO_SERVICE) !== f.service) continue
    if (f.range) {
      const end = i.resolvedAt ?? i.closedAt ?? now
      if (i.openedAt >= f.range.to || end < f.range.from) continue
    }
    if (words.length) {
      const h = haystack(i)
      if (!words.every((w) => h.includes(w))) continue
    }
    out.push(i)
  }
  return out
}

/** What each sortable column sorts by; one definition for the column accessor and `sortIncidents`. */
export const INCIDENT_SORT_KEYS = {
  priority: (i: Incident) => priorityRank(i.priority),
  client: (i: Incident) => i.client,
  title: (i: Incident) => i.title,
  severity: (i: Incident) => severityRank(i.severity),
  status: (i: Incident) => statusRank(i.status),
  // Age ascending = youngest first: the list reads like a feed.
  age: (i: Incident) => -i.openedAt,
  owner: (i: Incident) => i.owner ?? '\uffff',
  escalation: (i: Incident) => i.escalationLevel,
  alerts: (i: Incident) => i.alertCount,
  sla: (i: Incident) => ackDueAt(i) ?? Number.MAX_SAFE_INTEGER,
} satisfies Record<string, (i: Incident) => string | number>
export type IncidentSortKey = keyof typeof INCIDENT_SORT_KEYS

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

/** Sort by one column; empty sorting keeps the store order, which is also the tie-break (stable sort). */
export const sortIncidents = (list: Incident[], sorting: { id: string; desc: boolean }[]): Incident[] => {
  const s = sorting[0]
  const key = s && INCIDENT_SORT_KEYS[s.id as IncidentSortKey]
  if (!key) return list
  const dir = s.desc ? -1 : 1
  const keyed = list.map((i) => ({ i, k: key(i) }))
  keyed.sort((x, y) => dir * (typeof x.k === 'number' && typeof y.k === 'number' ? x.k - y.k : collator.compare(String(x.k), String(y.k))))
  return keyed.map((e) => e.i)
}

export type QueueRow =
  | { type: 'group'; key: string; client: string; count: number; p1: number; p2: number; open: number }
  | { type: 'incident'; key: string; incident: Incident }

/**
 * Rows as displayed: plain, or grouped under one header row per client. Groups follow the wall's business
 * impact order (`clientOrder`); inside a group the operator's sort holds.
 */
// Row objects are kept per incident version, so a delta re-creates ten rows, not ten thousand.
const rowOf = new WeakMap<Incident, QueueRow>()
const incidentRow = (incident: Incident): QueueRow => {
  let r = rowOf.get(incident)
  if (!r) rowOf.set(incident, (r = { type: 'incident', key: incident.id, incident }))
  return r
}

export const queueRows = (sorted: Incident[], groupByClient: boolean, clientOrder: readonly string[]): QueueRow[] => {
  if (!groupByClient) return sorted.map(incidentRow)
  const groups = new Map<string, Incident[]>()
  for (const i of sorted) {
    const g = groups.get(i.client)
    if (g) g.push(i)
    else groups.set(i.client, [i])
  }
  const rank = new Map(clientOrder.map((c, n) => [c, n]))
  const clients = [...groups.keys()].sort((a, b) => (rank.get(a) ?? 1e9) - (rank.get(b) ?? 1e9) || a.localeCompare(b))
  const rows: QueueRow[] = []
  for (const client of clients) {
    const list = groups.get(client)!
    let p1 = 0
    let p2 = 0
    let open = 0
    for (const i of list) {
      if (i.priority === 'P1') p1++
      else if (i.priority === 'P2') p2++
      if (i.status === 'open') open++
    }
    rows.push({ type: 'group', key: `group:${client}`, client, count: list.length, p1, p2, open })
    for (const incident of list) rows.push(incidentRow(incident))
  }
  return rows
}
