import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { contract, type Method } from '@shared/api/contract'
import type { ValidationIssue } from '@shared/model/problem-issue'
import { ContractError, errorBody } from '@shared/api/errors'
import type { Format, Hub, IngestMeta, RawOutput } from '../app/hub'
import { ADAPTER_NAMES, isAdapterName } from './adapters/index'
import { credentialsOf, type Auth } from './auth'
import { parseJson, readBody } from './body'
import { sendFile } from './file-reply'
import { guardConnections, serverOptions, type AnyServer, type ConnectionGuard } from './connections'
import { countEvents, DEFAULT_LIMITS, resolveLimits, type Limits } from './limits'
import { createRuntimeMetrics } from '../lib/runtime-metrics'
import { DEAD_LETTER_STATUSES, deadLetter, send, sendError, sendJson, storableQuery, UNAUTHORIZED } from './reply'
import { staticFiles } from './static-files'

export interface TlsOptions {
  /** PEM certificate chain and private key (contents, not paths). */
  cert: string | Buffer
  key: string | Buffer
}

export interface HttpOptions {
  /** Every resource bound (see limits.ts); `maxBodyBytes` alone is still accepted for older callers. */
  limits?: Limits
  /** @deprecated use `limits.maxBodyBytes` */
  maxBodyBytes?: number
  /** Directory of the built renderer, served at `/`. */
  rendererDir?: string
  /** Credentials checks; absent = open, as on a loopback-only install. */
  auth?: Auth
  /** Serve HTTPS (and WSS) instead of plain HTTP. */
  tls?: TlsOptions
}

export interface HttpListener {
  server: AnyServer
  connections: ConnectionGuard
  limits: Limits
  /** Stop background samplers (the event-loop monitor). */
  dispose(): void
}

export const DEFAULT_MAX_BODY_BYTES = DEFAULT_LIMITS.maxBodyBytes

export interface Route {
  method: Method
  httpMethod: string
  pattern: RegExp
  params: string[]
}

/** Compile `/api/v1/alerts/:id` into a matcher once, from the contract. */
const routes: Route[] = (Object.keys(contract) as Method[])
  .filter((m) => m !== 'events.ingest') // native ingest goes through the adapter path below, like every webhook
  .map((m) => {
    const { path, method } = contract[m].http
    const params: string[] = []
    const src = path.replace(/:([a-zA-Z]+)/g, (_, name: string) => (params.push(name), '([^/]+)'))
    return { method: m, httpMethod: method, pattern: new RegExp(`^${src}$`), params }
  })
  // Literal paths before parameterised ones, so `/incidents/export` is never read as `/incidents/:id` (stable sort).
  .sort((a, b) => a.params.length - b.params.length)

/**
 * The route for this path AND method, else the first for the path (which then answers 405). Method first: a
 * literal segment (`POST /incidents/merge`) and a parameter (`GET /incidents/:id`) can share a path.
 */
export const matchRoute = (method: string, path: string): { route: Route; match: RegExpExecArray } | undefined => {
  let fallback: { route: Route; match: RegExpExecArray } | undefined
  for (const route of routes) {
    const match = route.pattern.exec(path)
    if (!match) continue
    if (method === route.httpMethod || (method === 'HEAD' && route.httpMethod === 'GET')) return { route, match }
    fallback ??= { route, match }
  }
  return fallback
}

const remoteOf = (req: IncomingMessage) => req.socket.remoteAddress ?? undefined

const queryObject = (sp: URLSearchParams): Record<string, string> => {
  const o: Record<string, string> = Object.create(null)
  for (const [k, v] of sp) if (k !== 'access_token') o[k] = v
  return { ...o }
}

const WEBHOOK = /^\/webhook\/([^/]+)(?:\/([^/]+))?\/?$/
const CHALLENGE = { 'www-authenticate': 'Bearer realm="noc", Basic realm="noc"' }

/**
 * HTTP: webhooks (`/webhook/<format>[/<client>]`, `POST /api/v1/events`), the contract's REST routes, `/metrics`,
 * and the built renderer. Every failure answers JSON `{error, issues}`; nothing a sender does can throw past here;
 * every refusal of the request itself is kept in the dead letter (see DEAD_LETTER_STATUSES).
 */
