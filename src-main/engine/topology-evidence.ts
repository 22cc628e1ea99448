import type { Alert } from '@shared/model/alert'
import type { StateTables } from './state-tables'
import { relationOfNodes, type CompiledTopology } from './topology'

/**
 * When a topology edge is evidence. A dependency map says what *could* explain what; whether an upstream alert
 * does is a question of how it fails. An upstream alert explains its dependants' alerts when
 * - it is `critical` (the source says the thing is down, not merely unwell), or
 * - at least `MIN_DOWNSTREAM` distinct alerts below it began within the window of one of its status changes
 *   (several dependants failing together is what an upstream fault looks like).
 * A lone dependant alerting near a non-critical upstream alert (a fan tray on the core switch and, minutes later,
 * high CPU on one of the forty hosts behind it) is what background noise produces every hour: no evidence.
 */
export const MIN_DOWNSTREAM = 2

export interface TopoAlert {
  alert: Alert
  nodes: string[]
  /** When the alert's current firing began. */
  onset: number
}

/** Every status change of `a` on record (its first sighting and each change since). */
export const changeTimes = (s: StateTables, a: Alert): number[] => [a.firstSeen, ...(s.flaps.get(a.id) ?? [])]

/** Distinct alerts below `upper` whose onset lies within `windowMs` of one of `upper`'s status changes. */
export const downstreamNear = (s: StateTables, topo: CompiledTopology, upper: TopoAlert, pool: readonly TopoAlert[], windowMs: number): number => {
  const changes = changeTimes(s, upper.alert)
  const seen = new Set<number>()
  for (const x of pool) {
    if (x.alert.id === upper.alert.id || seen.has(x.alert.id)) continue
    if (relationOfNodes(topo, upper.nodes, x.nodes)?.direction !== 'upstream') continue
    if (changes.some((t) => Math.abs(t - x.onset) <= windowMs)) seen.add(x.alert.id)
  }
  return seen.size
}

export const explains = (s: StateTables, topo: CompiledTopology, upper: TopoAlert, pool: readonly TopoAlert[], windowMs: number): boolean =>
  upper.alert.severity === 'critical' || downstreamNear(s, topo, upper, pool, windowMs) >= MIN_DOWNSTREAM
