import { z } from 'zod'

/** One reason a piece of input was refused: where, and what is wrong. */
export const ValidationIssue = z.object({ path: z.string(), message: z.string() })
export type ValidationIssue = z.infer<typeof ValidationIssue>

/** The body of every 4xx/5xx answer. */
export const ErrorBody = z.object({ error: z.string(), issues: z.array(ValidationIssue) })
export type ErrorBody = z.infer<typeof ErrorBody>

/** Convert zod issues into our `{path, message}` form (path as `a.b[0].c`). */
export const toIssues = (issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>, prefix = ''): ValidationIssue[] =>
  issues.slice(0, 50).map((i) => ({ path: formatPath([...(prefix ? [prefix] : []), ...i.path]), message: i.message }))

export const formatPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '') || '(body)'
