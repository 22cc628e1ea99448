/**
 * Browser / wall-display transport: one WebSocket to `/ws` on the page's own origin.
 *
 * Protocol (contract.ts `WsClientMessage` / `WsServerMessage`): the server greets with `hello {seq, demo}`; we
 * answer `subscribe {since?}` and then receive `delta` frames; calls are `call {id, method, input}` answered by
 * `result {id, output}` or `error {id, error, issues}`. Every frame is checked before use; a bad frame is
 * dropped and counted, never applied.
 */
import { splitBinaryResult, type Delta } from '@shared/api/contract'
import { backoffDelay, type BackoffOptions } from './backoff'
import { listeners, NocCallError, parseDelta, parseOutput, type InputOf, type LinkStatus, type Method, type OutputOf, type RawOutput, type Transport } from './transport'

/** The part of the DOM WebSocket we use, so tests can pass a fake. */
export interface SocketLike {
  /** 'arraybuffer' so binary result frames arrive as bytes we can hand to the decode worker untouched. */
  binaryType?: string
  send(data: string): void
  close(code?: number, reason?: string): void
  onopen: ((ev: unknown) => void) | null
  onmessage: ((ev: { data: unknown }) => void) | null
  onclose: ((ev: { code?: number; reason?: string }) => void) | null
  onerror: ((ev: unknown) => void) | null
}

export interface WsTransportOptions {
  /** Defaults to `/ws` on the page's origin (ws: or wss: to match http: or https:). */
  url?: string
  createSocket?: (url: string) => SocketLike
  backoff?: BackoffOptions
  /** A call unanswered after this long fails (and the socket is presumed dead if it was a ping). */
  callTimeoutMs?: number
  /** Liveness probe while open: a silent half-open socket (wall display behind a flaky switch) gets replaced. */
  pingIntervalMs?: number
  /** No `hello` within this long after open → reconnect. */
  helloTimeoutMs?: number
}

interface PendingCall {
  method: Method
  /** Answer unparsed (callRaw): resolve with a RawOutput instead of a validated output. */
  raw: boolean
  resolve: (v: unknown) => void
  reject: (e: Error) => void
  timer: ReturnType<typeof setTimeout>
  frame: string
  sent: boolean
}

export const defaultWsUrl = (): string => {
  const loc = globalThis.location
  if (!loc) return 'ws://127.0.0.1/ws'
  return `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}/ws`
}

