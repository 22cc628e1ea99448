/**
 * The incident queue's filter → `incidents.export` input, so "Export list" downloads what the queue is asking
 * for. The server applies it to the whole store (not only the incidents this console holds), like
 * `GET /api/v1/incidents` with the same filter. Text search maps to the server's substring match; the heatmap
 * drill-downs (service, time range) are not sent and are named in `unsent` so the screen can say so.
 */
import type { InputOf } from '@shared/api/contract'
import type { IncidentStatus } from '@shared/model/incident'
import type { IncidentFilters } from '../../store/filters-slice'

const STATUSES: Record<IncidentFilters['status'], IncidentStatus[] | undefined> = {
  active: ['open', 'acknowledged'],
  open: ['open'],
  acknowledged: ['acknowledged'],
  resolved: ['resolved', 'closed'],
  all: undefined,
}

export const exportInput = (f: IncidentFilters, format: 'csv' | 'json'): { input: InputOf<'incidents.export'>; unsent: string[] } => {
  const status = STATUSES[f.status]
  const text = f.text.trim()
  const input: InputOf<'incidents.export'> = {
    format,
    limit: 5000,
    ...(status ? { status } : {}),
    ...(f.client ? { client: f.client } : {}),
    ...(f.priority ? { priority: f.priority } : {}),
    ...(f.severity ? { severity: f.severity } : {}),
    ...(text ? { q: text.slice(0, 200) } : {}),
  }
  const unsent = [...(f.service !== null ? ['service'] : []), ...(f.range ? ['time range'] : [])]
  return { input, unsent }
}

/** One line naming the filter, for the button's caption. */
export const describeFilter = (f: IncidentFilters): string => {
  const parts = [f.status === 'active' ? 'open + acknowledged' : f.status, f.client, f.priority, f.severity, f.text.trim() && `“${f.text.trim()}”`].filter(Boolean)
  return parts.join(' · ')
}
