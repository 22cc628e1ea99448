import { describe, expect, it } from 'vitest'
import { createRuntimeMetrics, threadCpuSeconds, type DelayHistogram } from './runtime-metrics'

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
    const m = createRuntimeMetrics({ histogram: f.histogram, threadCpu: () => undefined })
    expect(f.state).toEqual({ enabled: true, resolution: 10 })
    expect(m.gauges()).toEqual({ noc_event_loop_delay_max_ms: 25.5, noc_event_loop_delay_p99_ms: 2.25 })
  })

  it('an idle loop (timer on time, or a hair early) reads 0, never negative', () => {
    const m = createRuntimeMetrics({ histogram: fake(10, 9.98).histogram, threadCpu: () => undefined })
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

describe('thread CPU gauge', () => {
  it("names the I/O thread's and a worker's own counter, in seconds", () => {
    expect(createRuntimeMetrics({ histogram: fake(10, 10).histogram, threadCpu: () => 1.5 }).gauges().noc_io_thread_cpu_seconds).toBe(1.5)
    const w = createRuntimeMetrics({ prefix: 'noc_writer', histogram: fake(10, 10).histogram, threadCpu: () => 2.25 }).gauges()
    expect(w.noc_writer_thread_cpu_seconds).toBe(2.25)
    expect(w.noc_io_thread_cpu_seconds).toBeUndefined()
  })

  it('reads schedstat nanoseconds, falls back to stat clock ticks, and is undefined where neither exists', () => {
    expect(threadCpuSeconds((p) => (p.endsWith('schedstat') ? '2724915755 424465 16\n' : ''))).toBeCloseTo(2.724915755, 9)
    const stat = '4242 (node worker (x)) R 1 2 3 4 5 6 7 8 9 10 271 29 0 0 20 0 7 0'
    expect(threadCpuSeconds((p) => { if (p.endsWith('schedstat')) throw new Error('ENOENT'); return stat })).toBe(3)
    expect(threadCpuSeconds((p) => (p.endsWith('schedstat') ? '0 0 0' : stat))).toBe(3)
    expect(threadCpuSeconds(() => { throw new Error('ENOENT') })).toBeUndefined()
  })

  it('on this machine (Linux) grows while the thread computes', () => {
    const before = threadCpuSeconds()
    if (before === undefined) return expect(process.platform).not.toBe('linux')
    let x = 0
    for (let i = 0; i < 2e7; i++) x += i % 7
    expect(x).toBeGreaterThan(0)
    expect(threadCpuSeconds()!).toBeGreaterThan(before)
  })
})
