import type { BusinessHours } from '@shared/model/config'

/**
 * Local wall-clock time in an IANA zone via Intl (no tz database of our own): DST is whatever the runtime's ICU
 * says, which is what the client's people experience.
 */
export interface LocalTime {
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number
  /** Minutes since local midnight. */
  minutes: number
  /** "Mon 08:30 Europe/Berlin" */
  label: string
}

const DAY_ABBR = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
const formatters = new Map<string, Intl.DateTimeFormat>()

const formatter = (timeZone: string): Intl.DateTimeFormat => {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    formatters.set(timeZone, f)
  }
  return f
}

/**
 * The last answer per zone, valid for its whole UTC minute when the zone's offset is a whole number of minutes
 * then (every zone's, these days: the minute is all the answer depends on). The engine asks once per derived
 * incident, with the same or a nearby `now`.
 */
const recent = new Map<string, { from: number; to: number; lt: LocalTime }>()
const withSeconds = new Map<string, Intl.DateTimeFormat>()

export const localTime = (at: number, timeZone: string): LocalTime => {
  const hit = recent.get(timeZone)
  if (hit && at >= hit.from && at < hit.to) return hit.lt
  const lt = Object.freeze(computeLocalTime(at, timeZone))
  let f = withSeconds.get(timeZone)
  if (!f) withSeconds.set(timeZone, (f = new Intl.DateTimeFormat('en-US', { timeZone, second: '2-digit' })))
  const whole = Number(f.formatToParts(new Date(at)).find((p) => p.type === 'second')?.value) === new Date(at).getUTCSeconds()
  const from = whole ? Math.floor(at / 60_000) * 60_000 : at
  recent.set(timeZone, { from, to: whole ? from + 60_000 : at + 1, lt })
  return lt
}

const computeLocalTime = (at: number, timeZone: string): LocalTime => {
  const parts = formatter(timeZone).formatToParts(new Date(at))
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? ''
  const weekday = DAY_ABBR.indexOf(get('weekday')) + 1
  // Some ICU versions print midnight as 24 even with h23; normalise.
  const hour = Number(get('hour')) % 24
  const minute = Number(get('minute'))
  const hhmm = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`
  return { weekday, minutes: hour * 60 + minute, label: `${DAY_ABBR[weekday - 1]} ${hhmm} ${timeZone}` }
}

const toMinutes = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number)
  return h * 60 + m
}

/**
 * Start inclusive, end exclusive (08:00–18:00 contains 08:00 and 17:59, not 18:00). An end before the start is an
 * overnight window belonging to the day it starts on (Fri 22:00–06:00 covers Saturday 05:59).
 */
const parsed = new WeakMap<BusinessHours, { start: number; end: number }>()

export const inBusinessHours = (at: number, timeZone: string, hours: BusinessHours): boolean => {
  const { weekday, minutes } = localTime(at, timeZone)
  let span = parsed.get(hours)
  if (!span) parsed.set(hours, (span = { start: toMinutes(hours.start), end: toMinutes(hours.end) }))
  const { start, end } = span
  if (start < end) return hours.days.includes(weekday) && minutes >= start && minutes < end
  const yesterday = weekday === 1 ? 7 : weekday - 1
  return (hours.days.includes(weekday) && minutes >= start) || (hours.days.includes(yesterday) && minutes < end)
}

const described = new WeakMap<BusinessHours, string>()

/** "Mon–Fri 08:00–18:00", "every day 00:00–24:00", "Mon,Wed 09:00–17:00". */
export const describeHours = (hours: BusinessHours): string => {
  let text = described.get(hours)
  if (text === undefined) described.set(hours, (text = describe(hours)))
  return text
}

const describe = (hours: BusinessHours): string => {
  const days = [...new Set(hours.days)].sort((a, b) => a - b)
  let text: string
  if (days.length === 7) text = 'every day'
  else {
    const runs: string[] = []
    for (let i = 0; i < days.length; ) {
      let j = i
      while (j + 1 < days.length && days[j + 1] === days[j] + 1) j++
      runs.push(j - i >= 2 ? `${DAY_ABBR[days[i] - 1]}–${DAY_ABBR[days[j] - 1]}` : days.slice(i, j + 1).map((d) => DAY_ABBR[d - 1]).join(','))
      i = j + 1
    }
    text = runs.join(',')
  }
  return `${text} ${hours.start}–${hours.end}`
}
