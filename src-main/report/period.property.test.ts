/**
 * Report periods and day buckets in every kind of zone (fast-check over instants 2000–2040): whole-hour and
 * half-hour offsets, DST at 02:00, DST that skips midnight (Santiago, Beirut), the 30-minute DST of Lord Howe.
 */
import fc from 'fast-check'
import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { dayBoundaries } from './metrics'
import { periodRange, zonedMidnight } from './period'

const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'America/Santiago', 'Asia/Beirut', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/St_Johns', 'Pacific/Chatham', 'Asia/Tokyo'] as const
const arbInstant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) })
const arbZone = fc.constantFrom(...ZONES)
const local = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone })
const H = 3_600_000

describe('periods and day buckets: properties', () => {
  it('a week holds its anchor, starts at the first instant of a local Monday and ends where the next week starts', () => {
    fc.assert(
      fc.property(arbInstant, arbZone, (t, zone) => {
        const w = periodRange('week', t, zone)
        expect(w.from <= t && t < w.to).toBe(true)
        expect(local(w.from, zone).weekday).toBe(1)
        // The first instant of that day: a millisecond earlier is still Sunday.
        expect(local(w.from - 1, zone).weekday).toBe(7)
        expect(periodRange('week', w.to, zone).from).toBe(w.to)
        expect(w.to - w.from).toBeGreaterThanOrEqual(7 * 24 * H - H)
        expect(w.to - w.from).toBeLessThanOrEqual(7 * 24 * H + H)
      }),
    )
  })

  it('a month starts at the first instant of the local 1st and ends where the next month starts', () => {
    fc.assert(
      fc.property(arbInstant, arbZone, (t, zone) => {
        const m = periodRange('month', t, zone)
        expect(m.from <= t && t < m.to).toBe(true)
        expect(local(m.from, zone).day).toBe(1)
        expect(local(m.from - 1, zone).day).not.toBe(1)
        expect(periodRange('month', m.to, zone).from).toBe(m.to)
        expect(m.label).toBe(local(m.from, zone).toFormat('yyyy-MM'))
      }),
    )
  })

  it('day buckets start each local day (skipped midnights included) and are 23 to 25 hours long', () => {
    fc.assert(
      fc.property(arbInstant, arbZone, fc.integer({ min: 1, max: 40 }), (t, zone, days) => {
        const b = dayBoundaries(t, t + days * 24 * H, zone)
        expect(b[0] <= t).toBe(true)
        for (let i = 0; i < b.length; i++) {
          const d = local(b[i], zone)
          expect(local(b[i] - 1, zone).toISODate()).not.toBe(d.toISODate())
          if (i) expect(b[i] - b[i - 1] >= 23 * H && b[i] - b[i - 1] <= 25 * H).toBe(true)
          expect(zonedMidnight(d.year, d.month, d.day, zone)).toBe(b[i])
        }
      }),
    )
  })

  it('Santiago, 8 September 2024: midnight does not exist, the day starts at 01:00 (-03)', () => {
    expect(new Date(zonedMidnight(2024, 9, 8, 'America/Santiago')).toISOString()).toBe('2024-09-08T04:00:00.000Z')
    const [sat, sun, mon] = dayBoundaries(Date.UTC(2024, 8, 7, 12), Date.UTC(2024, 8, 10), 'America/Santiago')
    expect(sun - sat).toBe(24 * H)
    expect(mon - sun).toBe(23 * H)
  })
})
