import type { AdapterContext } from './types'
import type { Warnings } from './common'
import { memo } from './memo'

/** A source time further than this ahead of our receive time is a bad clock, not a prediction. */
export const MAX_FUTURE_SKEW_MS = 5 * 60_000

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,12}))?)?\s*(Z|z|UTC|[+-]\d{2}(?::?\d{2})?)?$/

/** Alertmanager (Go) zero time `0001-01-01T00:00:00Z`: "no value", not year one. */
export const isZeroTime = (v: unknown): boolean => typeof v === 'string' && v.startsWith('0001-01-01')

/** `+02:00`, `-0530`, `+02`, `Z`, `UTC` → offset east of UTC in minutes; undefined when not an offset. */
export const parseOffsetMinutes = (raw: string): number | undefined => {
  const s = raw.trim()
  if (/^(z|utc|gmt)$/i.test(s)) return 0
  const m = /^(?:utc|gmt)?([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(s)
  if (!m) return undefined
  const h = Number(m[2])
  const min = Number(m[3] ?? '0')
  if (h > 14 || min > 59) return undefined
  return (m[1] === '-' ? -1 : 1) * (h * 60 + min)
}

const validWallClock = (y: number, mo: number, d: number, h: number, mi: number, s: number): boolean =>
  y >= 1970 && y <= 9999 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 && s <= 60 &&
  new Date(Date.UTC(y, mo - 1, d)).getUTCDate() === d

/** Wall-clock fields read as UTC; undefined when they do not form a real date. */
export const wallClockUtc = (y: number, mo: number, d: number, h: number, mi: number, s: number, ms = 0): number | undefined =>
  validWallClock(y, mo, d, h, mi, s) ? Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59), ms) : undefined

/**
 * Strict ISO-8601 date-time → epoch ms (no `Date.parse` leniency: "March 7" is not a time). A missing zone is
 * read as UTC; fractions beyond milliseconds (Go sends nanoseconds) are truncated.
 */
export const parseIsoTime = (raw: string): number | undefined => isoTime(raw)

// Pure in its string: senders repeat the same startsAt in every re-send, so each distinct text is parsed once.
const isoTime = memo((raw: string): number | undefined => {
  const m = ISO.exec(raw.trim())
  if (!m) return undefined
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0
  const base = wallClockUtc(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0), ms)
  if (base === undefined) return undefined
  const offset = m[8] ? parseOffsetMinutes(m[8]) : 0
  return offset === undefined ? undefined : base - offset * 60_000
}, 4096, 64)

/** ISO string or epoch milliseconds → epoch ms; undefined for anything else. */
export const parseTimestamp = (v: unknown): number | undefined => {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 && v <= 8.64e15 ? Math.trunc(v) : undefined
  if (typeof v === 'string' && v.length <= 64) return parseIsoTime(v)
  return undefined
}

const describe = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v.slice(0, 64)) : String(v))

/**
 * The event time we keep: the source's when it is usable, else the receive time (with a warning, unless the
 * format simply has no time for this kind of message). A time more than 5 minutes ahead of the receive time is
 * clamped to it, so a source with a fast clock cannot make its alert look newer than reality forever.
 */
export const settleTime = (
  parsed: number | undefined,
  raw: unknown,
  ctx: AdapterContext,
  warnings: Warnings,
  where: string,
  opts: { warnIfMissing?: boolean } = {},
): number => {
  if (parsed === undefined) {
    const missing = raw === undefined || raw === null || raw === ''
    if (!missing) warnings.add(`${where}: unparseable time ${describe(raw)}, using the receive time`)
    else if (opts.warnIfMissing !== false) warnings.add(`${where}: no time given, using the receive time`)
    return ctx.receivedAt
  }
  if (parsed - ctx.receivedAt > MAX_FUTURE_SKEW_MS) {
    const ahead = Math.round((parsed - ctx.receivedAt) / 60_000)
    warnings.add(`${where}: time is ${ahead} min ahead of the receive time (source clock skew?), clamped to the receive time`)
    return ctx.receivedAt
  }
  return parsed
}

