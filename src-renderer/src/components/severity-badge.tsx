import type { Severity } from '@shared/model/severity'
import { SEVERITY_LABEL } from './severity'

/** Coloured pill that always carries the severity's name. */
export const SeverityBadge = ({ severity }: { severity: Severity }) => (
  <span className={`sev-badge sev-${severity}`} data-severity={severity}>
    {SEVERITY_LABEL[severity]}
  </span>
)
