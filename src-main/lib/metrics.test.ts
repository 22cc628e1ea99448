import { describe, expect, it } from 'vitest'
import { createRegistry, intakeMetrics, writerMetrics } from './metrics'

/** Metric names declared by `# TYPE` lines. */
const declared = (text: string) => [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => m[1])

describe('/metrics exposition (prom-client)', () => {
  it('counts per label set and escapes label values (backslash, quote, newline)', async () => {
    const r = createRegistry()
    const c = r.counter('noc_test_total', 'A test counter.')
    c({ source: 'alertmanager' })
    c({ source: 'alertmanager' }, 2)
    c({ source: 'we"ird\\\nsrc' })
    const text = await r.render()
    expect(text).toContain('# HELP noc_test_total A test counter.\n# TYPE noc_test_total counter')
    expect(text).toContain('noc_test_total{source="alertmanager"} 3')
    expect(text).toContain('noc_test_total{source="we\\"ird\\\\\\nsrc"} 1')
    expect(await r.get('noc_test_total', { source: 'alertmanager' })).toBe(3)
    expect(await r.get('noc_test_total', { source: 'nobody' })).toBe(0)
  })

  it('histograms are cumulative with +Inf, sum and count', async () => {
    const r = createRegistry()
    const h = r.histogram('noc_test_ms', 'Latency.', [1, 10])
    for (const v of [0.5, 5, 50]) h(v)
    const text = await r.render()
    expect(text).toContain('noc_test_ms_bucket{le="1"} 1')
    expect(text).toContain('noc_test_ms_bucket{le="10"} 2')
    expect(text).toContain('noc_test_ms_bucket{le="+Inf"} 3')
    expect(text).toContain('noc_test_ms_sum 55.5')
    expect(text).toContain('noc_test_ms_count 3')
  })

  it('point-in-time gauges get HELP and TYPE and follow the latest value', async () => {
    const r = createRegistry()
    await r.render({ noc_change_seq: 5 })
    const text = await r.render({ noc_change_seq: 7 })
    expect(text).toContain('# HELP noc_change_seq Change sequence')
    expect(text).toContain('# TYPE noc_change_seq gauge\nnoc_change_seq 7')
  })

  it('writer and intake together: every metric declared once, the process metrics from the I/O side only', async () => {
    const w = writerMetrics()
    const i = intakeMetrics()
    w.accepted({ source: 'native' })
    w.observeCommit(3)
    i.received({ source: 'native' }, 4)
    i.rejected({ source: 'http', status: '400' })
    const text = (await w.render({ noc_change_seq: 1, noc_writer_heap_used_bytes: 10 })) + (await i.render({ noc_connections_open: 2 }))
    const names = declared(text)
    expect(new Set(names).size).toBe(names.length)
    for (const n of ['noc_events_accepted_total', 'noc_batch_commit_ms', 'noc_events_received_total', 'noc_requests_rejected_total', 'process_resident_memory_bytes', 'nodejs_heap_size_used_bytes', 'nodejs_eventloop_lag_p99_seconds']) {
      expect(names).toContain(n)
    }
    expect(text).toContain('noc_requests_rejected_total{source="http",status="400"} 1')
    expect(declared(await w.render()).some((n) => n.startsWith('process_'))).toBe(false)
  })
})
