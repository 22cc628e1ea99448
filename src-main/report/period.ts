/**
 * Report periods in the client's time zone: a week runs Monday 00:00 to the next Monday 00:00, a month from the
 * 1st 00:00 to the next 1st, both local (so a Berlin client's June starts at 2025-05-31T22:00Z). Ranges are
 * half-open: `from` ≤ t < `to`.
 */
import { DateTime } from 'luxon'
import { formatDate } from './format'

export type PeriodKind = 'week' | 'month' | 'custom'

export interface Period {
  kind: PeriodKind
  from: number
  to: number
  /** "2025-W23", "2025-06", or "2025-06-02 – 2025-06-09". */
  label: string
}

/** The zone as luxon reads it; an unknown zone reads as UTC (configuration validates zones, this is a backstop). */
const at = (ms: number, timeZone: string): DateTime => {
  const d = DateTime.fromMillis(ms, { zone: timeZone })
  return d.isValid ? d : DateTime.fromMillis(ms, { zone: 'UTC' })
}

/**
 * The instant local day y-m-d starts (month 1–12; month and day may overflow, as with Date.UTC). Usually local
 * midnight; where a DST change skips midnight (America/Santiago, Asia/Beirut …) the first instant after the gap.
 * luxon does the zone arithmetic (the tz database via Intl): a hand-written two-pass offset guess got the
 * skipped-midnight days an hour early.
 */
export const zonedMidnight = (year: number, month: number, day: number, timeZone: string): number => {
  let d = DateTime.fromObject({ year, month: 1, day: 1 }, { zone: timeZone })
  if (!d.isValid) d = DateTime.fromObject({ year, month: 1, day: 1 }, { zone: 'UTC' })
  return d.plus({ months: month - 1, days: day - 1 }).startOf('day').toMillis()
}

/** ISO 8601 week number and its year (the week with the year's first Thursday is week 1). */
export const isoWeek = (year: number, month: number, day: number): { year: number; week: number } => {
  const d = DateTime.utc(year, month, day)
  return { year: d.weekYear, week: d.weekNumber }
}

/**
 * The week or month containing `anchor` (pass `anchor − 7 days` for "last week"); `custom` keeps from/to as given.
 */
export const periodRange = (kind: PeriodKind, anchor: number, timeZone = 'UTC', custom?: { from: number; to: number }): Period => {
  if (kind === 'custom') {
    const from = custom?.from ?? anchor
    const to = custom?.to ?? anchor
    return { kind, from, to, label: `${formatDate(from, timeZone)} – ${formatDate(Math.max(from, to - 1), timeZone)}` }
  }
  const local = at(anchor, timeZone)
  const pad = (n: number) => String(n).padStart(2, '0')
  if (kind === 'month') {
    const first = local.startOf('month')
    return { kind, from: first.toMillis(), to: first.plus({ months: 1 }).startOf('day').toMillis(), label: `${first.year}-${pad(first.month)}` }
  }
  // luxon's weeks are ISO weeks: Monday first, numbered by the week-based year.
  const monday = local.startOf('week')
  return { kind, from: monday.toMillis(), to: monday.plus({ weeks: 1 }).startOf('day').toMillis(), label: `${monday.weekYear}-W${pad(monday.weekNumber)}` }
}

export const inRange = (t: number | null, from: number, to: number): t is number => t !== null && t >= from && t < to
