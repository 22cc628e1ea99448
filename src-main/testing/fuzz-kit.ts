import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { contract, type Method } from '@shared/api/contract'
import { ADAPTER_NAMES } from '../ingest/adapters/index'
import { rng } from './ingest-kit'

/**
 * Seeded generators of hostile input for the fuzz suite: malformed JSON, wrong types, huge strings and arrays,
 * deep nesting, unicode edge cases and prototype-pollution keys, aimed at every HTTP endpoint and WS message type.
 * Each case is built from its own seed, so any failure replays alone: `fuzzCase(seed, i)`.
 */
export type Rand = () => number
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1))

const FIXTURES: Record<string, unknown> = Object.fromEntries(
  [
    ['alertmanager', 'alertmanager-v4-firing.json'],
    ['grafana', 'grafana-alerting.json'],
    ['zabbix', 'zabbix-media-type.json'],
    ['pagerduty', 'pagerduty-events-v2.json'],
    ['alerta', 'alerta-alert.json'],
    ['native', 'native-tapin-events.json'],
  ].map(([k, f]) => [k, JSON.parse(readFileSync(resolve(import.meta.dirname, 'fixtures/adapters', f), 'utf8'))]),
)

export const hostileString = (r: Rand): string =>
  pick(r, [
    () => '',
    () => 'x'.repeat(int(r, 1000, 5000)), // bigger ones come from hostileBody's "huge" branch, rarely: they cost time
    () => '\ud800',
    () => `a\udfffb\udc00\ud800`,
    () => 'nul\u0000byte',
    () => '\u202egnp.exe\u202c',
    () => '\u2066\u2067\u2068\u2069\u200f',
    () => '\u200b\u200d\ufeff\u2028\u2029',
    () => `e${'\u0301'.repeat(2000)}`,
    () => '👨‍👩‍👧‍👦🏳️‍🌈',
    () => '__proto__',
    () => 'constructor',
    () => 'toString',
    () => '<img src=x onerror=alert(1)>',
    () => "'; DROP TABLE alerts;--",
    () => '../../../../etc/passwd',
    () => '${jndi:ldap://x/a}',
    () => '\u0001\u001f\u007f\u0085',
    () => '1e309',
    () => 'critical\u0000',
  ])()

/** A JS value that JSON.stringify can write (depth stays small; deep nesting is built as text instead). */
export const hostileValue = (r: Rand, depth = 0): unknown => {
  const k = r()
  if (depth > 3 || k < 0.45) return pick(r, [null, true, false, 0, -1, 1e308, -1e308, 5e-324, 2 ** 53 + 1, 3.5, hostileString(r)])
  if (k < 0.6) return Array.from({ length: int(r, 0, 4) }, () => hostileValue(r, depth + 1))
  if (k < 0.63) return Array.from({ length: int(r, 10_001, 25_000) }, () => 0)
  if (k < 0.75) return pollution(r, hostileValue(r, depth + 1))
  return Object.fromEntries(Array.from({ length: int(r, 0, 4) }, () => [pick(r, ['a', 'alerts', 'labels', 'status', 'client', hostileString(r).slice(0, 50)]), hostileValue(r, depth + 1)]))
}

/** Own `__proto__` / `constructor.prototype` keys (as JSON.parse would produce them), around `inner`. */
export const pollution = (r: Rand, inner: unknown): Record<string, unknown> =>
  pick(r, [
    () => Object.fromEntries([['__proto__', { polluted: 'yes', ...(inner && typeof inner === 'object' ? inner : {}) }]]),
    () => ({ constructor: { prototype: { polluted: 'yes' } }, v: inner }),
    () => Object.fromEntries([['__proto__', { polluted: 'yes' }], ['prototype', { polluted: 'yes' }], ['x', inner]]),
  ])()

/** Replace random fields of a (deep-copied) value with hostile ones; sometimes graft pollution keys in. */
const mutate = (r: Rand, v: unknown, rate: number, depth = 0): unknown => {
  if (r() < rate) return hostileValue(r)
  if (Array.isArray(v)) return v.map((x) => mutate(r, x, rate, depth + 1))
  if (v && typeof v === 'object') {
    const entries = Object.entries(v).map(([k, x]) => [k, mutate(r, x, rate, depth + 1)] as [string, unknown])
    if (r() < 0.1) entries.push(['__proto__', { polluted: 'yes' }])
    return Object.fromEntries(entries)
  }
  return v
}

