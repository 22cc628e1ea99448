import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, WebSocket, type RawData } from 'ws'
import { contract, encodeBinaryResult, WsClientMessage, type Method, type WsServerMessage } from '@shared/api/contract'
import { toIssues, type ValidationIssue } from '@shared/model/problem-issue'
import { ContractError, errorBody } from '@shared/api/errors'
import type { Hub, PushFrame } from '../app/hub'
import { credentialsOf, type Auth } from './auth'
import type { AnyServer, ConnectionGuard } from './connections'
import { DEFAULT_LIMITS, type Limits } from './limits'
import { createConsoleFeed, type ConsoleFeed } from './console-feed'
import { createRateLimiter } from './rate-limit'
import { DEAD_LETTER_STATUSES, deadLetter } from './reply'

export interface WsOptions {
  /** Largest frame accepted, bytes (the socket is closed with 1009 beyond). */
  maxFrameBytes: number
  /** A console whose send buffer grows past this is skipped and resynchronised from its last seq. */
  maxBufferedBytes?: number
  /** Rate, batch and frame limits (defaults from limits.ts; `maxFrameBytes` above wins for older callers). */
  limits?: Partial<Limits>
  auth?: Auth
  /** Shared with the HTTP listener: upgrades count against the same connection limit. */
  connections?: ConnectionGuard
}

export const DEFAULT_MAX_FRAME_BYTES = DEFAULT_LIMITS.maxFrameBytes

const ENDPOINT = 'WS /ws'
const CLOSE_BRACE = Buffer.from('}')

