/**
 * Report periods in the client's time zone: a week runs Monday 00:00 to the next Monday 00:00, a month from the
 * 1st 00:00 to the next 1st, both local (so a Berlin client's June starts at 2025-05-31T22:00Z). Ranges are
 * half-open: `from` ≤ t < `to`.
 */
import { formatDate, localParts } from './format'

export type PeriodKind = 'week' | 'month' | 'custom'

export interface Period {
  kind: PeriodKind
  from: number
  to: number
  /** "2025-W23", "2025-06", or "2025-06-02 – 2025-06-09". */
  label: string
}

/** local − UTC, in ms, at instant `at`. */
const zoneOffset = (at: number, timeZone: string): number => {
  const p = localParts(at, timeZone)
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(at / 1000) * 1000
}

/** The instant of local midnight starting day y-m-d (month 1–12; day may overflow, as with Date.UTC). */
export const zonedMidnight = (year: number, month: number, day: number, timeZone: string): number => {
  const wall = Date.UTC(year, month - 1, day)
  let t = wall - zoneOffset(wall, timeZone)
  // Second pass: the offset at the guess can differ from the offset at the answer across a DST change.
  const again = wall - zoneOffset(t, timeZone)
  if (again !== t) t = again
  return t
}

/** ISO 8601 week number and its year (the week with the year's first Thursday is week 1). */
export const isoWeek = (year: number, month: number, day: number): { year: number; week: number } => {
  const d = new Date(Date.UTC(year, month - 1, day))
  const dow = d.getUTCDay() || 7
  d.setUTCDate(d.getUTCDate() + 4 - dow)
  const y = d.getUTCFullYear()
  const week = Math.ceil(((d.getTime() - Date.UTC(y, 0, 1)) / 86_400_000 + 1) / 7)
  return { year: y, week }
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
  const p = localParts(anchor, timeZone)
  if (kind === 'month') {
    return {
      kind,
      from: zonedMidnight(p.year, p.month, 1, timeZone),
      to: zonedMidnight(p.year, p.month + 1, 1, timeZone),
      label: `${p.year}-${String(p.month).padStart(2, '0')}`,
    }
  }
  const dow = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay() || 7
  const monday = p.day - (dow - 1)
  const w = isoWeek(p.year, p.month, monday)
  return {
    kind,
    from: zonedMidnight(p.year, p.month, monday, timeZone),
    to: zonedMidnight(p.year, p.month, monday + 7, timeZone),
    label: `${w.year}-W${String(w.week).padStart(2, '0')}`,
  }
}

export const inRange = (t: number | null, from: number, to: number): t is number => t !== null && t >= from && t < to
