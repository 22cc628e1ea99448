import type { Incident } from '@shared/model/incident'
import type { Problem } from '@shared/model/problem'
import type { Decision } from '../engine/types'
import type { EngineStateRepo } from './engine-state-repo'
import type { IncidentsRepo } from './incidents-repo'
import type { SeqCounter } from './ingest-writer'

export interface AppliedChanges {
  incidents: Map<string, Incident>
  problems: Map<string, Problem>
}

export const emptyApplied = (): AppliedChanges => ({ incidents: new Map(), problems: new Map() })

/** Write the engine's decisions, in order, inside the caller's transaction; collect what consoles must be told. */
export const applyDecisionsToStore = (
  repos: { incidents: IncidentsRepo; engine: EngineStateRepo },
  seq: SeqCounter,
  decisions: Decision[],
  into: AppliedChanges = emptyApplied(),
): AppliedChanges => {
  // Incidents whose only change is a timeline entry (a note, a notification record): bump their seq so every
  // console — not only the one that acted — hears that the incident changed and refreshes its detail.
  const noted = new Set<string>()
  for (const d of decisions) {
    switch (d.kind) {
      case 'put-problem':
        into.problems.set(d.problem.id, repos.engine.putProblem(d.problem, seq.next()))
        break
      case 'put-incident':
        into.incidents.set(d.incident.id, repos.incidents.put(d.incident, seq.next()))
        break
      case 'drop-link':
        repos.incidents.dropLink(d.incidentId, d.alertId)
        break
      case 'put-link':
        repos.incidents.putLink(d.link)
        break
      case 'timeline':
        repos.incidents.addTimeline(d.entry)
        noted.add(d.entry.incidentId)
        break
      case 'timer':
        repos.engine.setTimer(d.incidentId, d.what, d.dueAt)
        break
      case 'flap-history':
        repos.engine.setFlaps(d.alertId, d.transitions)
        break
    }
  }
  for (const id of noted) {
    if (into.incidents.has(id)) continue
    const touched = repos.incidents.touch(id, seq.next())
    if (touched) into.incidents.set(id, touched)
  }
  return into
}
