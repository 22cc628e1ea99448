import { isActive, type IncidentAction, type IncidentDraft } from '@shared/model/incident'
import { mergeInto, mergeProblem, splitOut, splitProblem } from './merge'
import type { ActionErrorCode, ActionResult, EngineContext, EngineState } from './types'
import { withWork, type Work } from './work'

/**
 * Operator actions as pure transitions. Every accepted action writes the timeline with the actor and `now`;
 * a refused one changes nothing and says why. The transitions:
 *
 * | action   | allowed from                          | result                                                      |
 * |----------|---------------------------------------|-------------------------------------------------------------|
 * | ack      | open; acknowledged only if flagged    | acknowledged, acknowledgedAt=now, owner=owner ?? by,        |
 * |          | `worsened-while-acked` (re-ack)       | clears the flag; `timeoutMin` schedules an ack expiry        |
 * | unack    | acknowledged                          | open (owner kept)                                           |
 * | assign   | any but closed                        | owner=to (null unassigns)                                   |
 * | note     | any, closed included (post-mortems)   | timeline only                                               |
 * | escalate | open, acknowledged                    | escalationLevel+1                                           |
 * | resolve  | open, acknowledged; resolved (only to | resolved, resolvedAt=now, cause/solution/tags recorded,     |
 * |          | record cause/solution/tags)           | even with alerts still firing (the timeline says how many)  |
 * | close    | resolved                              | closed. Not from open/acknowledged: closing would hide      |
 * |          |                                       | firing alerts; resolve first (one more keystroke)           |
 * | reopen   | resolved, closed (not merged-away)    | open; resolvedAt/closedAt/acknowledgedAt cleared            |
 * | merge    | both not closed, same client          | `from` closed with mergedInto, its alerts move to `into`    |
 * | split    | not closed, ≥ 2 alerts                | the alert moves to a new open incident                      |
 */

const fail = (code: ActionErrorCode, error: string): ActionResult => ({ ok: false, code, error })

const withNote = (text: string, note?: string): string => (note ? `${text}: ${note}` : text)

export const runAction = (state: EngineState, action: IncidentAction, ctx: EngineContext): ActionResult =>
  withWork(state, ctx, (w): ActionResult => {
    const result = apply(w, action)
    // A refusal returns before finishing: withWork undoes whatever was written.
    if (typeof result !== 'string') return result
    const { decisions, state: next } = w.finish()
    return { ok: true, incident: w.incident(result) as IncidentDraft, decisions, state: next }
  })

