import { isActive } from '@shared/model/incident'
import { transport } from '../../api/instance'
import { openIncident } from '../../lib/navigate'
import { nocStore } from '../../store/store'

/**
 * Enter / double-click on an alert: open the incident it belongs to. The hub knows the membership
 * (`alerts.links`, most recent first); an active incident the console holds wins over an older, closed one.
 */
export const openAlertIncident = async (alertId: number): Promise<void> => {
  const s = nocStore.getState()
  try {
    const links = await transport().call('alerts.links', { id: alertId })
    const held = nocStore.getState().incidentsById
    const best = links.find((l) => held[l.incidentId] && isActive(held[l.incidentId].status)) ?? links[0]
    if (!best) return s.notify(`Alert ${alertId} is not part of an incident yet.`, 'error')
    const target = held[best.incidentId]?.mergedInto ?? best.incidentId
    openIncident(target)
  } catch (e) {
    s.notify(`Could not find the incident of alert ${alertId}: ${(e as Error).message}`, 'error')
  }
}
