import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks'

export interface RuntimeMetricsOptions {
  /**
   * Names this thread's gauges: `noc` (default) gives `noc_event_loop_delay_*` and the process gauges; another
   * prefix (`noc_writer`, the writer worker) gives `<prefix>_event_loop_delay_*` and `<prefix>_heap_used_bytes` only,
   * since resident memory belongs to the whole process.
   */
  prefix?: string
}

/**
 * Event-loop gauges for `/metrics`, per thread: the worst and 99th-percentile delay *since start* — what a soak run
 * (bench/soak.ts) watches, and a stall a rolling window (prom-client's `nodejs_eventloop_lag_*`, reset at every
 * scrape) would hide between scrapes. A blocked loop delays every 2xx and every console delta.
 */
export const createRuntimeMetrics = (opts: RuntimeMetricsOptions = {}) => {
  const prefix = opts.prefix ?? 'noc'
  const main = prefix === 'noc'
  let h: IntervalHistogram | undefined = monitorEventLoopDelay({ resolution: 10 })
  h.enable()
  const ms = (ns: number) => Math.round((ns / 1e6) * 100) / 100
  return {
    gauges(): Record<string, number> {
      return {
        // The main thread's memory is in prom-client's process metrics (process_resident_memory_bytes,
        // nodejs_heap_size_used_bytes, lib/metrics.ts); a worker's heap is its own.
        ...(main ? {} : { [`${prefix}_heap_used_bytes`]: process.memoryUsage().heapUsed }),
        // Since start: the worst stall anyone experienced, which a rolling window would hide between scrapes.
        [`${prefix}_event_loop_delay_max_ms`]: h ? ms(h.max) : 0,
        [`${prefix}_event_loop_delay_p99_ms`]: h ? ms(h.percentile(99)) : 0,
      }
    },
    stop() {
      h?.disable()
      h = undefined
    },
  }
}