const deepText = (r: Rand): string => {
  // 100k levels is the point (a recursive parser or validator overflows its stack) but costs ~30 ms a case: 1 in 6.
  const n = pick(r, [1000, 1000, 10_000, 10_000, 10_000, 100_000])
  return pick(r, [
    () => '['.repeat(n), // unterminated
    () => '['.repeat(n) + ']'.repeat(n),
    () => '{"a":'.repeat(n) + '1' + '}'.repeat(n),
    () => `{"alerts":${'['.repeat(n)}${']'.repeat(n)}}`,
    () => `[{"client":"deep","attributes":${'{"a":'.repeat(n)}1${'}'.repeat(n)}}]`,
  ])()
}

const malformed = (r: Rand, base: string): string | Buffer =>
  pick(r, [
    () => base.slice(0, int(r, 0, Math.max(0, base.length - 1))),
    () => `${base},`,
    () => `\ufeff${base}`,
    () => base.replace(/"/g, "'"),
    () => base.replace(/:/, ':NaN,'),
    () => '{"a":}',
    () => '{"a" 1}',
    () => '[1,,2]',
    () => 'undefined',
    () => '',
    () => ' \n\t ',
    () => Buffer.from([0xff, 0xfe, 0x7b, 0x22, 0xc0, 0xaf, 0x22, 0x7d]),
    () => Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]), // {"a":"<CESU surrogate>"}
    () => Buffer.concat([Buffer.from('['), Buffer.alloc(int(r, 1, 5000), 0), Buffer.from(']')]),
    () => `${base}${base}`,
    () => 'x'.repeat(int(r, 1, 100_000)),
  ])()

/** A request body for an endpoint whose well-formed payload looks like `template`. */
export const hostileBody = (r: Rand, template: unknown): string | Buffer => {
  const base = JSON.stringify(template ?? {})
  const k = r()
  if (k < 0.25) return malformed(r, base)
  if (k < 0.33) return JSON.stringify(pick(r, [null, 0, -1, 'str', true, [], {}, [null], [[]], hostileString(r)]))
  if (k < 0.63) return JSON.stringify(mutate(r, template, pick(r, [0.02, 0.05, 0.2, 0.5])))
  if (k < 0.73) return JSON.stringify(pollution(r, mutate(r, template, 0.1)))
  if (k < 0.77) return deepText(r)
  if (k < 0.78) {
    return pick(r, [
      () => JSON.stringify({ alerts: [{ labels: { alertname: 'y'.repeat(int(r, 1e5, 9e5)) } }] }),
      () => JSON.stringify([{ client: 'big', class: 'C', rule: 'R', severity: 'major', text: '\u202e'.repeat(int(r, 1e4, 2e5)) }]),
      () => `[${'0,'.repeat(int(r, 10_001, 30_000))}0]`,
      () => JSON.stringify({ alerts: Array.from({ length: int(r, 10_001, 20_000) }, () => ({})) }),
      () => `{"pad":"${'z'.repeat(int(r, 1_100_000, 1_300_000))}"}`, // over the suite's 1 MiB body limit
    ])()
  }
  // Unicode edge cases placed where they are stored and shown (summary, labels, client).
  return JSON.stringify(mutate(r, template, 0.3)).replace(/"(firing|critical|Disk|WEB01|alertname)"/g, () => JSON.stringify(hostileString(r).slice(0, 5000)))
}

