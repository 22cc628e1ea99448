import { createHmac, timingSafeEqual } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import type { AdapterName } from './adapters/index'
import { resolveSecret, sha256, type AuthConfig, type SourceAuth } from './auth-config'

/**
 * Who is calling: per-source ingest credentials (bearer, basic, HMAC body signature) and console tokens.
 * Every comparison is between equal-length SHA-256 digests with `timingSafeEqual`, and every configured secret is
 * compared (no early exit), so neither timing nor the answer tells a caller how close a guess was or which source
 * exists. Reasons (`why`) go to the dead letter and metrics only; callers get a bare 401.
 */

export interface Credentials {
  bearer?: string
  basic?: { user: string; pass: string }
  /** Raw `X-NOC-Signature` header. */
  signature?: string
  /** An Authorization header we could not read (unknown scheme, bad base64): refused, never ignored. */
  malformed?: boolean
}

export const SIGNATURE_HEADER = 'x-noc-signature'

/**
 * Credentials from headers, or from `?access_token=` (RFC 6750 §2.3) because a browser cannot set headers on a
 * WebSocket. The HTTP layer never stores the query string of a request that carried one.
 */
export const credentialsOf = (headers: IncomingHttpHeaders, url?: URL): Credentials => {
  const out: Credentials = {}
  const h = headers.authorization
  if (typeof h === 'string' && h.length) {
    const m = /^(\w+)\s+(\S+)\s*$/.exec(h)
    const scheme = m?.[1].toLowerCase()
    if (m && scheme === 'bearer') out.bearer = m[2]
    else if (m && scheme === 'basic') {
      const decoded = Buffer.from(m[2], 'base64').toString('utf8')
      const colon = decoded.indexOf(':')
      if (colon > 0) out.basic = { user: decoded.slice(0, colon), pass: decoded.slice(colon + 1) }
      else out.malformed = true
    } else out.malformed = true
  } else {
    const q = url?.searchParams.get('access_token')
    if (q) out.bearer = q
  }
  const sig = headers[SIGNATURE_HEADER]
  if (typeof sig === 'string' && sig.length) out.signature = sig
  return out
}

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/
export const isLoopback = (addr: string | undefined): boolean => !!addr && LOOPBACK.test(addr)

/** A bind address that only this machine can reach. `localhost` is resolved by the OS to loopback. */
export const isLoopbackHost = (host: string): boolean => host === 'localhost' || isLoopback(host.replace(/^\[|\]$/g, ''))

export type AuthResult<T> = { ok: true; value: T } | { ok: false; why: string }

interface CompiledSource {
  cfg: SourceAuth
  bearer?: Buffer
  user?: Buffer
  pass?: Buffer
  hmacKey?: Buffer
}

const digestOf = (hash: string) => Buffer.from(hash.slice('sha256:'.length), 'hex')
const same = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b)

/** Check a presented secret against every candidate; returns the last match, having looked at all of them. */
const matchAll = <T>(items: T[], test: (t: T) => boolean): T | undefined => {
  let found: T | undefined
  for (const it of items) if (test(it)) found = it
  return found
}

export interface AuthOptions {
  clock?: () => number
  env?: NodeJS.ProcessEnv
  /** Directory `file:` secret references are relative to (the config file's). */
  baseDir?: string
  /** Seen signatures kept for replay detection; the oldest are forgotten beyond this (document: a flood this big is itself refused by rate). */
  maxReplayEntries?: number
}

export type Auth = ReturnType<typeof createAuth>

