import type { OutputOf, ParsedInputOf } from '@shared/api/contract'
import type { Core } from '../app/compose'
import { consoleQueries, type ConsoleQueries } from '../store/console-queries'
import { notFound } from '@shared/api/errors'

// Statements are prepared once per database, not per call.
const queriesByCore = new WeakMap<Core, ConsoleQueries>()
const queries = (core: Core): ConsoleQueries => {
  let q = queriesByCore.get(core)
  if (!q) queriesByCore.set(core, (q = consoleQueries(core.db)))
  return q
}

/**
 * The console's fast first view (contract `snapshot.head`, `alerts.rows`) and "open the alert's incident"
 * (`alerts.links`). Reads only; `snapshot.get` stays for scripts and older consoles.
 */
export const consoleHandlers = (core: Core) => ({
  'snapshot.head': (input: ParsedInputOf<'snapshot.head'>): OutputOf<'snapshot.head'> => {
    const since = core.clock() - input.resolvedWithinMin * 60_000
    // seq first: everything read below is at least this new, and deltas after it reach the console anyway.
    const seq = core.seq.current
    return {
      seq,
      demo: core.demo,
      clients: core.clients.all(),
      incidents: core.repos.incidents.live(since),
      problems: core.repos.engine.problems(since),
      alerts: queries(core).alertTotals(since),
    }
  },
  'alerts.rows': (input: ParsedInputOf<'alerts.rows'>): OutputOf<'alerts.rows'> =>
    queries(core).alertRows({ after: input.after, limit: input.limit, since: core.clock() - input.resolvedWithinMin * 60_000, seq: core.seq.current }),
  'alerts.links': (input: ParsedInputOf<'alerts.links'>): OutputOf<'alerts.links'> => {
    if (!core.repos.alerts.get(input.id)) throw notFound(`alert ${input.id}`)
    return core.repos.incidents.linksOfAlert(input.id).sort((a, b) => b.joinedAt - a.joinedAt || b.incidentId.localeCompare(a.incidentId))
  },
})
