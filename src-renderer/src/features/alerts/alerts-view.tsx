import './alerts.css'
import { useMemo } from 'react'
import { filterAlertIds } from '../../store/selectors'
import { useNoc } from '../../store/store'
import { AlertFilters } from './alert-filters'
import { AlertTable } from './alert-table'

export const AlertsView = () => {
  const alertsById = useNoc((s) => s.alertsById)
  // alertsById is updated in place; its version says when (see store/feed.ts commit).
  const alertsVersion = useNoc((s) => s.alertsVersion)
  const firingIds = useNoc((s) => s.firingIds)
  const resolvedIds = useNoc((s) => s.resolvedIds)
  const synced = useNoc((s) => s.synced || s.seq >= 0)
  const load = useNoc((s) => s.alertLoad)
  // Applied in the same render as the keystroke: rows carry their search text, so 100 k rows filter in ~10 ms;
  // a deferred second render would cost a frame or two before the table answers.
  const filters = useNoc((s) => s.filters)

  const data = useMemo(
    () => filterAlertIds({ alertsById, firingIds, resolvedIds }, filters),
    [alertsById, alertsVersion, firingIds, resolvedIds, filters], // eslint-disable-line react-hooks/exhaustive-deps
  )
  const total = filters.status === 'firing' ? firingIds.length : filters.status === 'resolved' ? resolvedIds.length : firingIds.length + resolvedIds.length
  const loading = load.state === 'loading'
  const emptyText = !synced || (loading && total === 0)
    ? 'Loading alerts…'
    : total === 0
      ? filters.status === 'firing'
        ? 'Nothing is firing. New alerts appear here as they arrive.'
        : 'No alerts in this list.'
      : 'No alert matches these filters.'

  return (
    <section className="alerts-view" aria-label="Alerts">
      <AlertFilters shown={data.length} total={total} loading={loading ? load : null} />
      <AlertTable ids={data} emptyText={emptyText} />
    </section>
  )
}