export const createAuth = (config: AuthConfig | undefined, opts: AuthOptions = {}) => {
  const clock = opts.clock ?? Date.now
  const sources: CompiledSource[] = (config?.sources ?? []).map((s) => ({
    cfg: s,
    bearer: s.bearer ? digestOf(s.bearer) : undefined,
    user: s.basic ? sha256(s.basic.username) : undefined,
    pass: s.basic ? digestOf(s.basic.password) : undefined,
    hmacKey: s.hmac ? resolveSecret(s.hmac.secret, `source "${s.name}" hmac.secret`, opts.env, opts.baseDir) : undefined,
  }))
  const consoles = (config?.consoles ?? []).map((c) => ({ name: c.name, token: digestOf(c.token) }))
  const windowMs = (config?.hmacWindowSec ?? 300) * 1000
  const seen = new Map<string, number>()
  const maxSeen = opts.maxReplayEntries ?? 100_000

  const allows = (s: CompiledSource, format: AdapterName) => !s.cfg.formats || s.cfg.formats.includes(format)

  /** The source a bearer/basic credential belongs to, if any. */
  const sourceOf = (c: Credentials): CompiledSource | undefined => {
    if (c.bearer !== undefined) {
      const d = sha256(c.bearer)
      return matchAll(sources, (s) => !!s.bearer && same(d, s.bearer))
    }
    if (c.basic) {
      const u = sha256(c.basic.user)
      const p = sha256(c.basic.pass)
      // Both halves compared every time: `&&` would skip the password check for a wrong user name.
      return matchAll(sources, (s) => !!s.user && !!s.pass && [same(u, s.user), same(p, s.pass)].every(Boolean))
    }
    return undefined
  }

  const consoleOf = (c: Credentials): string | undefined => {
    if (c.bearer === undefined) return undefined
    const d = sha256(c.bearer)
    return matchAll(consoles, (k) => same(d, k.token))?.name
  }

  const remember = (sig: string, expires: number) => {
    const now = clock()
    if (seen.size >= maxSeen) {
      for (const [k, exp] of seen) if (exp < now) seen.delete(k)
      // Still full: forget the oldest. Their timestamps leave the window soon anyway.
      for (const k of seen.keys()) {
        if (seen.size < maxSeen) break
        seen.delete(k)
      }
    }
    seen.set(sig, expires)
  }

  /** `t=<unix seconds>,v1=<hex>[,v1=<hex>…]` (several v1 values let a sender sign with old and new keys while rotating). */
  const parseSignature = (header: string): { t: number; v1: Buffer[] } | undefined => {
    let t: number | undefined
    const v1: Buffer[] = []
    for (const part of header.split(',').slice(0, 8)) {
      const [k, v] = part.trim().split('=', 2)
      if (k === 't' && /^\d{1,12}$/.test(v ?? '')) t = Number(v)
      else if (k === 'v1' && /^[0-9a-f]{64}$/i.test(v ?? '')) v1.push(Buffer.from(v!, 'hex'))
    }
    return t !== undefined && v1.length ? { t, v1 } : undefined
  }

  const verifySignature = (candidates: CompiledSource[], header: string | undefined, body: Buffer): AuthResult<string> => {
    if (!header) return { ok: false, why: 'signature missing' }
    const sig = parseSignature(header)
    if (!sig) return { ok: false, why: 'malformed signature' }
    const now = clock()
    if (Math.abs(now - sig.t * 1000) > windowMs) return { ok: false, why: 'signature timestamp outside the window' }
    const match = matchAll(candidates, (s) => {
      const expected = createHmac('sha256', s.hmacKey!).update(`${sig.t}.`).update(body).digest()
      return sig.v1.map((v) => same(expected, v)).some(Boolean)
    })
    if (!match) return { ok: false, why: 'bad signature' }
    const key = `${sig.t}:${sig.v1.map((b) => b.toString('hex')).join(',')}`
    if (seen.has(key)) return { ok: false, why: 'replayed signature' }
    remember(key, sig.t * 1000 + windowMs)
    return { ok: true, value: match.cfg.name }
  }

  return {
    /** Ingest needs credentials (any source configured); otherwise ingest is open, as before auth existed. */
    ingestRequired: sources.length > 0,
    consolesConfigured: consoles.length > 0,

    /**
     * Phase one of ingest auth, before the body is read (an unauthenticated sender does not get to make us
     * buffer 5 MiB): which source is this, and does it still have to prove the body with a signature?
     */
    identifySource(c: Credentials, format: AdapterName): AuthResult<{ source?: string; verify?: (body: Buffer) => AuthResult<string> }> {
      if (!sources.length) return { ok: true, value: {} }
      if (c.malformed) return { ok: false, why: 'unreadable Authorization header' }
      if (c.bearer !== undefined || c.basic) {
        const s = sourceOf(c)
        if (!s) return { ok: false, why: 'unknown credential' }
        if (!allows(s, format)) return { ok: false, why: `source "${s.cfg.name}" may not post ${format}` }
        if (!s.hmacKey) return { ok: true, value: { source: s.cfg.name } }
        return { ok: true, value: { source: s.cfg.name, verify: (body) => verifySignature([s], c.signature, body) } }
      }
      if (c.signature) {
        // A source with only an HMAC key is identified by its signature alone.
        const candidates = sources.filter((s) => s.hmacKey && !s.bearer && !s.user && allows(s, format))
        if (!candidates.length) return { ok: false, why: 'no signing source for this endpoint' }
        return { ok: true, value: { verify: (body) => verifySignature(candidates, c.signature, body) } }
      }
      return { ok: false, why: 'missing credential' }
    },

    /** Console access (queries, operator commands, WS subscribe): loopback peers, or a valid console token. */
    authorizeConsole(c: Credentials, remote: string | undefined): AuthResult<string> {
      if (isLoopback(remote)) return { ok: true, value: 'loopback' }
      if (c.malformed) return { ok: false, why: 'unreadable Authorization header' }
      const name = consoleOf(c)
      return name ? { ok: true, value: name } : { ok: false, why: c.bearer === undefined ? 'console token required' : 'unknown console token' }
    },

    /** WebSocket upgrade: what this connection may do, decided once from its handshake. */
    principal(c: Credentials, remote: string | undefined): { source?: string; sourceMayIngest: boolean; console?: string; presentedBad: boolean } {
      const s = c.malformed ? undefined : sourceOf(c)
      const k = c.malformed ? undefined : consoleOf(c)
      const presented = c.malformed || c.bearer !== undefined || !!c.basic
      return {
        source: s?.cfg.name,
        // WS frames cannot carry a body signature: an HMAC-bound source must use HTTP.
        sourceMayIngest: !sources.length || (!!s && allows(s, 'native') && !s.hmacKey),
        console: k ?? (isLoopback(remote) ? 'loopback' : undefined),
        presentedBad: presented && !s && !k,
      }
    },
  }
}
