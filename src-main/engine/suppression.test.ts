import { describe, expect, it } from 'vitest'
import { makeAlert } from '../testing/engine-kit'
import { inhibitorOf, matcherMatches, silenceActive, suppressorOf, windowActiveAt, windowCovers, type WindowView } from './suppression'
import { compileTopology } from './topology'

const SAT_0300_BERLIN = Date.parse('2026-11-21T02:00:00Z')
const zone = () => 'Europe/Berlin'

describe('maintenance windows', () => {
  it('one-off: start inclusive, end exclusive', () => {
    const s = { kind: 'once' as const, start: 100, end: 200 }
    expect([99, 100, 199, 200].map((t) => windowActiveAt(s, t, 'UTC'))).toEqual([false, true, true, false])
  })

  it('weekly windows read the clock in their zone (default: the client’s), overnight windows included', () => {
    const sat = { kind: 'weekly' as const, days: [6], start: '02:00', end: '04:00', timeZone: null }
    expect(windowActiveAt(sat, SAT_0300_BERLIN, 'Europe/Berlin')).toBe(true)
    expect(windowActiveAt(sat, SAT_0300_BERLIN, 'UTC')).toBe(true) // 02:00 UTC is inside 02:00–04:00 too
    expect(windowActiveAt(sat, SAT_0300_BERLIN, 'America/New_York')).toBe(false) // Friday 21:00 there
    const fridayNight = { kind: 'weekly' as const, days: [5], start: '22:00', end: '06:00', timeZone: 'Europe/Berlin' }
    expect(windowActiveAt(fridayNight, SAT_0300_BERLIN, 'UTC')).toBe(true)
  })

  it('scope: client, service and resource (globs); an alert of another client is not covered', () => {
    const w: WindowView = { id: 'MW-1', name: 'patch', client: 'acme', service: null, resource: 'web-*', schedule: { kind: 'once', start: 0, end: Infinity } }
    expect(windowCovers(w, makeAlert({ resource: 'web-01' }), 5, zone)).toBe(true)
    expect(windowCovers(w, makeAlert({ resource: 'db-01' }), 5, zone)).toBe(false)
    expect(windowCovers(w, makeAlert({ resource: 'web-01', client: 'globex' }), 5, zone)).toBe(false)
    expect(windowCovers(w, makeAlert({ resource: null }), 5, zone)).toBe(false)
  })
})

describe('silences', () => {
  const a = makeAlert({ rule: 'LinkDown', resource: 'fw-01', labels: { site: 'berlin' }, severity: 'major' })
  it('matchers: =, !=, anchored =~ and !~ over labels and alert fields', () => {
    expect(matcherMatches({ name: 'site', value: 'berlin', op: '=' }, a)).toBe(true)
    expect(matcherMatches({ name: 'severity', value: 'critical', op: '!=' }, a)).toBe(true)
    expect(matcherMatches({ name: 'rule', value: 'Link', op: '=~' }, a)).toBe(false) // anchored
    expect(matcherMatches({ name: 'rule', value: 'Link.*', op: '=~' }, a)).toBe(true)
    expect(matcherMatches({ name: 'resource', value: 'db-.*', op: '!~' }, a)).toBe(true)
    expect(matcherMatches({ name: 'missing', value: '', op: '=' }, a)).toBe(true) // absent = empty, as in Alertmanager
  })

  it('active between start and end; a maintenance window wins over a silence', () => {
    const s = { id: 'SIL-1', matchers: [{ name: 'client', value: 'acme', op: '=' as const }], startsAt: 10, endsAt: 20, comment: '', createdBy: 'alice' }
    expect([9, 10, 19, 20].map((t) => silenceActive(s, t))).toEqual([false, true, true, false])
    expect(suppressorOf(a, 15, { windows: [], silences: [s], zoneOf: zone })).toMatchObject({ kind: 'silence', ref: 'SIL-1' })
    const w: WindowView = { id: 'MW-2', name: 'all', client: null, service: null, resource: null, schedule: { kind: 'once', start: 0, end: 100 } }
    expect(suppressorOf(a, 15, { windows: [w], silences: [s], zoneOf: zone })).toMatchObject({ kind: 'maintenance', ref: 'MW-2' })
    expect(suppressorOf(a, 150, { windows: [w], silences: [s], zoneOf: zone })).toBeNull()
  })
})

describe('inhibition', () => {
  it('a firing critical upstream alert inhibits its children, not its parents or strangers', () => {
    const topo = compileTopology([{ parent: 'fw-01', children: ['host-*'] }])
    const fw = makeAlert({ id: 1, resource: 'fw-01', severity: 'critical' })
    const host = makeAlert({ id: 2, resource: 'host-a' })
    const other = makeAlert({ id: 3, resource: 'db-01' })
    expect(inhibitorOf(host, [fw], topo)?.id).toBe(1)
    expect(inhibitorOf(fw, [makeAlert({ id: 4, resource: 'host-b', severity: 'critical' })], topo)).toBeUndefined()
    expect(inhibitorOf(other, [fw], topo)).toBeUndefined()
    expect(inhibitorOf(host, [{ ...fw, client: 'globex' }], topo)).toBeUndefined()
  })
})
