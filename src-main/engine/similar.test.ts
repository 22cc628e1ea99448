import { describe, expect, it } from 'vitest'
import type { IncidentDraft } from '@shared/model/incident'
import { similarIncidents, type IncidentWithAlerts } from './similar'
import { Sim } from '../testing/engine-kit'

const base = (): IncidentDraft => {
  const sim = new Sim()
  sim.fire('x')
  return sim.inc('INC-1001')
}

const inc = (id: string, over: Partial<IncidentDraft>, alerts: IncidentWithAlerts['alerts'] = []): IncidentWithAlerts => ({
  incident: { ...base(), id, status: 'closed', closedAt: 1000, rule: 'none', resource: null, service: null, ...over },
  alerts,
})

describe('similar past incidents', () => {
  const target = inc('INC-1', { status: 'open', rule: 'DiskFull', resource: 'db-01', service: 'billing' }, [{ rule: 'DiskFull', resource: 'db-01', service: 'billing' }])

  it('closed incidents of the same client sharing a rule or resource, ranked, with their cause and solution', () => {
    const got = similarIncidents(target, [
      inc('INC-2', { rule: 'DiskFull', resource: 'db-01', service: 'billing', cause: 'log growth', solution: 'logrotate', tags: ['disk'], closedAt: 10 }),
      inc('INC-3', { rule: 'DiskFull', resource: 'db-07', closedAt: 20 }),
      inc('INC-4', { rule: 'CpuHigh', resource: 'db-01', cause: 'backup', closedAt: 30 }),
      inc('INC-5', { rule: 'DiskFull', resource: 'db-01', client: 'globex' }),
      inc('INC-6', { rule: 'DiskFull', status: 'resolved' }),
      inc('INC-7', { rule: 'Other', resource: 'other', service: 'billing' }),
      inc('INC-8', { rule: 'DiskFull', mergedInto: 'INC-2' }),
    ])
    expect(got.map((s) => [s.id, s.score])).toEqual([
      ['INC-2', 3 + 2 + 1 + 2],
      ['INC-4', 2 + 2],
      ['INC-3', 3],
    ])
    expect(got[0]).toMatchObject({ cause: 'log growth', solution: 'logrotate', tags: ['disk'], matched: ['rule DiskFull', 'resource db-01', 'service billing'] })
  })

  it('member alerts count, not only the incident headline; ties go to the most recently closed; limit applies', () => {
    const got = similarIncidents(
      target,
      [inc('INC-2', { closedAt: 10 }, [{ rule: 'DiskFull', resource: null, service: null }]), inc('INC-3', { closedAt: 20 }, [{ rule: 'DiskFull', resource: null, service: null }])],
      1,
    )
    expect(got.map((s) => s.id)).toEqual(['INC-3'])
  })
})
