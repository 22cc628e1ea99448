import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { bundleServe } from './testing/bundle-kit'
import { rng } from './testing/ingest-kit'

/**
 * "2xx = durably committed", tested the hard way: the real `serve` runs as a child process under load from HTTP
 * webhook senders and WebSocket agents, and is SIGKILLed at seeded random moments, then restarted on the same data
 * directory. Every event that got a 2xx or an ack must be there afterwards (its alert exists, with a count at least
 * the number of acknowledged deliveries), and SQLite's integrity check must pass.
 *
 * serve.ts (and its writer worker) is bundled once with esbuild (as a packaged app runs it) rather than run through
 * tsx: a tsx compile on every one of the 23 starts would dominate the test's time, and tsx's CLI is a wrapper process
 * whose SIGKILL would leave the real server running. SIGKILL takes the writer thread down with the process.
 */
const ROOT = resolve(import.meta.dirname, '..')
const SEED = Number(process.env.CRASH_SEED ?? 4242)
const KILLS = 22
let entry: string
const cacheDir = join(ROOT, 'node_modules/.cache', `noc-crash-${process.pid}`)

beforeAll(async () => {
  // Written under node_modules so the external packages (better-sqlite3, ws, zod…) resolve from the project.
  entry = await bundleServe(cacheDir)
}, 60_000)
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }))

interface Serve {
  url: string
  child: ChildProcess
}

