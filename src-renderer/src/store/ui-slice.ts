import type { SliceCreator } from './types'

export type View = 'wall' | 'incidents' | 'incident' | 'heatmap' | 'alerts' | 'settings' | 'missed' | 'metrics' | 'reports'
export const VIEWS: readonly View[] = ['wall', 'incidents', 'incident', 'heatmap', 'alerts', 'settings', 'missed', 'metrics', 'reports']

/** Dialogs that ask before an action runs; `ids` are the incidents it applies to (bulk when more than one). */
export type DialogKind = 'resolve' | 'note' | 'silence' | 'export' | 'ack'
export interface DialogState {
  kind: DialogKind
  ids: string[]
}

export interface Notice {
  id: number
  text: string
  tone: 'ok' | 'error'
}

export interface UiSlice {
  view: View
  /** The incident the detail view shows (`#/incident/INC-1042`). */
  detailId: string | null
  /** `?wall=1`: full screen, large type, no chrome, auto-rotating pages, no interaction needed. */
  wallMode: boolean
  helpOpen: boolean
  paletteOpen: boolean
  dialog: DialogState | null
  notices: Notice[]
  setView(view: View, detailId?: string | null): void
  setWallMode(on: boolean): void
  setHelpOpen(open: boolean): void
  setPaletteOpen(open: boolean): void
  openDialog(dialog: DialogState | null): void
  notify(text: string, tone?: Notice['tone']): void
  dismissNotice(id: number): void
}

let nextNotice = 1

export const createUiSlice: SliceCreator<UiSlice> = (set) => ({
  view: 'wall',
  detailId: null,
  wallMode: false,
  helpOpen: false,
  paletteOpen: false,
  dialog: null,
  notices: [],
  setView: (view, detailId) => set((s) => ({ view, detailId: detailId === undefined ? s.detailId : detailId })),
  setWallMode: (wallMode) => set({ wallMode }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
  openDialog: (dialog) => set({ dialog }),
  // The newest five; older ones have been read or are stale.
  notify: (text, tone = 'ok') => set((s) => ({ notices: [...s.notices, { id: nextNotice++, text, tone }].slice(-5) })),
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
})

/** `#/incident/INC-1042` → { view: 'incident', id }; `#/wall` → { view: 'wall' }. */
export const routeFromHash = (hash: string): { view: View; id: string | null } | undefined => {
  const m = /^#\/incident\/(INC-\d+)$/.exec(hash)
  if (m) return { view: 'incident', id: m[1] }
  const v = VIEWS.find((x) => x !== 'incident' && hash === `#/${x}`)
  return v ? { view: v, id: null } : undefined
}

export const hashFor = (view: View, id: string | null): string => (view === 'incident' && id ? `#/incident/${id}` : `#/${view}`)
