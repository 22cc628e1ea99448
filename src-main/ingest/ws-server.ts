import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, WebSocket } from 'ws'
import { contract, WsClientMessage, type Delta, type Method, type WsServerMessage } from '@shared/api/contract'
import { toIssues } from '@shared/model/problem-issue'
import { errorBody } from '../api/errors'
import type { HubWithCore } from '../hub'

export interface WsOptions {
  /** Largest frame accepted, bytes (the socket is closed with 1009 beyond). */
  maxFrameBytes: number
  /** A console whose send buffer grows past this is skipped and resynchronised from its last seq. */
  maxBufferedBytes?: number
}

export const DEFAULT_MAX_FRAME_BYTES = 5 * 1024 * 1024

/**
 * `/ws`: agents send `events` and get `ack` after commit (or `error`); consoles `subscribe` (optionally `since` a seq
 * they saw) and receive coalesced deltas; anyone may `call` a contract method.
 */
export const attachWsServer = (server: Server, hub: HubWithCore, opts: WsOptions) => {
  const core = hub.core
  const wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxFrameBytes })
  const maxBuffered = opts.maxBufferedBytes ?? 8 * 1024 * 1024

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '/').split('?')[0]
    if (path !== '/ws') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n')
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req))
  })

  wss.on('connection', (ws: WebSocket, req: IncomingMessage) => {
    const remote = req.socket.remoteAddress ?? undefined
    const send = (m: WsServerMessage) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(m))
    }
    let unsubscribe: (() => void) | undefined
    /** Last seq this console has been sent; a lagging console is resent everything after it. */
    let sentSeq = 0
    let lagging = false

    const pushDelta = (d: Delta) => {
      if (ws.bufferedAmount > maxBuffered) {
        lagging = true
        return
      }
      if (lagging) {
        lagging = false
        d = hub.changesSince(sentSeq)
      }
      sentSeq = d.seq
      send(d)
    }

    send({ type: 'hello', seq: core.seq.current, demo: core.demo })

    ws.on('message', async (data, isBinary) => {
      const text = isBinary ? undefined : data.toString()
      let raw: unknown
      try {
        raw = JSON.parse(text ?? '')
      } catch (e) {
        const issues = [{ path: '(frame)', message: isBinary ? 'binary frames are not accepted' : `malformed JSON: ${(e as Error).message}` }]
        await core.reject(400, 'malformed WebSocket frame', issues, { transport: 'ws', source: 'ws', remote, endpoint: 'WS /ws', rawBody: text ?? '' }).catch(() => undefined)
        return send({ type: 'error', error: 'malformed WebSocket frame', issues })
      }
      const parsed = WsClientMessage.safeParse(raw)
      if (!parsed.success) {
        const id = typeof (raw as { id?: unknown })?.id === 'string' ? ((raw as { id: string }).id.slice(0, 200)) : undefined
        const issues = toIssues(parsed.error.issues)
        await core.reject(400, 'invalid WebSocket message', issues, { transport: 'ws', source: 'ws', remote, endpoint: 'WS /ws', rawBody: text ?? '' }).catch(() => undefined)
        return send({ type: 'error', id, error: 'invalid WebSocket message', issues })
      }
      const msg = parsed.data
      try {
        switch (msg.type) {
          case 'events': {
            const r = await core.ingestPayload('native', msg.events, { transport: 'ws', remote, endpoint: 'WS /ws events', rawBody: text })
            return send({ type: 'ack', id: msg.id, accepted: r.accepted })
          }
          case 'subscribe': {
            unsubscribe?.()
            sentSeq = msg.since ?? core.seq.current
            if (msg.since !== undefined && msg.since < core.seq.current) pushDelta(hub.changesSince(msg.since))
            unsubscribe = hub.subscribe(pushDelta)
            return
          }
          case 'call': {
            if (!(msg.method in contract)) {
              return send({ type: 'error', id: msg.id, error: `unknown method ${msg.method}`, issues: [{ path: 'method', message: 'not in the contract' }] })
            }
            const output = await hub.call(msg.method as Method, (msg.input ?? {}) as never, { transport: 'ws', remote })
            return send({ type: 'result', id: msg.id, output })
          }
          case 'heartbeat':
            return send({ type: 'ack', id: 'heartbeat', accepted: 0 })
        }
      } catch (e) {
        const { body } = errorBody(e)
        send({ type: 'error', id: 'id' in msg ? msg.id : undefined, ...body })
      }
    })
    ws.on('close', () => unsubscribe?.())
    ws.on('error', () => unsubscribe?.())
  })

  return wss
}
