import { monitorEventLoopDelay } from 'node:perf_hooks'

/** What the gauges read: node's IntervalHistogram, or a stand-in in tests. Values in nanoseconds. */
export interface DelayHistogram {
  readonly max: number
  percentile(p: number): number
  enable(): unknown
  disable(): unknown
}

export interface RuntimeMetricsOptions {
  /**
   * Names this thread's gauges: `noc` (default) gives `noc_event_loop_delay_*` and the process gauges; another
   * prefix (`noc_writer`, the writer worker) gives `<prefix>_event_loop_delay_*` and `<prefix>_heap_used_bytes` only,
   * since resident memory belongs to the whole process.
   */
  prefix?: string
  /** Sampling interval in ms (node's `resolution`). */
  resolutionMs?: number
  /** For tests: the histogram to read instead of `monitorEventLoopDelay`. */
  histogram?: (resolutionMs: number) => DelayHistogram
}

/**
 * Event-loop gauges for `/metrics`, per thread: the worst and 99th-percentile delay *since start* — what a soak run
 * (bench/soak.ts) watches, and a stall a rolling window (prom-client's `nodejs_eventloop_lag_*`, reset at every
 * scrape) would hide between scrapes. A blocked loop delays every 2xx and every console delta.
 *
 * node's histogram records the time between two firings of its sampling timer, so an idle loop reads one
 * `resolution` (10 ms), not 0 (nodejs/node#34661; APM agents subtract it too). The gauges report the delay itself:
 * what was recorded beyond the interval the timer asked for.
 */
export const createRuntimeMetrics = (opts: RuntimeMetricsOptions = {}) => {
  const prefix = opts.prefix ?? 'noc'
  const main = prefix === 'noc'
  const resolutionMs = opts.resolutionMs ?? 10
  let h: DelayHistogram | undefined = (opts.histogram ?? ((r) => monitorEventLoopDelay({ resolution: r })))(resolutionMs)
  h.enable()
  const delayMs = (ns: number) => Math.max(0, Math.round((ns / 1e6 - resolutionMs) * 100) / 100)
  return {
    gauges(): Record<string, number> {
      return {
        // The main thread's memory is in prom-client's process metrics (process_resident_memory_bytes,
        // nodejs_heap_size_used_bytes, lib/metrics.ts); a worker's heap is its own.
        ...(main ? {} : { [`${prefix}_heap_used_bytes`]: process.memoryUsage().heapUsed }),
        // Since start: the worst stall anyone experienced, which a rolling window would hide between scrapes.
        [`${prefix}_event_loop_delay_max_ms`]: h ? delayMs(h.max) : 0,
        [`${prefix}_event_loop_delay_p99_ms`]: h ? delayMs(h.percentile(99)) : 0,
      }
    },
    stop() {
      h?.disable()
      h = undefined
    },
  }
}
