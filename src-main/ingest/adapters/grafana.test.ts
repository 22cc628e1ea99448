import { describe, expect, it } from 'vitest'
import { grafanaAdapter } from './grafana'
import { RECEIVED_AT, accepted, ctx, fixture, issuePaths } from '../../testing/fixtures/adapters/load'

type Body = { alerts: Array<Record<string, any>>; [k: string]: any }
const grafana = () => fixture('grafana-alerting.json') as unknown as Body

describe('grafana adapter', () => {
  it('parses the fixture: orgId mapped to a client, dashboard link, folder as group', () => {
    const r = accepted(grafanaAdapter(grafana(), ctx({ grafanaOrgs: { '3': 'Hooli' } })))
    expect(r.warnings).toEqual([])
    expect(r.events).toHaveLength(1)
    const e = r.events[0]!
    expect(e).toMatchObject({
      source: 'grafana',
      client: 'hooli',
      fingerprint: 'a1b2c3d4e5f60718',
      fingerprintKind: 'source',
      class: 'grafana',
      ems: 'grafana.hooli.example',
      rule: 'HTTP 5xx rate',
      group: 'Shop',
      severity: 'major',
      status: 'firing',
      summary: '5xx rate above 5% on checkout',
      description: 'checkout-api 5xx ratio 7.9% for 5m',
      time: Date.parse('2026-11-20T21:02:00Z'),
      receivedAt: RECEIVED_AT,
      url: 'https://grafana.hooli.example/d/shop01?orgId=3',
    })
    expect(e.resource).toBeUndefined()
    expect(e.attributes).toMatchObject({
      orgId: 3,
      grafanaState: 'alerting',
      values: { A: 0.079, C: 1 },
      panelURL: 'https://grafana.hooli.example/d/shop01?orgId=3&viewPanel=4',
      silenceURL: expect.stringContaining('/alerting/silence/new'),
    })
  })

  it('client precedence: override > label > orgId mapping > default', () => {
    const orgs = { grafanaOrgs: { '3': 'Hooli' } }
    expect(accepted(grafanaAdapter(grafana(), ctx({ ...orgs, clientOverride: 'Pied Piper' }))).events[0]!.client).toBe('pied-piper')

    const labelled = grafana()
    labelled.alerts[0]!.labels.customer = 'Raviga'
    expect(accepted(grafanaAdapter(labelled, ctx(orgs))).events[0]!.client).toBe('raviga')

    expect(accepted(grafanaAdapter(grafana(), ctx({ grafanaOrgs: { '4': 'other' } }))).events[0]!.client).toBe('default')
    expect(accepted(grafanaAdapter(grafana(), ctx())).events[0]!.client).toBe('default')
  })

  it('an orgId of "constructor" never resolves to an inherited property', () => {
    const body = grafana()
    body.orgId = 'constructor'
    expect(accepted(grafanaAdapter(body, ctx({ grafanaOrgs: {} }))).events[0]!.client).toBe('default')
  })

  it('resolved alert: status resolved at endsAt, severity kept', () => {
    const body = grafana()
    body.status = 'resolved'
    body.state = 'ok'
    body.alerts[0]!.status = 'resolved'
    body.alerts[0]!.endsAt = '2026-11-20T21:30:00Z'
    const e = accepted(grafanaAdapter(body, ctx())).events[0]!
    expect(e).toMatchObject({ status: 'resolved', severity: 'major', time: Date.parse('2026-11-20T21:30:00Z'), fingerprint: 'a1b2c3d4e5f60718' })
  })

  it('falls back to the panel, then the generator URL', () => {
    const body = grafana()
    delete body.alerts[0]!.dashboardURL
    expect(accepted(grafanaAdapter(body, ctx())).events[0]!.url).toBe('https://grafana.hooli.example/d/shop01?orgId=3&viewPanel=4')
    delete body.alerts[0]!.panelURL
    expect(accepted(grafanaAdapter(body, ctx())).events[0]!.url).toBe('https://grafana.hooli.example/alerting/grafana/fe1x9/view?orgId=3')
  })

  it('accepts a plain Alertmanager body (no Grafana extras)', () => {
    const am = fixture('alertmanager-v4-firing.json')
    const r = accepted(grafanaAdapter(am, ctx()))
    expect(r.events.map((e) => [e.source, e.client, e.fingerprint])).toEqual([
      ['grafana', 'initech', '7c1f4d1a9e0b2c33'],
      ['grafana', 'initech', '2be90a77c4d1f6e0'],
    ])
  })

  it('refuses wrong types with paths', () => {
    const body = grafana()
    body.orgId = { id: 3 }
    body.alerts[0]!.values = 'A=1'
    expect(issuePaths(grafanaAdapter(body, ctx())).sort()).toEqual(['alerts[0].values', 'orgId'])
  })
})