/** Convenience: parse + settle in one call. */
export const eventTime = (
  raw: unknown,
  ctx: AdapterContext,
  warnings: Warnings,
  where: string,
  opts?: { warnIfMissing?: boolean },
): number => settleTime(parseTimestamp(raw), raw, ctx, warnings, where, opts)

/**
 * How finely the source stated a time, in ms: an epoch number is taken as milliseconds (1); an RFC 3339 string by
 * its fraction (`…:05Z` → 1000, `…:05.1Z` → 100, three or more digits → 1). Equal times at a coarse precision
 * are the same instant as far as anyone can tell (engine/episode.ts).
 */
export const precisionOf = (raw: unknown): number => {
  if (typeof raw !== 'string') return 1
  const m = /:\d{2}(?:[.,](\d+))?\s*(?:Z|z|UTC|[+-]\d{2}(?::?\d{2})?)?$/.exec(raw.trim())
  if (!m) return 1000
  const digits = m[1]?.length ?? 0
  return digits >= 3 ? 1 : 10 ** (3 - digits)
}

/** An event time with the clock it is on and its precision (NocEvent `timeBasis`, `timePrecisionMs`). */
export interface TimeInfo {
  time: number
  timeBasis: 'source' | 'received'
  timePrecisionMs: number
}

/** `eventTime` plus which clock the result is on: ours when the source's was missing, unusable or clamped. */
export const eventTimeInfo = (
  raw: unknown,
  ctx: AdapterContext,
  warnings: Warnings,
  where: string,
  opts?: { warnIfMissing?: boolean },
): TimeInfo => settledInfo(parseTimestamp(raw), raw, ctx, warnings, where, opts, precisionOf(raw))

/** `settleTime` with its clock and precision. */
export const settledInfo = (
  parsed: number | undefined,
  raw: unknown,
  ctx: AdapterContext,
  warnings: Warnings,
  where: string,
  opts: { warnIfMissing?: boolean } | undefined,
  precisionMs: number,
): TimeInfo => {
  const time = settleTime(parsed, raw, ctx, warnings, where, opts)
  const fromSource = parsed !== undefined && time === parsed
  return { time, timeBasis: fromSource ? 'source' : 'received', timePrecisionMs: fromSource ? precisionMs : 1 }
}

// --- time zones (Zabbix sends wall-clock date and time without a zone) ---

const zoneFormatters = new Map<string, Intl.DateTimeFormat>()
const formatterFor = (timeZone: string): Intl.DateTimeFormat | undefined => {
  const cached = zoneFormatters.get(timeZone)
  if (cached) return cached
  try {
    const f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    })
    if (zoneFormatters.size < 64) zoneFormatters.set(timeZone, f) // bounded: zone names come from the wire
    return f
  } catch {
    return undefined
  }
}

/** Offset (ms east of UTC) of an IANA zone at a UTC instant; undefined for an unknown zone. */
const ianaOffsetMs = (utcMs: number, timeZone: string): number | undefined => {
  const f = formatterFor(timeZone)
  if (!f) return undefined
  const p: Record<string, number> = {}
  for (const part of f.formatToParts(new Date(utcMs))) if (part.type !== 'literal') p[part.type] = Number(part.value)
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour! % 24, p.minute!, p.second!)
  return asUtc - (utcMs - (utcMs % 1000))
}

/**
 * A wall-clock time (read as UTC) → the real UTC instant in `zone` (`UTC`, `+02:00`, `-0530`, or an IANA name
 * such as `Europe/Berlin`, DST-aware). Undefined when the zone is not understood.
 */
export const wallClockInZone = (wallUtc: number, zone: string): number | undefined => {
  if (zone.length > 64) return undefined
  const minutes = parseOffsetMinutes(zone)
  if (minutes !== undefined) return wallUtc - minutes * 60_000
  const first = ianaOffsetMs(wallUtc, zone)
  if (first === undefined) return undefined
  // Second pass: the offset at the guessed instant (matters only within hours of a DST change).
  const second = ianaOffsetMs(wallUtc - first, zone) ?? first
  return wallUtc - second
}