const spawnServe = (dataDir: string): Promise<Serve> =>
  new Promise((res, rej) => {
    const child = spawn(process.execPath, [entry, '--port', '0', '--data', dataDir, '--no-demo'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    const t = setTimeout(() => rej(new Error(`serve did not start: ${out}`)), 30_000)
    child.stdout!.on('data', (d) => {
      out += d
      const m = /serving at (http:\/\/[^/\s]+)/.exec(out)
      if (m) {
        clearTimeout(t)
        res({ url: m[1], child })
      }
    })
    child.stderr!.on('data', (d) => (out += d))
    child.once('exit', (code) => {
      clearTimeout(t)
      rej(new Error(`serve exited ${code} before listening: ${out}`))
    })
  })

const kill = (c: ChildProcess) =>
  new Promise<void>((r) => {
    if (c.exitCode !== null || c.signalCode !== null) return r()
    c.once('exit', () => r())
    c.kill('SIGKILL')
  })

/** Deliveries per fingerprint: sent (may or may not have landed) and acknowledged (must have landed). */
class Ledger {
  sent = new Map<string, number>()
  acked = new Map<string, number>()
  private own: string[] = []
  constructor(private readonly name: string, private readonly r: () => number) {}
  /** A new fingerprint, or (one time in five) a repeat of one this sender used before. */
  next(): string {
    const fp = this.own.length && this.r() < 0.2 ? this.own[Math.floor(this.r() * this.own.length)] : `${this.name}-${this.own.length}`
    if (!this.own.includes(fp)) this.own.push(fp)
    this.sent.set(fp, (this.sent.get(fp) ?? 0) + 1)
    return fp
  }
  ack(fps: string[]) {
    for (const fp of fps) this.acked.set(fp, (this.acked.get(fp) ?? 0) + 1)
  }
}

const nativeEvent = (fp: string) => ({ client: 'crash', class: 'Crash', rule: 'Durability', severity: 'major', text: `event ${fp}`, fingerprint: fp })
const amBody = (fps: string[]) => ({
  version: '4',
  status: 'firing',
  receiver: 'noc',
  alerts: fps.map((fp) => ({ status: 'firing', labels: { alertname: 'Crash', instance: fp, severity: 'critical' }, fingerprint: fp, startsAt: new Date().toISOString() })),
})

describe('crash durability', () => {
  it(`SIGKILL under load ${KILLS} times: every acknowledged event survives; integrity_check ok`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'noc-crash-'))
    const r = rng(SEED)
    let current: Serve | undefined
    let running = true
    /** Requests and frames sent and not yet answered, to prove each kill landed under load. */
    let inFlight = 0
    const ledgers: Ledger[] = []
    const idle = () => new Promise((res) => setTimeout(res, 10))

    const httpSender = async (n: number) => {
      const l = new Ledger(`h${n}`, rng(SEED + n))
      ledgers.push(l)
      while (running) {
        const url = current?.url
        if (!url) {
          await idle()
          continue
        }
        const fps = Array.from({ length: 1 + Math.floor(r() * 8) }, () => l.next())
        const am = n % 2 === 0
        inFlight++
        try {
          const res = await fetch(am ? `${url}/webhook/alertmanager/crash` : `${url}/api/v1/events`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(am ? amBody(fps) : fps.map(nativeEvent)),
          })
          const body = (await res.json()) as { accepted?: number }
          if (res.status === 200) {
            expect(body.accepted).toBe(fps.length)
            l.ack(fps)
          }
        } catch {
          /* killed mid-request: not acknowledged, so not promised */
        } finally {
          inFlight--
        }
      }
    }

    const wsAgent = async (n: number) => {
      const l = new Ledger(`w${n}`, rng(SEED + 100 + n))
      ledgers.push(l)
      let frame = 0
      while (running) {
        const url = current?.url
        if (!url) {
          await idle()
          continue
        }
        await new Promise<void>((done) => {
          const ws = new WebSocket(`${url.replace('http', 'ws')}/ws`)
          const pending = new Map<string, string[]>()
          const sendOne = () => {
            if (!running || ws.readyState !== WebSocket.OPEN) return ws.close()
            const id = `w${n}-${frame++}`
            const fps = Array.from({ length: 1 + Math.floor(r() * 5) }, () => l.next())
            pending.set(id, fps)
            inFlight++
            ws.send(JSON.stringify({ type: 'events', id, events: fps.map(nativeEvent) }))
          }
          ws.on('message', (d) => {
            const m = JSON.parse(d.toString())
            if (m.type === 'hello') return sendOne()
            if (m.type === 'ack' && pending.has(m.id)) {
              expect(m.accepted).toBe(pending.get(m.id)!.length)
              l.ack(pending.get(m.id)!)
              pending.delete(m.id)
              inFlight--
              sendOne()
            }
          })
          ws.on('error', () => undefined)
          ws.on('close', () => {
            inFlight -= pending.size
            done()
          })
        })
      }
    }

    const load = [0, 1, 2, 3].map(httpSender).concat([0, 1].map(wsAgent))
    const kills: number[] = []
    let underLoad = 0
    try {
      for (let k = 0; k < KILLS; k++) {
        current = await spawnServe(dataDir)
        const after = 200 + Math.floor(r() * 1200)
        await new Promise((res) => setTimeout(res, after))
        const victim = current
        current = undefined
        if (inFlight > 0) underLoad++
        await kill(victim.child)
        kills.push(after)
      }
    } finally {
      running = false
      await Promise.all(load)
    }
    expect(kills.length).toBe(KILLS)

    // The database as the last SIGKILL left it, before anything opens it for writing.
    const db = new Database(join(dataDir, 'noc.db'), { readonly: true, fileMustExist: true })
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    db.close()

    const s = await spawnServe(dataDir)
    try {
      const stored = new Map<string, number>()
      let cursor: string | null = null
      do {
        const q: string = `${s.url}/api/v1/alerts?client=crash&limit=5000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
        const page = (await (await fetch(q)).json()) as { items: { fingerprint: string; count: number }[]; nextCursor: string | null }
        for (const a of page.items) stored.set(a.fingerprint, a.count)
        cursor = page.nextCursor
      } while (cursor)

      let acked = 0
      const lost: string[] = []
      const overCounted: string[] = []
      for (const l of ledgers) {
        for (const [fp, n] of l.acked) {
          acked += n
          if ((stored.get(fp) ?? 0) < n) lost.push(`${fp}: acked ${n}, stored ${stored.get(fp) ?? 0}`)
        }
        for (const [fp, n] of l.sent) if ((stored.get(fp) ?? 0) > n) overCounted.push(`${fp}: sent ${n}, stored ${stored.get(fp)}`)
      }
      expect(lost).toEqual([])
      expect(overCounted).toEqual([])
      // The load was real: kills landed with requests in flight (some deliveries were cut off unanswered), every
      // sender on both transports was acknowledged, repeats were counted.
      const sent = ledgers.reduce((n, l) => n + [...l.sent.values()].reduce((a, b) => a + b, 0), 0)
      console.log(`crash durability: ${KILLS} kills (${underLoad} with requests in flight), ${sent} deliveries sent, ${acked} acknowledged, ${stored.size} alerts stored`)
      expect(underLoad).toBeGreaterThanOrEqual(20)
      expect(sent).toBeGreaterThan(acked)
      // Modest on purpose: on a loaded 2-core CI box an fsync per group commit is slow; what matters is what follows.
      expect(acked).toBeGreaterThan(50)
      for (const l of ledgers) expect(l.acked.size, 'every sender got acknowledgements').toBeGreaterThan(0)
      expect([...stored.values()].some((c) => c > 1)).toBe(true)
    } finally {
      await kill(s.child)
    }
  }, 180_000)
})
