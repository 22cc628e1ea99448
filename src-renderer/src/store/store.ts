/**
 * The ONE store. `createNocStore()` builds a vanilla store (tests use it without React or a DOM);
 * `useNoc(selector)` is the React hook over the app's instance. Select narrowly; for derived arrays use
 * `useShallow` or memoize in the component.
 */
import { useStore } from 'zustand'
import { createStore, type StoreApi } from 'zustand/vanilla'
import { createAttentionSlice } from './attention-slice'
import { createConnectionSlice } from './connection-slice'
import { createFeedSlice } from './feed-slice'
import { createFiltersSlice } from './filters-slice'
import { createSelectionSlice } from './selection-slice'
import { createSettingsSlice } from './settings-slice'
import type { NocState } from './types'
import { createUiSlice } from './ui-slice'

export type NocStore = StoreApi<NocState>

export const createNocStore = (): NocStore =>
  createStore<NocState>()((...a) => ({
    ...createFeedSlice(...a),
    ...createFiltersSlice(...a),
    ...createSelectionSlice(...a),
    ...createConnectionSlice(...a),
    ...createUiSlice(...a),
    ...createSettingsSlice(...a),
    ...createAttentionSlice(...a),
  }))

/** The app's instance (main.tsx wires it to a transport). */
export const nocStore: NocStore = createNocStore()

export function useNoc<T>(selector: (s: NocState) => T): T {
  return useStore(nocStore, selector)
}

export type { NocState }
