import type { Alert } from '@shared/model/alert'
import type { IncidentDraft } from '@shared/model/incident'
import { incidentPriority, profileOf } from './priority'
import type { Work } from './work'

/** A fresh incident opened by `alert`; derived fields are filled in by settle(). */
export const newIncidentDraft = (w: Work, id: string, alert: Alert): IncidentDraft => {
  const priorityBreakdown = incidentPriority({
    profile: profileOf(w.config, alert.client),
    severity: alert.severity,
    alerts: [alert],
    blastClients: 1,
    now: w.now,
    config: w.config,
  })
  return {
    id,
    client: alert.client,
    title: (alert.summary || alert.rule).slice(0, 300),
    status: 'open',
    priority: priorityBreakdown.priority,
    priorityBreakdown,
    severity: alert.severity,
    openedAt: w.now,
    acknowledgedAt: null,
    resolvedAt: null,
    closedAt: null,
    owner: null,
    escalationLevel: 0,
    alertCount: 1,
    problemId: null,
    mergedInto: null,
    flags: [],
    service: alert.service,
    resource: alert.resource,
    rule: alert.rule,
    cause: null,
    solution: null,
    tags: [],
  }
}