/** Bytes → %XX for every byte: a path segment or query value that carries any string, even lone surrogates. */
export const pct = (s: string) => [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')

export interface HttpCase {
  method: string
  path: string
  body?: string | Buffer
  headers?: Record<string, string>
}

const shapeKeys = (m: Method): string[] => Object.keys((contract[m].input as unknown as { shape?: object }).shape ?? {})
export const CONTRACT_ROUTES = (Object.keys(contract) as Method[]).filter((m) => m !== 'events.ingest')
const UNKNOWN_FORMATS = ['nagios', '__proto__', 'constructor', 'toString', '%zz', pct('\u202e')]

const hostileQuery = (r: Rand, keys: string[]): string => {
  const pairs = Array.from({ length: int(r, 1, 4) }, () => {
    const k = pick(r, [...keys, '__proto__', 'constructor[prototype][polluted]', 'access_token', hostileString(r).slice(0, 30)])
    const v = pick(r, [() => hostileString(r).slice(0, 500), () => String(pick(r, [-1, 0, 1e309, 3.5, 'NaN', '', 'true'])), () => '%E0%A4%A'])()
    return `${pct(k)}=${v === '%E0%A4%A' ? v : pct(v)}`
  })
  return `?${pairs.join('&')}`
}

/** Case `i` of the HTTP suite: endpoint chosen round-robin-ish so every one gets hundreds of cases. */
export const httpCase = (seed: number, i: number): HttpCase => {
  const r = rng(seed * 1_000_003 + i)
  const k = r()
  // Ingest endpoints take most cases (they face the network); contract routes still get dozens each.
  if (k < 0.72) {
    const format = pick(r, ADAPTER_NAMES)
    const client = r() < 0.3 ? `/${pct(hostileString(r).slice(0, 200))}` : ''
    const path = format === 'native' && r() < 0.5 ? '/api/v1/events' : `/webhook/${format}${client}`
    const q = r() < 0.1 ? `?client=${pct(hostileString(r).slice(0, 200))}` : ''
    return { method: r() < 0.02 ? pick(r, ['GET', 'PUT', 'DELETE']) : 'POST', path: path + q, body: hostileBody(r, FIXTURES[format]) }
  }
  if (k < 0.75) return { method: 'POST', path: `/webhook/${pick(r, UNKNOWN_FORMATS)}`, body: hostileBody(r, {}) }
  const m = pick(r, CONTRACT_ROUTES)
  const { method, path } = contract[m].http
  const concrete = path.replace(/:[a-zA-Z]+/g, () => pick(r, [pct(hostileString(r).slice(0, 100)), '%E0%A4%A', '-1', '1e999', '0x10', '__proto__']))
  if (method === 'GET') return { method: r() < 0.03 ? 'POST' : 'GET', path: concrete + hostileQuery(r, shapeKeys(m)) }
  const template = Object.fromEntries(shapeKeys(m).map((key) => [key, 'x']))
  return { method, path: concrete + (r() < 0.1 ? hostileQuery(r, shapeKeys(m)) : ''), body: hostileBody(r, template) }
}

export interface WsCase {
  frame: string | Buffer
  binary: boolean
}

/** Case `i` of the WebSocket suite: every message type with hostile fields, plus frames that are not messages. */
export const wsCase = (seed: number, i: number): WsCase => {
  const r = rng(seed * 7_000_003 + i)
  const id = r() < 0.8 ? `f${i}` : (hostileValue(r) as string)
  const msg = pick(r, [
    () => ({ type: 'events', id, events: r() < 0.7 ? JSON.parse(JSON.stringify(mutate(r, FIXTURES.native, pick(r, [0.02, 0.1, 0.3])))) : hostileValue(r) }),
    () => ({ type: 'subscribe', since: pick(r, [-1, 'x', 1.5, null, 1e308, [], {}]) }),
    () => ({ type: 'call', id, method: pick(r, [...CONTRACT_ROUTES, 'events.ingest', 'toString', '__proto__', 'constructor', hostileString(r).slice(0, 150)]), input: hostileValue(r) }),
    () => ({ type: 'heartbeat', source: pick(r, [1, null, 'x'.repeat(201), {}, []]) }),
    () => ({ type: pick(r, ['nope', '__proto__', '', null, 1]), id }),
    () => pollution(r, { type: 'call', id, method: 'alerts.list' }),
  ])()
  const k = r()
  if (k < 0.1) return { frame: Buffer.from(JSON.stringify(msg)), binary: true }
  if (k < 0.3) return { frame: malformed(r, JSON.stringify(msg)).toString(), binary: false }
  if (k < 0.35) return { frame: deepText(r), binary: false }
  return { frame: JSON.stringify(msg), binary: false }
}
