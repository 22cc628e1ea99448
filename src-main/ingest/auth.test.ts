import { createHmac } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createAuth, credentialsOf, isLoopback, isLoopbackHost } from './auth'
import { hashToken, loadAuthConfig, newToken, parseAuthConfig, resolveSecret } from './auth-config'

const AM_PASS = newToken()
const GRAFANA = newToken()
const SIGNER_KEY = 'k'.repeat(40)
const BOTH = newToken()
const WALL = newToken()

const config = parseAuthConfig({
  sources: [
    { name: 'am', formats: ['alertmanager'], basic: { username: 'alertmanager', password: hashToken(AM_PASS) } },
    { name: 'grafana', formats: ['grafana'], bearer: hashToken(GRAFANA) },
    { name: 'signer', formats: ['zabbix', 'native'], hmac: { secret: 'env:SIGNER_KEY' } },
    { name: 'both', bearer: hashToken(BOTH), hmac: { secret: 'env:SIGNER_KEY' } },
  ],
  consoles: [{ name: 'wall', token: hashToken(WALL) }],
})

const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`
const sign = (body: string, t: number, key = SIGNER_KEY) => `t=${t},v1=${createHmac('sha256', key).update(`${t}.${body}`).digest('hex')}`

describe('credentials', () => {
  it('reads bearer, basic, the signature header, and access_token only without an Authorization header', () => {
    expect(credentialsOf({ authorization: 'Bearer abc' })).toEqual({ bearer: 'abc' })
    expect(credentialsOf({ authorization: basic('u', 'p:w') })).toEqual({ basic: { user: 'u', pass: 'p:w' } })
    expect(credentialsOf({ 'x-noc-signature': 't=1,v1=aa' })).toEqual({ signature: 't=1,v1=aa' })
    expect(credentialsOf({}, new URL('http://x/ws?access_token=tok'))).toEqual({ bearer: 'tok' })
    expect(credentialsOf({ authorization: 'Bearer h' }, new URL('http://x/ws?access_token=q'))).toEqual({ bearer: 'h' })
    for (const bad of ['Token abc', 'Bearer', 'Basic !!!', basic('', 'x')]) expect(credentialsOf({ authorization: bad }).malformed).toBe(true)
  })

  it('knows loopback peers and bind addresses', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopback(a)).toBe(true)
    for (const a of ['10.0.0.1', '::ffff:10.0.0.1', '0.0.0.0', '::', '', undefined, '127.0.0.1.evil']) expect(isLoopback(a)).toBe(false)
    expect(isLoopbackHost('localhost')).toBe(true)
    expect(isLoopbackHost('[::1]')).toBe(true)
    expect(isLoopbackHost('0.0.0.0')).toBe(false)
  })
})

describe('source authentication', () => {
  const env = { SIGNER_KEY }
  let now = 1_700_000_000_000
  const auth = createAuth(config, { env, clock: () => now })

  it('bearer and basic identify their source, only for the formats it may post', () => {
    expect(auth.identifySource({ bearer: GRAFANA }, 'grafana')).toEqual({ ok: true, value: { source: 'grafana' } })
    expect(auth.identifySource({ basic: { user: 'alertmanager', pass: AM_PASS } }, 'alertmanager')).toEqual({ ok: true, value: { source: 'am' } })
    expect(auth.identifySource({ bearer: GRAFANA }, 'alertmanager')).toMatchObject({ ok: false })
    expect(auth.identifySource({ basic: { user: 'alertmanager', pass: GRAFANA } }, 'alertmanager')).toMatchObject({ ok: false, why: 'unknown credential' })
    expect(auth.identifySource({ basic: { user: 'someone', pass: AM_PASS } }, 'alertmanager')).toMatchObject({ ok: false, why: 'unknown credential' })
    expect(auth.identifySource({}, 'grafana')).toMatchObject({ ok: false, why: 'missing credential' })
    expect(auth.identifySource({ malformed: true, bearer: GRAFANA }, 'grafana')).toMatchObject({ ok: false })
    // A console token is not a source token.
    expect(auth.identifySource({ bearer: WALL }, 'native')).toMatchObject({ ok: false })
  })

  it('HMAC: a fresh signature passes once; replays, stale or future timestamps, tampering and wrong keys fail', () => {
    const body = '{"event":1}'
    const t = Math.floor(now / 1000)
    const verify = (sig: string | undefined, b = body) => {
      const id = auth.identifySource({ signature: sig }, 'zabbix')
      if (!id.ok) return id
      return id.value.verify!(Buffer.from(b))
    }
    expect(verify(sign(body, t))).toEqual({ ok: true, value: 'signer' })
    expect(verify(sign(body, t))).toMatchObject({ ok: false, why: 'replayed signature' })
    expect(verify(sign(body, t - 301))).toMatchObject({ ok: false, why: /window/ })
    expect(verify(sign(body, t + 301))).toMatchObject({ ok: false, why: /window/ })
    expect(verify(sign(body, t + 1), '{"event":2}')).toMatchObject({ ok: false, why: 'bad signature' })
    expect(verify(sign(body, t + 2, 'x'.repeat(40)))).toMatchObject({ ok: false, why: 'bad signature' })
    expect(verify(`t=${t},v1=zz`)).toMatchObject({ ok: false, why: 'malformed signature' })
    // Key rotation: any of several v1 values may match.
    expect(verify(`${sign(body, t + 3, 'old'.repeat(20))},${sign(body, t + 3).split(',')[1]}`)).toEqual({ ok: true, value: 'signer' })
    // A signing-only source cannot post a format outside its list.
    expect(auth.identifySource({ signature: sign(body, t) }, 'grafana')).toMatchObject({ ok: false })
    now += 10 * 60_000
    expect(verify(sign(body, Math.floor(now / 1000)))).toEqual({ ok: true, value: 'signer' })
  })

  it('a source with bearer AND hmac needs both', () => {
    const t = Math.floor(now / 1000)
    const id = auth.identifySource({ bearer: BOTH }, 'native')
    expect(id.ok && typeof id.value.verify).toBe('function')
    if (id.ok) expect(id.value.verify!(Buffer.from('x'))).toMatchObject({ ok: false, why: 'signature missing' })
    const id2 = auth.identifySource({ bearer: BOTH, signature: sign('x', t + 7) }, 'native')
    if (id2.ok) expect(id2.value.verify!(Buffer.from('x'))).toEqual({ ok: true, value: 'both' })
  })

  it('replay memory is bounded', () => {
    const small = createAuth(config, { env, clock: () => now, maxReplayEntries: 10 })
    const t = Math.floor(now / 1000)
    for (let i = 0; i < 50; i++) {
      const b = `{"i":${i}}`
      const id = small.identifySource({ signature: sign(b, t) }, 'zabbix')
      expect(id.ok && id.value.verify!(Buffer.from(b))).toMatchObject({ ok: true })
    }
  })
})

describe('console authorization', () => {
  const auth = createAuth(config, { env: { SIGNER_KEY } })
  it('loopback needs nothing; elsewhere only a console token passes', () => {
    expect(auth.authorizeConsole({}, '127.0.0.1')).toMatchObject({ ok: true })
    expect(auth.authorizeConsole({}, '10.1.1.1')).toMatchObject({ ok: false, why: 'console token required' })
    expect(auth.authorizeConsole({ bearer: GRAFANA }, '10.1.1.1')).toMatchObject({ ok: false })
    expect(auth.authorizeConsole({ bearer: WALL }, '10.1.1.1')).toEqual({ ok: true, value: 'wall' })
  })
  it('WebSocket principal: sources that sign must use HTTP; a bad credential is flagged', () => {
    expect(auth.principal({ bearer: BOTH }, '10.0.0.1')).toMatchObject({ source: 'both', sourceMayIngest: false, console: undefined })
    expect(auth.principal({ bearer: GRAFANA }, '10.0.0.1')).toMatchObject({ sourceMayIngest: false })
    expect(auth.principal({ bearer: WALL }, '10.0.0.1')).toMatchObject({ console: 'wall', presentedBad: false })
    expect(auth.principal({ bearer: 'nope' }, '127.0.0.1')).toMatchObject({ presentedBad: true })
    expect(auth.principal({}, '127.0.0.1')).toMatchObject({ console: 'loopback', sourceMayIngest: false })
  })
})

describe('auth config', () => {
  it('refuses clear-text secrets, unknown keys, duplicate names and sources without a credential', () => {
    expect(() => parseAuthConfig({ sources: [{ name: 'a', bearer: 'plain-token' }] })).toThrow(/sources\[0\]\.bearer: expected "sha256:/)
    expect(() => parseAuthConfig({ sources: [{ name: 'a' }] })).toThrow(/at least one of bearer, basic or hmac/)
    expect(() => parseAuthConfig({ sources: [], extra: 1 })).toThrow(/invalid/)
    const h = hashToken('t')
    expect(() => parseAuthConfig({ sources: [{ name: 'x', bearer: h }], consoles: [{ name: 'x', token: h }] })).toThrow(/used twice/)
  })

  it('loads YAML; resolves env: and file: HMAC secrets; refuses short ones without echoing them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'noc-auth-'))
    writeFileSync(join(dir, 'key'), `${'f'.repeat(40)}\n`)
    writeFileSync(join(dir, 'auth.yaml'), `sources:\n  - name: z\n    hmac: { secret: "file:key" }\nconsoles:\n  - name: w\n    token: ${hashToken('x')}\n`)
    const cfg = loadAuthConfig(join(dir, 'auth.yaml'))
    expect(cfg.sources[0].hmac?.secret).toBe('file:key')
    expect(resolveSecret('file:key', 'k', {}, dir).toString()).toBe('f'.repeat(40))
    expect(resolveSecret('env:K', 'k', { K: 'e'.repeat(32) }).length).toBe(32)
    expect(() => resolveSecret('env:MISSING', 'source "z"', {})).toThrow(/MISSING is not set/)
    expect(() => resolveSecret('short-secret', 'k')).toThrow(/at least 32/)
    try {
      resolveSecret('short-secret', 'k')
    } catch (e) {
      expect(String(e)).not.toContain('short-secret')
    }
  })

  it('tokens are 256-bit and hash to the documented form', () => {
    const t = newToken()
    expect(t).toMatch(/^noc_[A-Za-z0-9_-]{43}$/)
    expect(hashToken(t)).toMatch(/^sha256:[0-9a-f]{64}$/)
  })
})
