import { describe, expect, it } from 'vitest'
import { NocEvent } from '@shared/model/event'
import { ADAPTER_NAMES, adapters, isAdapterName } from './index'
import { ctx, fixture } from '../../testing/fixtures/adapters/load'
import type { AdapterResult } from './types'

/**
 * Whatever arrives on a webhook, an adapter answers: events or a refusal with issues. It never throws, never
 * pollutes prototypes, and every event it emits fits the NocEvent schema.
 */
const deep = (depth: number): unknown => {
  let v: unknown = 'bottom'
  for (let i = 0; i < depth; i++) v = i % 2 ? { a: v } : [v]
  return v
}

const HOSTILE: Array<[string, unknown]> = [
  ['undefined', undefined],
  ['null', null],
  ['empty array', []],
  ['string', 'x'],
  ['number', 42],
  ['NaN', Number.NaN],
  ['boolean', true],
  ['empty object', {}],
  ['array of junk', [null, 1, 'a', {}, []]],
  ['deeply nested', deep(100_000)],
  ['__proto__ pollution', JSON.parse('{"__proto__":{"polluted":1},"alerts":[{"__proto__":{"polluted":2}}]}')],
  ['constructor keys', JSON.parse('{"constructor":{"prototype":{"polluted":3}},"EVENT.ID":"1","EVENT.VALUE":"1"}')],
  ['huge string', { alerts: 'x'.repeat(1_000_000) }],
]

const checkShape = (r: AdapterResult): void => {
  if (r.ok) {
    expect(Array.isArray(r.warnings)).toBe(true)
    for (const e of r.events) expect(NocEvent.safeParse(e).success).toBe(true)
  } else {
    // A refusal from the guard means an adapter threw: a bug, even though the sender still gets an answer.
    expect(r.error).not.toMatch(/could not be processed/)
    expect(typeof r.error).toBe('string')
    expect(r.issues.length).toBeGreaterThan(0)
    for (const i of r.issues) expect(typeof i.path === 'string' && typeof i.message === 'string').toBe(true)
  }
}

describe.each(ADAPTER_NAMES)('%s adapter on hostile input', (name) => {
  const adapter = adapters[name]

  it.each(HOSTILE)('%s: no throw, well-formed answer', (_label, body) => {
    const r = adapter(body, ctx())
    checkShape(r)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('refuses a non-object body at (body)', () => {
    for (const body of [null, 'x', 42]) {
      const r = adapter(body, ctx())
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.issues[0]!.path).toBe('(body)')
    }
  })

  it('survives seeded random mutations of every fixture', () => {
    let seed = 0x5eed
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff)
    const junk = (): unknown => [null, -1, 1e308, '', '__proto__', { __proto__: null }, [], [{}], 'ok', '0001-01-01T00:00:00Z', true][Math.floor(rand() * 11)]
    const mutate = (v: unknown, depth: number): unknown => {
      if (depth > 6 || rand() < 0.08) return junk()
      if (Array.isArray(v)) return v.map((x) => mutate(x, depth + 1))
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mutate(x, depth + 1)]))
      return v
    }
    const files = ['alertmanager-v4-firing.json', 'grafana-alerting.json', 'zabbix-media-type.json', 'pagerduty-events-v2.json', 'alerta-alert.json', 'native-tapin-events.json']
    let ok = 0
    for (let round = 0; round < 60; round++) {
      for (const f of files) {
        const r = adapter(mutate(fixture(f), 0), ctx({ clientOverride: rand() < 0.2 ? ' ' : undefined, fingerprintLabels: rand() < 0.2 ? ['instance', '__proto__'] : undefined }))
        checkShape(r)
        if (r.ok) ok++
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    // Mutations are sparse enough that some bodies still fit: the accepted path is fuzzed too.
    expect(ok).toBeGreaterThan(0)
  })
})

describe('hostile values inside valid bodies', () => {
  it('label keys such as __proto__ and constructor neither pollute nor resolve inherited values', () => {
    const am = fixture('alertmanager-v4-firing.json') as { alerts: Array<{ labels: Record<string, unknown> }> }
    const labels = JSON.parse('{"__proto__":"x","constructor":"c","alertname":"A","severity":"toString"}') as Record<string, unknown>
    am.alerts = [{ ...am.alerts[0]!, labels }]
    const r = adapters.alertmanager(am, ctx())
    expect(r.ok).toBe(true)
    if (r.ok) {
      expect(r.events[0]!.severity).toBe('warning') // "toString" is not a severity, even though Object has it
      expect(r.events[0]!.client).toBe('initech') // from commonLabels, not from an inherited property
      expect(Object.getPrototypeOf(r.events[0]!.labels)).toBe(Object.prototype)
    }
  })

  it('deeply nested native attributes are dropped with a warning, not thrown', () => {
    const ev = { ...(fixture('native-tapin-events.json') as unknown as object[])[1]!, attributes: { deep: deep(50_000) } }
    const r = adapters.native(ev, ctx())
    expect(r.ok).toBe(true)
    if (r.ok) {
      expect(r.events[0]!.attributes).toBeUndefined()
      expect(r.warnings.join()).toMatch(/attributes could not be serialized|larger than/)
    }
  })

  it('__proto__ inside free-form attributes is stripped at every depth', () => {
    const ev = { ...(fixture('native-tapin-events.json') as unknown as object[])[1]!, attributes: JSON.parse('{"a":{"__proto__":{"polluted":1},"b":1}}') }
    const r = adapters.native(ev, ctx())
    expect(r.ok && r.events[0]!.attributes).toEqual({ a: { b: 1 } })
    if (r.ok) expect(Object.prototype.hasOwnProperty.call(r.events[0]!.attributes!.a, '__proto__')).toBe(false)
  })

  it('isAdapterName narrows route segments', () => {
    expect(isAdapterName('zabbix')).toBe(true)
    expect(isAdapterName('constructor')).toBe(false)
    expect(isAdapterName('heartbeat')).toBe(false)
  })
})
