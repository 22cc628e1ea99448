/**
 * A tiny Prometheus text-format registry: labelled counters and latency histograms. The writer thread and the I/O
 * thread each keep their own (`writerMetrics`, `intakeMetrics`) and `/metrics` concatenates the two renderings, so
 * no metric is counted in two places.
 */
export const createRegistry = () => {
  const counters = new Map<string, { help: string; values: Map<string, number> }>()
  const histograms = new Map<string, { help: string; le: number[]; buckets: number[]; sum: number; count: number }>()

  const labelKey = (labels: Record<string, string>) =>
    Object.entries(labels)
      .map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
      .join(',')

  return {
    counter(name: string, help: string) {
      const c = { help, values: new Map<string, number>() }
      counters.set(name, c)
      return (labels: Record<string, string>, n = 1) => {
        const k = labelKey(labels)
        c.values.set(k, (c.values.get(k) ?? 0) + n)
      }
    },
    histogram(name: string, help: string, le: number[]) {
      const h = { help, le, buckets: le.map(() => 0), sum: 0, count: 0 }
      histograms.set(name, h)
      return (v: number) => {
        h.count++
        h.sum += v
        le.forEach((b, i) => {
          if (v <= b) h.buckets[i]++
        })
      }
    },
    get(name: string, labels: Record<string, string>): number {
      return counters.get(name)?.values.get(labelKey(labels)) ?? 0
    },
    render(gauges: Record<string, number> = {}): string {
      const out: string[] = []
      for (const [name, c] of counters) {
        out.push(`# HELP ${name} ${c.help}`, `# TYPE ${name} counter`)
        for (const [k, v] of c.values) out.push(`${name}{${k}} ${v}`)
      }
      for (const [name, h] of histograms) {
        out.push(`# HELP ${name} ${h.help}`, `# TYPE ${name} histogram`)
        h.le.forEach((b, i) => out.push(`${name}_bucket{le="${b}"} ${h.buckets[i]}`))
        out.push(`${name}_bucket{le="+Inf"} ${h.count}`, `${name}_sum ${h.sum}`, `${name}_count ${h.count}`)
      }
      for (const [k, v] of Object.entries(gauges)) out.push(`# TYPE ${k} gauge`, `${k} ${v}`)
      return out.join('\n') + '\n'
    },
  }
}

/** Counted where events are committed (the writer). */
export const writerMetrics = () => {
  const r = createRegistry()
  return {
    accepted: r.counter('noc_events_accepted_total', 'Events committed per source.'),
    ignoredOlder: r.counter('noc_events_ignored_older_total', "Events ignored because they were older than their alert's recorded state (engine/episode.ts), per source."),
    observeCommit: r.histogram('noc_batch_commit_ms', 'Group-commit transaction latency in milliseconds.', [0.5, 1, 2, 5, 10, 25, 50, 100, 250, 1000]),
    get: r.get,
    render: r.render,
  }
}
export type WriterMetrics = ReturnType<typeof writerMetrics>

/** Counted where requests arrive and payloads are read (the I/O side). */
export const intakeMetrics = () => {
  const r = createRegistry()
  return {
    received: r.counter('noc_events_received_total', 'Events received per source (before validation).'),
    rejected: r.counter('noc_requests_rejected_total', 'Requests refused per source and HTTP status.'),
    get: r.get,
    render: r.render,
  }
}
export type IntakeMetrics = ReturnType<typeof intakeMetrics>
