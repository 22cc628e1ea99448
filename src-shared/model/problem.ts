import { z } from 'zod'

/**
 * A root cause shared by several clients' incidents (cross-client blast radius). How the engine decides one is
 * real (engine/cross-client.ts): a shared upstream — `provider`, `upstream`, `isp`, `carrier`, `region`,
 * `cloud-region` labels folded into one key, or a client topology edge from such a node — among ≥ N clients close
 * in time; or the same rule across ≥ N clients in a short window *and* far above that rule's own cross-client
 * rate. Anything weaker is at most `suspected`: shown as such, worth no priority points.
 * (Not to be confused with `problem-issue.ts`, which holds validation-error shapes.)
 */
export const ProblemId = z.string().regex(/^PRB-\d+$/)

/** `suspected`: the engine saw a coincidence, not evidence. `dismissed`: an operator said it is not one problem. */
export const ProblemStatus = z.enum(['suspected', 'confirmed', 'dismissed'])
export type ProblemStatus = z.infer<typeof ProblemStatus>

/** One reason to believe (or not) that the incidents share a cause, in the engine's or an operator's words. */
export const ProblemEvidence = z.object({
  kind: z.enum(['upstream', 'topology', 'same-rule', 'operator']),
  text: z.string(),
  at: z.number(),
  data: z.record(z.string(), z.unknown()).nullable().default(null),
})
export type ProblemEvidence = z.infer<typeof ProblemEvidence>

export const Problem = z.object({
  id: ProblemId,
  /** What the incidents share: `upstream=isp-colt` (any upstream alias) or `rule=NodeDown`. Unique among open problems. */
  key: z.string(),
  kind: z.enum(['label', 'rule']),
  /** e.g. "upstream `isp-colt` shared by 3 clients' incidents within 5 min". */
  reason: z.string(),
  clients: z.array(z.string()),
  incidentIds: z.array(z.string()),
  openedAt: z.number(),
  /** Set when every linked incident is resolved or closed; cleared if one re-opens. */
  resolvedAt: z.number().nullable(),
  seq: z.number().int(),
  status: ProblemStatus.default('confirmed'),
  /** Why it is (or is not) believed, newest last. */
  evidence: z.array(ProblemEvidence).default([]),
  /** Incidents an operator moved out (split, dismiss): never linked to this problem again. */
  excluded: z.array(z.string()).default([]),
  /** Who last confirmed or dismissed it. */
  decidedBy: z.string().nullable().default(null),
})
export type Problem = z.infer<typeof Problem>

export const ProblemDraft = Problem.omit({ seq: true })
export type ProblemDraft = z.infer<typeof ProblemDraft>

/** Blast-radius points come only from problems with evidence (or an operator's word). */
export const countsForBlast = (p: Pick<ProblemDraft, 'status'> | undefined): boolean => p?.status === 'confirmed'

// ---- operator actions (POST /api/v1/problems/:id/<action>) ----

const by = z.string().trim().min(1).max(200)
const note = z.string().trim().max(10_000).optional()
export const ProblemConfirmInput = z.object({ id: ProblemId, by, note })
export const ProblemDismissInput = z.object({ id: ProblemId, by, note })
/** Move these incidents out of the problem; if they span ≥ 2 clients they form a problem of their own. */
export const ProblemSplitInput = z.object({ id: ProblemId, by, incidentIds: z.array(z.string()).min(1).max(1000), note })

export const ProblemAction = z.discriminatedUnion('type', [
  ProblemConfirmInput.extend({ type: z.literal('confirm') }),
  ProblemDismissInput.extend({ type: z.literal('dismiss') }),
  ProblemSplitInput.extend({ type: z.literal('split') }),
])
export type ProblemAction = z.infer<typeof ProblemAction>
