import { describe, expect, it } from 'vitest'
import { tapinFingerprint } from '../../engine/fingerprint'
import { pagerdutyAdapter } from './pagerduty'
import { RECEIVED_AT, accepted, ctx, fixture, issuePaths, refused } from '../../testing/fixtures/adapters/load'

type Body = Record<string, any>
const trigger = () => fixture('pagerduty-events-v2.json') as Body

describe('pagerduty adapter', () => {
  it('parses the trigger fixture', () => {
    const r = accepted(pagerdutyAdapter(trigger(), ctx()))
    expect(r.warnings).toEqual([])
    const e = r.events[0]!
    expect(e).toMatchObject({
      source: 'pagerduty',
      client: 'stark-industries',
      fingerprint: 'vpn-fw01-branch2',
      fingerprintKind: 'source',
      class: 'tunnel',
      ems: 'pagerduty',
      rule: 'IPsec tunnel branch-2 down on fw01',
      group: 'branch-network',
      resource: 'fw01.stark.example',
      components: [{ type: 'Source', name: 'fw01.stark.example' }, { type: 'Component', name: 'ipsec' }],
      severity: 'critical',
      status: 'firing',
      summary: 'IPsec tunnel branch-2 down on fw01',
      time: Date.parse('2026-11-20T23:10:44Z'),
      receivedAt: RECEIVED_AT,
      url: 'https://fw01.stark.example/status',
    })
    expect(e.labels).toEqual({ client: 'stark-industries', peer: '203.0.113.9', last_rekey: '2026-11-20T22:58:00Z' })
    // The routing key is an integration secret: it must not be stored anywhere in the event.
    expect(JSON.stringify(e)).not.toContain('R0UT1NGK3Y')
  })

  it.each([['critical', 'critical'], ['error', 'major'], ['warning', 'warning'], ['info', 'info'], ['Error', 'major']])(
    'payload.severity %s → %s',
    (sev, expected) => {
      const body = trigger()
      body.payload.severity = sev
      expect(accepted(pagerdutyAdapter(body, ctx())).events[0]!.severity).toBe(expected)
    },
  )

  it('resolve with only a dedup_key: resolved, severity ok, dated on arrival without a warning', () => {
    const r = accepted(pagerdutyAdapter({ routing_key: 'x', event_action: 'resolve', dedup_key: 'vpn-fw01-branch2' }, ctx({ clientOverride: 'stark-industries' })))
    expect(r.warnings).toEqual([])
    expect(r.events[0]).toMatchObject({ fingerprint: 'vpn-fw01-branch2', status: 'resolved', severity: 'ok', time: RECEIVED_AT, client: 'stark-industries' })
  })

  it('resolve that still carries the payload keeps its severity and time', () => {
    const body = { ...trigger(), event_action: 'resolve' }
    expect(accepted(pagerdutyAdapter(body, ctx())).events[0]).toMatchObject({ status: 'resolved', severity: 'critical', client: 'stark-industries' })
  })

  it('acknowledge: stays firing, flagged, with a warning; an unknown severity is marked as such', () => {
    const r = accepted(pagerdutyAdapter({ event_action: 'acknowledge', dedup_key: 'vpn-fw01-branch2' }, ctx()))
    expect(r.events[0]).toMatchObject({ status: 'firing', attributes: { sourceAcknowledged: true, severityUnknown: true } })
    expect(r.warnings).toEqual(['acknowledged at the source; the alert stays firing here (acknowledge it in the console)'])
  })

  it('resolve/acknowledge without dedup_key is refused: it cannot be matched', () => {
    for (const action of ['resolve', 'acknowledge']) {
      const r = refused(pagerdutyAdapter({ event_action: action, payload: trigger().payload }, ctx()))
      expect(r.issues).toEqual([{ path: 'dedup_key', message: `required for event_action "${action}"` }])
    }
  })

  it('trigger without dedup_key: a stable key derived from summary + source + component', () => {
    const body = trigger()
    delete body.dedup_key
    const a = accepted(pagerdutyAdapter(body, ctx())).events[0]!
    const b = accepted(pagerdutyAdapter({ ...body, payload: { ...body.payload, timestamp: '2026-11-20T23:20:00Z', custom_details: { client: 'stark-industries', peer: 'changed' } } }, ctx())).events[0]!
    expect(a.fingerprintKind).toBe('tapin')
    expect(a.fingerprint).toBe(b.fingerprint)
    expect(a.fingerprint).toBe(
      tapinFingerprint({
        client: 'stark-industries', class: 'tunnel', ems: 'pagerduty', rule: 'IPsec tunnel branch-2 down on fw01',
        components: [{ type: 'Source', name: 'fw01.stark.example' }, { type: 'Component', name: 'ipsec' }],
      }),
    )
    const other = accepted(pagerdutyAdapter({ ...body, payload: { ...body.payload, component: 'bgp' } }, ctx())).events[0]!
    expect(other.fingerprint).not.toBe(a.fingerprint)
  })

  it('client: override > custom_details client/customer/tenant > default; class defaults to pagerduty', () => {
    expect(accepted(pagerdutyAdapter(trigger(), ctx({ clientOverride: 'Wayne' }))).events[0]!.client).toBe('wayne')
    const body = trigger()
    body.payload.custom_details = { tenant: 'Oscorp' }
    delete body.payload.class
    expect(accepted(pagerdutyAdapter(body, ctx())).events[0]).toMatchObject({ client: 'oscorp', class: 'pagerduty' })
    body.payload.custom_details = 'free text details'
    expect(accepted(pagerdutyAdapter(body, ctx())).events[0]).toMatchObject({ client: 'default', description: 'free text details' })
  })

  it('the top-level PagerDuty `client` is the sending tool (ems), not the tenant', () => {
    const body = { ...trigger(), client: 'Zabbix', client_url: 'https://zabbix.example' }
    expect(accepted(pagerdutyAdapter(body, ctx())).events[0]).toMatchObject({ client: 'stark-industries', ems: 'Zabbix' })
  })

  it('trigger requires a payload with summary, source and severity', () => {
    const body = trigger()
    delete body.payload.source
    body.payload.severity = 'apocalyptic'
    expect(issuePaths(pagerdutyAdapter(body, ctx())).sort()).toEqual(['payload.severity', 'payload.source'])
    expect(issuePaths(pagerdutyAdapter({ event_action: 'trigger' }, ctx()))).toEqual(['payload'])
  })

  it('refuses an unknown event_action and a wrong dedup_key type', () => {
    expect(issuePaths(pagerdutyAdapter({ ...trigger(), event_action: 'explode', dedup_key: 7 }, ctx())).sort()).toEqual(['dedup_key', 'event_action'])
  })

  it('clamps a future payload.timestamp, tolerates extra fields', () => {
    const body: Body = { ...trigger(), brand_new_field: true }
    body.payload = { ...body.payload, timestamp: '2027-01-01T00:00:00Z', extra: 1 }
    const r = accepted(pagerdutyAdapter(body, ctx()))
    expect(r.events[0]!.time).toBe(RECEIVED_AT)
    expect(r.warnings.join()).toMatch(/payload.timestamp: time is .* ahead/)
  })
})
