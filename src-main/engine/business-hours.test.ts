import { describe, expect, it } from 'vitest'
import { BusinessHours } from '@shared/model/config'
import { describeHours, inBusinessHours, localTime } from './business-hours'

const hours = (h: unknown) => BusinessHours.parse(h)
const utc = (d: number, h: number, m = 0) => Date.UTC(2025, 5, d, h, m) // June 2025: the 2nd is a Monday

describe('business hours', () => {
  it('start inclusive, end exclusive', () => {
    const h = hours({})
    expect(inBusinessHours(utc(2, 7, 59), 'UTC', h)).toBe(false)
    expect(inBusinessHours(utc(2, 8, 0), 'UTC', h)).toBe(true)
    expect(inBusinessHours(utc(2, 17, 59), 'UTC', h)).toBe(true)
    expect(inBusinessHours(utc(2, 18, 0), 'UTC', h)).toBe(false)
    expect(inBusinessHours(utc(7, 10, 0), 'UTC', h)).toBe(false) // Saturday
  })

  it('overnight windows belong to the day they start', () => {
    const h = hours({ days: ['fri'], start: '22:00', end: '06:00' })
    expect(inBusinessHours(utc(6, 23, 0), 'UTC', h)).toBe(true) // Fri 23:00
    expect(inBusinessHours(utc(7, 5, 59), 'UTC', h)).toBe(true) // Sat 05:59
    expect(inBusinessHours(utc(7, 6, 0), 'UTC', h)).toBe(false)
    expect(inBusinessHours(utc(5, 2, 0), 'UTC', h)).toBe(false) // Thu 02:00 (Wed was not a day)
  })

  it('24x7 and 00:00–24:00', () => {
    expect(inBusinessHours(utc(8, 3, 0), 'UTC', hours('24x7'))).toBe(true)
    expect(inBusinessHours(utc(2, 23, 59), 'UTC', hours({ start: '00:00', end: '24:00' }))).toBe(true)
  })

  it('a spring-forward night: local time jumps from 02:00 to 03:00', () => {
    const h = hours({ days: [1, 2, 3, 4, 5, 6, 7], start: '03:00', end: '24:00' })
    // Sun 30 March 2025, Europe/Berlin: 00:30 UTC = 01:30 CET, 01:30 UTC = 03:30 CEST.
    expect(localTime(Date.UTC(2025, 2, 30, 0, 30), 'Europe/Berlin').label).toBe('Sun 01:30 Europe/Berlin')
    expect(inBusinessHours(Date.UTC(2025, 2, 30, 0, 30), 'Europe/Berlin', h)).toBe(false)
    expect(inBusinessHours(Date.UTC(2025, 2, 30, 1, 0), 'Europe/Berlin', h)).toBe(true) // 03:00 CEST
  })

  it('US zones: 08:00 New York is 12:00 UTC in summer and 13:00 UTC in winter', () => {
    const h = hours({})
    expect(inBusinessHours(Date.UTC(2025, 6, 7, 12, 0), 'America/New_York', h)).toBe(true)
    expect(inBusinessHours(Date.UTC(2025, 0, 6, 12, 0), 'America/New_York', h)).toBe(false)
    expect(inBusinessHours(Date.UTC(2025, 0, 6, 13, 0), 'America/New_York', h)).toBe(true)
  })

  it('local midnight prints as 00', () => {
    expect(localTime(Date.UTC(2025, 5, 2, 0, 5), 'UTC')).toEqual({ weekday: 1, minutes: 5, label: 'Mon 00:05 UTC' })
  })

  it('describes hours compactly', () => {
    expect(describeHours(hours({}))).toBe('Mon–Fri 08:00–18:00')
    expect(describeHours(hours('24x7'))).toBe('every day 00:00–24:00')
    expect(describeHours(hours({ days: [1, 3, 5, 6, 7], start: '09:00', end: '17:00' }))).toBe('Mon,Wed,Fri–Sun 09:00–17:00')
  })
})
