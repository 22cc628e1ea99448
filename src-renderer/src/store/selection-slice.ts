import type { SliceCreator } from './types'

/**
 * Selection is an id, not a row index: deltas reorder and insert rows, and the operator's selection must
 * stay on the same alert / incident. `marked` is the bulk selection (x), kept in the order it was made.
 */
export interface SelectionSlice {
  selectedAlertId: number | null
  selectAlert(id: number | null): void
  selectedIncidentId: string | null
  selectIncident(id: string | null): void
  marked: string[]
  toggleMark(id: string): void
  setMarked(ids: string[]): void
}

export const createSelectionSlice: SliceCreator<SelectionSlice> = (set) => ({
  selectedAlertId: null,
  selectAlert: (id) => set({ selectedAlertId: id }),
  selectedIncidentId: null,
  selectIncident: (id) => set({ selectedIncidentId: id }),
  marked: [],
  toggleMark: (id) => set((s) => ({ marked: s.marked.includes(id) ? s.marked.filter((m) => m !== id) : [...s.marked, id] })),
  setMarked: (marked) => set({ marked }),
})

/** Next/previous id in the visible order; from no (or a vanished) selection, start at the top. */
export const stepSelection = <K>(visible: readonly K[], current: K | null, step: number): K | null => {
  if (visible.length === 0) return null
  const at = current === null ? -1 : visible.indexOf(current)
  if (at === -1) return visible[0]
  return visible[Math.min(visible.length - 1, Math.max(0, at + step))]
}
