import type { ProblemAction, ProblemDraft } from '@shared/model/problem'
import type { ActionErrorCode, EngineContext, EngineResult, EngineState } from './types'
import { withWork, type Work } from './work'

/**
 * Operator decisions on a cross-client problem, as pure transitions; each is written to the timeline of every
 * incident it touches, with the actor.
 *
 * | action  | allowed on                              | result                                                          |
 * |---------|-----------------------------------------|-----------------------------------------------------------------|
 * | confirm | open, suspected or dismissed            | `confirmed` (operator evidence): blast-radius points apply; a   |
 * |         |                                         | dismissed one takes back its incidents that are in no problem   |
 * | dismiss | open, not already dismissed             | `dismissed`: incidents unlinked (no points), never linked to it |
 * |         |                                         | again; its key forms no new problem while it is open            |
 * | split   | open; the incidents are in it, and at   | they leave; if they span ≥ 2 clients they form a problem of     |
 * |         | least one stays                         | their own (same status and evidence, plus the split)            |
 */
export type ProblemActionResult =
  | ({ ok: true; problem: ProblemDraft; created?: ProblemDraft } & EngineResult)
  | { ok: false; code: ActionErrorCode; error: string }

const fail = (code: ActionErrorCode, error: string): ProblemActionResult => ({ ok: false, code, error })
const withNote = (text: string, note?: string) => (note ? `${text}: ${note}` : text)

const clientsOf = (w: Work, ids: readonly string[]) => [...new Set(ids.map((id) => w.incident(id)?.client).filter((c): c is string => !!c))].sort()

export const runProblemAction = (state: EngineState, action: ProblemAction, ctx: EngineContext): ProblemActionResult =>
  withWork(state, ctx, (w): ProblemActionResult => {
    const p = w.problem(action.id)
    if (!p) return fail('not-found', `problem ${action.id} not found (or resolved long ago)`)
    if (p.resolvedAt !== null) return fail('invalid-transition', `${p.id} is resolved; its incidents are no longer active`)
    const by = action.by
    const evidence = (text: string) => ({ kind: 'operator' as const, text, at: w.now, data: { by, action: action.type } })
    const logAll = (ids: readonly string[], text: string, data: Record<string, unknown> = {}) => {
      for (const id of ids) if (w.incident(id)) w.log(id, 'problem', text, { actor: by, data: { problemId: p.id, ...data } })
    }
    let created: ProblemDraft | undefined
    switch (action.type) {
      case 'confirm': {
        if (p.status === 'confirmed') return fail('invalid-transition', `${p.id} is already confirmed`)
        // A dismissed problem's incidents went back to no problem: those still there rejoin it.
        const back = p.status === 'dismissed' ? p.incidentIds.filter((id) => w.incident(id) && !w.incident(id)?.problemId) : []
        const excluded = p.status === 'dismissed' ? p.excluded.filter((id) => !back.includes(id)) : p.excluded
        const reason = `confirmed by ${by}: ${p.reason.replace(/^suspected: /, '').replace(/ \(usual for this rule\)$/, '')}`
        const next: ProblemDraft = { ...p, status: 'confirmed', reason, decidedBy: by, excluded, evidence: [...p.evidence, evidence(withNote(`confirmed by ${by}`, action.note))] }
        w.putProblem(next)
        for (const id of back) w.patchIncident(id, { problemId: p.id })
        logAll(next.incidentIds, withNote(`${p.id} confirmed by ${by}: it counts for the blast radius`, action.note), { status: 'confirmed' })
        break
      }
      case 'dismiss': {
        if (p.status === 'dismissed') return fail('invalid-transition', `${p.id} is already dismissed`)
        const linked = p.incidentIds.filter((id) => w.incident(id)?.problemId === p.id)
        const next: ProblemDraft = {
          ...p,
          status: 'dismissed',
          decidedBy: by,
          excluded: [...new Set([...p.excluded, ...p.incidentIds])],
          evidence: [...p.evidence, evidence(withNote(`dismissed by ${by}`, action.note))],
        }
        w.putProblem(next)
        for (const id of linked) w.patchIncident(id, { problemId: null })
        logAll(linked, withNote(`${p.id} dismissed by ${by}: not one problem; no blast-radius points`, action.note), { status: 'dismissed' })
        break
      }
      case 'split': {
        const ids = [...new Set(action.incidentIds)]
        const foreign = ids.filter((id) => !p.incidentIds.includes(id))
        if (foreign.length) return fail('invalid-input', `${foreign.join(', ')} ${foreign.length === 1 ? 'is' : 'are'} not in ${p.id}`)
        const stay = p.incidentIds.filter((id) => !ids.includes(id))
        if (stay.length === 0) return fail('invalid-transition', `splitting every incident out of ${p.id} leaves nothing; dismiss it instead`)
        const linked = ids.filter((id) => w.incident(id)?.problemId === p.id)
        const together = clientsOf(w, ids).length >= 2
        if (together) {
          const id = w.ctx.ids.problem()
          created = {
            ...p,
            id,
            key: `${p.key} (split ${id})`,
            reason: `split from ${p.id} by ${by}: ${p.reason}`,
            clients: clientsOf(w, ids),
            incidentIds: ids,
            openedAt: w.now,
            excluded: [],
            decidedBy: by,
            evidence: [...p.evidence, evidence(withNote(`split from ${p.id} by ${by}`, action.note))],
          }
          w.putProblem(created)
        }
        const next: ProblemDraft = {
          ...p,
          incidentIds: stay,
          clients: clientsOf(w, stay),
          excluded: [...new Set([...p.excluded, ...ids])],
          reason: p.reason.replace(/\d+ clients/, `${clientsOf(w, stay).length} clients`),
          evidence: [...p.evidence, evidence(withNote(`${ids.length} incident${ids.length === 1 ? '' : 's'} split out by ${by}`, action.note))],
        }
        w.putProblem(next)
        for (const id of linked) w.patchIncident(id, { problemId: created?.id ?? null })
        logAll(linked, withNote(created ? `moved out of ${p.id} into ${created.id} by ${by}` : `moved out of ${p.id} by ${by}`, action.note), {
          to: created?.id ?? null,
        })
        logAll(stay.filter((id) => w.incident(id)?.problemId === p.id), withNote(`${ids.length} incident${ids.length === 1 ? '' : 's'} split out of ${p.id} by ${by}`, action.note), {
          split: ids,
        })
        break
      }
    }
    const { decisions, state: next } = w.finish()
    return { ok: true, problem: w.problem(p.id) as ProblemDraft, ...(created ? { created: w.problem(created.id) } : {}), decisions, state: next }
  })
