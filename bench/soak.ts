/**
 * bench/soak — the real `serve` under a fixed, realistic load for N minutes: Alertmanager and native webhooks,
 * WebSocket agents, subscribed consoles. Samples the server's own /metrics (`process_resident_memory_bytes`,
 * `noc_event_loop_delay_max_ms`) and prints RSS growth and the worst event-loop delay, plus request latency and
 * errors seen by the senders. A leak shows as RSS that keeps climbing after warm-up; a blocking path as loop delay.
 *
 *   tsx bench/soak.ts                           # 30 minutes, 100 events/s
 *   tsx bench/soak.ts --minutes 0.5 --rate 100  # CI-sized
 */
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import WebSocket from 'ws'
import { sleep, spawnServe, writeResult } from './lib'

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '30' },
    rate: { type: 'string', default: '100' },
    batch: { type: 'string', default: '10' },
    agents: { type: 'string', default: '2' },
    consoles: { type: 'string', default: '2' },
    alerts: { type: 'string', default: '5000' },
    'sample-sec': { type: 'string' },
  },
})
const MINUTES = Number(values.minutes)
const RATE = Number(values.rate)
const BATCH = Number(values.batch)
const AGENTS = Number(values.agents)
const CONSOLES = Number(values.consoles)
/** Distinct alerts cycled through: a steady-state working set, as a real estate of monitored hosts has. */
const ALERTS = Number(values.alerts)
const SAMPLE_SEC = Number(values['sample-sec'] ?? Math.max(2, Math.min(60, (MINUTES * 60) / 30)))

const metric = (text: string, name: string): number => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1] ?? NaN)
const MB = (b: number) => (b / 1024 / 1024).toFixed(1)