/** Returns the id of the incident to answer with, or a refusal. */
const apply = (w: Work, a: IncidentAction): string | ActionResult => {
  if (a.type === 'merge') {
    const why = mergeProblem(w.incident(a.into), w.incident(a.from), a)
    if (why) return fail(why.endsWith('not found') ? 'not-found' : 'invalid-transition', why)
    mergeInto(w, a.into, a.from, a.by)
    return a.into
  }
  const inc = w.incident(a.id)
  if (!inc) return fail('not-found', `incident ${a.id} not found`)
  const by = a.by
  const opts = { actor: by }
  const refuse = (error: string) => fail('invalid-transition', error)

  switch (a.type) {
    case 'ack': {
      const reack = inc.status === 'acknowledged' && inc.flags.includes('worsened-while-acked')
      if (inc.status !== 'open' && !reack)
        return refuse(inc.status === 'acknowledged' ? `${inc.id} is already acknowledged${inc.owner ? ` (owner ${inc.owner})` : ''}` : `${inc.id} is ${inc.status}; only open incidents can be acknowledged`)
      w.patchIncident(inc.id, { status: 'acknowledged', acknowledgedAt: w.now, owner: inc.owner ?? by, flags: inc.flags.filter((f) => f !== 'worsened-while-acked') })
      const timeout = a.timeoutMin ? ` for ${a.timeoutMin} min` : ''
      w.log(inc.id, 'ack', withNote(`${reack ? 're-acknowledged' : 'acknowledged'} by ${by}${timeout}`, a.note), { ...opts, data: a.timeoutMin ? { timeoutMin: a.timeoutMin } : undefined })
      w.setTimer(inc.id, 'ack-expire', a.timeoutMin ? w.now + a.timeoutMin * 60_000 : null)
      return inc.id
    }
    case 'unack':
      if (inc.status !== 'acknowledged') return refuse(`${inc.id} is ${inc.status}, not acknowledged`)
      w.patchIncident(inc.id, { status: 'open', acknowledgedAt: null })
      w.log(inc.id, 'unack', withNote(`acknowledgement withdrawn by ${by}`, a.note), opts)
      return inc.id
    case 'assign':
      if (inc.status === 'closed') return refuse(`${inc.id} is closed`)
      if (inc.owner === a.to) return refuse(a.to ? `${inc.id} is already assigned to ${a.to}` : `${inc.id} has no owner`)
      w.patchIncident(inc.id, { owner: a.to })
      w.log(inc.id, 'assign', a.to ? `assigned to ${a.to} by ${by}` : `unassigned by ${by} (was ${inc.owner})`, { ...opts, data: { from: inc.owner, to: a.to } })
      return inc.id
    case 'note':
      w.log(inc.id, 'note', a.text, opts)
      w.touch(inc.id)
      return inc.id
    case 'escalate': {
      if (!isActive(inc.status)) return refuse(`${inc.id} is ${inc.status}; only open or acknowledged incidents can be escalated`)
      const level = inc.escalationLevel + 1
      w.patchIncident(inc.id, { escalationLevel: level })
      w.log(inc.id, 'escalate', withNote(`escalated to level ${level} by ${by}`, a.note), { ...opts, data: { level } })
      return inc.id
    }
    case 'resolve':
    case 'close': {
      const record = { cause: a.cause ?? inc.cause, solution: a.solution ?? inc.solution, tags: a.tags ?? inc.tags }
      const learned = [a.cause && `cause: ${a.cause}`, a.solution && `solution: ${a.solution}`, a.tags?.length && `tags: ${a.tags.join(', ')}`].filter(Boolean).join('; ')
      const gave = a.cause !== undefined || a.solution !== undefined || a.tags !== undefined
      if (a.type === 'close') {
        if (inc.status !== 'resolved') return refuse(inc.status === 'closed' ? `${inc.id} is already closed` : `${inc.id} is ${inc.status}; resolve it before closing (closing would hide its alerts)`)
        w.patchIncident(inc.id, { ...record, status: 'closed', closedAt: w.now })
        w.log(inc.id, 'close', withNote(`closed by ${by}`, learned), opts)
        return inc.id
      }
      if (inc.status === 'closed') return refuse(`${inc.id} is closed; add a note instead`)
      if (inc.status === 'resolved') {
        if (!gave) return refuse(`${inc.id} is already resolved`)
        w.patchIncident(inc.id, record)
        w.log(inc.id, 'resolve', withNote(`resolution recorded by ${by}`, learned), opts)
        return inc.id
      }
      const firing = w.firingCount(inc.id)
      w.patchIncident(inc.id, { ...record, status: 'resolved', resolvedAt: w.now })
      const still = firing ? ` (${firing} alert${firing === 1 ? '' : 's'} still firing)` : ''
      w.log(inc.id, 'resolve', withNote(`resolved by ${by}${still}`, learned), { ...opts, data: { stillFiring: firing } })
      return inc.id
    }
    case 'reopen':
      if (isActive(inc.status)) return refuse(`${inc.id} is ${inc.status}; only resolved or closed incidents can be re-opened`)
      if (inc.mergedInto) return refuse(`${inc.id} was merged into ${inc.mergedInto}; re-open that one`)
      w.patchIncident(inc.id, { status: 'open', resolvedAt: null, closedAt: null, acknowledgedAt: null })
      w.log(inc.id, 'reopen', withNote(`re-opened by ${by}`, a.note), opts)
      return inc.id
    case 'split': {
      const why = splitProblem(inc, inc.id, a.alertId, w.members(inc.id).map((m) => m.alert.id))
      if (why) return refuse(why)
      splitOut(w, inc.id, a.alertId, by)
      return inc.id
    }
  }
}
