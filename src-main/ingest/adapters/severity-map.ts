import type { Severity } from '@shared/model/severity'

/**
 * Severity vocabularies of each source → ours. Maps (not object literals) so that a hostile value such as
 * "constructor" or "__proto__" can never hit an inherited property. Keep in step with docs/ingest.md.
 */

/** What a source severity turned into, and whether we recognised it (unknown ones get a warning). */
export interface MappedSeverity {
  severity: Severity
  known: boolean
}

const table = (entries: Array<[Severity, string[]]>): ReadonlyMap<string, Severity> =>
  new Map(entries.flatMap(([sev, names]) => names.map((n): [string, Severity] => [n, sev])))

const lookup = (map: ReadonlyMap<string, Severity>, raw: unknown, fallback: Severity): MappedSeverity => {
  if (typeof raw !== 'string' && typeof raw !== 'number') return { severity: fallback, known: false }
  const hit = map.get(String(raw).trim().toLowerCase())
  return hit ? { severity: hit, known: true } : { severity: fallback, known: false }
}

/** Alertmanager / Grafana `severity` label. Missing or unknown → warning (loud enough to be seen, not a page). */
export const LABEL_SEVERITY = table([
  ['critical', ['critical', 'crit', 'emergency', 'emerg', 'alert', 'page', 'disaster', 'fatal']],
  ['major', ['major', 'high', 'error', 'err']],
  ['minor', ['minor', 'average']],
  ['warning', ['warning', 'warn']],
  ['info', ['info', 'informational', 'information', 'notice', 'none', 'low', 'debug']],
])
export const mapLabelSeverity = (raw: unknown): MappedSeverity => lookup(LABEL_SEVERITY, raw, 'warning')

/** Zabbix `EVENT.NSEVERITY` 0..5. */
export const ZABBIX_NSEVERITY = table([
  ['info', ['0', '1']],
  ['warning', ['2']],
  ['minor', ['3']],
  ['major', ['4']],
  ['critical', ['5']],
])
/** Zabbix `EVENT.SEVERITY` default names, used only when NSEVERITY is absent (admins can rename them). */
export const ZABBIX_SEVERITY_NAME = table([
  ['info', ['not classified', 'information']],
  ['warning', ['warning']],
  ['minor', ['average']],
  ['major', ['high']],
  ['critical', ['disaster']],
])
export const mapZabbixSeverity = (nseverity: unknown, name: unknown): MappedSeverity => {
  const byNumber = lookup(ZABBIX_NSEVERITY, nseverity, 'warning')
  return byNumber.known ? byNumber : lookup(ZABBIX_SEVERITY_NAME, name, 'warning')
}

/** PagerDuty Events v2 `payload.severity` (the schema already restricts it to these four). */
export const PAGERDUTY_SEVERITY = table([
  ['critical', ['critical']],
  ['major', ['error']],
  ['warning', ['warning']],
  ['info', ['info']],
])
export const mapPagerDutySeverity = (raw: unknown): MappedSeverity => lookup(PAGERDUTY_SEVERITY, raw, 'warning')

/** Alerta severities. `ok` here means the event clears (cleared/normal/ok). */
export const ALERTA_SEVERITY = table([
  ['critical', ['security', 'critical']],
  ['major', ['major']],
  ['minor', ['minor']],
  ['warning', ['warning']],
  ['info', ['informational', 'indeterminate', 'debug', 'trace']],
  ['ok', ['cleared', 'normal', 'ok']],
])
export const mapAlertaSeverity = (raw: unknown): MappedSeverity => lookup(ALERTA_SEVERITY, raw, 'warning')