export const createHttpServer = (hub: Hub, opts: HttpOptions): HttpListener => {
  const limits = opts.limits ?? resolveLimits({ maxBodyBytes: opts.maxBodyBytes })
  const auth = opts.auth
  const serveStatic = opts.rendererDir ? staticFiles(opts.rendererDir) : undefined
  const runtime = createRuntimeMetrics()

  /** Answer a refusal and keep it (headers, and so credentials, are never stored). */
  const refuse = async (res: ServerResponse, status: number, error: string, issues: ValidationIssue[], meta: IngestMeta & { source: string }, headers: Record<string, string> = {}) => {
    if (DEAD_LETTER_STATUSES.has(status)) await deadLetter(hub, status, error, issues, meta)
    sendError(res, status, error, issues, headers)
  }
  /** 401 to the caller; the reason only to the dead letter, and no body (we did not read it). */
  const unauthorized = async (req: IncomingMessage, res: ServerResponse, why: string, meta: IngestMeta & { source: string }) => {
    const announced = Number(req.headers['content-length'] ?? 0)
    await deadLetter(hub, 401, UNAUTHORIZED.error, [{ path: '(auth)', message: why }], { ...meta, rawBody: meta.rawBody ?? '', bodyBytes: Number.isFinite(announced) ? announced : 0 })
    // A body we refused to read is not drained over a kept-alive socket at our expense: close it.
    send(res, 401, UNAUTHORIZED, req.readableEnded ? CHALLENGE : { ...CHALLENGE, connection: 'close' })
  }

  const ingest = async (req: IncomingMessage, res: ServerResponse, format: string, pathClient: string | undefined, url: URL) => {
    const endpoint = `${req.method} ${url.pathname}`
    const source = isAdapterName(format) ? format : 'unknown'
    const meta: IngestMeta & { source: string } = { transport: 'http', remote: remoteOf(req), endpoint, source }
    let verify: ((body: Buffer) => { ok: boolean; why?: string }) | undefined
    if (auth?.ingestRequired) {
      const id = auth.identifySource(credentialsOf(req.headers, url), isAdapterName(format) ? format : 'native')
      if (!id.ok) return unauthorized(req, res, id.why, meta)
      verify = id.value.verify
    }
    if (req.method !== 'POST') return refuse(res, 405, `use POST for ${url.pathname}`, [{ path: 'method', message: `got ${req.method}` }], meta)
    const body = await readBody(req, limits.maxBodyBytes)
    if (!body.ok) {
      const issues = [{ path: '(body)', message: `body of ${body.bytes} bytes exceeds the limit of ${limits.maxBodyBytes} bytes` }]
      return refuse(res, 413, 'request body too large', issues, { ...meta, rawBody: body.head, bodyBytes: body.bytes })
    }
    if (verify) {
      const v = verify(body.body)
      if (!v.ok) return unauthorized(req, res, v.why ?? 'bad signature', { ...meta, rawBody: body.body })
    }
    if (!isAdapterName(format)) {
      const issues = [{ path: 'format', message: `unknown format "${format.slice(0, 50)}"; expected one of ${ADAPTER_NAMES.join(', ')}` }]
      return refuse(res, 400, 'unknown webhook format', issues, { ...meta, rawBody: body.body })
    }
    const parsed = parseJson(body.body)
    if (!parsed.ok) {
      const error = parsed.message.startsWith('empty') ? 'empty body' : 'malformed JSON'
      return refuse(res, 400, error, [{ path: '(body)', message: parsed.message }], { ...meta, rawBody: body.body })
    }
    const n = countEvents(parsed.value)
    if (n.count > limits.maxEventsPerBatch) {
      const issues = [{ path: n.path, message: `${n.count} events exceed the limit of ${limits.maxEventsPerBatch} per request; split the batch` }]
      return refuse(res, 413, 'too many events', issues, { ...meta, rawBody: body.body })
    }
    const header = req.headers['x-noc-client']
    meta.clientOverride = pathClient ?? (typeof header === 'string' && header ? header : undefined) ?? url.searchParams.get('client') ?? undefined
    meta.rawBody = body.body
    // The intake keeps its own refusals (400) in the dead letter before throwing.
    const answer = await hub.ingest(format as Format, parsed.value, meta)
    send(res, 200, answer)
  }

  const consoleDenied = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    if (!auth) return false
    const a = auth.authorizeConsole(credentialsOf(req.headers, url), remoteOf(req))
    if (a.ok) return false
    await unauthorized(req, res, a.why, { transport: 'http', remote: remoteOf(req), endpoint: `${req.method} ${url.pathname}`, source: 'api' })
    return true
  }

  const callRoute = async (req: IncomingMessage, res: ServerResponse, url: URL, r: Route, m: RegExpExecArray): Promise<void> => {
    const meta: IngestMeta & { source: string } = { transport: 'http', remote: remoteOf(req), endpoint: `${req.method} ${url.pathname}`, source: 'api', rawBody: storableQuery(url) }
    if (req.method !== r.httpMethod && !(req.method === 'HEAD' && r.httpMethod === 'GET')) {
      return refuse(res, 405, `use ${r.httpMethod} for ${url.pathname}`, [{ path: 'method', message: `got ${req.method}` }], meta)
    }
    let input: Record<string, unknown> = queryObject(url.searchParams)
    if (r.httpMethod !== 'GET') {
      const body = await readBody(req, limits.maxBodyBytes)
      if (!body.ok) {
        const issues = [{ path: '(body)', message: `body of ${body.bytes} bytes exceeds the limit of ${limits.maxBodyBytes} bytes` }]
        return refuse(res, 413, 'request body too large', issues, { ...meta, rawBody: body.head, bodyBytes: body.bytes })
      }
      meta.rawBody = body.body
      if (body.body.length) {
        const p = parseJson(body.body)
        if (!p.ok) return refuse(res, 400, 'malformed JSON', [{ path: '(body)', message: p.message }], meta)
        if (typeof p.value !== 'object' || p.value === null || Array.isArray(p.value)) {
          return refuse(res, 400, 'invalid input', [{ path: '(body)', message: 'expected a JSON object' }], meta)
        }
        input = { ...input, ...(p.value as Record<string, unknown>) }
      }
    }
    for (const [i, name] of r.params.entries()) {
      const v = safeDecode(m[i + 1])
      if (v === undefined) return refuse(res, 400, 'invalid input', [{ path: name, message: 'bad percent-encoding in the path' }], meta)
      input[name] = v
    }
    let out: RawOutput
    try {
      out = await hub.callRaw(r.method, input, { transport: 'http', remote: remoteOf(req) })
    } catch (e) {
      if (!(e instanceof ContractError)) throw e
      return refuse(res, e.status, e.message, e.issues, meta)
    }
    // Reports and exports (`file: true`) answer the file itself; every other method answers the JSON as serialised.
    if ('file' in out) return sendFile(res, out.file)
    sendJson(res, 200, out.json)
  }

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (connections.full()) {
      hub.countRefusal('http', 503)
      return sendError(res, 503, 'too many connections', [{ path: '(connection)', message: `limit ${limits.maxConnections}; retry later` }], {
        'retry-after': connections.retryAfter,
        connection: 'close',
      })
    }
    const rawUrl = req.url ?? '/'
    if (Buffer.byteLength(rawUrl) > limits.maxUrlBytes) {
      const issues = [{ path: '(url)', message: `request target exceeds ${limits.maxUrlBytes} bytes` }]
      return refuse(res, 414, 'URL too long', issues, { transport: 'http', source: 'http', remote: remoteOf(req), endpoint: `${req.method} ${rawUrl.split('?')[0].slice(0, 200)}`, rawBody: '' })
    }
    let url: URL
    try {
      url = new URL(rawUrl, 'http://localhost')
    } catch {
      return refuse(res, 400, 'bad request URL', [{ path: '(url)', message: 'unparseable request target' }], { transport: 'http', source: 'http', remote: remoteOf(req), endpoint: `${req.method} (bad URL)`, rawBody: rawUrl })
    }
    const path = url.pathname
    const wh = WEBHOOK.exec(path)
    if (wh) return ingest(req, res, safeDecode(wh[1]) ?? wh[1], wh[2] ? (safeDecode(wh[2]) ?? wh[2]) : undefined, url)
    if (path === '/api/v1/events') return ingest(req, res, 'native', undefined, url)
    if (path === '/metrics' && req.method === 'GET') {
      if (await consoleDenied(req, res, url)) return
      const text = await hub.metrics({ noc_connections_open: connections.open, ...runtime.gauges() })
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' })
      return res.end(text)
    }
    const hit = matchRoute(req.method ?? 'GET', path)
    if (hit) {
      if (await consoleDenied(req, res, url)) return
      return callRoute(req, res, url, hit.route, hit.match)
    }
    if (path.startsWith('/api/') || path.startsWith('/webhook')) return sendError(res, 404, `no route ${req.method} ${path.slice(0, 200)}`)
    if (serveStatic && serveStatic(req, res, path)) return
    sendError(res, 404, `no route ${req.method} ${path.slice(0, 200)}`)
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((e) => {
      // The peer went away mid-request (or a deadline cut it off): nobody to answer, nothing to log.
      if ((e as NodeJS.ErrnoException)?.code === 'ECONNRESET' || req.socket.destroyed) return void res.destroy()
      const { status, body } = errorBody(e)
      if (!(e instanceof ContractError)) console.error('request failed', req.method, req.url?.split('?')[0], e)
      if (!res.headersSent) send(res, status === 500 && isBusy(e) ? 503 : status, body)
      else res.destroy()
    })
  }
  const server: AnyServer = opts.tls ? createHttpsServer({ ...serverOptions(limits), handshakeTimeout: limits.headersTimeoutMs, cert: opts.tls.cert, key: opts.tls.key }, listener) : createServer(serverOptions(limits), listener)
  const connections = guardConnections(server, limits, hub)
  return { server, connections, limits, dispose: () => runtime.stop() }
}

const safeDecode = (s: string): string | undefined => {
  try {
    return decodeURIComponent(s)
  } catch {
    return undefined
  }
}

/** SQLite busy/full: the write did not commit; tell the sender to retry rather than pretend. */
const isBusy = (e: unknown) => /SQLITE_(BUSY|FULL|IOERR|LOCKED)/.test(String((e as { code?: string })?.code ?? ''))
