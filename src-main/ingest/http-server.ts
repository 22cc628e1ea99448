import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { contract, type Method } from '@shared/api/contract'
import type { ValidationIssue } from '@shared/model/problem-issue'
import { ContractError, errorBody } from '../api/errors'
import type { HubWithCore } from '../hub'
import type { Format, IngestMeta } from '../hub-core'
import { ADAPTER_NAMES, isAdapterName } from './adapters/index'
import { parseJson, readBody } from './body'
import { staticFiles } from './static-files'

export interface HttpOptions {
  /** Largest request body accepted, in bytes (413 beyond). */
  maxBodyBytes: number
  /** Directory of the built renderer, served at `/`. */
  rendererDir?: string
}

export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024

interface Route {
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

const send = (res: ServerResponse, status: number, body: unknown) => {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}
const sendError = (res: ServerResponse, status: number, error: string, issues: ValidationIssue[] = []) => send(res, status, { error, issues })

const remoteOf = (req: IncomingMessage) => req.socket.remoteAddress ?? undefined

const queryObject = (sp: URLSearchParams): Record<string, string> => {
  const o: Record<string, string> = Object.create(null)
  for (const [k, v] of sp) o[k] = v
  return { ...o }
}

const WEBHOOK = /^\/webhook\/([^/]+)(?:\/([^/]+))?\/?$/

/**
 * HTTP: webhooks (`/webhook/<format>[/<client>]`, `POST /api/v1/events`), the contract's REST routes, `/metrics`,
 * and the built renderer. Every failure answers JSON `{error, issues}`; nothing a sender does can throw past here.
 */
export const createHttpServer = (hub: HubWithCore, opts: HttpOptions): Server => {
  const core = hub.core
  const serveStatic = opts.rendererDir ? staticFiles(opts.rendererDir) : undefined

  const ingest = async (req: IncomingMessage, res: ServerResponse, format: string, pathClient: string | undefined, url: URL) => {
    const endpoint = `${req.method} ${url.pathname}`
    const meta: IngestMeta = { transport: 'http', remote: remoteOf(req), endpoint }
    if (req.method !== 'POST') return sendError(res, 405, `use POST for ${url.pathname}`, [{ path: 'method', message: `got ${req.method}` }])
    const body = await readBody(req, opts.maxBodyBytes)
    const source = isAdapterName(format) ? format : 'unknown'
    if (!body.ok) {
      const issues = [{ path: '(body)', message: `body of ${body.bytes} bytes exceeds the limit of ${opts.maxBodyBytes} bytes` }]
      await core.reject(413, 'request body too large', issues, { ...meta, source, rawBody: body.head, bodyBytes: body.bytes }).catch(() => undefined)
      return sendError(res, 413, 'request body too large', issues)
    }
    if (!isAdapterName(format)) {
      const issues = [{ path: 'format', message: `unknown format "${format.slice(0, 50)}"; expected one of ${ADAPTER_NAMES.join(', ')}` }]
      await core.reject(400, 'unknown webhook format', issues, { ...meta, source, rawBody: body.body }).catch(() => undefined)
      return sendError(res, 400, 'unknown webhook format', issues)
    }
    const parsed = parseJson(body.body)
    if (!parsed.ok) {
      const issues = [{ path: '(body)', message: parsed.message }]
      await core.reject(400, parsed.message.startsWith('empty') ? 'empty body' : 'malformed JSON', issues, { ...meta, source, rawBody: body.body }).catch(() => undefined)
      return sendError(res, 400, parsed.message.startsWith('empty') ? 'empty body' : 'malformed JSON', issues)
    }
    const header = req.headers['x-noc-client']
    meta.clientOverride = pathClient ?? (typeof header === 'string' && header ? header : undefined) ?? url.searchParams.get('client') ?? undefined
    meta.rawBody = body.body
    const answer = await core.ingestPayload(format as Format, parsed.value, meta)
    send(res, 200, answer)
  }

  const callRoute = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    // A path may serve several methods (GET /incidents/:id vs POST /incidents/merge): match path AND method first.
    const sameMethod = (r: Route) => req.method === r.httpMethod || (req.method === 'HEAD' && r.httpMethod === 'GET')
    const pathMatches = routes.filter((r) => r.pattern.test(url.pathname))
    const r = pathMatches.find(sameMethod)
    if (!r) {
      if (!pathMatches.length) return false
      const allowed = [...new Set(pathMatches.map((x) => x.httpMethod))].join(', ')
      sendError(res, 405, `use ${allowed} for ${url.pathname}`, [{ path: 'method', message: `got ${req.method}` }])
      return true
    }
    {
      const m = r.pattern.exec(url.pathname)!
      let input: Record<string, unknown> = queryObject(url.searchParams)
      if (r.httpMethod !== 'GET') {
        const body = await readBody(req, opts.maxBodyBytes)
        if (!body.ok) {
          sendError(res, 413, 'request body too large', [{ path: '(body)', message: `limit ${opts.maxBodyBytes} bytes` }])
          return true
        }
        if (body.body.length) {
          const p = parseJson(body.body)
          if (!p.ok) {
            sendError(res, 400, 'malformed JSON', [{ path: '(body)', message: p.message }])
            return true
          }
          if (typeof p.value !== 'object' || p.value === null || Array.isArray(p.value)) {
            sendError(res, 400, 'invalid input', [{ path: '(body)', message: 'expected a JSON object' }])
            return true
          }
          input = { ...input, ...(p.value as Record<string, unknown>) }
        }
      }
      r.params.forEach((name, i) => (input[name] = decodeURIComponent(m[i + 1])))
      const out = await hub.call(r.method, input as never, { transport: 'http', remote: remoteOf(req) })
      send(res, 200, out)
      return true
    }
  }

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    let url: URL
    try {
      url = new URL(req.url ?? '/', 'http://localhost')
    } catch {
      return sendError(res, 400, 'bad request URL')
    }
    const path = url.pathname
    const wh = WEBHOOK.exec(path)
    if (wh) return ingest(req, res, safeDecode(wh[1]), wh[2] ? safeDecode(wh[2]) : undefined, url)
    if (path === '/api/v1/events') return ingest(req, res, 'native', undefined, url)
    if (path === '/metrics' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' })
      return res.end(core.metrics.render({ noc_change_seq: core.seq.current, noc_group_commit_pending: core.committer.pending }))
    }
    if (await callRoute(req, res, url)) return
    if (path.startsWith('/api/') || path.startsWith('/webhook')) return sendError(res, 404, `no route ${req.method} ${path}`)
    if (serveStatic && serveStatic(req, res, path)) return
    sendError(res, 404, `no route ${req.method} ${path}`)
  }

  return createServer((req, res) => {
    handle(req, res).catch((e) => {
      const { status, body } = errorBody(e)
      if (!(e instanceof ContractError)) console.error('request failed', req.method, req.url, e)
      if (!res.headersSent) send(res, status === 500 && isBusy(e) ? 503 : status, body)
      else res.destroy()
    })
  })
}

const safeDecode = (s: string) => {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

/** SQLite busy/full: the write did not commit; tell the sender to retry rather than pretend. */
const isBusy = (e: unknown) => /SQLITE_(BUSY|FULL|IOERR|LOCKED)/.test(String((e as { code?: string })?.code ?? ''))
