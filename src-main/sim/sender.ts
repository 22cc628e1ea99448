import { writeFileSync } from 'node:fs'
import WebSocket from 'ws'
import type { Plan, Send, TruthRecord } from './types'

/**
 * Replays a plan against a running console through its real listeners: HTTP webhooks and agent WebSockets. The
 * only impure part of the simulator. Sends that share a simulated instant go out together (bounded concurrency);
 * the next instant waits for them, so one alert's firing → resolve order is kept.
 */
export interface SendOptions {
  target: string
  /** Simulated seconds per wall second; 'max' = as fast as the console answers. */
  speed: number | 'max'
  concurrency?: number
  log?: (s: string) => void
  signal?: AbortSignal
  /** Called after each send completes (benchmarks time them). */
  onSent?: (s: Send, ok: boolean, ms: number) => void
}

export interface SendStats {
  sends: number
  events: number
  failed: number
  failures: string[]
  /** Requests retried after a connection error or 503, and the first reasons. */
  retries: number
  retryReasons: string[]
  wallSec: number
  /** Worst lateness against the schedule (the console or this process could not keep up). */
  maxLagMs: number
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((res) => {
    if (ms <= 0 || signal?.aborted) return res()
    const t = setTimeout(res, ms)
    signal?.addEventListener('abort', () => (clearTimeout(t), res()), { once: true })
  })

const ACK_TIMEOUT_MS = 30_000

/** One agent connection per client (a Tap In collector/agent per customer), acks matched by frame id. */
export class AgentSockets {
  private sockets = new Map<string, Promise<WebSocket>>()
  private waiting = new Map<string, (ok: boolean, why?: string) => void>()
  constructor(private readonly wsUrl: string) {}

  private open(client: string): Promise<WebSocket> {
    let p = this.sockets.get(client)
    if (!p) {
      p = new Promise<WebSocket>((res, rej) => {
        const ws = new WebSocket(this.wsUrl, { headers: { 'x-noc-sim': client } })
        ws.once('open', () => res(ws))
        ws.once('error', (e) => (this.sockets.delete(client), rej(e)))
        ws.on('close', () => this.sockets.delete(client))
        ws.on('message', (data) => {
          let m: { type?: string; id?: string; error?: string }
          try {
            m = JSON.parse(data.toString())
          } catch {
            return
          }
          if ((m.type === 'ack' || m.type === 'error') && m.id && this.waiting.has(m.id)) {
            this.waiting.get(m.id)!(m.type === 'ack', m.error)
            this.waiting.delete(m.id)
          }
        })
      })
      this.sockets.set(client, p)
    }
    return p
  }

  async send(client: string, frame: { id: string }): Promise<void> {
    const ws = await this.open(client)
    await new Promise<void>((res, rej) => {
      // An ack comes after COMMIT; a console that never answers must not stall the sender forever.
      const timer = setTimeout(() => (this.waiting.delete(frame.id), rej(new Error(`no ack for ${frame.id} in ${ACK_TIMEOUT_MS} ms`))), ACK_TIMEOUT_MS)
      this.waiting.set(frame.id, (ok, why) => (clearTimeout(timer), ok ? res() : rej(new Error(why ?? 'refused'))))
      ws.send(JSON.stringify(frame), (e) => e && (clearTimeout(timer), this.waiting.delete(frame.id), rej(e)))
    })
  }

  close() {
    for (const p of this.sockets.values()) void p.then((ws) => ws.close()).catch(() => undefined)
    this.sockets.clear()
    for (const w of this.waiting.values()) w(false, 'closed')
    this.waiting.clear()
  }
}

const why = (e: unknown) => {
  const c = (e as { cause?: { code?: string; message?: string } })?.cause
  return `${(e as Error)?.message ?? e}${c ? ` (${c.code ?? c.message})` : ''}`
}

/**
 * One request. Like the real senders (Alertmanager, Zabbix, agents), a request that failed at the connection level
 * (e.g. a keep-alive socket the server closed as we reused it) or got 503 is retried a few times.
 */
export const postSend = async (
  target: string, s: Send, agents: AgentSockets, headers: Record<string, string> = { 'x-noc-sim': '1' }, onRetry?: (why: string) => void,
): Promise<void> => {
  if (s.transport === 'ws') return agents.send(s.events[0].client, s.body as { id: string })
  const body = JSON.stringify(s.body)
  for (let attempt = 1; ; attempt++) {
    let r: Response
    try {
      r = await fetch(target + s.path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })
    } catch (e) {
      if (attempt < 3) {
        onRetry?.(why(e))
        continue
      }
      throw new Error(`${s.path}: ${why(e)}`)
    }
    const text = await r.text()
    if (r.status === 200) return
    if (r.status === 503 && attempt < 3) {
      onRetry?.(`503 ${text.slice(0, 100)}`)
      await sleep(1000 * Number(r.headers.get('retry-after') ?? 1))
      continue
    }
    throw new Error(`${s.path} → ${r.status} ${text.slice(0, 300)}`)
  }
}

export const sendPlan = async (plan: Plan, opts: SendOptions): Promise<SendStats> => {
  const target = opts.target.replace(/\/$/, '')
  const agents = new AgentSockets(target.replace(/^http/, 'ws') + '/ws')
  const concurrency = opts.concurrency ?? 16
  const stats: SendStats = { sends: 0, events: 0, failed: 0, failures: [], retries: 0, retryReasons: [], wallSec: 0, maxLagMs: 0 }
  const onRetry = (why: string) => {
    stats.retries++
    if (stats.retryReasons.length < 5) stats.retryReasons.push(why)
  }
  const wall0 = performance.now()
  try {
    let i = 0
    while (i < plan.sends.length && !opts.signal?.aborted) {
      const at = plan.sends[i].at
      let j = i
      while (j < plan.sends.length && plan.sends[j].at === at) j++
      const tick = plan.sends.slice(i, j)
      i = j
      if (opts.speed !== 'max') {
        const due = wall0 + (at - plan.start) / opts.speed
        await sleep(due - performance.now(), opts.signal)
        stats.maxLagMs = Math.max(stats.maxLagMs, performance.now() - due)
      }
      let next = 0
      await Promise.all(
        Array.from({ length: Math.min(concurrency, tick.length) }, async () => {
          while (next < tick.length) {
            const s = tick[next++]
            const t0 = performance.now()
            let ok = true
            try {
              await postSend(target, s, agents, undefined, onRetry)
            } catch (e) {
              ok = false
              stats.failed++
              if (stats.failures.length < 20) stats.failures.push(why(e))
            }
            stats.sends++
            stats.events += s.events.length
            opts.onSent?.(s, ok, performance.now() - t0)
          }
        }),
      )
      if (opts.log && stats.sends % 500 < tick.length) opts.log(`sim: ${stats.sends}/${plan.sends.length} requests, ${stats.events} events`)
    }
  } finally {
    agents.close()
  }
  stats.wallSec = (performance.now() - wall0) / 1000
  return stats
}

/** JSONL, one line per event: the console's alert key → the ground-truth incident label. */
export const truthJsonl = (truth: TruthRecord[]): string => truth.map((r) => JSON.stringify(r)).join('\n') + '\n'
export const writeTruth = (file: string, truth: TruthRecord[]) => writeFileSync(file, truthJsonl(truth))
