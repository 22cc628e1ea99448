import { describe, expect, it } from 'vitest'
import { clientProfile, ConsoleConfig, TIERS, type ConsoleConfigInput, type Tier } from '@shared/model/config'
import type { Severity } from '@shared/model/severity'
import { blastPoints, computePriority, resourcePoints, type PriorityInput } from './priority'
import { Sim } from '../testing/engine-kit'

const MON_10_UTC = Date.UTC(2025, 5, 2, 10, 0) // in default business hours
const MON_22_UTC = Date.UTC(2025, 5, 2, 22, 0) // outside

const input = (over: Partial<PriorityInput> & { tier?: Tier; config?: ConsoleConfigInput } = {}): PriorityInput => {
  const config = ConsoleConfig.parse(over.config ?? { clients: { acme: { tier: over.tier ?? 'gold', services: { billing: 'critical', wiki: 'low' } } } })
  return {
    profile: clientProfile(config, 'acme'),
    severity: 'critical',
    services: ['billing'],
    resources: ['db-01'],
    blastClients: 1,
    now: MON_10_UTC,
    thresholds: config.priority.thresholds,
    ...over,
  }
}

describe('priority formula v1', () => {
  it.each([
    ['platinum', 20, 80, 'P1', 70, 'P1'],
    ['gold', 15, 75, 'P1', 65, 'P2'],
    ['silver', 10, 70, 'P1', 60, 'P2'],
    ['bronze', 5, 65, 'P2', 55, 'P2'],
  ] as const)('tier %s: %i points; critical alert on a critical service scores %i (%s) in hours, %i (%s) outside', (tier, points, inScore, inP, outScore, outP) => {
    const inside = computePriority(input({ tier }))
    expect(inside.components.tier).toMatchObject({ value: tier, points, max: 20 })
    expect([inside.score, inside.priority]).toEqual([inScore, inP])
    const outside = computePriority(input({ tier, now: MON_22_UTC }))
    expect([outside.score, outside.priority]).toEqual([outScore, outP])
    expect(outside.components.businessHours).toMatchObject({ value: false, points: 0 })
  })

  it('records every component with value, points and max; the score is their sum', () => {
    const b = computePriority(input({ services: ['billing', 'wiki'], resources: ['db-01', 'db-02', 'db-03'], blastClients: 3 }))
    expect(Object.keys(b.components)).toEqual(['tier', 'serviceCriticality', 'severity', 'businessHours', 'affectedResources', 'blastRadius'])
    expect(b.components.serviceCriticality).toMatchObject({ value: 'critical', points: 20, note: 'billing: critical, wiki: low' })
    expect(b.components.severity).toMatchObject({ value: 'critical', points: 30, max: 30 })
    expect(b.components.affectedResources).toMatchObject({ value: 3, points: 7 })
    expect(b.components.blastRadius).toMatchObject({ value: 3, points: 6 })
    expect(b.components.businessHours.note).toBe('Mon 10:00 UTC; hours Mon–Fri 08:00–18:00')
    expect(b.score).toBe(Object.values(b.components).reduce((s, c) => s + c.points, 0))
    expect(b.score).toBe(15 + 20 + 30 + 10 + 7 + 6)
    expect(b.formula).toBe('v1')
  })

  it.each([
    ['critical', 30],
    ['major', 22],
    ['minor', 14],
    ['warning', 8],
    ['info', 2],
  ] as const)('severity %s: %i points', (severity, points) => {
    expect(computePriority(input({ severity })).components.severity.points).toBe(points)
  })

  it('an unconfigured service takes the default criticality (medium); no service at all too', () => {
    expect(computePriority(input({ services: ['other'] })).components.serviceCriticality).toMatchObject({ value: 'medium', points: 10, note: 'other: medium (default)' })
    expect(computePriority(input({ services: [] })).components.serviceCriticality).toMatchObject({ value: 'medium', points: 10 })
  })

  it('resource and blast steps', () => {
    expect([0, 1, 2, 3, 5, 6, 50].map(resourcePoints)).toEqual([0, 0, 4, 7, 7, 10, 10])
    expect([1, 2, 3, 4, 5, 9].map(blastPoints)).toEqual([0, 3, 6, 9, 10, 10])
  })

  it('severity caps: warning never better than P2, info never better than P3', () => {
    const max = { tier: 'platinum' as const, services: ['billing'], resources: ['a', 'b', 'c', 'd', 'e', 'f'], blastClients: 5 }
    const warning = computePriority(input({ ...max, severity: 'warning' }))
    expect(warning.uncapped).toBe('P1')
    expect(warning.priority).toBe('P2')
    const info = computePriority(input({ ...max, severity: 'info' }))
    expect([info.uncapped, info.priority]).toEqual(['P1', 'P3'])
  })

  it('thresholds are configurable', () => {
    const b = computePriority(input({ config: { priority: { thresholds: { P1: 90 } }, clients: { acme: { tier: 'platinum' } } } }))
    expect(b.score).toBe(20 + 10 + 30 + 10)
    expect(b.priority).toBe('P2')
    expect(b.thresholds).toEqual({ P1: 90, P2: 50, P3: 30 })
  })

  it('unknown clients use the default tier (silver) and are marked as not configured', () => {
    const config = ConsoleConfig.parse({})
    const b = computePriority({ ...input(), profile: clientProfile(config, 'stranger') })
    expect(b.components.tier).toMatchObject({ value: 'silver', points: 10, note: 'stranger (not configured: default tier)' })
  })

  it('all tiers are covered', () => {
    expect(TIERS.map((tier) => computePriority(input({ tier })).components.tier.points)).toEqual([20, 15, 10, 5])
  })
})

