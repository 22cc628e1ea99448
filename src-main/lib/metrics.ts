/**
 * `/metrics` in the Prometheus text format, written by prom-client (the Prometheus project's Node client): it
 * owns the format details a hand-written registry gets subtly wrong — label and HELP escaping, `le`/`+Inf`
 * buckets, number formatting, name validation — and brings the standard process and Node.js metrics
 * (`process_*`, `nodejs_*`: CPU, memory, handles, GC, event-loop lag) that dashboards and alert rules expect.
 *
 * The writer thread and the I/O thread each keep their own registry (`writerMetrics`, `intakeMetrics`) and
 * `/metrics` concatenates the two renderings, so no metric is counted in two places; only the I/O side collects
 * the process metrics (they describe the whole process, which both threads share).
 *
 * The API stays what callers had: `counter(name, help)` returns `(labels, n = 1) => void` (label names are taken
 * from the first call unless given), `histogram(name, help, buckets)` returns `(value) => void`.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'

/** HELP for the gauges callers pass to `render` (anything else gets a generic one). */
const GAUGE_HELP: Record<string, string> = {
  noc_change_seq: 'Change sequence of the engine state (grows with every committed change).',
  noc_group_commit_pending: 'Events waiting for the next group commit.',
  noc_connections_open: 'Open HTTP and WebSocket connections.',
  noc_event_loop_delay_max_ms: 'Worst event-loop delay since start (beyond the 10 ms sampling interval), milliseconds.',
  noc_event_loop_delay_p99_ms: '99th percentile event-loop delay since start (beyond the 10 ms sampling interval), milliseconds.',
  noc_writer_event_loop_delay_max_ms: 'Worst event-loop delay of the writer thread since start (beyond the 10 ms sampling interval), milliseconds.',
  noc_writer_event_loop_delay_p99_ms: '99th percentile event-loop delay of the writer thread since start (beyond the 10 ms sampling interval), milliseconds.',
  noc_writer_heap_used_bytes: 'V8 heap used by the writer thread, bytes.',
  noc_io_thread_cpu_seconds: 'CPU time of the I/O thread (HTTP, WebSocket, adapters) since start, seconds (Linux; rate() it).',
  noc_writer_thread_cpu_seconds: 'CPU time of the writer thread (SQLite, engine, notifications) since start, seconds (Linux; rate() it: 1 = one core saturated).',
}

export interface RegistryOptions {
  /** Collect prom-client's default process and Node.js metrics into this registry. */
  processMetrics?: boolean
}

export const createRegistry = (opts: RegistryOptions = {}) => {
  const registry = new Registry()
  if (opts.processMetrics) collectDefaultMetrics({ register: registry })
  const counters = new Map<string, Counter>()
  const gauges = new Map<string, Gauge>()

  return {
    registry,
    counter(name: string, help: string, labelNames?: readonly string[]) {
      const make = (names: readonly string[]) => {
        const c = new Counter({ name, help, labelNames: [...names], registers: [registry] })
        counters.set(name, c)
        return c
      }
      let c = labelNames ? make(labelNames) : undefined
      return (labels: Record<string, string>, n = 1) => {
        c ??= make(Object.keys(labels))
        c.inc(labels, n)
      }
    },
    histogram(name: string, help: string, le: number[]) {
      const h = new Histogram({ name, help, buckets: le, registers: [registry] })
      return (v: number) => h.observe(v)
    },
    /** A counter's current value for these labels (0 when never counted). */
    async get(name: string, labels: Record<string, string>): Promise<number> {
      const c = counters.get(name)
      if (!c) return 0
      const want = Object.entries(labels)
      const v = (await c.get()).values.find((x) => want.length === Object.keys(x.labels).length && want.every(([k, val]) => x.labels[k] === val))
      return v?.value ?? 0
    },
    /** The exposition text, with `extra` gauges set to the values given (the caller's point-in-time readings). */
    async render(extra: Record<string, number> = {}): Promise<string> {
      for (const [name, value] of Object.entries(extra)) {
        let g = gauges.get(name)
        if (!g) gauges.set(name, (g = new Gauge({ name, help: GAUGE_HELP[name] ?? `${name.replace(/_/g, ' ')}.`, registers: [registry] })))
        g.set(value)
      }
      return registry.metrics()
    },
  }
}

/** Counted where events are committed (the writer). */
export const writerMetrics = () => {
  const r = createRegistry()
  return {
    accepted: r.counter('noc_events_accepted_total', 'Events committed per source.', ['source']),
    ignoredOlder: r.counter('noc_events_ignored_older_total', "Events ignored because they were older than their alert's recorded state (engine/episode.ts), per source.", ['source']),
    observeCommit: r.histogram('noc_batch_commit_ms', 'Group-commit transaction latency in milliseconds.', [0.5, 1, 2, 5, 10, 25, 50, 100, 250, 1000]),
    get: r.get,
    render: r.render,
  }
}
export type WriterMetrics = ReturnType<typeof writerMetrics>

/** Counted where requests arrive and payloads are read (the I/O side), with the process metrics. */
export const intakeMetrics = () => {
  const r = createRegistry({ processMetrics: true })
  return {
    received: r.counter('noc_events_received_total', 'Events received per source (before validation).', ['source']),
    rejected: r.counter('noc_requests_rejected_total', 'Requests refused per source and HTTP status.', ['source', 'status']),
    get: r.get,
    render: r.render,
  }
}
export type IntakeMetrics = ReturnType<typeof intakeMetrics>
