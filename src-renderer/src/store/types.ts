import type { StateCreator } from 'zustand/vanilla'
import type { AttentionSlice } from './attention-slice'
import type { ConnectionSlice } from './connection-slice'
import type { FeedSlice } from './feed-slice'
import type { FiltersSlice } from './filters-slice'
import type { SelectionSlice } from './selection-slice'
import type { SettingsSlice } from './settings-slice'
import type { UiSlice } from './ui-slice'

/** The whole store: one object, built from slices (zustand's slices pattern). */
export type NocState = FeedSlice & FiltersSlice & SelectionSlice & ConnectionSlice & UiSlice & SettingsSlice & AttentionSlice

export type SliceCreator<T> = StateCreator<NocState, [], [], T>
