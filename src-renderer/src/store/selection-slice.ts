import type { SliceCreator } from './types'

/**
 * Selection is an alert id, not a row index: deltas reorder and insert rows, and the operator's selection must
 * stay on the same alert.
 */
export interface SelectionSlice {
  selectedAlertId: number | null
  selectAlert(id: number | null): void
}

export const createSelectionSlice: SliceCreator<SelectionSlice> = (set) => ({
  selectedAlertId: null,
  selectAlert: (id) => set({ selectedAlertId: id }),
})

/** Next/previous id in the visible order; from no (or a vanished) selection, start at the top. */
export const stepSelection = (visible: readonly number[], current: number | null, step: number): number | null => {
  if (visible.length === 0) return null
  const at = current === null ? -1 : visible.indexOf(current)
  if (at === -1) return visible[0]
  return visible[Math.min(visible.length - 1, Math.max(0, at + step))]
}
