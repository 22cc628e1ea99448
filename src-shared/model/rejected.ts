import { z } from 'zod'
import { ValidationIssue } from './problem-issue'

/** How much of a refused request's body the dead letter keeps (characters). */
export const REJECTED_BODY_LIMIT = 8192

/** Dead letter: a refused request, kept for inspection. */
export const Rejected = z.object({
  id: z.number().int(),
  at: z.number(),
  endpoint: z.string(),
  status: z.number().int(),
  reason: z.string(),
  issues: z.array(ValidationIssue),
  remote: z.string().nullable(),
  /** The raw body, truncated at `REJECTED_BODY_LIMIT` characters. */
  body: z.string(),
  bodyBytes: z.number().int(),
  truncated: z.boolean(),
})
export type Rejected = z.infer<typeof Rejected>

export const RejectedQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  before: z.coerce.number().int().optional(),
})
export type RejectedQuery = z.infer<typeof RejectedQuery>
