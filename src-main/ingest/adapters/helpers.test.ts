import { describe, expect, it } from 'vitest'
import { normalizeClientId, resolveClient, grafanaOrgClient } from './client'
import { Warnings, clip, guard, safeUrl, toLabels } from './common'
import { mapAlertaSeverity, mapLabelSeverity, mapPagerDutySeverity, mapZabbixSeverity } from './severity-map'
import { MAX_FUTURE_SKEW_MS, eventTime, isZeroTime, parseIsoTime, parseTimestamp, wallClockInZone } from './time'
import { ctx, RECEIVED_AT } from '../../testing/fixtures/adapters/load'

describe('client ids', () => {
  it('normalizes: trim, lower-case, spaces → -, control characters out, 100 characters max', () => {
    expect(normalizeClientId('  Wayne   Enterprises ')).toBe('wayne-enterprises')
    expect(normalizeClientId('ACME\tRetail\u0000')).toBe('acmeretail')
    expect(normalizeClientId('x'.repeat(150))).toHaveLength(100)
    expect(normalizeClientId(42)).toBe('42')
    expect(normalizeClientId('   ')).toBeUndefined()
    expect(normalizeClientId({})).toBeUndefined()
  })

  it('the first usable candidate wins, else default', () => {
    expect(resolveClient(undefined, '', '  ', 'Initech', 'other')).toBe('initech')
    expect(resolveClient('Override', 'Initech')).toBe('override')
    expect(resolveClient(undefined, null)).toBe('default')
  })

  it('grafana org mapping reads own keys only', () => {
    expect(grafanaOrgClient({ '3': 'hooli' }, 3)).toBe('hooli')
    expect(grafanaOrgClient({}, 'toString')).toBeUndefined()
    expect(grafanaOrgClient(undefined, 3)).toBeUndefined()
  })
})

describe('severity tables', () => {
  it('label severities, with unknown/missing → warning and flagged', () => {
    expect(mapLabelSeverity(' Emergency ')).toEqual({ severity: 'critical', known: true })
    expect(mapLabelSeverity('err')).toEqual({ severity: 'major', known: true })
    expect(mapLabelSeverity('notice')).toEqual({ severity: 'info', known: true })
    expect(mapLabelSeverity(undefined)).toEqual({ severity: 'warning', known: false })
    expect(mapLabelSeverity('constructor')).toEqual({ severity: 'warning', known: false })
  })

  it('zabbix: number first, then name', () => {
    expect(mapZabbixSeverity('3', 'Disaster').severity).toBe('minor')
    expect(mapZabbixSeverity(undefined, 'High').severity).toBe('major')
    expect(mapZabbixSeverity(undefined, 'Not classified').severity).toBe('info')
  })

  it('pagerduty and alerta', () => {
    expect(mapPagerDutySeverity('error').severity).toBe('major')
    expect(mapAlertaSeverity('security').severity).toBe('critical')
    expect(mapAlertaSeverity('cleared').severity).toBe('ok')
    expect(mapAlertaSeverity('unknown')).toEqual({ severity: 'warning', known: false })
  })
})

describe('times', () => {
  it('parses strict ISO-8601 only', () => {
    expect(parseIsoTime('2026-11-20T22:14:05.113Z')).toBe(Date.parse('2026-11-20T22:14:05.113Z'))
    expect(parseIsoTime('2026-11-20T23:10:44.000+00:00')).toBe(Date.parse('2026-11-20T23:10:44Z'))
    expect(parseIsoTime('2026-11-20T23:10:44+0100')).toBe(Date.parse('2026-11-20T22:10:44Z'))
    expect(parseIsoTime('2026-11-20 23:10:44')).toBe(Date.parse('2026-11-20T23:10:44Z')) // no zone → UTC
    expect(parseIsoTime('2026-02-30T00:00:00Z')).toBeUndefined()
    expect(parseIsoTime('March 7')).toBeUndefined()
    expect(parseIsoTime('0001-01-01T00:00:00Z')).toBeUndefined()
    expect(isZeroTime('0001-01-01T00:00:00Z')).toBe(true)
  })

  it('epoch milliseconds, and nothing else numeric', () => {
    expect(parseTimestamp(1_795_219_200_000)).toBe(1_795_219_200_000)
    expect(parseTimestamp(-1)).toBeUndefined()
    expect(parseTimestamp(Number.POSITIVE_INFINITY)).toBeUndefined()
    expect(parseTimestamp({})).toBeUndefined()
  })

  it('clamps only beyond the 5-minute tolerance', () => {
    const w = new Warnings()
    expect(eventTime(new Date(RECEIVED_AT + MAX_FUTURE_SKEW_MS).toISOString(), ctx(), w, 't')).toBe(RECEIVED_AT + MAX_FUTURE_SKEW_MS)
    expect(w.toArray()).toEqual([])
    expect(eventTime(new Date(RECEIVED_AT + MAX_FUTURE_SKEW_MS + 1000).toISOString(), ctx(), w, 't')).toBe(RECEIVED_AT)
    expect(w.toArray()).toHaveLength(1)
  })

  it('zones: offsets and IANA names', () => {
    const wall = Date.UTC(2026, 10, 20, 12, 0, 0)
    expect(wallClockInZone(wall, 'UTC')).toBe(wall)
    expect(wallClockInZone(wall, '+05:45')).toBe(wall - (5 * 60 + 45) * 60_000)
    expect(wallClockInZone(wall, 'America/New_York')).toBe(wall + 5 * 3600_000)
    expect(wallClockInZone(wall, 'Nowhere/Special')).toBeUndefined()
  })
})

describe('common helpers', () => {
  it('labels: strings kept, scalars stringified, objects skipped, long values cut', () => {
    const w = new Warnings()
    expect(toLabels({ a: 'x', n: 3, b: true, o: { x: 1 }, z: null, long: 'y'.repeat(5000) }, w).long).toHaveLength(4000)
    expect(toLabels({ a: 'x', n: 3, b: true, o: { x: 1 } })).toEqual({ a: 'x', n: '3', b: 'true' })
    expect(w.toArray()[0]).toMatch(/cut to 4000/)
  })

  it('URLs: http(s) only', () => {
    expect(safeUrl('https://a.example/x')).toBe('https://a.example/x')
    expect(safeUrl('javascript:alert(1)')).toBeUndefined()
    expect(safeUrl('not a url')).toBeUndefined()
  })

  it('warnings are deduplicated and capped', () => {
    const w = new Warnings(2)
    for (const m of ['a', 'a', 'b', 'c', 'd']) w.add(m)
    expect(w.toArray()).toEqual(['a', 'b', '…and 2 more warnings'])
  })

  it('clip never splits a surrogate pair', () => {
    expect(clip('😀😀😀', 2)).toBe('😀😀')
  })

  it('guard turns an adapter bug into a refusal instead of a throw', () => {
    const r = guard('Test', () => {
      throw new Error('boom')
    })(null, ctx())
    expect(r).toEqual({ ok: false, error: 'Test body could not be processed', issues: [{ path: '(body)', message: 'boom' }] })
  })
})
