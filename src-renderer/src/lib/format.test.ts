import { describe, expect, it } from 'vitest'
import { age, countdown } from './format'

describe('format', () => {
  it.each([
    [0, '00:00'],
    [754_000, '12:34'],
    [3_599_000, '59:59'],
    [3_600_000 * 3 + 20 * 60_000, '3h 20m'],
    [86_400_000 * 2 + 4 * 3_600_000, '2d 4h'],
    [-5000, '00:00'],
  ])('countdown(%d) = %s', (ms, text) => expect(countdown(ms)).toBe(text))

  it('ages read short', () => {
    expect(age(45_000)).toBe('45s')
    expect(age(3 * 60_000)).toBe('3m')
    expect(age((2 * 60 + 5) * 60_000)).toBe('2h 5m')
    expect(age(10 * 86_400_000)).toBe('10d')
  })
})
