import { z } from 'zod'

/** Ordered worst → best. `ok` is a clear, never an open severity. */
export const SEVERITIES = ['critical', 'major', 'minor', 'warning', 'info', 'ok'] as const
export const Severity = z.enum(SEVERITIES)
export type Severity = z.infer<typeof Severity>

/** Rank for sorting: lower is worse. */
export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s)

export const worstSeverity = (list: Iterable<Severity>): Severity | undefined => {
  let worst: Severity | undefined
  for (const s of list) if (worst === undefined || severityRank(s) < severityRank(worst)) worst = s
  return worst
}

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const
export const Priority = z.enum(PRIORITIES)
export type Priority = z.infer<typeof Priority>
