import '../alerts/alerts.css'
import './incidents.css'
import { useEffect, useMemo, useState } from 'react'
import type { SortingState } from '@tanstack/react-table'
import { useCommand } from '../../keyboard/commands'
import { keyHint } from '../../keyboard/keymap'
import { useNow } from '../../lib/use-now'
import { filterIncidents, queueRows, sortIncidents } from '../../store/incident-selectors'
import { nocStore, useNoc } from '../../store/store'
import { IncidentFilterBar } from './incident-filters'
import { IncidentTable } from './incident-table'
import { useIncidentCommands } from './use-incident-commands'

/** The marked incidents that are still shown, else the selected one. */
const queueTargets = (): string[] => {
  const s = nocStore.getState()
  if (s.marked.length) return s.marked.filter((id) => s.incidentsById[id])
  return s.selectedIncidentId && s.incidentsById[s.selectedIncidentId] ? [s.selectedIncidentId] : []
}

export const IncidentsView = () => {
  const incidentsById = useNoc((s) => s.incidentsById)
  // Updated in place; the version says when (see store/feed.ts commit).
  const incidentsVersion = useNoc((s) => s.incidentsVersion)
  const incidentIds = useNoc((s) => s.incidentIds)
  const clientOrder = useNoc((s) => s.clientOrder)
  const synced = useNoc((s) => s.synced || s.seq >= 0)
  const marked = useNoc((s) => s.marked)
  // Applied in the same render as the keystroke: a filter over 10 k incidents costs ~2 ms, and a deferred
  // second render would cost the operator a frame or two before the list answers.
  const filters = useNoc((s) => s.incidentFilters)
  const [sorting, setSorting] = useState<SortingState>([])
  // The time-range filter reads "now" for incidents still going; a minute's precision is plenty.
  const minute = useNow(60_000)

  const filtered = useMemo(() => filterIncidents({ incidentsById, incidentIds }, filters, minute), [incidentsById, incidentsVersion, incidentIds, filters, minute]) // eslint-disable-line react-hooks/exhaustive-deps
  const sorted = useMemo(() => sortIncidents(filtered, sorting), [filtered, sorting])
  const rows = useMemo(() => queueRows(sorted, filters.groupByClient, clientOrder), [sorted, filters.groupByClient, clientOrder])

  useIncidentCommands(queueTargets)
  useCommand('incident.mark', () => {
    const s = nocStore.getState()
    if (s.selectedIncidentId) s.toggleMark(s.selectedIncidentId)
  })
  useCommand('incident.markAll', () => {
    const s = nocStore.getState()
    s.setMarked(s.marked.length ? [] : sorted.map((i) => i.id))
  })
  useCommand('filter.group', () => {
    const s = nocStore.getState()
    s.setIncidentFilters({ groupByClient: !s.incidentFilters.groupByClient })
  })
  useCommand('escape', () => {
    const s = nocStore.getState()
    if (s.marked.length) s.setMarked([])
    else if (s.selectedIncidentId) s.selectIncident(null)
  })

  // Marks of incidents that left the store (pruned) are dropped, so a bulk action never targets a ghost.
  useEffect(() => {
    const s = nocStore.getState()
    const live = s.marked.filter((id) => incidentsById[id])
    if (live.length !== s.marked.length) s.setMarked(live)
  }, [incidentsById, incidentsVersion])

  // From the per-client summaries the store keeps anyway: no pass over 10 k incidents per delta.
  const activeTotal = useNoc((s) => {
    let n = 0
    for (const c of Object.values(s.incidentsByClient)) n += c.active.P1 + c.active.P2 + c.active.P3 + c.active.P4
    return n
  })
  const emptyText = !synced
    ? 'Loading incidents…'
    : incidentIds.length === 0
      ? 'No incidents. New ones appear here as alerts arrive.'
      : filters.status === 'active' && activeTotal === 0
        ? 'Nothing needs attention: no open or acknowledged incidents.'
        : 'No incident matches these filters.'

  return (
    <section className="incidents-view" aria-label="Incident queue">
      <IncidentFilterBar shown={sorted.length} total={incidentIds.length} />
      {marked.length > 0 && (
        <div className="bulk-bar" role="status">
          <strong>{marked.length} marked</strong>
          <span>
            <kbd>{keyHint('incident.ack')}</kbd> ack · <kbd>{keyHint('incident.escalate')}</kbd> escalate · <kbd>{keyHint('incident.resolve')}</kbd> resolve ·{' '}
            <kbd>{keyHint('incident.note')}</kbd> note · <kbd>{keyHint('incident.take')}</kbd> take · <kbd>Esc</kbd> clear marks
          </span>
        </div>
      )}
      <IncidentTable rows={rows} sorting={sorting} onSortingChange={setSorting} emptyText={emptyText} />
    </section>
  )
}
