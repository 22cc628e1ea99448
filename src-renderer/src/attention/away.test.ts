import { describe, expect, it } from 'vitest'
import { createAwayTracker } from './away'

const T0 = Date.UTC(2026, 11, 8, 1, 0)
const MIN = 60_000
const tracker = (awayMin = 5) => createAwayTracker({ awayMs: () => awayMin * MIN, lastInput: T0 })

describe('the away tracker', () => {
  it('counts an incident that ended during a pause as missed even when it is judged after the resume', () => {
    const a = tracker()
    a.paused(true, T0 + 1000)
    a.input(T0 + 9000) // the key press that resumes
    a.paused(false, T0 + 9000)
    // Its last delta lands 100 ms after the resume: opened at 2 s, resolved at 8 s, both inside the pause.
    expect(a.wasAway(T0 + 2000, T0 + 8000, T0 + 9100)).toBe(true)
    // Opened before the pause and resolved after it: the pause fell within its life.
    expect(a.wasAway(T0, T0 + 20_000, T0 + 20_100)).toBe(true)
  })

  it('does not count what happened entirely before a pause or after the resume, while someone was at the keys', () => {
    const a = tracker()
    a.input(T0 + 500)
    a.paused(true, T0 + 10_000)
    a.paused(false, T0 + 20_000)
    a.input(T0 + 20_000)
    expect(a.wasAway(T0 + 1000, T0 + 9999, T0 + 20_100)).toBe(false)
    expect(a.wasAway(T0 + 20_001, T0 + 30_000, T0 + 30_100)).toBe(false)
    // The boundaries belong to the pause.
    expect(a.wasAway(T0 + 1000, T0 + 10_000, T0 + 20_100)).toBe(true)
    expect(a.wasAway(T0 + 20_000, T0 + 30_000, T0 + 30_100)).toBe(true)
  })

  it('keeps a pause that is still on open-ended', () => {
    const a = tracker()
    a.paused(true, T0 + 1000)
    a.input(T0 + 2000)
    expect(a.wasAway(T0 + 5000, T0 + 6000, T0 + 6000)).toBe(true)
    expect(a.wasAway(T0, T0 + 999, T0 + 6000)).toBe(false)
  })

  it('treats hidden pages and wall mode as periods too', () => {
    const a = tracker()
    a.hidden(true, T0 + 1000)
    a.hidden(false, T0 + 2000)
    a.wall(true, T0 + 5000)
    a.wall(false, T0 + 6000)
    a.input(T0 + 7000)
    expect(a.wasAway(T0 + 1500, T0 + 1600, T0 + 7000)).toBe(true)
    expect(a.wasAway(T0 + 2500, T0 + 4500, T0 + 7000)).toBe(false)
    expect(a.wasAway(T0 + 5500, T0 + 5600, T0 + 7000)).toBe(true)
    expect(a.wasAway(T0 + 6500, T0 + 6600, T0 + 7000)).toBe(false)
  })

  it('notices an idle gap when the next input ends it, and an idle stretch that is still going', () => {
    const a = tracker(5)
    a.input(T0 + 20 * MIN) // 20 min without input: idle from 5 min to 20 min
    expect(a.wasAway(T0 + 6 * MIN, T0 + 7 * MIN, T0 + 20 * MIN)).toBe(true)
    expect(a.wasAway(T0 + 1 * MIN, T0 + 4 * MIN, T0 + 20 * MIN)).toBe(false)
    // No input for 6 min now: away since 25 min.
    expect(a.wasAway(T0 + 24 * MIN, T0 + 26 * MIN, T0 + 26 * MIN)).toBe(true)
    expect(a.wasAway(T0 + 21 * MIN, T0 + 24 * MIN, T0 + 26 * MIN)).toBe(false)
  })

  it('forgets periods older than its horizon', () => {
    const a = createAwayTracker({ awayMs: () => 5 * MIN, lastInput: T0, keepMs: 60 * MIN })
    a.paused(true, T0 + 1000)
    a.paused(false, T0 + 2000)
    a.input(T0 + 2000)
    expect(a.wasAway(T0 + 1500, T0 + 1600, T0 + 2000)).toBe(true)
    // The next period's end prunes those that ended more than an hour before it.
    a.paused(true, T0 + 90 * MIN)
    a.paused(false, T0 + 91 * MIN)
    a.input(T0 + 91 * MIN)
    expect(a.wasAway(T0 + 1500, T0 + 1600, T0 + 91 * MIN)).toBe(false)
  })

  it('forgets idle gaps older than its horizon too (they are recorded, never ended)', () => {
    const a = createAwayTracker({ awayMs: () => 5 * MIN, lastInput: T0, keepMs: 60 * MIN })
    a.input(T0 + 10 * MIN) // idle 5–10 min
    expect(a.wasAway(T0 + 6 * MIN, T0 + 7 * MIN, T0 + 10 * MIN)).toBe(true)
    for (let t = 11; t <= 80; t++) a.input(T0 + t * MIN) // someone at the keys every minute
    a.input(T0 + 100 * MIN) // idle 85–100 min: this gap's end prunes the first one
    expect(a.wasAway(T0 + 6 * MIN, T0 + 7 * MIN, T0 + 100 * MIN)).toBe(false)
    expect(a.wasAway(T0 + 90 * MIN, T0 + 91 * MIN, T0 + 100 * MIN)).toBe(true)
  })
})
