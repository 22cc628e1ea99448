import { describe, expect, it } from 'vitest'
import { createRuntimeMetrics, type DelayHistogram } from './runtime-metrics'

const fake = (maxMs: number, p99Ms: number) => {
  const state = { enabled: false, resolution: 0 }
  const histogram = (resolution: number): DelayHistogram => {
    state.resolution = resolution
    return {
      max: maxMs * 1e6,
      percentile: (p) => (p === 99 ? p99Ms * 1e6 : NaN),
      enable: () => (state.enabled = true),
      disable: () => (state.enabled = false),
    }
  }
  return { state, histogram }
}

describe('event-loop delay gauges', () => {
  it('report the delay beyond the sampling interval, not the interval itself', () => {
    const f = fake(35.5, 12.25)
    const m = createRuntimeMetrics({ histogram: f.histogram })
    expect(f.state).toEqual({ enabled: true, resolution: 10 })
    expect(m.gauges()).toEqual({ noc_event_loop_delay_max_ms: 25.5, noc_event_loop_delay_p99_ms: 2.25 })
  })

  it('an idle loop (timer on time, or a hair early) reads 0, never negative', () => {
    const m = createRuntimeMetrics({ histogram: fake(10, 9.98).histogram })
    expect(m.gauges()).toEqual({ noc_event_loop_delay_max_ms: 0, noc_event_loop_delay_p99_ms: 0 })
  })

  it('a worker prefix names its own gauges with its heap; stop disables the histogram and zeroes them', () => {
    const f = fake(30, 20)
    const m = createRuntimeMetrics({ prefix: 'noc_writer', resolutionMs: 5, histogram: f.histogram })
    expect(f.state.resolution).toBe(5)
    const g = m.gauges()
    expect(g.noc_writer_event_loop_delay_max_ms).toBe(25)
    expect(g.noc_writer_event_loop_delay_p99_ms).toBe(15)
    expect(g.noc_writer_heap_used_bytes).toBeGreaterThan(0)
    m.stop()
    expect(f.state.enabled).toBe(false)
    expect(m.gauges().noc_writer_event_loop_delay_p99_ms).toBe(0)
  })
})