export const createWsTransport = (opts: WsTransportOptions = {}): Transport & { droppedFrames(): number } => {
  const url = opts.url ?? defaultWsUrl()
  const createSocket = opts.createSocket ?? ((u: string) => new WebSocket(u) as unknown as SocketLike)
  const callTimeoutMs = opts.callTimeoutMs ?? 15_000
  const pingIntervalMs = opts.pingIntervalMs ?? 20_000
  const helloTimeoutMs = opts.helloTimeoutMs ?? 10_000

  const deltaListeners = listeners<Delta>()
  const statusListeners = listeners<LinkStatus>()
  const pending = new Map<string, PendingCall>()
  let status: LinkStatus = { state: 'connecting' }
  let socket: SocketLike | null = null
  let greeted = false
  let everOpened = false
  let closedByUs = false
  let attempt = 0
  let nextId = 1
  let dropped = 0
  /** Highest seq seen (snapshot via resumeFrom, or delta): where a reconnect resumes. */
  let cursor: number | undefined
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let helloTimer: ReturnType<typeof setTimeout> | undefined
  let pingTimer: ReturnType<typeof setInterval> | undefined

  const setStatus = (next: LinkStatus) => {
    status = next
    statusListeners.emit(next)
  }

  const sendRaw = (frame: string): boolean => {
    if (!socket || !greeted) return false
    try {
      socket.send(frame)
      return true
    } catch {
      return false
    }
  }

  const clearTimers = () => {
    clearTimeout(helloTimer)
    clearInterval(pingTimer)
    helloTimer = pingTimer = undefined
  }

  const failPending = (reason: string) => {
    for (const [id, p] of pending) {
      clearTimeout(p.timer)
      p.reject(new NocCallError(reason, [], p.method))
      pending.delete(id)
    }
  }

  const onHello = (serverSeq: number, demo: boolean) => {
    clearTimeout(helloTimer)
    greeted = true
    attempt = 0
    everOpened = true
    // A server whose sequence is behind our cursor has a different database (restart with a new data dir,
    // restore): our cursor means nothing there, so start fresh and let the feed reload a snapshot.
    const resumed = cursor !== undefined && serverSeq >= cursor
    if (!resumed) cursor = undefined
    sendRaw(JSON.stringify(resumed ? { type: 'subscribe', since: cursor } : { type: 'subscribe' }))
    for (const p of pending.values()) if (!p.sent) p.sent = sendRaw(p.frame)
    clearInterval(pingTimer)
    pingTimer = setInterval(ping, pingIntervalMs)
    setStatus({ state: 'open', serverSeq, demo, resumed })
  }

  const ping = () => {
    const s = socket
    call('health.get', {}).catch((e: NocCallError) => {
      // Only silence means a dead link; an error answer proves the server is there.
      if (e.error === 'timeout' && s) drop(s, 'the server stopped answering')
    })
  }

  /** A binary result frame (contract `encodeBinaryResult`): header line + output JSON, never parsed here for raw calls. */
  const onBinary = (buf: ArrayBuffer) => {
    const bytes = new Uint8Array(buf)
    const head = splitBinaryResult(bytes)
    if (!head) return void dropped++
    const p = pending.get(head.id)
    if (!p) return
    pending.delete(head.id)
    clearTimeout(p.timer)
    const body = bytes.subarray(head.offset)
    if (p.raw) return p.resolve({ bytes: body } satisfies RawOutput)
    try {
      p.resolve(parseOutput(p.method, JSON.parse(new TextDecoder().decode(body))))
    } catch (e) {
      p.reject(e instanceof NocCallError ? e : new NocCallError(`malformed answer to ${p.method}`, [], p.method))
    }
  }

  const onFrame = (raw: unknown) => {
    if (raw instanceof ArrayBuffer) return onBinary(raw)
    if (typeof raw !== 'string') return void dropped++
    let msg: unknown
    try {
      msg = JSON.parse(raw)
    } catch {
      return void dropped++
    }
    if (typeof msg !== 'object' || msg === null) return void dropped++
    const m = msg as Record<string, unknown>
    switch (m.type) {
      case 'hello':
        if (typeof m.seq === 'number' && Number.isInteger(m.seq)) return onHello(m.seq, m.demo === true)
        return void dropped++
      case 'delta': {
        const delta = parseDelta(m)
        if (!delta) return void dropped++
        if (cursor === undefined || delta.seq > cursor) cursor = delta.seq
        return deltaListeners.emit(delta)
      }
      case 'result':
      case 'error': {
        const p = typeof m.id === 'string' ? pending.get(m.id) : undefined
        if (!p) {
          if (m.type === 'error') console.warn('server error', m.error)
          return
        }
        pending.delete(m.id as string)
        clearTimeout(p.timer)
        if (m.type === 'error') {
          const issues = Array.isArray(m.issues)
            ? m.issues.filter((i): i is { path: string; message: string } => typeof i?.path === 'string' && typeof i?.message === 'string')
            : []
          return p.reject(new NocCallError(typeof m.error === 'string' ? m.error : 'call failed', issues, p.method))
        }
        if (p.raw) return p.resolve({ value: m.output } satisfies RawOutput)
        try {
          return p.resolve(parseOutput(p.method, m.output))
        } catch (e) {
          return p.reject(e as Error)
        }
      }
      default:
        return // 'ack' is for agents; unknown types are newer servers talking — ignore.
    }
  }

  const scheduleReconnect = (reason: string) => {
    if (closedByUs) return
    const delay = backoffDelay(attempt++, opts.backoff)
    clearTimeout(retryTimer)
    retryTimer = setTimeout(connect, delay)
    setStatus({ state: everOpened ? 'reconnecting' : 'connecting', retryAt: Date.now() + delay, reason })
  }

  const connect = () => {
    clearTimeout(retryTimer)
    if (closedByUs) return
    greeted = false
    let s: SocketLike
    try {
      s = createSocket(url)
    } catch (e) {
      return scheduleReconnect(`cannot open ${url}: ${String(e)}`)
    }
    socket = s
    s.binaryType = 'arraybuffer'
    // No retryAt while an attempt is under way: the banner says "reconnecting now", not a stale countdown.
    setStatus({ state: everOpened ? 'reconnecting' : 'connecting', reason: status.reason })
    s.onopen = () => {
      helloTimer = setTimeout(() => drop(s, 'the server did not greet'), helloTimeoutMs)
    }
    s.onmessage = (ev) => {
      if (socket === s) onFrame(ev.data)
    }
    s.onerror = () => {} // always followed by close, which is where we act
    s.onclose = (ev) => drop(s, ev?.reason || 'connection lost')
  }

  /**
   * Forget a socket and schedule the next attempt. Called on close, and directly when we give up on a silent
   * socket: a half-open TCP connection can take minutes to report its close, and the wall must not wait.
   */
  const drop = (s: SocketLike, reason: string) => {
    if (socket !== s) return
    socket = null
    greeted = false
    clearTimers()
    failPending('connection lost')
    try {
      s.close(4000, reason.slice(0, 100))
    } catch {
      // already closing
    }
    scheduleReconnect(reason)
  }

  const request = (method: Method, input: unknown, raw: boolean): Promise<unknown> =>
    new Promise<unknown>((resolve, reject) => {
      const id = `c${nextId++}`
      const frame = JSON.stringify(raw ? { type: 'call', id, method, input, binary: true } : { type: 'call', id, method, input })
      const timer = setTimeout(() => {
        pending.delete(id)
        reject(new NocCallError('timeout', [], method))
      }, callTimeoutMs)
      const p: PendingCall = { method, raw, resolve, reject, timer, frame, sent: false }
      pending.set(id, p)
      // Not yet greeted: the call waits for the next hello (its timeout still runs).
      p.sent = sendRaw(frame)
    })
  const call = <M extends Method>(method: M, input: InputOf<M>): Promise<OutputOf<M>> => request(method, input, false) as Promise<OutputOf<M>>

  const wake = () => {
    if (!socket && !closedByUs && status.state !== 'open') connect()
  }

  return {
    kind: 'ws',
    call,
    callRaw: (method, input) => request(method, input, true) as Promise<RawOutput>,
    start() {
      closedByUs = false
      globalThis.addEventListener?.('online', wake)
      connect()
    },
    resumeFrom(seq: number) {
      if (cursor === undefined || seq > cursor) cursor = seq
    },
    onDelta: deltaListeners.add,
    onStatus: statusListeners.add,
    status: () => status,
    droppedFrames: () => dropped,
    close() {
      closedByUs = true
      globalThis.removeEventListener?.('online', wake)
      clearTimeout(retryTimer)
      clearTimers()
      const s = socket
      socket = null
      s?.close(1000, 'console closed')
      failPending('transport closed')
      setStatus({ state: 'closed' })
    },
  }
}
