/**
 * Feeds the tray from the hub: the active incidents once (`incidents.list`), then every delta's incidents.
 * Deltas that arrive while the list is in flight are kept and applied after it; tray-state's seq rule sorts
 * out which copy is newer.
 */
import type { Incident } from '@shared/model/incident'
import type { Hub } from '../app/hub'
import { createTrayModel, type TraySnapshot } from './tray-state'

type Log = (msg: string, err?: unknown) => void

/** Incidents of each pushed delta (the one place that knows how the hub hands out deltas). */
export const onIncidents = (hub: Pick<Hub, 'subscribe'>, cb: (incidents: readonly Incident[]) => void): (() => void) =>
  hub.subscribe((frame) => {
    const incidents = frame.delta.incidents
    if (incidents?.length) cb(incidents)
  })

export const startTrayFeed = async (hub: Pick<Hub, 'call' | 'subscribe'>, update: (s: TraySnapshot) => void, log: Log): Promise<() => void> => {
  const model = createTrayModel()
  let ready = false
  const early: (readonly Incident[])[] = []
  const off = onIncidents(hub, (incidents) => {
    if (!ready) return void early.push(incidents)
    model.apply(incidents)
    update(model.snapshot())
  })
  try {
    model.apply(await hub.call('incidents.list', { status: ['open', 'acknowledged'], limit: 5000 }))
  } catch (e) {
    log('tray: could not list the open incidents; counting from the next changes on', e)
  }
  for (const batch of early) model.apply(batch)
  ready = true
  update(model.snapshot())
  return off
}
