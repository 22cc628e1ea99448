import type { Severity } from '@shared/model/severity'
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

export interface FiltersSlice {
  filters: Filters
  setFilters(patch: Partial<Filters>): void
  clearFilters(): void
}

export const createFiltersSlice: SliceCreator<FiltersSlice> = (set) => ({
  filters: defaultFilters,
  setFilters: (patch) => set((s) => ({ filters: { ...s.filters, ...patch } })),
  clearFilters: () => set({ filters: defaultFilters }),
})
