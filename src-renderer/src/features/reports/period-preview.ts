/**
 * The part of the client period report's JSON (docs/reports.md: times ISO 8601, durations ms) the screen shows
 * before anyone downloads a file. Read leniently: the JSON format is a file, not a contract output.
 */
import type { TableFormat } from '@shared/model/report'

export interface Stat {
  n: number
  meanMs: number | null
  medianMs: number | null
}

export interface PeriodPreview {
  client: { id: string; name: string; tier: string; timeZone: string }
  period: { kind: string; label: string; from: string; to: string }
  incidents: { opened: number; mergedAway: number; byPriority: Record<string, number>; byStatus: Record<string, number> }
  mttd: Stat
  mtta: Stat
  mttr: Stat
  sla: { evaluated: number; breaches: number; pending: number; rate: number | null }
  escalation: { escalated: number; opened: number; rate: number | null }
  automation: { automated: number; resolved: number; rate: number | null }
  noise: { events: number; incidents: number; eventsPerIncident: number | null; reduction: number | null }
  noisyRules: { key: string; events: number; incidents: number }[]
  noisyResources: { key: string; events: number; incidents: number }[]
  rows: { id: string; title: string; priority: string; status: string; openedAt: string; ttaMs: number | null; ttrMs: number | null; ackSla: string }[]
}

export const parsePreview = (body: string): PeriodPreview | null => {
  try {
    const v = JSON.parse(body) as Partial<PeriodPreview> & { kind?: string }
    return v && v.kind === 'client-period-report' && v.period && v.incidents ? (v as PeriodPreview) : null
  } catch {
    return null
  }
}

export type PeriodChoice = 'this-week' | 'last-week' | 'this-month' | 'last-month' | 'custom'

export const PERIOD_CHOICES: readonly { id: PeriodChoice; label: string }[] = [
  { id: 'this-week', label: 'This week' },
  { id: 'last-week', label: 'Last week' },
  { id: 'this-month', label: 'This month' },
  { id: 'last-month', label: 'Last month' },
  { id: 'custom', label: 'Custom' },
]

/**
 * The `reports.client` input for a choice. Weeks and months are resolved by the server in the client's time
 * zone (`back` counts whole periods there), so the console never guesses another zone's calendar. Custom dates
 * are calendar dates; `to` is inclusive.
 */
export const clientReportInput = (client: string, choice: PeriodChoice, format: TableFormat, custom: { from: string; to: string }) => {
  switch (choice) {
    case 'this-week':
      return { client, period: 'week' as const, back: 0, format }
    case 'last-week':
      return { client, period: 'week' as const, back: 1, format }
    case 'this-month':
      return { client, period: 'month' as const, back: 0, format }
    case 'last-month':
      return { client, period: 'month' as const, back: 1, format }
    case 'custom':
      return { client, period: 'custom' as const, from: custom.from, to: custom.to, format }
  }
}

/** `YYYY-MM-DD` of a local date (the date inputs' format). */
export const isoDate = (t: number): string => {
  const d = new Date(t)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

/** Custom range is usable: two dates, from ≤ to. */
export const customValid = (c: { from: string; to: string }): boolean => /^\d{4}-\d{2}-\d{2}$/.test(c.from) && /^\d{4}-\d{2}-\d{2}$/.test(c.to) && c.from <= c.to
