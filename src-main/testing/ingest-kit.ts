import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import WebSocket from 'ws'

/**
 * Test helpers for the hardening suites: raw HTTP with our own keep-alive agent (fetch hides status lines,
 * sockets and exact bytes) and a WebSocket with a message queue and its close code.
 */

export interface Reply {
  status: number
  headers: IncomingHttpHeaders
  text: string
  json: any
}

export interface RequestOptions {
  method?: string
  headers?: Record<string, string>
  body?: string | Buffer
  agent?: HttpAgent | false
  /** Accept a self-signed certificate (TLS tests). */
  insecure?: boolean
}

export const keepAlive = (maxSockets = 16) => new HttpAgent({ keepAlive: true, maxSockets })

export const request = (url: string, o: RequestOptions = {}): Promise<Reply> =>
  new Promise((resolve, reject) => {
    const u = new URL(url)
    const tls = u.protocol === 'https:'
    const body = o.body === undefined ? undefined : Buffer.isBuffer(o.body) ? o.body : Buffer.from(o.body)
    const headers: Record<string, string> = { ...(body ? { 'content-type': 'application/json', 'content-length': String(body.length) } : {}), ...o.headers }
    const opts = {
      method: o.method ?? (body ? 'POST' : 'GET'),
      hostname: u.hostname.replace(/^\[|\]$/g, ''),
      port: u.port,
      path: u.pathname + u.search,
      headers,
      agent: tls ? (o.insecure ? new HttpsAgent({ rejectUnauthorized: false }) : undefined) : o.agent,
      rejectUnauthorized: !o.insecure,
    }
    const req = (tls ? httpsRequest : httpRequest)(opts, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        let json: any
        try {
          json = JSON.parse(text)
        } catch {
          json = undefined
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json })
      })
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(body)
  })

export interface WsClient {
  ws: WebSocket
  /** Next message matching `pred` (queued ones first). */
  next(pred?: (m: any) => boolean, timeoutMs?: number): Promise<any>
  /** Every message received so far, in order. */
  received: any[]
  closed: Promise<{ code: number; reason: string }>
}

export const openWs = (httpUrl: string, o: { headers?: Record<string, string>; query?: string; insecure?: boolean } = {}): Promise<WsClient> =>
  new Promise((resolve, reject) => {
    const ws = new WebSocket(`${httpUrl.replace(/^http/, 'ws')}/ws${o.query ?? ''}`, { headers: o.headers, rejectUnauthorized: !o.insecure })
    const queue: any[] = []
    const received: any[] = []
    const waiters: { pred: (m: any) => boolean; res: (m: any) => void }[] = []
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString())
      received.push(m)
      const w = waiters.findIndex((x) => x.pred(m))
      if (w >= 0) waiters.splice(w, 1)[0].res(m)
      else queue.push(m)
    })
    const closed = new Promise<{ code: number; reason: string }>((r) => ws.once('close', (code, reason) => r({ code, reason: reason.toString() })))
    const next = (pred: (m: any) => boolean = () => true, timeoutMs = 10_000) =>
      new Promise<any>((res, rej) => {
        const i = queue.findIndex(pred)
        if (i >= 0) return res(queue.splice(i, 1)[0])
        const t = setTimeout(() => rej(new Error('no matching WebSocket message in time')), timeoutMs)
        waiters.push({ pred, res: (m) => (clearTimeout(t), res(m)) })
      })
    ws.once('open', () => resolve({ ws, next, received, closed }))
    ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), { status: res.statusCode, headers: res.headers })))
    ws.once('error', reject)
  })

/** Deterministic PRNG (mulberry32) so a failing fuzz case can be replayed from its seed. */
export const rng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = seed
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
