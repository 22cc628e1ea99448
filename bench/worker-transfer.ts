/**
 * bench/worker-transfer — how a batch of NocEvents should cross from the I/O thread to the writer worker
 * (app/hub-protocol.ts): structured clone of the objects, a JSON string, or JSON encoded into a transferred buffer.
 * Both sides' CPU is measured (the I/O thread's serialise + post, the worker's receive + rebuild), because the
 * writer is the bottleneck and the I/O thread must stay responsive. Usage: npm run bench:transfer [-- --batches 1000 --batch 100 --rounds 7]
 */
import { parseArgs } from 'node:util'
import { Worker } from 'node:worker_threads'
import { alertmanagerAdapter } from '../src-main/ingest/adapters/alertmanager'
import type { NocEvent } from '@shared/model/event'
import { writeResult } from './lib'

const { values } = parseArgs({ options: { batches: { type: 'string', default: '1000' }, batch: { type: 'string', default: '100' }, rounds: { type: 'string', default: '7' } } })
const ROUNDS = Number(values.rounds)
const BATCHES = Number(values.batches)
const B = Number(values.batch)

const body = {
  version: '4', receiver: 'noc', status: 'firing', groupKey: '{}:{}', truncatedAlerts: 0, groupLabels: {}, commonLabels: {}, commonAnnotations: {},
  externalURL: 'http://am.bench:9093',
  alerts: Array.from({ length: B }, (_, i) => ({
    status: 'firing', startsAt: new Date().toISOString(), endsAt: '0001-01-01T00:00:00Z', generatorURL: 'http://prom/graph', fingerprint: i.toString(16).padStart(16, '0'),
    labels: { alertname: `Check${i % 50}`, client: `client-${i % 30}`, instance: `host-${i}:9100`, job: 'node', service: `svc-${i % 7}`, severity: 'critical' },
    annotations: { summary: `host-${i} check ${i % 50} failing`, description: 'a longer description of what is wrong and what to do about it' },
  })),
}
const r = alertmanagerAdapter(body, { receivedAt: Date.now() })
if (!r.ok) throw new Error('adapter refused the bench body')
const events: NocEvent[] = r.events

// The worker: rebuild each message the way its mode says, report its own CPU time when asked.
const worker = new Worker(
  `const { parentPort } = require('node:worker_threads')
   const dec = new TextDecoder()
   let n = 0, elu = performance.eventLoopUtilization()
   // Event-loop active time, which includes deserialising each message before this handler sees it.
   parentPort.on('message', (m) => {
     if (m === 'start') { elu = performance.eventLoopUtilization(); n = 0; return }
     if (m === 'report') { parentPort.postMessage({ busy: performance.eventLoopUtilization(elu).active, n }); return }
     const events = m.kind === 'clone' ? m.events : m.kind === 'json' ? JSON.parse(m.text) : JSON.parse(dec.decode(m.bytes))
     n += events.length
     if (m.last) parentPort.postMessage('done')
   })`,
  { eval: true },
)
const enc = new TextEncoder()
type Mode = 'clone' | 'json' | 'buffer'
const send = (mode: Mode, last: boolean) => {
  if (mode === 'clone') worker.postMessage({ kind: 'clone', events, last })
  else if (mode === 'json') worker.postMessage({ kind: 'json', text: JSON.stringify(events), last })
  else {
    const bytes = enc.encode(JSON.stringify(events))
    worker.postMessage({ kind: 'buffer', bytes, last }, [bytes.buffer])
  }
}
const run = async (mode: Mode) => {
  worker.postMessage('start')
  const t0 = performance.now()
  for (let i = 0; i < BATCHES; i++) send(mode, i === BATCHES - 1)
  const ioMs = performance.now() - t0
  await new Promise<void>((res) => worker.once('message', () => res()))
  const wall = performance.now() - t0
  worker.postMessage('report')
  const { busy } = await new Promise<{ busy: number }>((res) => worker.once('message', res))
  return { mode, ioUsPerEvent: (1000 * ioMs) / (BATCHES * B), workerUsPerEvent: (1000 * busy) / (BATCHES * B), wallMs: wall }
}
const MODES: Mode[] = ['clone', 'json', 'buffer']
for (const m of MODES) await run(m) // warm-up
// Interleaved rounds, median per mode: a shared, loaded box moves single figures by ±30%.
const rounds: Awaited<ReturnType<typeof run>>[][] = []
for (let r = 0; r < ROUNDS; r++) {
  const round = []
  for (const m of MODES) round.push(await run(m))
  rounds.push(round)
}
await worker.terminate()
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const results = MODES.map((mode, i) => ({
  mode,
  ioUsPerEvent: median(rounds.map((r) => r[i].ioUsPerEvent)),
  workerUsPerEvent: median(rounds.map((r) => r[i].workerUsPerEvent)),
  wallMs: median(rounds.map((r) => r[i].wallMs)),
}))
writeResult('worker-transfer', { batches: BATCHES, batch: B, rounds: ROUNDS, results })
console.log(
  `worker-transfer (${BATCHES}×${B} events, median of ${ROUNDS}): ` +
    results.map((x) => `${x.mode}: I/O ${x.ioUsPerEvent.toFixed(2)} µs/ev, writer ${x.workerUsPerEvent.toFixed(2)} µs/ev`).join(' | '),
)