/** Answer an upgrade we will not perform, as plain HTTP, then close. */
const refuseUpgrade = (socket: Duplex, status: number, reason: string, body: object, extra = '') => {
  const text = JSON.stringify(body)
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\n${extra}Connection: close\r\n\r\n${text}`)
}

/**
 * `/ws`: agents send `events` and get `ack` after commit (or `error`); consoles `subscribe` (optionally `since` a seq
 * they saw) and receive coalesced deltas; consoles `call` contract methods. Every frame is rate-limited before it
 * is even parsed; every refused frame is answered with an `error` frame and kept in the dead letter.
 */
export const attachWsServer = (server: AnyServer, hub: Hub, opts: WsOptions) => {
  const limits = { ...DEFAULT_LIMITS, ...opts.limits, maxFrameBytes: opts.maxFrameBytes }
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes })
  const maxBuffered = opts.maxBufferedBytes ?? 8 * 1024 * 1024
  const auth = opts.auth

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    let url: URL
    try {
      url = new URL(req.url ?? '/', 'http://localhost')
    } catch {
      return refuseUpgrade(socket, 400, 'Bad Request', { error: 'bad request URL', issues: [] })
    }
    if (url.pathname !== '/ws') return refuseUpgrade(socket, 404, 'Not Found', { error: `no route ${url.pathname.slice(0, 200)}`, issues: [] })
    if (opts.connections?.full()) {
      hub.countRefusal('ws', 503)
      return refuseUpgrade(socket, 503, 'Service Unavailable', { error: 'too many connections', issues: [] }, `Retry-After: ${opts.connections.retryAfter}\r\n`)
    }
    const remote = req.socket.remoteAddress ?? undefined
    const principal = auth?.principal(credentialsOf(req.headers, url), remote)
    // A wrong credential is refused outright; no credential is let in only where it could do something (loopback).
    if (principal && (principal.presentedBad || (!principal.source && !principal.console))) {
      const why = principal.presentedBad ? 'unknown credential' : 'credential required off loopback'
      void deadLetter(hub, 401, 'unauthorized', [{ path: '(auth)', message: why }], { transport: 'ws', source: 'ws', remote, endpoint: ENDPOINT, rawBody: '' })
      return refuseUpgrade(socket, 401, 'Unauthorized', { error: 'unauthorized', issues: [] })
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req, principal))
  })

  wss.on('connection', (ws: WebSocket, req: IncomingMessage, principal?: ReturnType<Auth['principal']>) => {
    const remote = req.socket.remoteAddress ?? undefined
    const mayIngest = !principal || principal.sourceMayIngest
    const mayConsole = !principal || !!principal.console
    const limiter = createRateLimiter(limits.wsMessagesPerSec, limits.wsBurst)
    const send = (m: WsServerMessage) => sendText(JSON.stringify(m))
    /** Text already serialised (deltas, call results: by the writer, once). */
    const sendText = (text: string | Uint8Array) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(text, { binary: false })
    }
    /** Error frame + dead letter; `status` is the HTTP status the same refusal would have had. */
    const refuse = async (status: number, error: string, issues: ValidationIssue[], rawBody: string, id?: string) => {
      if (DEAD_LETTER_STATUSES.has(status)) await deadLetter(hub, status, error, issues, { transport: 'ws', source: 'ws', remote, endpoint: ENDPOINT, rawBody })
      send({ type: 'error', id, error, issues })
    }
    let unsubscribe: (() => void) | undefined
    // The subscribed console's pushes; a lagging one gets everything after the last seq it was sent, once drained.
    let feed: ConsoleFeed | undefined
    const newFeed = (since: number) =>
      createConsoleFeed({ buffered: () => ws.bufferedAmount, maxBuffered, send: (f) => sendText(f.bytes), changesSince: (seq) => hub.changesSince(seq) }, since)

    send({ type: 'hello', seq: hub.seq(), demo: hub.demo })

    const onMessage = async (data: RawData, isBinary: boolean) => {
      const verdict = limiter.take()
      if (verdict !== 'allow') {
        const issues = [{ path: '(connection)', message: `more than ${limits.wsMessagesPerSec} messages/s (burst ${limits.wsBurst}); slow down or batch events` }]
        // One dead-letter row per episode, not per dropped frame: a flood must not turn into a write flood.
        if (limiter.firstDropOfEpisode) void deadLetter(hub, 429, 'rate limit exceeded', issues, { transport: 'ws', source: 'ws', remote, endpoint: ENDPOINT, rawBody: isBinary ? '' : data.toString().slice(0, 8192) })
        hub.countRefusal('ws', 429)
        send({ type: 'error', error: 'rate limit exceeded', issues })
        if (verdict === 'close') ws.close(1008, 'rate limit exceeded')
        return
      }
      const text = isBinary ? undefined : data.toString()
      let raw: unknown
      try {
        raw = JSON.parse(text ?? '')
      } catch (e) {
        const issues = [{ path: '(frame)', message: isBinary ? 'binary frames are not accepted' : `malformed JSON: ${(e as Error).message}` }]
        return refuse(400, 'malformed WebSocket frame', issues, text ?? '')
      }
      const rawId = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id.slice(0, 200) : undefined
      const events = (raw as { type?: unknown; events?: unknown })?.type === 'events' ? (raw as { events?: unknown }).events : undefined
      if (Array.isArray(events) && events.length > limits.maxEventsPerBatch) {
        const issues = [{ path: 'events', message: `${events.length} events exceed the limit of ${limits.maxEventsPerBatch} per frame; split the batch` }]
        return refuse(413, 'too many events', issues, text ?? '', rawId)
      }
      const parsed = WsClientMessage.safeParse(raw)
      if (!parsed.success) return refuse(400, 'invalid WebSocket message', toIssues(parsed.error.issues), text ?? '', rawId)
      const msg = parsed.data
      const isIngest = msg.type === 'events' || (msg.type === 'call' && msg.method === 'events.ingest')
      if (msg.type !== 'heartbeat' && !(isIngest ? mayIngest : mayConsole)) {
        const why = isIngest ? 'this connection may not send events' : 'console token required off loopback'
        return refuse(401, 'unauthorized', [{ path: '(auth)', message: why }], text ?? '', rawId)
      }
      try {
        switch (msg.type) {
          case 'events': {
            const r = await hub.ingest('native', msg.events, { transport: 'ws', remote, endpoint: 'WS /ws events', rawBody: text })
            return send({ type: 'ack', id: msg.id, accepted: r.accepted })
          }
          case 'subscribe': {
            unsubscribe?.()
            feed?.close()
            const current = hub.seq()
            const f = (feed = newFeed(msg.since ?? current))
            unsubscribe = hub.subscribe((frame) => f.push(frame))
            if (msg.since !== undefined && msg.since < current) f.resume(msg.since)
            return
          }
          case 'call': {
            if (!Object.hasOwn(contract, msg.method)) {
              return refuse(400, `unknown method ${msg.method}`, [{ path: 'method', message: 'not in the contract' }], text ?? '', msg.id)
            }
            // Ingest by call takes the agents' path, so its refusals land in the dead letter like every other ingest.
            if (msg.method === 'events.ingest') {
              const output = await hub.ingest('native', msg.input, { transport: 'ws', remote, endpoint: 'WS /ws call events.ingest', rawBody: text })
              return send({ type: 'result', id: msg.id, output })
            }
            const out = await hub.callRaw(msg.method as Method, msg.input ?? {}, { transport: 'ws', remote })
            if ('file' in out) return send({ type: 'result', id: msg.id, output: out.file })
            // Bulk answers the console asked for as bytes (contract `binary`): one binary frame, parsed off its UI thread.
            if (msg.binary) return void (ws.readyState === WebSocket.OPEN && ws.send(encodeBinaryResult(msg.id, out.json)))
            // The writer's JSON goes into the frame as it is: no parse and re-serialise of a snapshot here.
            return sendText(Buffer.concat([Buffer.from(`{"type":"result","id":${JSON.stringify(msg.id)},"output":`), out.json, CLOSE_BRACE]))
          }
          case 'heartbeat':
            // A named agent's heartbeat keeps its feed fresh (source health, src-main/ops/policy/feeds.ts).
            if (msg.source?.trim()) await hub.call('heartbeats.post', { source: msg.source }, { transport: 'ws', remote })
            return send({ type: 'ack', id: 'heartbeat', accepted: 0 })
        }
      } catch (e) {
        const { body } = errorBody(e)
        const id = 'id' in msg ? msg.id : undefined
        if (!(e instanceof ContractError)) console.error('WebSocket message failed', msg.type, msg.type === 'call' ? msg.method : '', e)
        // The intake has already kept its refusal; a refused call (bad input) is kept here.
        if (e instanceof ContractError && msg.type === 'call' && msg.method !== 'events.ingest') return refuse(e.status, body.error, body.issues, text ?? '', id)
        send({ type: 'error', id, ...body })
      }
    }
    ws.on('message', (data, isBinary) => void onMessage(data, isBinary))
    ws.on('close', () => (unsubscribe?.(), feed?.close()))
    ws.on('error', (e: Error & { code?: string }) => {
      unsubscribe?.()
      feed?.close()
      // `ws` closes with 1009 itself; we keep the evidence. The oversized frame was never buffered, so no body.
      if (e.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
        const issues = [{ path: '(frame)', message: `frame exceeds ${limits.maxFrameBytes} bytes` }]
        void deadLetter(hub, 413, 'WebSocket frame too large', issues, { transport: 'ws', source: 'ws', remote, endpoint: ENDPOINT, rawBody: '' })
      }
    })
  })

  return wss
}
