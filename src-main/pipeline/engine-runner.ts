import type { ConsoleConfig } from '@shared/model/config'
import type { IncidentAction } from '@shared/model/incident'
import type { ProblemAction } from '@shared/model/problem'
import { runProblemAction } from '../engine/problem-actions'
import { OBSERVED_FROM } from '../engine/rule-baseline'
import { buildState, includeRows, incidentOf, processChanges, pruneState, runAction, tick } from '../engine/incidents'
import type { AlertChange, EngineContext, EngineResult, EngineState } from '../engine/types'
import type { AlertsRepo } from '../store/alerts-repo'
import { applyDecisionsToStore, type AppliedChanges } from '../store/apply-decisions'
import type { EngineStateRepo } from '../store/engine-state-repo'
import type { IncidentsRepo } from '../store/incidents-repo'
import type { SeqCounter } from '../store/ingest-writer'
import { ContractError } from '@shared/api/errors'

export interface EngineRepos {
  alerts: AlertsRepo
  incidents: IncidentsRepo
  engine: EngineStateRepo
}

/**
 * Holds the engine's in-memory state between batches and runs the pure engine inside the caller's transaction.
 * The state advances only after COMMIT (`commit(next)`): a rolled-back batch leaves it as it was.
 */
export const createEngineRunner = (repos: EngineRepos, seq: SeqCounter, getConfig: () => ConsoleConfig, clock: () => number) => {
  const ctx = (): EngineContext => ({
    now: clock(),
    config: getConfig(),
    ids: {
      incident: () => `INC-${repos.incidents.nextNumber('incident')}`,
      problem: () => `PRB-${repos.incidents.nextNumber('problem')}`,
    },
  })

  /** Everything the engine must see (types.ts EngineState): live incidents, their links and alerts, open problems. */
  const load = (): EngineState => {
    const cfg = getConfig()
    const incidents = repos.incidents.live(clock() - cfg.correlation.reopenWindowMin * 60_000)
    const links = incidents.flatMap((i) => repos.incidents.links(i.id))
    const alerts = [...new Set(links.map((l) => l.alertId))].map((id) => repos.alerts.get(id)).filter((a) => a !== undefined)
    const live = new Set(incidents.map((i) => i.id))
    return buildState({
      incidents: incidents.map(({ seq: _s, ...draft }) => draft),
      links,
      alerts,
      problems: repos.engine.openProblems().map(({ seq: _s, ...p }) => p),
      flaps: repos.engine.flaps(),
      timers: repos.engine.timers().filter((t) => live.has(t.incidentId)),
      onsets: onsetsSince(clock() - cfg.correlation.crossClient.baselineHours * 3_600_000),
    })
  }

  /** The rules' onsets (each stored alert's first one) and where observation began: the baselines survive a restart. */
  const onsetsSince = (since: number): Record<string, number[]> => {
    const byRule = repos.engine.ruleOnsets(since)
    const first = Math.min(...Object.values(byRule).map((l) => l[0]))
    return Number.isFinite(first) ? { ...byRule, [OBSERVED_FROM]: [first] } : byRule
  }

  let state = load()

  const write = (r: EngineResult, into: AppliedChanges): EngineState => {
    applyDecisionsToStore(repos, seq, r.decisions, into)
    return r.state
  }

  /** Rows of an incident the in-memory state has pruned (closed, or resolved long ago), for operator actions. */
  const withIncident = (s: EngineState, id: string): EngineState => {
    if (incidentOf(s, id)) return s
    const inc = repos.incidents.get(id)
    if (!inc) return s
    const links = repos.incidents.links(id)
    const { seq: _s, ...draft } = inc
    return includeRows(s, { incidents: [draft], links, alerts: links.map((l) => repos.alerts.get(l.alertId)).filter((a) => a !== undefined) })
  }

  return {
    get state() {
      return state
    },
    commit(next: EngineState) {
      state = next
    },
    /** Alert changes of a batch → incidents. Call inside the batch transaction. */
    changes(from: EngineState, changes: AlertChange[], into: AppliedChanges): EngineState {
      if (!changes.length) return from
      return write(processChanges(from, changes, ctx()), into)
    },
    /** Timers that are due, business-hours priority changes. Call inside a transaction. */
    tick(from: EngineState, into: AppliedChanges): EngineState {
      const c = ctx()
      return pruneState(write(tick(from, c), into), c.now, c.config)
    },
    /** An operator action. Throws ContractError (404/409/400) on refusal; nothing is written then. */
    action(from: EngineState, action: IncidentAction, into: AppliedChanges): { state: EngineState; incidentId: string } {
      let s = from
      for (const id of action.type === 'merge' ? [action.into, action.from] : [action.id]) s = withIncident(s, id)
      const r = runAction(s, action, ctx())
      if (!r.ok) throw new ContractError(r.code === 'not-found' ? 404 : r.code === 'invalid-transition' ? 409 : 400, r.error, [])
      return { state: write(r, into), incidentId: r.incident.id }
    },
    /** An operator decision on a problem. Throws ContractError on refusal; nothing is written then. */
    problemAction(from: EngineState, action: ProblemAction, into: AppliedChanges): { state: EngineState; problemId: string } {
      const r = runProblemAction(from, action, ctx())
      if (!r.ok) throw new ContractError(r.code === 'not-found' ? 404 : r.code === 'invalid-transition' ? 409 : 400, r.error, [])
      return { state: write(r, into), problemId: r.problem.id }
    },
  }
}
export type EngineRunner = ReturnType<typeof createEngineRunner>
