import type { AlertRole } from '@shared/model/incident'
import { profileOf } from './priority'
import { compileTopology, nodesOf, relationOfNodes } from './topology'
import { alertName, isFiring, type Work } from './work'

/**
 * Roles inside one incident follow the client's topology: an alert with an upstream alert in the same incident
 * is a symptom; one with only downstream alerts is the root cause; the rest are members. Recomputed whenever
 * membership changes, so a parent arriving after its children relabels them (and a split relabels back).
 */
export const refreshRoles = (w: Work, incidentId: string): void => {
  const inc = w.incident(incidentId)
  if (!inc) return
  const topo = compileTopology(profileOf(w.config, inc.client).topology)
  if (topo.nodes.length === 0) return
  const members = w.members(incidentId)
  // Each member's topology nodes once, not once per pair.
  const nodes = members.map((m) => nodesOf(topo, m.alert))
  for (const [i, m] of members.entries()) {
    let parent: { name: string; upper: string; lower: string } | null = null
    let hasChild = false
    for (const [j, o] of members.entries()) {
      if (o === m) continue
      const r = o.alert.id === m.alert.id ? null : relationOfNodes(topo, nodes[j], nodes[i])
      if (r?.direction === 'upstream' && !parent) parent = { name: alertName(o.alert), upper: r.upper, lower: r.lower }
      if (r?.direction === 'downstream') hasChild = true
    }
    const role: AlertRole = parent ? 'symptom' : hasChild ? 'root-cause' : 'member'
    if (role === m.link.role) continue
    w.putLink({ ...m.link, role })
    const text =
      role === 'symptom' && parent
        ? `alert ${alertName(m.alert)} is now a symptom of ${parent.name} (${parent.upper} → ${parent.lower})`
        : role === 'root-cause'
          ? `alert ${alertName(m.alert)} is now the root cause`
          : `alert ${alertName(m.alert)} is now a member (no topology relation left in this incident)`
    w.log(incidentId, 'role-changed', text, { data: { alertId: m.alert.id, from: m.link.role, to: role } })
  }
}

/**
 * A firing root cause names the incident once one is known. Only a firing one: a root cause that already cleared
 * does not describe what is wrong now, and the title never comes from a clear (dedup keeps an alert's summary from
 * its fires, so "RESOLVED: …" texts never reach it either).
 */
export const retitleFromRoot = (w: Work, incidentId: string): void => {
  const root = w.members(incidentId).find((m) => m.link.role === 'root-cause' && isFiring(m.alert))
  const inc = w.incident(incidentId)
  if (!root || !inc) return
  const title = (root.alert.summary || root.alert.rule).slice(0, 300)
  if (inc.title === title && inc.rule === root.alert.rule) return
  w.patchIncident(incidentId, { title, rule: root.alert.rule, service: root.alert.service, resource: root.alert.resource })
}
