import { contract, WsClientMessage } from '@shared/api/contract'
import { adapters, isAdapterName } from '../ingest/adapters/index'
import { parseJson } from '../ingest/body'
import type { HttpCase, WsCase } from './fuzz-kit'
import { matchRoute } from '../ingest/http-server'
import { countEvents, type Limits } from '../ingest/limits'

/**
 * What the server must answer for a fuzz case, decided from the same schemas and adapters the server uses but
 * without the server: a refusal status (400/405/413), `ok` (must be 200), or `domain` (the input is valid, so
 * the handler decides: any non-5xx answer is fine). The fuzz suite checks the server against this.
 */
export type Expect = { refuse: number } | 'ok' | 'domain'

const WEBHOOK = /^\/webhook\/([^/]+)(?:\/([^/]+))?\/?$/
const decode = (s: string): string | undefined => {
  try {
    return decodeURIComponent(s)
  } catch {
    return undefined
  }
}
const bytes = (b: string | Buffer | undefined) => (b === undefined ? Buffer.alloc(0) : Buffer.isBuffer(b) ? b : Buffer.from(b))

const ingestExpect = (format: string, c: HttpCase, body: Buffer, limits: Limits): Expect => {
  if (c.method !== 'POST') return { refuse: 405 }
  if (body.length > limits.maxBodyBytes) return { refuse: 413 }
  if (!isAdapterName(format)) return { refuse: 400 }
  const p = parseJson(body)
  if (!p.ok) return { refuse: 400 }
  if (countEvents(p.value).count > limits.maxEventsPerBatch) return { refuse: 413 }
  return adapters[format](p.value, { receivedAt: Date.now() }).ok ? 'ok' : { refuse: 400 }
}

export const httpExpect = (c: HttpCase, limits: Limits): { expect: Expect; endpoint: string } => {
  const url = new URL(c.path, 'http://localhost')
  const body = bytes(c.body)
  const wh = WEBHOOK.exec(url.pathname)
  if (wh) {
    const format = decode(wh[1]) ?? wh[1]
    return { expect: ingestExpect(format, c, body, limits), endpoint: isAdapterName(format) ? `webhook:${format}` : 'webhook:unknown' }
  }
  if (url.pathname === '/api/v1/events') return { expect: ingestExpect('native', c, body, limits), endpoint: 'events.ingest' }
  const hit = matchRoute(c.method, url.pathname)
  if (!hit) return { expect: { refuse: 404 }, endpoint: 'none' }
  const { route, match } = hit
  const endpoint = route.method
  if (c.method !== route.httpMethod) return { expect: { refuse: 405 }, endpoint }
  const input: Record<string, unknown> = {}
  for (const [k, v] of url.searchParams) if (k !== 'access_token') input[k] = v
  if (route.httpMethod !== 'GET') {
    if (body.length > limits.maxBodyBytes) return { expect: { refuse: 413 }, endpoint }
    if (body.length) {
      const p = parseJson(body)
      if (!p.ok || typeof p.value !== 'object' || p.value === null || Array.isArray(p.value)) return { expect: { refuse: 400 }, endpoint }
      Object.assign(input, Object.fromEntries(Object.entries(p.value)))
    }
  }
  for (const [i, name] of route.params.entries()) {
    const v = decode(match[i + 1])
    if (v === undefined) return { expect: { refuse: 400 }, endpoint }
    input[name] = v
  }
  return { expect: contract[route.method].input.safeParse({ ...input }).success ? 'domain' : { refuse: 400 }, endpoint }
}

/** WS: `error` (a refusal), `ack`, `result`, `domain` (valid call: result or a handler's error), `none` (valid subscribe). */
export type WsExpect = 'error' | 'ack' | 'result' | 'domain' | 'none'

export const wsExpect = (c: WsCase, limits: Limits): { expect: WsExpect; type: string } => {
  if (c.binary) return { expect: 'error', type: 'binary' }
  let raw: any
  try {
    raw = JSON.parse(c.frame.toString())
  } catch {
    return { expect: 'error', type: 'malformed' }
  }
  const type = typeof raw?.type === 'string' && ['events', 'subscribe', 'call', 'heartbeat'].includes(raw.type) ? raw.type : 'other'
  if (raw?.type === 'events' && Array.isArray(raw.events) && raw.events.length > limits.maxEventsPerBatch) return { expect: 'error', type }
  const p = WsClientMessage.safeParse(raw)
  if (!p.success) return { expect: 'error', type }
  const m = p.data
  if (m.type === 'heartbeat') return { expect: 'ack', type }
  if (m.type === 'subscribe') return { expect: 'none', type }
  if (m.type === 'events') return { expect: adapters.native(m.events, { receivedAt: Date.now() }).ok ? 'ack' : 'error', type }
  if (!Object.hasOwn(contract, m.method)) return { expect: 'error', type }
  if (m.method === 'events.ingest') return { expect: adapters.native(m.input, { receivedAt: Date.now() }).ok ? 'result' : 'error', type }
  return { expect: contract[m.method as keyof typeof contract].input.safeParse(m.input ?? {}).success ? 'domain' : 'error', type }
}
