import type { SliceCreator } from './types'

export type View = 'wall' | 'alerts'
export const VIEWS: readonly View[] = ['wall', 'alerts']

export interface UiSlice {
  view: View
  helpOpen: boolean
  setView(view: View): void
  setHelpOpen(open: boolean): void
}

export const createUiSlice: SliceCreator<UiSlice> = (set) => ({
  view: 'wall',
  helpOpen: false,
  setView: (view) => set({ view }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
})
