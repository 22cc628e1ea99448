/**
 * The incident engine's entry points. All pure: state + input + context in, `{ decisions, state }` out.
 *
 * How the writer drives it (pipeline/engine-runner.ts, inside one group-commit transaction per batch):
 *   const r = processChanges(state, changes, { now, config, ids })
 *   applyDecisionsToStore(repos, seq, r.decisions)   // same transaction as the batch's alert rows
 *   state = r.state            // adopted after COMMIT; a rolled-back batch keeps the old one
 * and on every tick (the writer's ticker, `tickMs`, 1 s by default; tests call it with an injected clock):
 * `tick(state, ctx)` then `pruneState`; for operator actions: `runAction(state, action, ctx)`.
 *
 * Cost: a call costs what it changes — per alert change a few index lookups and O(1) per touched incident
 * (state-tables.ts, indexes.ts), not a pass over the state — and leaves its input state valid (a rolled-back batch just
 * keeps using it). The exceptions are bounded by the data, not the state: topology clients' alerts scan their
 * client's open incidents, merges and splits walk the incidents they move, a tick checks every open incident.
 */
import { processChange, processTimers } from './lifecycle'
import type { AlertChange, EngineContext, EngineResult, EngineState } from './types'
import { withWork } from './work'

export { runAction } from './actions'
export { similarIncidents } from './similar'
export { applyDecisions, buildState, currentIncidentOf, emptyState, includeRows, incidentOf, membersOf, pruneState } from './state'
export type * from './types'

/** Alert changes of one ingest batch, in order; each sees the effect of the ones before. */
export const processChanges = (state: EngineState, changes: AlertChange[], ctx: EngineContext): EngineResult =>
  withWork(state, ctx, (w) => {
    for (const change of changes) {
      processChange(w, change)
      w.settle()
    }
    return w.finish()
  })

/** Due timers and clock-driven priority changes (business hours). */
export const tick = (state: EngineState, ctx: EngineContext): EngineResult =>
  withWork(state, ctx, (w) => {
    processTimers(w)
    return w.finish()
  })
