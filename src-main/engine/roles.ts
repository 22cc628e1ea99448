import { clientProfile } from '@shared/model/config'
import type { AlertRole } from '@shared/model/incident'
import { compileTopology, relation } from './topology'
import { alertName, type Work } from './work'

/**
 * Roles inside one incident follow the client's topology: an alert with an upstream alert in the same incident
 * is a symptom; one with only downstream alerts is the root cause; the rest are members. Recomputed whenever
 * membership changes, so a parent arriving after its children relabels them (and a split relabels back).
 */
export const refreshRoles = (w: Work, incidentId: string): void => {
  const inc = w.incident(incidentId)
  if (!inc) return
  const topo = compileTopology(clientProfile(w.config, inc.client).topology)
  if (topo.nodes.length === 0) return
  const members = w.members(incidentId)
  for (const m of members) {
    let parent: { name: string; upper: string; lower: string } | null = null
    let hasChild = false
    for (const o of members) {
      if (o === m) continue
      const r = relation(topo, o.alert, m.alert)
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

/** The root cause's scope names the incident once one is known. */
export const retitleFromRoot = (w: Work, incidentId: string): void => {
  const root = w.members(incidentId).find((m) => m.link.role === 'root-cause')
  const inc = w.incident(incidentId)
  if (!root || !inc) return
  const title = (root.alert.summary || root.alert.rule).slice(0, 300)
  if (inc.title === title && inc.rule === root.alert.rule) return
  w.patchIncident(incidentId, { title, rule: root.alert.rule, service: root.alert.service, resource: root.alert.resource })
}
