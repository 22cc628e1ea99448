import type { Priority, Severity } from '@shared/model/severity'
import type { SliceCreator } from './types'

export type StatusFilter = 'firing' | 'resolved' | 'all'

export interface Filters {
  /** Client id, or null for every client. */
  client: string | null
  /** Exactly this severity, or null for all. */
  severity: Severity | null
  /** 'firing' by default: the table answers "what is broken now"; recently resolved ones are one choice away. */
  status: StatusFilter
  /** Case-insensitive words matched against summary, client, resource, rule, class, service and components. */
  text: string
}

export const defaultFilters: Filters = { client: null, severity: null, status: 'firing', text: '' }

/** 'active' = open or acknowledged: what the queue answers by default. */
export type IncidentStatusFilter = 'active' | 'open' | 'acknowledged' | 'resolved' | 'all'

export interface IncidentFilters {
  text: string
  client: string | null
  priority: Priority | null
  severity: Severity | null
  status: IncidentStatusFilter
  /** From a heatmap drill-down: incidents of this service. */
  service: string | null
  /** From a heatmap drill-down: incidents whose life overlaps [from, to). */
  range: { from: number; to: number } | null
  groupByClient: boolean
}

export const defaultIncidentFilters: IncidentFilters = {
  text: '',
  client: null,
  priority: null,
  severity: null,
  status: 'active',
  service: null,
  range: null,
  groupByClient: false,
}

export interface FiltersSlice {
  filters: Filters
  setFilters(patch: Partial<Filters>): void
  clearFilters(): void
  incidentFilters: IncidentFilters
  setIncidentFilters(patch: Partial<IncidentFilters>): void
  /** Clears the filters but keeps the grouping the operator chose. */
  clearIncidentFilters(): void
}

export const createFiltersSlice: SliceCreator<FiltersSlice> = (set) => ({
  filters: defaultFilters,
  setFilters: (patch) => set((s) => ({ filters: { ...s.filters, ...patch } })),
  clearFilters: () => set({ filters: defaultFilters }),
  incidentFilters: defaultIncidentFilters,
  setIncidentFilters: (patch) => set((s) => ({ incidentFilters: { ...s.incidentFilters, ...patch } })),
  clearIncidentFilters: () => set((s) => ({ incidentFilters: { ...defaultIncidentFilters, groupByClient: s.incidentFilters.groupByClient } })),
})
