/** A tiny Prometheus text-format registry: counters with labels and one latency histogram. */
export const createMetrics = () => {
  const counters = new Map<string, { help: string; values: Map<string, number> }>()
  const BUCKETS = [0.5, 1, 2, 5, 10, 25, 50, 100, 250, 1000]
  const hist = { buckets: BUCKETS.map(() => 0), sum: 0, count: 0 }

  const labelKey = (labels: Record<string, string>) =>
    Object.entries(labels)
      .map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
      .join(',')

  const counter = (name: string, help: string) => {
    counters.set(name, { help, values: new Map() })
    return (labels: Record<string, string>, n = 1) => {
      const c = counters.get(name)!
      const k = labelKey(labels)
      c.values.set(k, (c.values.get(k) ?? 0) + n)
    }
  }

  const received = counter('noc_events_received_total', 'Events received per source (before validation).')
  const accepted = counter('noc_events_accepted_total', 'Events committed per source.')
  const rejected = counter('noc_requests_rejected_total', 'Requests refused per source and HTTP status.')

  return {
    received,
    accepted,
    rejected,
    observeCommit(ms: number) {
      hist.count++
      hist.sum += ms
      BUCKETS.forEach((b, i) => {
        if (ms <= b) hist.buckets[i]++
      })
    },
    get(name: string, labels: Record<string, string>): number {
      return counters.get(name)?.values.get(labelKey(labels)) ?? 0
    },
    render(extra: Record<string, number> = {}): string {
      const out: string[] = []
      for (const [name, c] of counters) {
        out.push(`# HELP ${name} ${c.help}`, `# TYPE ${name} counter`)
        for (const [k, v] of c.values) out.push(`${name}{${k}} ${v}`)
      }
      out.push('# HELP noc_batch_commit_ms Group-commit transaction latency in milliseconds.', '# TYPE noc_batch_commit_ms histogram')
      BUCKETS.forEach((b, i) => out.push(`noc_batch_commit_ms_bucket{le="${b}"} ${hist.buckets[i]}`))
      out.push(`noc_batch_commit_ms_bucket{le="+Inf"} ${hist.count}`, `noc_batch_commit_ms_sum ${hist.sum}`, `noc_batch_commit_ms_count ${hist.count}`)
      for (const [k, v] of Object.entries(extra)) out.push(`# TYPE ${k} gauge`, `${k} ${v}`)
      return out.join('\n') + '\n'
    },
  }
}
export type Metrics = ReturnType<typeof createMetrics>