const main = async () => {
  const serve = await spawnServe()
  const { url } = serve
  // Never leave an orphaned server behind (Ctrl-C on a 30-minute run, a CI timeout).
  process.once('exit', () => serve.child.exitCode === null && serve.child.kill('SIGKILL'))
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => process.exit(130))
  console.log(`soak: ${MINUTES} min at ${RATE} events/s (batches of ${BATCH}, ${AGENTS} WS agents, ${CONSOLES} consoles) against ${url}`)
  let seq = 0
  const latencies: number[] = []
  let errors = 0
  let sent = 0
  let deltas = 0

  const event = () => {
    const i = seq++ % ALERTS
    const severity = ['critical', 'major', 'minor', 'warning', 'info'][i % 5]
    // One occurrence in ten of a given alert is its recovery, so the open set churns instead of only growing.
    return { client: `client-${i % 40}`, class: 'Soak', rule: `Check${i % 25}`, severity: seq % 10 === 0 ? 'ok' : severity, text: `host-${i} check failing`, fingerprint: `soak-${i}` }
  }
  const amBody = (events: ReturnType<typeof event>[]) => ({
    version: '4',
    status: 'firing',
    receiver: 'noc',
    alerts: events.map((e) => ({ status: e.severity === 'ok' ? 'resolved' : 'firing', labels: { alertname: e.rule, client: e.client, instance: e.fingerprint, severity: e.severity }, annotations: { summary: e.text }, fingerprint: e.fingerprint })),
  })

  /** Open-loop load, but bounded: past MAX_IN_FLIGHT unanswered requests the server is not keeping up, and piling
   * on more would measure the load generator. Those batches are counted as shed, not sent. */
  const MAX_IN_FLIGHT = 64
  let inFlight = 0
  let shed = 0
  let timeouts = 0
  const post = async (path: string, body: unknown) => {
    const t0 = performance.now()
    inFlight++
    try {
      const r = await fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(30_000) })
      await r.arrayBuffer()
      if (r.status !== 200) errors++
    } catch (e) {
      if ((e as Error).name === 'TimeoutError') timeouts++
      errors++
    } finally {
      inFlight--
    }
    latencies.push(performance.now() - t0)
  }

  const consoles = Array.from({ length: CONSOLES }, () => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/ws`)
    ws.on('open', () => ws.send(JSON.stringify({ type: 'subscribe' })))
    ws.on('message', (d) => JSON.parse(d.toString()).type === 'delta' && deltas++)
    ws.on('error', () => errors++)
    return ws
  })
  const agents = await Promise.all(
    Array.from({ length: AGENTS }, () => new Promise<WebSocket>((res) => {
      const ws = new WebSocket(`${url.replace('http', 'ws')}/ws`)
      ws.on('message', (d) => {
        const m = JSON.parse(d.toString())
        if (m.type === 'error') errors++
      })
      ws.once('open', () => res(ws))
      ws.on('error', () => errors++)
    })),
  )

  // Fixed rate: every 100 ms, RATE/10 events, split into batches over the three transports.
  const perTick = RATE / 10
  let carry = 0
  let tick = 0
  const ticker = setInterval(() => {
    carry += perTick
    while (carry >= 1) {
      const n = Math.min(BATCH, Math.floor(carry))
      carry -= n
      if (inFlight >= MAX_IN_FLIGHT) {
        shed += n
        continue
      }
      const events = Array.from({ length: n }, event)
      sent += n
      const lane = tick++ % 3
      if (lane === 0) void post('/api/v1/events', events)
      else if (lane === 1) void post('/webhook/alertmanager', amBody(events))
      else {
        const ws = agents[tick % agents.length]
        if (ws?.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: 'events', id: `s${tick}`, events }))
        else void post('/api/v1/events', events)
      }
    }
  }, 100)

  const samples: { t: number; rssMB: number; heapMB: number; loopMaxMs: number; loopP99Ms: number; sent: number; p99Ms: number; errors: number; shed: number }[] = []
  const t0 = performance.now()
  const end = t0 + MINUTES * 60_000
  const sample = async () => {
    let text = ''
    try {
      text = await (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(30_000) })).text()
    } catch {
      console.log('  /metrics did not answer within 30 s')
    }
    const window = latencies.splice(0).sort((a, b) => a - b)
    const s = {
      t: Math.round((performance.now() - t0) / 1000),
      rssMB: Number(MB(metric(text, 'process_resident_memory_bytes'))),
      heapMB: Number(MB(metric(text, 'nodejs_heap_size_used_bytes'))),
      loopMaxMs: metric(text, 'noc_event_loop_delay_max_ms'),
      loopP99Ms: metric(text, 'noc_event_loop_delay_p99_ms'),
      sent,
      p99Ms: Math.round(window[Math.floor(window.length * 0.99)] ?? 0),
      errors,
      shed,
    }
    samples.push(s)
    console.log(`  t=${String(s.t).padStart(5)}s  rss ${s.rssMB} MB  heap ${s.heapMB} MB  loop max ${s.loopMaxMs} ms (p99 ${s.loopP99Ms})  sent ${s.sent}  shed ${s.shed}  req p99 ${s.p99Ms} ms  errors ${s.errors}`)
  }
  await sample()
  while (performance.now() < end) {
    await sleep(Math.min(SAMPLE_SEC * 1000, Math.max(0, end - performance.now())))
    await sample()
  }
  clearInterval(ticker)
  await sleep(500)
  await sample()
  for (const ws of [...consoles, ...agents]) ws.close()

  // Growth after warm-up (the first tenth of the run), so module loading and first caches do not count as a leak.
  const warm = samples[Math.max(1, Math.floor(samples.length / 10))] ?? samples[0]
  const last = samples[samples.length - 1]
  const dbMB = Number(MB(statSync(join(serve.dataDir, 'noc.db')).size))
  const summary = {
    minutes: MINUTES,
    rate: RATE,
    sent,
    achievedRate: Math.round(sent / ((performance.now() - t0) / 1000)),
    shedEvents: shed,
    errors,
    timeouts,
    deltasToConsoles: deltas,
    rssStartMB: samples[0].rssMB,
    rssAfterWarmupMB: warm.rssMB,
    rssEndMB: last.rssMB,
    rssGrowthAfterWarmupMB: Number((last.rssMB - warm.rssMB).toFixed(1)),
    worstEventLoopDelayMs: Math.max(...samples.map((s) => s.loopMaxMs).filter(Number.isFinite)),
    worstRequestP99Ms: Math.max(...samples.map((s) => s.p99Ms)),
    dbMB,
  }
  console.log('\nsoak summary')
  for (const [k, v] of Object.entries(summary)) console.log(`  ${k.padEnd(26)} ${v}`)
  writeResult('soak', { ...summary, samples })
  await serve.stop()
  // A soak fails when requests fail or the server cannot keep the rate (shed load).
  if (errors > 0 || shed > 0) process.exitCode = 1
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
