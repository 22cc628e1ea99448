import { describe, expect, it } from 'vitest'
import { stormStep, type StormBaseline } from './storm'

const cfg = { alpha: 0.5, factor: 4, minEventsPerMin: 10, warmupMin: 3 }
const feed = (counts: number[], start = 100) => {
  let b: StormBaseline | undefined
  return counts.map((n, i) => {
    const v = stormStep(b, start + i, n, cfg)
    b = v.baseline
    return v
  })
}

describe('storm detection', () => {
  it('learns a baseline, then flags a minute above factor × baseline (and the floor) with the numbers', () => {
    const v = feed([8, 8, 8, 8, 40])
    expect(v.slice(0, 4).some((x) => x.storming)).toBe(false)
    expect(v[4]).toMatchObject({ storming: true, judgedAgainst: 8, threshold: 32 })
  })

  it('no verdict before warm-up, and small numbers never storm (minEventsPerMin)', () => {
    expect(feed([1, 100]).some((x) => x.storming)).toBe(false)
    expect(feed([1, 1, 1, 1, 9]).some((x) => x.storming)).toBe(false)
  })

  it('storm minutes do not teach the baseline; quiet minutes decay it', () => {
    const v = feed([8, 8, 8, 8, 200, 200, 8])
    expect(v[5]).toMatchObject({ storming: true, judgedAgainst: 8 })
    const gap = stormStep({ ewma: 16, minutes: 20, lastMinute: 100 }, 103, 0, cfg) // minutes 101 and 102 had no events
    expect(gap.judgedAgainst).toBe(4)
  })
})
