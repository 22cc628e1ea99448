import type { Alert } from '@shared/model/alert'
import type { IncidentDraft, SimilarIncident } from '@shared/model/incident'

/**
 * Similar past incidents: closed incidents of the same client that share a rule or a resource with this one,
 * ranked by what they share and whether someone wrote down a cause or solution (that is what the operator
 * wants to read). The store preselects candidates (closed, same client, most recent few hundred).
 *
 * score = 3 × shared rules + 2 × shared resources + 1 × shared services + 2 if cause or solution recorded;
 * ties → most recently closed first.
 */
export type AlertScope = Pick<Alert, 'rule' | 'resource' | 'service'>

export interface IncidentWithAlerts {
  incident: IncidentDraft
  alerts: AlertScope[]
}

const scopeOf = (x: IncidentWithAlerts) => {
  const set = (xs: (string | null)[]) => new Set(xs.filter((v): v is string => !!v))
  return {
    rules: set([x.incident.rule, ...x.alerts.map((a) => a.rule)]),
    resources: set([x.incident.resource, ...x.alerts.map((a) => a.resource)]),
    services: set([x.incident.service, ...x.alerts.map((a) => a.service)]),
  }
}

const shared = (a: Set<string>, b: Set<string>): string[] => [...a].filter((v) => b.has(v)).sort()

export const similarIncidents = (target: IncidentWithAlerts, candidates: IncidentWithAlerts[], limit = 5): SimilarIncident[] => {
  const t = scopeOf(target)
  const ranked: SimilarIncident[] = []
  for (const c of candidates) {
    const inc = c.incident
    if (inc.id === target.incident.id || inc.client !== target.incident.client || inc.status !== 'closed' || inc.mergedInto) continue
    const s = scopeOf(c)
    const rules = shared(t.rules, s.rules)
    const resources = shared(t.resources, s.resources)
    if (rules.length === 0 && resources.length === 0) continue
    const services = shared(t.services, s.services)
    const learned = inc.cause !== null || inc.solution !== null
    ranked.push({
      id: inc.id,
      title: inc.title,
      closedAt: inc.closedAt,
      score: 3 * rules.length + 2 * resources.length + services.length + (learned ? 2 : 0),
      matched: [...rules.map((r) => `rule ${r}`), ...resources.map((r) => `resource ${r}`), ...services.map((r) => `service ${r}`)],
      cause: inc.cause,
      solution: inc.solution,
      tags: inc.tags,
    })
  }
  return ranked.sort((a, b) => b.score - a.score || (b.closedAt ?? 0) - (a.closedAt ?? 0)).slice(0, limit)
}
