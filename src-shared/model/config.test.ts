import { describe, expect, it } from 'vitest'
import { canonicalMatcher, clientProfile, ConsoleConfig, DEFAULT_CONFIG, findTopologyCycle, grafanaOrgMap, parseConfig } from './config'

const issues = (raw: unknown) => {
  const r = parseConfig(raw)
  if (r.ok) throw new Error('expected the config to be refused')
  return r.issues
}

describe('console config', () => {
  it('{} and an empty file are valid and fully defaulted', () => {
    for (const raw of [{}, null, undefined]) {
      const r = parseConfig(raw)
      expect(r.ok && r.config).toEqual(DEFAULT_CONFIG)
    }
    // toMatchObject: the notification layer's sections (ops-config.ts) are covered by ops-config.test.ts.
    expect(DEFAULT_CONFIG).toMatchObject({
      defaults: { tier: 'silver', timeZone: 'UTC', businessHours: { days: [1, 2, 3, 4, 5], start: '08:00', end: '18:00' }, serviceCriticality: 'medium' },
      clients: {},
      correlation: {
        windowMin: 5,
        scopeLabels: ['service', 'resource', 'group', 'rule'],
        scopeWindowMin: { service: 2, group: 2, rule: 3 },
        upstreamScope: true,
        crossClient: {
          labels: ['provider', 'upstream', 'isp', 'carrier', 'region', 'cloud-region'],
          sameRule: true,
          minClients: 3,
          sameRuleWindowMin: 3,
          sameRuleSignificance: 0.000001,
          baselineHours: 24,
        },
        flapping: { changes: 4, windowMin: 10 },
        resolveHoldSec: 120,
        reopenWindowMin: 30,
      },
      priority: { thresholds: { P1: 70, P2: 50, P3: 30 } },
    })
  })

  it('unknown top-level keys are ignored with a warning (a newer file still loads)', () => {
    const r = parseConfig({ sources: { x: 1 }, correlation: { windowMin: 7 } })
    expect(r.ok && r.warnings).toEqual(['unknown top-level key `sources` ignored'])
    expect(r.ok && r.config.correlation.windowMin).toBe(7)
  })

  it('unknown keys inside known sections are refused with their path (typos must not fall back silently)', () => {
    expect(issues({ correlation: { windowMn: 7 } })).toEqual([{ path: 'correlation', message: expect.stringContaining('windowMn') }])
    expect(issues({ clients: { acme: { teir: 'gold' } } })[0].path).toBe('clients.acme')
  })

  it('refuses bad values with clear messages', () => {
    expect(issues({ clients: { acme: { tier: 'diamond' } } })[0].path).toBe('clients.acme.tier')
    expect(issues({ clients: { acme: { timeZone: 'Mars/Olympus' } } })[0]).toEqual({ path: 'clients.acme.timeZone', message: 'unknown IANA time zone (e.g. "Europe/Berlin", "UTC")' })
    expect(issues({ defaults: { businessHours: { start: '8am' } } })[0].message).toContain('HH:MM')
    expect(issues({ defaults: { businessHours: { start: '09:00', end: '09:00' } } })[0].message).toContain('00:00–24:00')
    expect(issues({ priority: { thresholds: { P1: 40 } } })[0].message).toBe('thresholds must satisfy P1 > P2 > P3')
    expect(issues({ correlation: { crossClient: { minClients: 1 } } })[0].path).toBe('correlation.crossClient.minClients')
  })

  it('clients: shorthand forms, defaults inheritance, null entries (YAML `acme:`)', () => {
    const c = ConsoleConfig.parse({
      defaults: { tier: 'bronze', timeZone: 'Europe/Berlin' },
      clients: {
        acme: { name: 'ACME Corp', tier: 'platinum', businessHours: '24x7', services: { billing: 'critical', wiki: { criticality: 'low' }, web: {} }, grafanaOrgId: 3 },
        globex: null,
        initech: { businessHours: { days: ['mon', 'tue'], start: '07:00' } },
      },
    })
    const acme = clientProfile(c, 'acme')
    expect(acme).toMatchObject({ name: 'ACME Corp', tier: 'platinum', timeZone: 'Europe/Berlin', configured: true, grafanaOrgId: '3' })
    expect(acme.businessHours).toEqual({ days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' })
    expect(acme.services).toEqual({ billing: { criticality: 'critical' }, wiki: { criticality: 'low' }, web: { criticality: 'medium' } })
    expect(clientProfile(c, 'globex')).toMatchObject({ name: 'globex', tier: 'bronze', configured: true })
    expect(clientProfile(c, 'initech').businessHours).toEqual({ days: [1, 2], start: '07:00', end: '18:00' })
    expect(grafanaOrgMap(c)).toEqual({ '3': 'acme' })
  })

  it('unknown clients get the defaults', () => {
    expect(clientProfile(DEFAULT_CONFIG, 'stranger')).toEqual({
      id: 'stranger',
      name: 'stranger',
      tier: 'silver',
      timeZone: 'UTC',
      businessHours: { days: [1, 2, 3, 4, 5], start: '08:00', end: '18:00' },
      services: {},
      defaultCriticality: 'medium',
      topology: [],
      grafanaOrgId: null,
      contacts: [],
      configured: false,
    })
    // inherited object keys are not clients
    expect(clientProfile(DEFAULT_CONFIG, 'constructor').configured).toBe(false)
  })

  it('topology: child or children, matcher syntax, cycles refused with the path', () => {
    const c = ConsoleConfig.parse({ clients: { acme: { topology: [{ parent: 'fw-01', child: 'tunnel=*' }] } } })
    expect(c.clients.acme.topology).toEqual([{ parent: 'fw-01', children: ['tunnel=*'] }])
    expect(canonicalMatcher('fw-01')).toBe('resource=fw-01')
    expect(canonicalMatcher('role=vm, service=billing')).toBe(canonicalMatcher('service=billing,role=vm'))
    expect(issues({ clients: { acme: { topology: [{ parent: 'a' }] } } })[0].message).toBe('give either `child` or `children`')
    expect(issues({ clients: { acme: { topology: [{ parent: 'x=', child: 'b' }] } } })[0].message).toBe('expected key=value in "x="')
    const cyc = issues({ clients: { acme: { topology: [{ parent: 'a', child: 'b' }, { parent: 'resource=b', child: 'c' }, { parent: 'c', child: 'a' }] } } })
    expect(cyc[0]).toEqual({ path: 'clients.acme.topology', message: 'topology has a cycle: resource=a → resource=b → resource=c → resource=a' })
    expect(findTopologyCycle([{ parent: 'a', children: ['b', 'c'] }, { parent: 'b', children: ['c'] }])).toBeNull()
  })
})
