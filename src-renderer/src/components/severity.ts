import type { Severity } from '@shared/model/severity'

/** Words shown with every severity colour: colour is never the only cue. */
export const SEVERITY_LABEL: Record<Severity, string> = {
  critical: 'Critical',
  major: 'Major',
  minor: 'Minor',
  warning: 'Warning',
  info: 'Info',
  ok: 'OK',
}

/** Column heads on wall tiles, where width is scarce. */
export const SEVERITY_SHORT: Record<Severity, string> = {
  critical: 'CRIT',
  major: 'MAJ',
  minor: 'MIN',
  warning: 'WARN',
  info: 'INFO',
  ok: 'OK',
}

/** Severities that can be open (an `ok` event clears, it never stays open). */
export const OPEN_SEVERITIES = ['critical', 'major', 'minor', 'warning', 'info'] as const satisfies readonly Severity[]
