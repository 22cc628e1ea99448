/**
 * bench/ui — the console under load, in Chromium at 1920×1080: 100 k alerts and 10 k incidents, then 10 Hz deltas.
 *
 *   npx tsx bench/ui.ts [--alerts 100000] [--incidents 10000] [--clients 300] [--seconds 10]
 *
 * The hub is synthetic on purpose: a small server that speaks the real WebSocket protocol (hello → subscribe →
 * deltas, `call` → result) with contract-valid data (checked with the contract's own zod schemas before the run),
 * and serves the built renderer. So the figures are the console's — parse, validate, store, render — and not the
 * ingest pipeline's (bench/ingest.ts measures that).
 *
 * Prints one summary line; writes bench/results/ui.json. UI_BENCH_PROFILE=1 also prints the main thread's top
 * functions by self time for each phase (build with `--minify false` to read the names).
 *   firstPaint      navigation → first contentful paint (the shell), and → wall tiles drawn with the snapshot
 *   filter latency  typing into the queue's and the alert table's filter → the list shows the new result (next frame)
 *   longest task    the longest main-thread task (PerformanceObserver 'longtask') while deltas arrive at 10 Hz,
 *                   on the queue, the alert table and the wall
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { chromium, type Page } from 'playwright'
import { WebSocketServer, type WebSocket } from 'ws'
import { Delta, Snapshot } from '@shared/api/contract'
import { staticFiles } from '../src-main/ingest/static-files'
import { ROOT, percentile, sleep } from './lib'
import { buildData, makeDeltaSource, snapshotOf } from './ui-data'

const { values } = parseArgs({
  options: {
    alerts: { type: 'string', default: '100000' },
    incidents: { type: 'string', default: '10000' },
    clients: { type: 'string', default: '300' },
    seconds: { type: 'string', default: '10' },
  },
})
const N = { alerts: Number(values.alerts), incidents: Number(values.incidents), clients: Number(values.clients), seconds: Number(values.seconds) }

const rendererDir = join(ROOT, 'out/renderer')
if (!existsSync(join(rendererDir, 'index.html'))) execFileSync('npx', ['vite', 'build', '--config', 'vite.renderer.config.ts', '--logLevel', 'error'], { cwd: ROOT, stdio: 'inherit' })

// ---- data, validated by the contract ----
const t0 = Date.now()
const data = buildData({ ...N, now: t0 })
const snapshot = snapshotOf(data)
Snapshot.parse({ ...snapshot, alerts: snapshot.alerts.slice(0, 500), incidents: snapshot.incidents.slice(0, 500) })
const nextDelta = makeDeltaSource(data, { alerts: 100, incidents: 10 })
Delta.parse(nextDelta(Date.now()))
const snapshotJson = JSON.stringify(snapshot)

// ---- the synthetic hub ----
const serveStatic = staticFiles(rendererDir)
const http = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname
  if (!serveStatic(req, res, path)) {
    res.writeHead(404)
    res.end()
  }
})
const wss = new WebSocketServer({ server: http, path: '/ws' })
const subscribers = new Set<WebSocket>()
wss.on('connection', (ws) => {
  ws.send(JSON.stringify({ type: 'hello', seq: data.seq, demo: false }))
  ws.on('message', (raw) => {
    const m = JSON.parse(String(raw))
    if (m.type === 'subscribe') subscribers.add(ws)
    if (m.type !== 'call') return
    const reply = (output: unknown) => ws.send(JSON.stringify({ type: 'result', id: m.id, output }))
    switch (m.method) {
      case 'snapshot.get':
        // Spliced, not re-stringified: the bench measures the console, not this server.
        return ws.send(`{"type":"result","id":${JSON.stringify(m.id)},"output":${snapshotJson}}`)
      case 'health.get':
        return reply({ status: 'ok', version: 'bench', uptimeSec: 1, seq: data.seq, db: { path: ':bench:', walMode: true } })
      case 'storms.list':
      case 'sources.list':
        return reply([])
      default:
        return ws.send(JSON.stringify({ type: 'error', id: m.id, error: `${m.method} is not part of the UI bench`, issues: [] }))
    }
  })
  ws.on('close', () => subscribers.delete(ws))
})
await new Promise<void>((r) => http.listen(0, '127.0.0.1', r))
const url = `http://127.0.0.1:${(http.address() as { port: number }).port}`

let pushing: ReturnType<typeof setInterval> | undefined
const startDeltas = () => {
  pushing = setInterval(() => {
    const frame = JSON.stringify(nextDelta(Date.now()))
    for (const ws of subscribers) ws.send(frame)
  }, 100)
}
const stopDeltas = () => clearInterval(pushing)

// ---- the browser ----
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
// tsx compiles the functions handed to page.evaluate with esbuild's keep-names helper; give the page one.
await page.addInitScript('globalThis.__name = (f) => f')
await page.addInitScript(() => {
  const b = { longtasks: [] as { start: number; dur: number }[], tilesAt: null as number | null }
  ;(window as unknown as { __bench: typeof b }).__bench = b
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) b.longtasks.push({ start: e.startTime, dur: e.duration })
  }).observe({ type: 'longtask', buffered: true })
  new MutationObserver((_, obs) => {
    if (b.tilesAt === null && document.querySelector('button.tile')) {
      obs.disconnect()
      // The frame that paints them: after the next animation frame.
      requestAnimationFrame(() => setTimeout(() => (b.tilesAt = performance.now()), 0))
    }
  }).observe(document, { childList: true, subtree: true })
})

type BenchState = { longtasks: { start: number; dur: number }[]; tilesAt: number | null }
const benchState = (p: Page) => p.evaluate(() => (window as unknown as { __bench: BenchState }).__bench)

/** UI_BENCH_PROFILE=1: where the main thread spent its time, by function (self time). */
const topSelfTime = (profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples: number[]; timeDeltas: number[] }) => {
  const self = new Map<number, number>()
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)))
  const byFn = new Map<string, number>()
  for (const n of profile.nodes) {
    const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`
    byFn.set(key, (byFn.get(key) ?? 0) + (self.get(n.id) ?? 0))
  }
  return [...byFn].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, us]) => `${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`)
}
// 1. first paint
const cdp = process.env.UI_BENCH_PROFILE ? await page.context().newCDPSession(page) : null
if (cdp) {
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.start')
}
await page.goto(`${url}/#/wall`)
await page.waitForFunction(() => (window as unknown as { __bench: { tilesAt: number | null } }).__bench.tilesAt !== null, undefined, { timeout: 120_000 })
const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN)
if (cdp) console.log(`--- load\n${topSelfTime((await cdp.send('Profiler.stop')).profile as never).join('\n')}`)
const loaded = await benchState(page)
const tilesAt = loaded.tilesAt ?? NaN
const loadTasks = Math.max(0, ...loaded.longtasks.map((t) => t.dur))

/** Type a query into a filter field and wait until the list's count shows its result; ms to that frame. */
const filterLatency = async (p: Page, input: string, count: string, queries: string[]) => {
  const times: number[] = []
  for (const q of queries) {
    const ms = await p.evaluate(
      ([sel, countSel, text]) =>
        new Promise<number>((resolve) => {
          const el = document.querySelector(sel) as HTMLInputElement
          const counter = document.querySelector(countSel)!
          const before = counter.textContent
          const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!
          const t = performance.now()
          setter.call(el, text)
          el.dispatchEvent(new Event('input', { bubbles: true }))
          const poll = () => {
            if (counter.textContent !== before) requestAnimationFrame(() => resolve(performance.now() - t))
            else if (performance.now() - t > 20_000) resolve(NaN)
            else requestAnimationFrame(poll)
          }
          requestAnimationFrame(poll)
        }),
      [input, count, q] as const,
    )
    times.push(ms)
    await sleep(150)
  }
  return times
}

// 2. filter latency: queue (10 k incidents) and alert table (100 k alerts)
await page.keyboard.press('g')
await page.keyboard.press('i')
await page.waitForSelector('tr.inc-row')
const queueTimes = await filterLatency(page, 'input[data-filter="text"]', '.filter-count', ['client-01', 'disk', 'inc-15', 'zzz-none', '', 'ping unreachable', ''])
await page.keyboard.press('Escape')
await page.keyboard.press('g')
await page.keyboard.press('a')
await page.waitForSelector('tr.alert-row[data-alert-id]')
const alertTimes = await filterLatency(page, '.filter-text input', '.filter-count', ['client-01', 'disk', 'host-5', 'zzz-none', '', 'ping 9', ''])
await page.keyboard.press('Escape')

// 3. longest task during 10 Hz updates, per view.
const during = async (view: string) => {
  await page.evaluate((v) => (location.hash = v), view)
  await sleep(1500)
  const since = await page.evaluate(() => performance.now())
  if (cdp) {
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.start')
  }
  startDeltas()
  await sleep(N.seconds * 1000)
  stopDeltas()
  if (cdp) console.log(`--- ${view}\n${topSelfTime((await cdp.send('Profiler.stop')).profile as never).join('\n')}`)
  await sleep(300)
  const tasks = await page.evaluate((s) => (window as unknown as { __bench: { longtasks: { start: number; dur: number }[] } }).__bench.longtasks.filter((t) => t.start >= s), since)
  return { longestMs: Math.round(Math.max(0, ...tasks.map((t) => t.dur))), over50: tasks.length }
}
const updates = { queue: await during('#/incidents'), alerts: await during('#/alerts'), wall: await during('#/wall') }
const applied = await page.evaluate(() => document.querySelector('.nav-tab[data-view="alerts"] .nav-count')?.textContent ?? '')

await browser.close()
wss.close()
http.close()

const round = (x: number) => Math.round(x)
const result = {
  at: new Date().toISOString(),
  data: { ...N, snapshotMb: +(snapshotJson.length / 1e6).toFixed(1), deltaHz: 10, perDelta: { alerts: 100, incidents: 10 } },
  firstPaint: { fcpMs: round(fcp), tilesMs: round(tilesAt), longestLoadTaskMs: round(loadTasks) },
  filter: {
    queue: { medianMs: round(percentile(queueTimes, 50)), maxMs: round(Math.max(...queueTimes)), samples: queueTimes.map(round) },
    alerts: { medianMs: round(percentile(alertTimes, 50)), maxMs: round(Math.max(...alertTimes)), samples: alertTimes.map(round) },
  },
  updates,
  firingShownAfter: applied,
}
mkdirSync(join(ROOT, 'bench/results'), { recursive: true })
writeFileSync(join(ROOT, 'bench/results/ui.json'), JSON.stringify(result, null, 2) + '\n')
const worst = Math.max(updates.queue.longestMs, updates.alerts.longestMs, updates.wall.longestMs)
console.log(
  `ui: ${N.alerts} alerts / ${N.incidents} incidents (${result.data.snapshotMb} MB snapshot): first paint ${result.firstPaint.fcpMs} ms, wall drawn ${result.firstPaint.tilesMs} ms · ` +
    `filter queue ${result.filter.queue.medianMs} ms (max ${result.filter.queue.maxMs}), alerts ${result.filter.alerts.medianMs} ms (max ${result.filter.alerts.maxMs}) · ` +
    `longest task at 10 Hz ${worst} ms (queue ${updates.queue.longestMs}, alerts ${updates.alerts.longestMs}, wall ${updates.wall.longestMs})`,
)
process.exit(0)
