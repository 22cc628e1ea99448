/**
 * bench/io-loop — is the I/O thread (HTTP/WS listeners, body parsing, adapters, socket writes) still responsive
 * while a storm goes through? The simulator's storm scenario (a failing switch: thousands of agent and webhook
 * events) is sent as fast as `serve` answers, with consoles subscribed to deltas; then the server's own
 * event-loop delay gauges are read from /metrics (monitorEventLoopDelay, since start, so a fresh server per run):
 * `noc_event_loop_delay_*` is the listeners' thread, `noc_writer_event_loop_delay_*` the writer worker's (absent
 * when the writer shares the listeners' thread). Goal (issue #11): I/O thread p99 ≤ 20 ms.
 * Usage: npm run bench:io-loop [-- --storm-size 3000 --storms 3 --consoles 3 --concurrency 16]
 */
import { parseArgs } from 'node:util'
import WebSocket from 'ws'
import { buildPlan } from '../src-main/sim/plan'
import { sendPlan } from '../src-main/sim/sender'
import { fmt, spawnServe, writeResult } from './lib'

const { values } = parseArgs({
  options: {
    'storm-size': { type: 'string', default: '3000' }, storms: { type: 'string', default: '3' }, consoles: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '16' },
  },
})
const STORM = Number(values['storm-size'])
const CONSOLES = Number(values.consoles)

const STORMS = Number(values.storms)
// Storms one after another (other seeds: other switches, other endpoints), so the first one's JIT warm-up is a
// small part of what the since-start gauges saw.
const start = Math.floor((Date.now() - 3_600_000) / 1000) * 1000
const plans = Array.from({ length: STORMS }, (_, k) => buildPlan({ seed: 1 + k, start, durationSec: 3600, scenarios: ['storm'], stormSize: STORM }))
const serve = await spawnServe()

// Consoles: subscribe, count what arrives (deltas are written to every socket by the I/O thread).
let deltaBytes = 0
let deltas = 0
const consoles = await Promise.all(
  Array.from({ length: CONSOLES }, () =>
    new Promise<WebSocket>((res, rej) => {
      const ws = new WebSocket(serve.url.replace(/^http/, 'ws') + '/ws')
      ws.once('open', () => (ws.send(JSON.stringify({ type: 'subscribe' })), res(ws)))
      ws.once('error', rej)
      ws.on('message', (d: Buffer) => {
        if (d.includes('"type":"delta"')) (deltas++, (deltaBytes += d.length))
      })
    }),
  ),
)

const stats = { events: 0, sends: 0, failed: 0, wallSec: 0 }
for (const plan of plans) {
  const s = await sendPlan(plan, { target: serve.url, speed: 'max', concurrency: Number(values.concurrency) })
  stats.events += s.events
  stats.sends += s.sends
  stats.failed += s.failed
  stats.wallSec += s.wallSec
}
const text = await (await fetch(serve.url + '/metrics')).text()
for (const ws of consoles) ws.close()
await serve.stop()

const gauge = (name: string): number | undefined => {
  const m = new RegExp(`^${name} ([0-9.e+-]+)$`, 'm').exec(text)
  return m ? Number(m[1]) : undefined
}
const io = { p99: gauge('noc_event_loop_delay_p99_ms'), max: gauge('noc_event_loop_delay_max_ms') }
const writer = { p99: gauge('noc_writer_event_loop_delay_p99_ms'), max: gauge('noc_writer_event_loop_delay_max_ms') }
const rate = stats.events / stats.wallSec
writeResult('io-loop', { stormSize: STORM, storms: STORMS, consoles: CONSOLES, events: stats.events, sends: stats.sends, failed: stats.failed, wallSec: stats.wallSec, eventsPerSec: rate, deltas, deltaBytes, io, writer })
const ms = (x: number | undefined) => (x === undefined ? '—' : `${x.toFixed(1)} ms`)
console.log(
  `io-loop: ${STORMS} storms ${stats.events} events in ${stats.sends} requests, ${stats.wallSec.toFixed(1)} s (${fmt(rate)} ev/s, ${stats.failed} failed), ` +
    `${CONSOLES} consoles ${deltas} deltas ${(deltaBytes / 1e6).toFixed(1)} MB | I/O thread event-loop delay p99 ${ms(io.p99)} max ${ms(io.max)} ` +
    `(goal p99 ≤ 20 ms) | writer p99 ${ms(writer.p99)} max ${ms(writer.max)}`,
)
