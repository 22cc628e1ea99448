/**
 * CSV per RFC 4180 (CRLF line ends; fields quoted when they hold a comma, quote, CR or LF; quotes doubled), made
 * safe to open in a spreadsheet: a cell starting with `=`, `+`, `-`, `@`, TAB or CR is a formula (or DDE) to
 * Excel, LibreOffice and Google Sheets, so it gets a leading `'` (OWASP "CSV injection"). Alert text reaches
 * these cells, and anyone can post an alert.
 */
import type { IncidentRow } from './types'
import { formatDuration, isoTime } from './format'

const FORMULA_START = /^[=+\-@\t\r]/

/** The value as a spreadsheet will read it: formula starters neutralised. */
export const csvSafe = (value: string): string => (FORMULA_START.test(value) ? `'${value}` : value)

/** One RFC 4180 field. */
export const csvField = (value: string | number | boolean | null | undefined): string => {
  if (value === null || value === undefined) return ''
  // Numbers we produce are never negative formulas; still pass them through the same rule (a "-5" is text here).
  const s = csvSafe(String(value))
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export interface CsvOptions {
  /** A UTF-8 byte-order mark first, for Excel on Windows (which otherwise reads the file as ANSI). Off by default. */
  bom?: boolean
}

/** Header row + records, every record (the last included) ended by CRLF. */
export const toCsv = (header: readonly string[], rows: readonly (readonly (string | number | boolean | null | undefined)[])[], opts: CsvOptions = {}): string =>
  (opts.bom ? '\ufeff' : '') + [header, ...rows].map((r) => `${r.map(csvField).join(',')}\r\n`).join('')

// ---- incident list export (the queue's columns) ----

export const INCIDENT_EXPORT_COLUMNS = [
  'id',
  'priority',
  'client',
  'title',
  'severity',
  'status',
  'opened',
  'acknowledged',
  'resolved',
  'age',
  'age_seconds',
  'owner',
  'escalation_level',
  'alert_count',
] as const

/** An incident row as the queue shows it; times ISO 8601 UTC, age as the console prints it and in seconds. */
export interface IncidentExportRow {
  id: string
  priority: string
  client: string
  title: string
  severity: string
  status: string
  opened: string
  acknowledged: string
  resolved: string
  age: string
  age_seconds: number
  owner: string
  escalation_level: number
  alert_count: number
}

/** Age = now − openedAt, as in the queue (a resolved incident keeps ageing there too; `resolved` says when it ended). */
export const incidentExportRow = (inc: IncidentRow, now: number): IncidentExportRow => {
  const ageMs = Math.max(0, now - inc.openedAt)
  return {
    id: inc.id,
    priority: inc.priority,
    client: inc.client,
    title: inc.title,
    severity: inc.severity,
    status: inc.status,
    opened: isoTime(inc.openedAt),
    acknowledged: isoTime(inc.acknowledgedAt),
    resolved: isoTime(inc.resolvedAt),
    age: formatDuration(ageMs),
    age_seconds: Math.floor(ageMs / 1000),
    owner: inc.owner ?? '',
    escalation_level: inc.escalationLevel,
    alert_count: inc.alertCount,
  }
}

/** The incidents in the order given (the caller passes the queue's order and filter). */
export const incidentListCsv = (incidents: readonly IncidentRow[], now: number, opts: CsvOptions = {}): string =>
  toCsv(
    INCIDENT_EXPORT_COLUMNS,
    incidents.map((inc) => {
      const row = incidentExportRow(inc, now)
      return INCIDENT_EXPORT_COLUMNS.map((c) => row[c])
    }),
    opts,
  )

/** JSON export: the same rows, typed, plus when and how many. */
export const incidentListJson = (incidents: readonly IncidentRow[], now: number, filter: Record<string, unknown> = {}): string =>
  `${JSON.stringify(
    { kind: 'incident-export', version: 1, generatedAt: isoTime(now), filter, count: incidents.length, incidents: incidents.map((i) => incidentExportRow(i, now)) },
    null,
    2,
  )}\n`
