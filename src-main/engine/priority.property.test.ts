/**
 * Properties of the priority formula v1 (PRIORITY.md) over generated inputs (fast-check): bounds, the score as
 * the sum of its parts, the severity cap, and monotonicity — more impact never yields a lower priority.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { clientProfile, ConsoleConfig, CRITICALITIES, TIERS } from '@shared/model/config'
import { PRIORITIES, SEVERITIES, type Severity } from '@shared/model/severity'
import { computePriority, SEVERITY_CAP, type PriorityInput } from './priority'

const MON_10_UTC = Date.UTC(2025, 5, 2, 10, 0) // inside default business hours
const MON_22_UTC = Date.UTC(2025, 5, 2, 22, 0) // outside

const arbInput = fc.record({
  tier: fc.constantFrom(...TIERS),
  criticality: fc.constantFrom(...CRITICALITIES),
  severity: fc.constantFrom(...SEVERITIES),
  resources: fc.integer({ min: 0, max: 20 }),
  blastClients: fc.integer({ min: 1, max: 12 }),
  inHours: fc.boolean(),
  thresholds: fc
    .tuple(fc.integer({ min: 1, max: 98 }), fc.integer({ min: 1, max: 98 }), fc.integer({ min: 1, max: 98 }))
    .filter(([a, b, c]) => new Set([a, b, c]).size === 3)
    .map((xs) => [...xs].sort((a, b) => b - a))
    .map(([P1, P2, P3]) => ({ P1, P2, P3 })),
})
type Arb = typeof arbInput extends fc.Arbitrary<infer T> ? T : never

const toInput = (a: Arb): PriorityInput => {
  const config = ConsoleConfig.parse({ clients: { acme: { tier: a.tier, services: { svc: a.criticality } } }, priority: { thresholds: a.thresholds } })
  return {
    profile: clientProfile(config, 'acme'),
    severity: a.severity,
    services: ['svc'],
    resources: Array.from({ length: a.resources }, (_, i) => `host-${i}`),
    blastClients: a.blastClients,
    now: a.inHours ? MON_10_UTC : MON_22_UTC,
    thresholds: config.priority.thresholds,
  }
}

const rank = (p: string) => PRIORITIES.indexOf(p as (typeof PRIORITIES)[number])
const better = <T>(xs: readonly T[], x: T) => xs.slice(0, xs.indexOf(x) + 1)

describe('priority formula v1: properties', () => {
  it('score is the sum of its components, each within [0, max]; the score within [0, 100]', () => {
    fc.assert(
      fc.property(arbInput, (a) => {
        const b = computePriority(toInput(a))
        const parts = Object.values(b.components)
        expect(b.score).toBe(parts.reduce((s, c) => s + c.points, 0))
        for (const c of parts) expect(c.points >= 0 && c.points <= c.max).toBe(true)
        expect(b.score >= 0 && b.score <= 100).toBe(true)
        expect(parts.reduce((s, c) => s + c.max, 0)).toBe(100)
      }),
    )
  })

  it('the level follows the thresholds, and the severity cap only ever lowers it', () => {
    fc.assert(
      fc.property(arbInput, (a) => {
        const b = computePriority(toInput(a))
        const t = a.thresholds
        const expected = b.score >= t.P1 ? 'P1' : b.score >= t.P2 ? 'P2' : b.score >= t.P3 ? 'P3' : 'P4'
        expect(b.uncapped).toBe(expected)
        expect(rank(b.priority)).toBeGreaterThanOrEqual(rank(b.uncapped))
        const cap = SEVERITY_CAP[a.severity as Severity]
        if (cap) expect(rank(b.priority)).toBeGreaterThanOrEqual(rank(cap))
        else expect(b.priority).toBe(b.uncapped)
      }),
    )
  })

  it('more impact never lowers the score or the priority: tier, criticality, severity, resources, blast radius, business hours', () => {
    const worse = (a: Arb): fc.Arbitrary<Arb> =>
      fc.record({
        tier: fc.constantFrom(...better(TIERS, a.tier)),
        criticality: fc.constantFrom(...better(CRITICALITIES, a.criticality)),
        // `ok` scores 0; anything firing is at least as bad. Worse = earlier in SEVERITIES.
        severity: fc.constantFrom(...better(SEVERITIES, a.severity)),
        resources: fc.integer({ min: a.resources, max: 25 }),
        blastClients: fc.integer({ min: a.blastClients, max: 15 }),
        inHours: a.inHours ? fc.constant(true) : fc.boolean(),
        thresholds: fc.constant(a.thresholds),
      })
    fc.assert(
      fc.property(arbInput.chain((a) => fc.tuple(fc.constant(a), worse(a))), ([a, b]) => {
        const pa = computePriority(toInput(a))
        const pb = computePriority(toInput(b))
        expect(pb.score).toBeGreaterThanOrEqual(pa.score)
        expect(rank(pb.priority)).toBeLessThanOrEqual(rank(pa.priority))
      }),
    )
  })
})