describe('PRIORITY.md worked examples (keep the document honest)', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => `host-${i}`)
  it.each([
    ['critical on billing, Monday 10:00', { severity: 'critical', services: ['billing'], resources: ['h'] }, 75, 'P1'],
    ['same, Monday 22:00', { severity: 'critical', services: ['billing'], resources: ['h'], now: MON_22_UTC }, 65, 'P2'],
    ['major, unlisted service, 2 hosts', { severity: 'major', services: ['other'], resources: many(2) }, 61, 'P2'],
    ['warning, 6 hosts, 5 clients', { severity: 'warning', services: ['billing'], resources: many(6), blastClients: 5 }, 73, 'P2'],
    ['info on wiki, out of hours', { severity: 'info', services: ['wiki'], resources: ['h'], now: MON_22_UTC }, 22, 'P4'],
  ] as const)('%s', (_name, over, score, priority) => {
    const b = computePriority(input({ ...over, services: [...over.services], resources: [...over.resources] }))
    expect([b.score, b.priority]).toEqual([score, priority])
  })
})

describe('business hours in the client time zone (DST edges)', () => {
  const berlin = (now: number, severity: Severity = 'critical') =>
    computePriority(input({ now, severity, config: { clients: { acme: { tier: 'gold', timeZone: 'Europe/Berlin' } } } })).components.businessHours

  it('the same UTC time is outside hours before the spring-forward and inside after it', () => {
    // 06:30 UTC = 07:30 CET (Mon 24 March 2025) but 08:30 CEST (Mon 31 March 2025, after DST began on the 30th).
    expect(berlin(Date.UTC(2025, 2, 24, 6, 30))).toMatchObject({ value: false, note: 'Mon 07:30 Europe/Berlin; hours Mon–Fri 08:00–18:00' })
    expect(berlin(Date.UTC(2025, 2, 31, 6, 30))).toMatchObject({ value: true, note: 'Mon 08:30 Europe/Berlin; hours Mon–Fri 08:00–18:00' })
  })

  it('in autumn the shift goes the other way', () => {
    // Mon 20 Oct 2025 16:30 UTC = 18:30 CEST (out); Mon 27 Oct 2025 16:30 UTC = 17:30 CET (in); 17:00 UTC = 18:00 CET (out).
    expect(berlin(Date.UTC(2025, 9, 20, 16, 30)).value).toBe(false)
    expect(berlin(Date.UTC(2025, 9, 27, 16, 30)).value).toBe(true)
    expect(berlin(Date.UTC(2025, 9, 27, 17, 0)).value).toBe(false)
  })

  it('the local weekday decides: Friday evening UTC is already Saturday in Tokyo', () => {
    const tokyo = (now: number) => computePriority(input({ now, config: { clients: { acme: { timeZone: 'Asia/Tokyo' } } } })).components.businessHours
    expect(tokyo(Date.UTC(2025, 5, 6, 8, 0)).value).toBe(true) // Fri 17:00 JST
    expect(tokyo(Date.UTC(2025, 5, 6, 15, 30)).value).toBe(false) // Sat 00:30 JST
  })
})

describe('priority on incidents', () => {
  it('shows on the incident with its breakdown, and changes are written to the timeline', () => {
    const sim = new Sim({ clients: { acme: { tier: 'platinum', services: { billing: 'critical' } } } })
    sim.fire('a', { service: 'billing', severity: 'warning', resource: 'db-01' })
    const inc = sim.inc('INC-1001')
    expect(inc.priority).toBe('P2') // 20+20+8+10 = 58
    expect(inc.priorityBreakdown.score).toBe(58)
    sim.fire('b', { service: 'billing', severity: 'critical', resource: 'db-02' })
    expect(sim.inc('INC-1001').priority).toBe('P1')
    expect(sim.entries('INC-1001', 'priority-changed')[0].text).toBe('priority P2 → P1 (score 58 → 84)')
  })
})
