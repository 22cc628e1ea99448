import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { clientProfile, parseConfig } from '@shared/model/config'
import { simConfig, simConfigYaml } from './config'
import { buildMsp } from './msp'

describe('simulator config file', () => {
  it('parses with the console config schema, without warnings, for every simulated client', () => {
    const r = parseConfig(parse(simConfigYaml()))
    if (!r.ok) throw new Error(JSON.stringify(r.issues))
    expect(r.warnings).toEqual([])
    const msp = buildMsp()
    expect(Object.keys(r.config.clients)).toEqual(msp.clients.map((c) => c.id))
    for (const c of msp.clients) {
      const p = clientProfile(r.config, c.id)
      expect(p).toMatchObject({ tier: c.tier, timeZone: c.timeZone, configured: true })
      expect(p.topology.length).toBeGreaterThanOrEqual(4)
      expect(Object.keys(p.services)).toEqual(expect.arrayContaining(['network', 'vpn']))
    }
  })

  it('the same document as JSON parses too', () => {
    expect(parseConfig(JSON.parse(JSON.stringify(simConfig()))).ok).toBe(true)
  })

  it('gives platinum clients round-the-clock hours and maps Grafana orgs to clients', () => {
    const r = parseConfig(simConfig())
    if (!r.ok) throw new Error('invalid')
    const acme = clientProfile(r.config, 'acme-retail')
    expect(acme.businessHours).toEqual({ days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' })
    expect(Object.values(r.config.clients).filter((c) => c.grafanaOrgId).length).toBeGreaterThan(5)
  })
})
