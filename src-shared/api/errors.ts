import type { ValidationIssue } from '@shared/model/problem-issue'
import { toIssues } from '@shared/model/problem-issue'
import type { z } from 'zod'

/** An error every transport turns into `{ error, issues }` with `status` (HTTP) — never a crash. */
export class ContractError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: ValidationIssue[] = [],
  ) {
    super(message)
  }
}

export const badInput = (error: z.ZodError, what = 'invalid input'): ContractError =>
  new ContractError(400, what, toIssues(error.issues))

export const notFound = (what: string): ContractError => new ContractError(404, `${what} not found`, [])

export const errorBody = (e: unknown): { status: number; body: { error: string; issues: ValidationIssue[] } } => {
  if (e instanceof ContractError) return { status: e.status, body: { error: e.message, issues: e.issues } }
  return { status: 500, body: { error: 'internal error', issues: [] } }
}
