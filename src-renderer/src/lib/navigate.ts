import { nocStore } from '../store/store'
import type { IncidentFilters } from '../store/filters-slice'
import { hashFor, type View } from '../store/ui-slice'

/** Every screen has a bookmarkable hash, so a wall display's browser can start on the right one. */
export const navigate = (view: View, id: string | null = null): void => {
  const s = nocStore.getState()
  s.setView(view, view === 'incident' ? id : s.detailId)
  s.setHelpOpen(false)
  s.setPaletteOpen(false)
  const hash = hashFor(view, id)
  if (location.hash !== hash) history.pushState(null, '', `${location.search}${hash}`)
}

/** The incident queue filtered to one client (wall tile, heatmap cell), plus whatever the drill-down adds. */
export const openClientQueue = (clientId: string, extra: Partial<IncidentFilters> = {}): void => {
  const s = nocStore.getState()
  s.clearIncidentFilters()
  s.setIncidentFilters({ client: clientId, ...extra })
  s.selectIncident(null)
  navigate('incidents')
}

export const openIncident = (id: string): void => {
  nocStore.getState().selectIncident(id)
  navigate('incident', id)
}
