import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { adapters, type AdapterName } from './index'
import { FIXTURE_DIR, accepted, ctx, fixture, fixtureNames } from '../../testing/fixtures/adapters/load'

/** ../shared/fixtures next to the repository (present on the team's machines, absent on a clean clone). */
const SHARED = fileURLToPath(new URL('../../../../shared/fixtures/', import.meta.url))

const FORMAT_OF: Record<string, AdapterName> = {
  'alerta-alert.json': 'alerta',
  'alertmanager-v4-firing.json': 'alertmanager',
  'alertmanager-v4-resolved.json': 'alertmanager',
  'grafana-alerting.json': 'grafana',
  'native-tapin-events.json': 'native',
  'pagerduty-events-v2.json': 'pagerduty',
  'zabbix-media-type-recovery.json': 'zabbix',
  'zabbix-media-type.json': 'zabbix',
}

describe('sample payloads', () => {
  it('every fixture file has an adapter and is accepted without warnings', () => {
    const names = fixtureNames()
    expect(names.length).toBeGreaterThanOrEqual(8)
    for (const name of names) {
      const format = FORMAT_OF[name]
      expect(format, `no adapter assigned to fixture ${name}`).toBeDefined()
      const r = accepted(adapters[format!](fixture(name), ctx({ grafanaOrgs: { '3': 'hooli' } })))
      expect(r.events.length, name).toBeGreaterThan(0)
      expect(r.warnings, name).toEqual([])
      expect(r.events.every((e) => e.client !== 'default'), `${name} should name its client`).toBe(true)
    }
  })

  it.runIf(existsSync(SHARED))('the copies here match ../shared/fixtures', () => {
    const shared = readdirSync(SHARED).filter((f) => f.endsWith('.json')).sort()
    expect(fixtureNames()).toEqual(shared)
    for (const f of shared) expect(readFileSync(`${FIXTURE_DIR}${f}`, 'utf8'), f).toBe(readFileSync(`${SHARED}${f}`, 'utf8'))
  })
})
