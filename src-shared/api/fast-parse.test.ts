import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { alert, client, delta, incident } from '../../src-renderer/src/testing/store-kit'
import { AlertRowsPage, Delta, SnapshotHead } from './contract'
import { fastParse } from './fast-parse'

const rng = (seed: number) => () => {
  seed = (seed * 1664525 + 1013904223) >>> 0
  return seed / 2 ** 32
}

/** Wrong values of every JSON kind, plus near misses (non-integer, unknown enum text, NaN-ish). */
const WEIRD: unknown[] = [null, undefined, 0, -1, 1.5, 2 ** 60, '', 'x', 'INC-x', 'critical', true, [], {}, [1], { a: 1 }, 'P9', Number.MAX_SAFE_INTEGER + 2]

/** Every path (object keys and array indexes) inside a JSON value. */
const paths = (v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] => {
  if (at.length) out.push(at)
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out))
  else if (v && typeof v === 'object') for (const k of Object.keys(v)) paths((v as Record<string, unknown>)[k], [...at, k], out)
  return out
}

/** A copy of `v` with one thing changed at `path`: replaced by a weird value, deleted, or given an extra key. */
const mutate = (v: unknown, path: (string | number)[], r: () => number): unknown => {
  const copy = structuredClone(v) as Record<string | number, unknown>
  let parent = copy
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>
  const last = path[path.length - 1]
  const roll = r()
  if (roll < 0.15 && !Array.isArray(parent)) delete parent[last]
  else if (roll < 0.25 && parent[last] && typeof parent[last] === 'object' && !Array.isArray(parent[last])) (parent[last] as Record<string, unknown>).extra = WEIRD[Math.floor(r() * WEIRD.length)]
  else parent[last] = WEIRD[Math.floor(r() * WEIRD.length)]
  return copy
}

/** fastParse must agree with zod on validity for every mutation; when valid, it holds at least zod's data. */
const agreeOnMutations = (schema: z.ZodType, valid: unknown, seed: number, tries = 600) => {
  const r = rng(seed)
  const all = paths(valid)
  let rejected = 0
  for (let n = 0; n < tries; n++) {
    const input = mutate(valid, all[Math.floor(r() * all.length)], r)
    const slow = schema.safeParse(structuredClone(input))
    const fast = fastParse(schema, structuredClone(input))
    expect({ path: n, ok: fast.success }).toEqual({ path: n, ok: slow.success })
    if (slow.success) expect(fast.data).toMatchObject(slow.data as object)
    else rejected++
  }
  // The mutations must actually break things, or this test proves nothing.
  expect(rejected).toBeGreaterThan(tries / 4)
}

const head = () => ({
  seq: 9,
  demo: false,
  clients: [client('acme', { major: 2 }), client('beta')],
  incidents: [incident(1), incident(2, { status: 'acknowledged', owner: 'ana', acknowledgedAt: 5, tags: ['x'], flags: ['flapping'] })],
  problems: [{ id: 'PRB-1', key: 'rule=Disk', kind: 'rule', reason: 'r', clients: ['acme'], incidentIds: ['INC-1001'], openedAt: 1, resolvedAt: null, seq: 3 }],
  alerts: { firing: 3, resolved: 1 },
})

describe('fastParse agrees with zod', () => {
  it('on deltas with alerts, clients and incidents, and every one-field mutation of them', () => {
    const valid = delta(7, [alert(1, { labels: { a: 'b' } }), alert(2, { status: 'resolved', resolvedAt: 9 })], [client('acme', { critical: 1 })], [incident(3)])
    expect(fastParse(Delta, structuredClone(valid)).success).toBe(true)
    agreeOnMutations(Delta, valid, 1)
  })

  it('on the snapshot head and its mutations', () => {
    expect(fastParse(SnapshotHead, head()).success).toBe(true)
    agreeOnMutations(SnapshotHead, head(), 2)
  })

  it('on an alert rows page and its mutations', () => {
    const page = {
      seq: 5, next: null, total: 2, strings: ['acme', 'disk full', 'WEB01'],
      id: [1, 2], rev: [4, 5], client: [0, 0], severity: [1, 3], status: [0, 1], summary: [1, 1], resource: [2, -1],
      rule: [1, 1], class: [0, 0], service: [-1, 2], source: [0, 0], components: [2, 2],
      count: [1, 7], firstSeen: [10, 11], lastSeen: [12, 13], resolvedAt: [null, 14],
    }
    expect(fastParse(AlertRowsPage, structuredClone(page)).success).toBe(true)
    agreeOnMutations(AlertRowsPage, page, 3)
  })
})

describe('fastParse semantics', () => {
  it('fills defaults in place and returns the same object', () => {
    const raw = { type: 'delta', seq: 1, alerts: [], clients: [] } as Record<string, unknown>
    const r = fastParse(Delta, raw)
    expect(r.success).toBe(true)
    expect(r.data).toBe(raw)
    expect(raw.incidents).toEqual([])
    expect(raw.problems).toEqual([])
  })

  it('checks integer formats, bounds, patterns and literals the way zod does', () => {
    const s = z.object({ n: z.number().int().min(0).max(10), id: z.string().regex(/^INC-\d+$/), t: z.literal('x'), u: z.union([z.string(), z.number()]) })
    const ok = { n: 3, id: 'INC-1', t: 'x', u: 2 }
    expect(fastParse(s, { ...ok }).success).toBe(true)
    for (const bad of [{ n: 3.5 }, { n: -1 }, { n: 11 }, { id: 'INC-' }, { id: 'xINC-1' }, { t: 'y' }, { u: null }, { n: Infinity }])
      expect(fastParse(s, { ...ok, ...bad }).success).toBe(false)
  })

  it('delegates what it cannot compile (coercion, transforms, refinements) to zod, keeping zod\'s output', () => {
    const s = z.object({ n: z.coerce.number(), up: z.string().transform((x) => x.toUpperCase()), even: z.number().refine((x) => x % 2 === 0) })
    const r = fastParse(s, { n: '4', up: 'ab', even: 2 })
    expect(r).toMatchObject({ success: true, data: { n: 4, up: 'AB', even: 2 } })
    expect(fastParse(s, { n: '4', up: 'ab', even: 3 }).success).toBe(false)
  })

  it('reports zod\'s own issues on failure', () => {
    const r = fastParse(Delta, { type: 'delta', seq: 'x', alerts: [], clients: [] })
    expect(r.success).toBe(false)
    expect(r.error?.issues[0].path).toEqual(['seq'])
  })
})
