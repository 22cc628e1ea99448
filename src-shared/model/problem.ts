import { z } from 'zod'

/**
 * A root cause shared by several clients' incidents (cross-client blast radius): the same upstream label value
 * (`provider=aws-eu1`) or the same rule firing for ≥ N clients within the correlation window.
 * (Not to be confused with `problem-issue.ts`, which holds validation-error shapes.)
 */
export const ProblemId = z.string().regex(/^PRB-\d+$/)

export const Problem = z.object({
  id: ProblemId,
  /** What the incidents share: `provider=aws-eu1` (label) or `rule=NodeDown` (rule). Unique among open problems. */
  key: z.string(),
  kind: z.enum(['label', 'rule']),
  /** e.g. "`provider=aws-eu1` shared by 3 clients' incidents within 5 min". */
  reason: z.string(),
  clients: z.array(z.string()),
  incidentIds: z.array(z.string()),
  openedAt: z.number(),
  /** Set when every linked incident is resolved or closed; cleared if one re-opens. */
  resolvedAt: z.number().nullable(),
  seq: z.number().int(),
})
export type Problem = z.infer<typeof Problem>

export const ProblemDraft = Problem.omit({ seq: true })
export type ProblemDraft = z.infer<typeof ProblemDraft>
