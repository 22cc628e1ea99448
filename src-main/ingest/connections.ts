import type { Server } from 'node:http'
import type { Server as HttpsServer } from 'node:https'
import type { Socket } from 'node:net'
import type { Hub } from '../app/hub'
import { RETRY_AFTER_SEC, type Limits } from './limits'
import { deadLetter } from './reply'

export type AnyServer = Server | HttpsServer

/** Options for `createServer` itself (some of Node's limits can only be set there). */
export const serverOptions = (limits: Limits) => ({
  maxHeaderSize: limits.maxHeaderBytes,
  // Node checks header/request deadlines on this interval (30 s by default): tighter, or a 10 s headersTimeout is 40 s.
  connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(limits.headersTimeoutMs / 2))),
  headersTimeout: limits.headersTimeoutMs,
  requestTimeout: limits.requestTimeoutMs,
  keepAliveTimeout: limits.keepAliveTimeoutMs,
})

/** Hard cap above the soft limit: past it the kernel-level accept is closed unanswered (we cannot afford even a 503). */
export const HARD_CONNECTION_MARGIN = 64

/**
 * Counts open sockets (HTTP keep-alive and WebSocket alike: an upgraded socket stays counted until it closes) and
 * answers malformed or slow requests as JSON. Over the soft limit a request gets 503 + Retry-After and its
 * socket is closed, so the count falls back; refusals are counted in metrics, not written to the dead letter
 * (under overload, a write per refusal would make things worse).
 */
export const guardConnections = (server: AnyServer, limits: Limits, hub: Pick<Hub, 'countRefusal' | 'deadLetter'>) => {
  let open = 0
  server.maxConnections = limits.maxConnections + HARD_CONNECTION_MARGIN
  server.headersTimeout = limits.headersTimeoutMs
  server.requestTimeout = limits.requestTimeoutMs
  server.keepAliveTimeout = limits.keepAliveTimeoutMs
  server.on('connection', (s: Socket) => {
    open++
    s.once('close', () => open--)
  })

  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    const code = err.code ?? ''
    if (code === 'ECONNRESET' || !socket.writable) return void socket.destroy()
    const [status, error] =
      code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'request headers too large']
        : code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'request timeout']
          : [400, 'malformed HTTP request']
    const message = status === 431 ? `request line and headers exceed ${limits.maxHeaderBytes} bytes` : status === 408 ? 'the request did not arrive in time' : code || 'unparseable request'
    const text = JSON.stringify({ error, issues: [{ path: '(request)', message }] })
    socket.end(`HTTP/1.1 ${status} ${error}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`)
    hub.countRefusal('http', status)
    // A slow sender is load, not input worth keeping; an unparseable one is evidence (which sender is broken?).
    if (status !== 408) void deadLetter(hub, status, error, [{ path: '(request)', message }], { transport: 'http', source: 'http', remote: socket.remoteAddress, endpoint: 'HTTP (unparsed)', rawBody: '' })
  })

  return {
    get open() {
      return open
    },
    /** True when this socket is one too many (it is itself counted). */
    full: () => open > limits.maxConnections,
    retryAfter: String(RETRY_AFTER_SEC),
  }
}
export type ConnectionGuard = ReturnType<typeof guardConnections>
