/**
 * bench/ui — the console under load, in Chromium at 1920×1080: 100 k alerts and 10 k incidents, then 10 Hz deltas.
 *
 *   npx tsx bench/ui.ts [--alerts 100000] [--incidents 10000] [--clients 300] [--seconds 10]
 *
 * The hub is synthetic on purpose: a small server that speaks the real WebSocket protocol (hello → subscribe →
 * deltas, `call` → result, `binary` calls → one binary frame) with contract-valid data (checked with the
 * contract's own zod schemas before the run) and the hub's own row packing (console-queries `packAlertRows`),
 * and serves the built renderer. So the figures are the console's — decode, validate, store, render — and not
 * the ingest pipeline's (bench/ingest.ts measures that).
 *
 * Prints one summary line; writes bench/results/ui.json. UI_BENCH_PROFILE=1 also prints the main thread's top
 * functions by self time for each phase (build with `--minify false` to read the names).
 *   first view      navigation → first contentful paint (the shell); → wall tiles drawn from the head; → queue
 *                   usable (incidents in); → all alert rows in. Also each after the WebSocket opened ("connect").
 *   filter latency  typing into the queue's and the alert table's filter → the list shows the new result (next frame)
 *   longest task    bench/long-task-probe.ts (Long Tasks API + event-loop lag) while deltas arrive at 10 Hz, on the
 *                   queue, the alert table and the wall. The probe is proven live first: a 100 ms busy loop must
 *                   read ≥ 90 ms, else the run fails.
 *   heap            renderer JS heap after GC: page + decode worker (CDP), with all rows loaded, after the deltas
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { chromium, type Page } from 'playwright'
import { WebSocketServer, type WebSocket } from 'ws'
import { AlertRowsPage, alertRowsIssues, Delta, encodeBinaryResult, SnapshotHead } from '@shared/api/contract'
import { SEVERITIES } from '@shared/model/severity'
import { staticFiles } from '../src-main/ingest/static-files'
import { ROOT, percentile, sleep } from './lib'
import { installProbe, pageNow, probeSince, selfTest } from './long-task-probe'
import { measureHeap } from './renderer-heap'
import { alertPagesOf, buildData, headOf, makeDeltaSource, snapshotOf } from './ui-data'

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
const head = headOf(data)
SnapshotHead.parse({ ...head, incidents: head.incidents.slice(0, 500) })
const pages = alertPagesOf(data, 10_000)
for (const p of pages.values()) if (alertRowsIssues(AlertRowsPage.parse(p), SEVERITIES.length).length) throw new Error('bad page')
const nextDelta = makeDeltaSource(data, { alerts: 100, incidents: 10 })
Delta.parse(nextDelta(Date.now()))
// Pre-serialised like H1's hub worker will answer: the bench measures the console, not this server.
const headJson = JSON.stringify(head)
const pageJson = new Map([...pages].map(([after, p]) => [after, JSON.stringify(p)]))
const snapshotMb = (JSON.stringify(snapshotOf(data)).length / 1e6).toFixed(1)
const wireMb = ((headJson.length + [...pageJson.values()].reduce((n, j) => n + j.length, 0)) / 1e6).toFixed(1)

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
    // Spliced, not re-stringified; a `binary` call gets the one binary frame the real ws-server sends.
    const replyJson = (json: string) => ws.send(m.binary ? encodeBinaryResult(m.id, json) : `{"type":"result","id":${JSON.stringify(m.id)},"output":${json}}`)
    switch (m.method) {
      case 'snapshot.head':
        return replyJson(headJson)
      case 'alerts.rows': {
        const json = pageJson.get(m.input?.after ?? 0)
        return json ? replyJson(json) : ws.send(JSON.stringify({ type: 'error', id: m.id, error: 'no such page', issues: [] }))
      }
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
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
})
const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
// tsx compiles the functions handed to page.evaluate with esbuild's keep-names helper; give the page one.
await page.addInitScript('globalThis.__name = (f) => f')
await page.addInitScript(installProbe)
await page.addInitScript(() => {
  const b = { connectAt: null as number | null, tilesAt: null as number | null, queueAt: null as number | null, alertsAt: null as number | null }
  ;(window as unknown as { __bench: typeof b }).__bench = b
  const Ws = window.WebSocket
  window.WebSocket = class extends Ws {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols)
      this.addEventListener('open', () => (b.connectAt ??= performance.now()))
    }
  }
  // The frame that paints a change: after the next animation frame.
  const painted = (set: () => void) => requestAnimationFrame(() => setTimeout(set, 0))
  new MutationObserver((_, obs) => {
    if (b.tilesAt === null && document.querySelector('button.tile')) painted(() => (b.tilesAt ??= performance.now()))
    // The queue is usable once the whole head is applied (the preview before it only draws the wall).
    if (b.queueAt === null && performance.getEntriesByName('noc:head-applied').length) painted(() => (b.queueAt ??= performance.now()))
    if (b.alertsAt === null && document.querySelector('main[data-alert-load="done"]')) {
      painted(() => (b.alertsAt ??= performance.now()))
      obs.disconnect()
    }
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-alert-load'] })
})

type BenchState = { connectAt: number | null; tilesAt: number | null; queueAt: number | null; alertsAt: number | null }
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
// 1. first view
const cdp = process.env.UI_BENCH_PROFILE ? await page.context().newCDPSession(page) : null
if (cdp) {
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.start')
}
await page.goto(`${url}/#/wall`)
await page.waitForFunction(() => (window as unknown as { __bench: BenchState }).__bench.alertsAt !== null, undefined, { timeout: 120_000 })
const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN)
if (cdp) console.log(`--- load\n${topSelfTime((await cdp.send('Profiler.stop')).profile as never).join('\n')}`)
const loaded = await benchState(page)
const loadTasks = await probeSince(page, 0)
const decoder = await page.evaluate(() => navigator.userAgent && document.documentElement.dataset.decoder)
const marks = Object.fromEntries(
  (await page.evaluate(() => performance.getEntriesByType('mark').filter((m) => m.name.startsWith('noc:')).map((m) => [m.name.slice(4), Math.round(m.startTime)]))) as [string, number][],
)
if (process.env.UI_BENCH_PROFILE) console.log('marks', { connect: Math.round(loaded.connectAt ?? NaN), ...marks, tiles: Math.round(loaded.tilesAt ?? NaN) })

// The probe must be able to fail before its 0 means anything.
const selfTestMs = await selfTest(page, 100)
if (selfTestMs < 90) {
  console.error(`long-task probe is blind: a 100 ms busy loop read ${selfTestMs} ms`)
  process.exit(1)
}

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
if (cdp) {
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.start')
}
const queueTimes = await filterLatency(page, 'input[data-filter="text"]', '.filter-count', ['client-01', 'disk', 'inc-15', 'zzz-none', '', 'ping unreachable', 'ana', ''])
if (cdp) console.log(`--- queue filters\n${topSelfTime((await cdp.send('Profiler.stop')).profile as never).join('\n')}`)
await page.keyboard.press('Escape')
await page.keyboard.press('g')
await page.keyboard.press('a')
await page.waitForSelector('tr.alert-row[data-alert-id]')
if (cdp) {
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.start')
}
const alertTimes = await filterLatency(page, '.filter-text input', '.filter-count', ['client-01', 'disk', 'host-5', 'zzz-none', '', 'ping 9', 'major client-2', ''])
if (cdp) console.log(`--- alert filters\n${topSelfTime((await cdp.send('Profiler.stop')).profile as never).join('\n')}`)
await page.keyboard.press('Escape')

// 3. longest task during 10 Hz updates, per view.
const during = async (view: string) => {
  await page.evaluate((v) => (location.hash = v), view)
  await sleep(1500)
  const since = await pageNow(page)
  if (cdp) {
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.start')
  }
  startDeltas()
  await sleep(N.seconds * 1000)
  stopDeltas()
  if (cdp) console.log(`--- ${view}\n${topSelfTime((await cdp.send('Profiler.stop')).profile as never).join('\n')}`)
  await sleep(300)
  const { longestMs, over50 } = await probeSince(page, since)
  return { longestMs, over50 }
}
const updates = { queue: await during('#/incidents'), alerts: await during('#/alerts'), wall: await during('#/wall') }
const applied = await page.evaluate(() => document.querySelector('.nav-tab[data-view="alerts"] .nav-count')?.textContent ?? '')
const heap = await measureHeap(browser, page)

await browser.close()
wss.close()
http.close()

const round = (x: number) => Math.round(x)
const since = (t: number | null) => round((t ?? NaN) - (loaded.connectAt ?? NaN))
const result = {
  at: new Date().toISOString(),
  data: { ...N, snapshotMb: +snapshotMb, wireMb: +wireMb, deltaHz: 10, perDelta: { alerts: 100, incidents: 10 } },
  firstView: {
    fcpMs: round(fcp),
    connectMs: round(loaded.connectAt ?? NaN),
    tilesMs: round(loaded.tilesAt ?? NaN),
    queueMs: round(loaded.queueAt ?? NaN),
    alertsMs: round(loaded.alertsAt ?? NaN),
    afterConnect: { tilesMs: since(loaded.tilesAt), queueMs: since(loaded.queueAt), alertsMs: since(loaded.alertsAt) },
    longestLoadTaskMs: loadTasks.longestMs,
    decoder: decoder ?? 'unknown',
  },
  filter: {
    queue: { medianMs: round(percentile(queueTimes, 50)), maxMs: round(Math.max(...queueTimes)), samples: queueTimes.map(round) },
    alerts: { medianMs: round(percentile(alertTimes, 50)), maxMs: round(Math.max(...alertTimes)), samples: alertTimes.map(round) },
  },
  probe: { selfTestMs },
  updates,
  heap,
  firingShownAfter: applied,
}
mkdirSync(join(ROOT, 'bench/results'), { recursive: true })
writeFileSync(join(ROOT, 'bench/results/ui.json'), JSON.stringify(result, null, 2) + '\n')
const worst = Math.max(updates.queue.longestMs, updates.alerts.longestMs, updates.wall.longestMs)
const f = result.firstView
console.log(
  `ui: ${N.alerts} alerts / ${N.incidents} incidents (${snapshotMb} MB as a snapshot, ${wireMb} MB head + rows): first paint ${f.fcpMs} ms, ` +
    `wall drawn ${f.tilesMs} ms (${f.afterConnect.tilesMs} after connect), queue ${f.queueMs} ms, all alerts ${f.alertsMs} ms, longest load task ${f.longestLoadTaskMs} ms · ` +
    `filter queue ${result.filter.queue.medianMs} ms (max ${result.filter.queue.maxMs}), alerts ${result.filter.alerts.medianMs} ms (max ${result.filter.alerts.maxMs}) · ` +
    `longest task at 10 Hz ${worst} ms (queue ${updates.queue.longestMs}, alerts ${updates.alerts.longestMs}, wall ${updates.wall.longestMs}; probe self-test 100 ms → ${selfTestMs}) · ` +
    `heap ${heap.totalMb} MB (page ${heap.pageMb}, worker ${heap.workerMb})`,
)
process.exit(0)
