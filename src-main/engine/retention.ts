import type { RetentionConfig } from '@shared/model/ops-config'
import { SEVERITIES, type Severity } from '@shared/model/severity'

/** Retention (pure): the cut-off time per severity — rows older than it may be deleted. */
export const retentionCutoffs = (cfg: RetentionConfig, now: number): Record<Severity, number> =>
  Object.fromEntries(SEVERITIES.map((s) => [s, now - cfg[s]])) as Record<Severity, number>

/** The shortest retention: nothing younger than this can be deleted, whatever its severity. */
export const youngestDeletable = (cfg: RetentionConfig, now: number): number => now - Math.min(...SEVERITIES.map((s) => cfg[s]))
