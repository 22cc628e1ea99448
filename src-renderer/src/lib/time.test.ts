import { describe, expect, it } from 'vitest'
import { relativeTime } from './time'

describe('relativeTime', () => {
  const now = 1_000_000_000
  it.each([
    [now, 'just now'],
    [now + 30_000, 'just now'], // small clock skew
    [now - 45_000, '45s ago'],
    [now - 3 * 60_000, '3m ago'],
    [now - (2 * 60 + 5) * 60_000, '2h 5m ago'],
    [now - 2 * 3600_000, '2h ago'],
    [now - 26 * 3600_000, '1d 2h ago'],
    [now - 10 * 86400_000, '10d ago'],
    [now + 5 * 60_000, 'in 5m'],
  ])('%d → %s', (ts, text) => expect(relativeTime(ts, now)).toBe(text))
})
