import { readFileSync } from 'node:fs'
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
  /** For tests: this thread's CPU time in seconds, or undefined where the platform cannot tell (default: threadCpuSeconds). */
  threadCpu?: () => number | undefined
}

/**
 * CPU time of the calling thread, in seconds, on Linux (/proc/thread-self: schedstat's nanoseconds, else stat's clock
 * ticks); undefined elsewhere. process.cpuUsage() adds up every thread of the process, so it cannot tell whether the
 * writer worker is the one saturated — the question under an alert storm (one core busy writing, the I/O thread idle).
 */
export const threadCpuSeconds = (read: (path: string) => string = (p) => readFileSync(p, 'utf8')): number | undefined => {
  try {
    const ns = Number(read('/proc/thread-self/schedstat').split(' ')[0])
    if (Number.isFinite(ns) && ns > 0) return ns / 1e9
  } catch {
    // no schedstat (kernel without CONFIG_SCHED_INFO): stat below
  }
  try {
    const stat = read('/proc/thread-self/stat')
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th, in 1/100 s.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const ticks = Number(f[11]) + Number(f[12])
    return Number.isFinite(ticks) ? ticks / 100 : undefined
  } catch {
    return undefined
  }
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
  const threadCpu = opts.threadCpu ?? (() => threadCpuSeconds())
  // The I/O thread's is `noc_io_thread_…` (prom-client's process_cpu_seconds_total already counts the whole process).
  const cpuName = `${main ? 'noc_io' : prefix}_thread_cpu_seconds`
  return {
    gauges(): Record<string, number> {
      const cpu = threadCpu()
      return {
        ...(cpu === undefined ? {} : { [cpuName]: Math.round(cpu * 1e6) / 1e6 }),
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
