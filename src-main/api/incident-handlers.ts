import type { IncidentDetail, OutputOf, ParsedInputOf } from '@shared/api/contract'
import type { IncidentAction } from '@shared/model/incident'
import { similarIncidents } from '../engine/incidents'
import type { Core } from '../app/compose'
import { notFound } from '@shared/api/errors'

type ActionMethod = 'incidents.ack' | 'incidents.unack' | 'incidents.assign' | 'incidents.note' | 'incidents.escalate' | 'incidents.resolve' | 'incidents.close' | 'incidents.reopen' | 'incidents.split'

/** `incidents.ack` → `{ type: 'ack', ...input }`: the contract's action methods map 1:1 onto engine actions. */
const actionHandler =
  <M extends ActionMethod>(core: Core, type: IncidentAction['type']) =>
  (input: ParsedInputOf<M>): Promise<OutputOf<M>> =>
    core.write.act({ ...(input as object), type } as IncidentAction) as Promise<OutputOf<M>>

export const incidentDetail = (core: Core, id: string): IncidentDetail => {
  const incident = core.repos.incidents.get(id)
  if (!incident) throw notFound(`incident ${id}`)
  const links = core.repos.incidents.links(id)
  const alerts = links.flatMap((link) => {
    const a = core.repos.alerts.get(link.alertId)
    return a ? [{ ...a, link }] : []
  })
  const problem = incident.problemId ? (core.repos.engine.problem(incident.problemId) ?? null) : null
  const withAlerts = (i: typeof incident, as: { rule: string; resource: string | null; service: string | null }[]) => ({ incident: i, alerts: as })
  const scopes = core.repos.incidents.closedScopesOfClient(incident.client)
  const candidates = core.repos.incidents
    .closedOfClient(incident.client)
    .filter((c) => c.id !== id)
    .map((c) => withAlerts(c, scopes.get(c.id) ?? []))
  return {
    incident,
    alerts,
    timeline: core.repos.incidents.timeline(id),
    problem,
    similar: similarIncidents(withAlerts(incident, alerts), candidates),
  }
}

export const incidentHandlers = (core: Core) => ({
  'incidents.list': (input: ParsedInputOf<'incidents.list'>) => core.repos.incidents.list(input),
  'incidents.get': (input: ParsedInputOf<'incidents.get'>) => incidentDetail(core, input.id),
  'incidents.ack': actionHandler<'incidents.ack'>(core, 'ack'),
  'incidents.unack': actionHandler<'incidents.unack'>(core, 'unack'),
  'incidents.assign': actionHandler<'incidents.assign'>(core, 'assign'),
  'incidents.note': actionHandler<'incidents.note'>(core, 'note'),
  'incidents.escalate': actionHandler<'incidents.escalate'>(core, 'escalate'),
  'incidents.resolve': actionHandler<'incidents.resolve'>(core, 'resolve'),
  'incidents.close': actionHandler<'incidents.close'>(core, 'close'),
  'incidents.reopen': actionHandler<'incidents.reopen'>(core, 'reopen'),
  'incidents.split': actionHandler<'incidents.split'>(core, 'split'),
  'incidents.merge': (input: ParsedInputOf<'incidents.merge'>) => core.write.act({ ...input, type: 'merge' }),
  'problems.list': (input: ParsedInputOf<'problems.list'>) => core.repos.engine.problems(core.clock() - input.resolvedWithinMin * 60_000),
  'problems.confirm': (input: ParsedInputOf<'problems.confirm'>) => core.write.actProblem({ ...input, type: 'confirm' }),
  'problems.dismiss': (input: ParsedInputOf<'problems.dismiss'>) => core.write.actProblem({ ...input, type: 'dismiss' }),
  'problems.split': (input: ParsedInputOf<'problems.split'>) => core.write.actProblem({ ...input, type: 'split' }),
})
