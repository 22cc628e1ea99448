import { describe, expect, it } from 'vitest'
import { alertmanagerAdapter } from '../ingest/adapters/alertmanager'
import { mergeEvent } from './dedup'
import { processChanges, runAction } from './incidents'
import { emptyState } from './state'
import type { AlertChange, EngineContext, EngineState } from './types'
import type { Alert } from '@shared/model/alert'
import { ConsoleConfig } from '@shared/model/config'

/** Issue 3 "done when", end to end through the real Alertmanager adapter, dedup and the engine (no store). */
const T = Date.UTC(2025, 5, 2, 10, 0)
const MIN = 60_000

const amAlert = (client: string, alertname: string, at: number, labels: Record<string, string> = {}) => ({
  status: 'firing',
  labels: { alertname, client, service: 'billing', severity: 'critical', instance: `${alertname}-host`, ...labels },
  annotations: { summary: `${alertname} on ${client}` },
  startsAt: new Date(at).toISOString(),
  endsAt: '0001-01-01T00:00:00Z',
  fingerprint: `${client}-${alertname}`,
})

class Pipeline {
  state: EngineState = emptyState()
  rows = new Map<string, Alert>()
  seq = { alert: 0, inc: 1041, prb: 0 }
  config = ConsoleConfig.parse({ clients: { acme: { tier: 'gold', services: { billing: 'critical' } } } })
  ctx = (now: number): EngineContext => ({
    now,
    config: this.config,
    ids: { incident: () => `INC-${++this.seq.inc}`, problem: () => `PRB-${++this.seq.prb}` },
  })
  post(now: number, alerts: ReturnType<typeof amAlert>[]) {
    const r = alertmanagerAdapter({ version: '4', status: 'firing', receiver: 'noc', alerts }, { receivedAt: now })
    if (!r.ok) throw new Error(r.error)
    const changes: AlertChange[] = r.events.map((ev) => {
      const key = `${ev.client}/${ev.fingerprint}`
      const prev = this.rows.get(key)
      const alert = { ...mergeEvent(prev, ev).next, id: prev?.id ?? ++this.seq.alert, seq: 0 }
      this.rows.set(key, alert)
      return { alert, previous: prev ?? null }
    })
    this.state = processChanges(this.state, changes, this.ctx(now)).state
  }
}

describe('issue 3: done when', () => {
  it('two Alertmanager alerts of one client and service two minutes apart form one incident with a stated reason', () => {
    const p = new Pipeline()
    p.post(T, [amAlert('acme', 'HighLatency', T)])
    p.post(T + 2 * MIN, [amAlert('acme', 'HighLatency', T), amAlert('acme', 'HighErrorRate', T + 2 * MIN)])
    const incs = Object.values(p.state.incidents)
    expect(incs).toHaveLength(1)
    expect(incs[0]).toMatchObject({ id: 'INC-1042', client: 'acme', alertCount: 2, title: 'HighLatency on acme' })
    expect(p.state.links['INC-1042'].map((l) => l.reason)).toEqual([
      'opened INC-1042: no open incident of acme shares a scope with it within 5 min',
      'joined INC-1042: same client and service `billing` within 2 min',
    ])
  })

  it('the same alerts for two clients form two incidents', () => {
    const p = new Pipeline()
    p.post(T, [amAlert('acme', 'HighLatency', T), amAlert('globex', 'HighLatency', T)])
    p.post(T + 2 * MIN, [amAlert('acme', 'HighErrorRate', T + 2 * MIN), amAlert('globex', 'HighErrorRate', T + 2 * MIN)])
    expect(Object.values(p.state.incidents).map((i) => [i.client, i.alertCount])).toEqual([
      ['acme', 2],
      ['globex', 2],
    ])
  })

  it('a shared-upstream outage across three clients forms one problem', () => {
    const p = new Pipeline()
    for (const [i, client] of ['acme', 'globex', 'initech'].entries())
      p.post(T + i * MIN, [amAlert(client, `Unreachable${i}`, T + i * MIN, { upstream: 'isp-fra-1', service: `svc-${i}` })])
    const problems = Object.values(p.state.problems)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ key: 'upstream=isp-fra-1', clients: ['acme', 'globex', 'initech'] })
    expect(problems[0].incidentIds).toHaveLength(3)
  })

  it('ack changes status, the timeline names who and when; priority and its breakdown show', () => {
    const p = new Pipeline()
    p.post(T, [amAlert('acme', 'HighLatency', T)])
    const r = runAction(p.state, { type: 'ack', id: 'INC-1042', by: 'alice' }, p.ctx(T + MIN))
    if (!r.ok) throw new Error(r.error)
    expect(r.incident.status).toBe('acknowledged')
    expect(r.decisions).toContainEqual({
      kind: 'timeline',
      entry: { incidentId: 'INC-1042', at: T + MIN, actor: 'alice', kind: 'ack', text: 'acknowledged by alice', data: null },
    })
    expect(r.incident.priority).toBe('P1')
    expect(r.incident.priorityBreakdown.score).toBe(15 + 20 + 30 + 10)
    expect(Object.keys(r.incident.priorityBreakdown.components)).toHaveLength(6)
  })
})
