/**
 * The incident list export's filter: the queue's filter (`IncidentQuery`: status, client, priority, limit) plus
 * what the queue filters in memory (text search, severity, owner, opened range). The store applies the
 * IncidentQuery part; `filterIncidents` applies the rest to what the store returned, so the file has the same
 * rows as the queue. (Candidate for src-shared/model once the contract gets `incidents.export`.)
 */
import { z } from 'zod'
import { IncidentQuery } from '@shared/model/incident'
import { Severity } from '@shared/model/severity'
import type { IncidentRow } from './types'

const epochOrIso = z.union([z.coerce.number().int().nonnegative(), z.iso.datetime({ offset: true }).transform((s) => Date.parse(s))])

export const IncidentExportQuery = IncidentQuery.extend({
  format: z.enum(['csv', 'json']).default('csv'),
  /** Case-insensitive substring of id, title, rule, resource, service or owner. */
  q: z.string().trim().max(200).optional(),
  severity: z.union([Severity, z.array(Severity)]).optional(),
  owner: z.string().max(200).optional(),
  /** Opened at or after (epoch ms or ISO 8601). */
  from: epochOrIso.optional(),
  /** Opened before (epoch ms or ISO 8601). */
  to: epochOrIso.optional(),
  /** Excel on Windows needs a byte-order mark to read UTF-8. */
  bom: z.stringbool().optional(),
})
export type IncidentExportQuery = z.output<typeof IncidentExportQuery>

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
