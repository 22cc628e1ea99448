/**
 * The incident list export's filter: the queue's filter (`IncidentQuery`: status, client, priority, limit) plus
 * what the queue filters in memory (text search, severity, owner, opened range). The store applies the
 * IncidentQuery part; `filterIncidents` applies the rest to what the store returned, so the file has the same
 * rows as the queue.
 */
import { IncidentExportQuery } from '@shared/model/report'
import type { IncidentRow } from './types'

/** The schema lives in src-shared (the contract's `incidents.export` input); re-exported for the report layer. */
export { IncidentExportQuery }

const asList = <T>(v: T | T[] | undefined): T[] | null => (v === undefined ? null : Array.isArray(v) ? v : [v])

export const filterIncidents = <T extends IncidentRow>(incidents: readonly T[], q: Partial<IncidentExportQuery>): T[] => {
  const statuses = asList(q.status)
  const priorities = asList(q.priority)
  const severities = asList(q.severity)
  const needle = q.q?.toLowerCase()
  const out = incidents.filter(
    (i) =>
      (!statuses || statuses.includes(i.status)) &&
      (!priorities || priorities.includes(i.priority)) &&
      (!severities || severities.includes(i.severity)) &&
      (q.client === undefined || i.client === q.client) &&
      (q.owner === undefined || i.owner === q.owner) &&
      (q.from === undefined || i.openedAt >= q.from) &&
      (q.to === undefined || i.openedAt < q.to) &&
      (!needle || [i.id, i.title, i.rule, i.resource, i.service, i.owner].some((f) => f?.toLowerCase().includes(needle))),
  )
  return q.limit ? out.slice(0, q.limit) : out
}
