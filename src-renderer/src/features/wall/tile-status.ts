import type { Client } from '@shared/model/client'
import { OPEN_SEVERITIES, SEVERITY_LABEL } from '../../components/severity'
import { openTotal } from '../../store/feed'
import type { ClientIncidents } from '../../store/incident-order'

/**
 * What a wall tile says about its client, from BOTH things it shows: firing alerts (the client's open counts) and
 * active incidents (the P1/P2 chips, the same incidents the queue lists). Deriving the words from the alerts alone
 * made a tile say "All clear" under a "P1 ×1" chip whenever an incident was still open with nothing firing — in
 * its resolve hold, re-opened by an operator, or holding an alert that fires at `ok` — while the queue showed it
 * open. "All clear" now means: nothing firing and no incident open or acknowledged.
 */
export type TileState = 'alerting' | 'recovering' | 'clear'

export interface TileStatus {
  state: TileState
  /** The status line. */
  text: string
  /** The same in words for the tile's accessible name. */
  spoken: string
}

export const activeIncidents = (i: ClientIncidents | undefined): number => (i ? i.active.P1 + i.active.P2 + i.active.P3 + i.active.P4 : 0)

export const tileStatus = (client: Client, incidents: ClientIncidents | undefined): TileStatus => {
  const firing = openTotal(client)
  if (firing > 0 && client.worst !== 'ok') {
    return {
      state: 'alerting',
      text: `${SEVERITY_LABEL[client.worst]} · ${firing} open`,
      spoken: OPEN_SEVERITIES.filter((s) => (client.open[s] ?? 0) > 0).map((s) => `${client.open[s]} ${SEVERITY_LABEL[s].toLowerCase()}`).join(', '),
    }
  }
  const open = activeIncidents(incidents)
  if (open > 0) {
    return { state: 'recovering', text: `Recovering · ${open} open`, spoken: `nothing firing, ${open} incident${open === 1 ? '' : 's'} still open` }
  }
  return { state: 'clear', text: 'All clear', spoken: 'all clear' }
}
