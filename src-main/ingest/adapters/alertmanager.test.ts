import { describe, expect, it } from 'vitest'
import { tapinFingerprint, labelFingerprint } from '../../engine/fingerprint'
import { alertmanagerAdapter } from './alertmanager'
import { RECEIVED_AT, accepted, ctx, fixture, issuePaths, refused } from '../../testing/fixtures/adapters/load'

type Body = { alerts: Array<Record<string, any>>; [k: string]: any }
const firing = () => fixture('alertmanager-v4-firing.json') as unknown as Body
const resolved = () => fixture('alertmanager-v4-resolved.json') as unknown as Body

describe('alertmanager adapter: fixtures', () => {
  it('turns the firing group snapshot into one event per alert, keyed by the alert fingerprint', () => {
    const r = accepted(alertmanagerAdapter(firing(), ctx()))
    expect(r.warnings).toEqual([])
    expect(r.events).toHaveLength(2)
    const [a, b] = r.events
    expect(a).toMatchObject({
      source: 'alertmanager',
      client: 'initech',
      fingerprint: '7c1f4d1a9e0b2c33',
      fingerprintKind: 'source',
      class: 'node',
      ems: 'alertmanager.initech.local:9093',
      rule: 'InstanceDown',
      resource: 'db02:9100',
      service: 'billing',
      severity: 'critical',
      status: 'firing',
      summary: 'db02 is unreachable',
      time: Date.parse('2026-11-20T22:14:05.113Z'),
      receivedAt: RECEIVED_AT,
      components: [{ type: 'instance', name: 'db02:9100' }],
      url: 'http://prometheus.initech.local/graph?g0.expr=up%3D%3D0',
      runbookUrl: 'https://runbooks.example/instance-down',
    })
    expect(a!.labels).toEqual({ alertname: 'InstanceDown', client: 'initech', instance: 'db02:9100', job: 'node', service: 'billing', severity: 'critical' })
    expect(b).toMatchObject({ fingerprint: '2be90a77c4d1f6e0', resource: 'db03:9100', summary: 'db03 is unreachable', time: Date.parse('2026-11-20T22:14:09.871Z') })
    expect(b!.runbookUrl).toBeUndefined()
  })

  it('resolved: same fingerprint, status resolved, time = endsAt, severity kept from the label', () => {
    const r = accepted(alertmanagerAdapter(resolved(), ctx()))
    expect(r.events).toHaveLength(1)
    expect(r.events[0]).toMatchObject({
      client: 'initech',
      fingerprint: '7c1f4d1a9e0b2c33',
      status: 'resolved',
      severity: 'critical',
      time: Date.parse('2026-11-20T22:31:40.002Z'),
      summary: 'db02 is unreachable',
      resource: 'db02:9100',
    })
  })

  it('uses each alert\'s own status, not the group status', () => {
    const body = firing()
    body.alerts[1]!.status = 'resolved'
    body.alerts[1]!.endsAt = '2026-11-20T22:40:00Z'
    const r = accepted(alertmanagerAdapter(body, ctx()))
    expect(r.events.map((e) => e.status)).toEqual(['firing', 'resolved'])
    expect(r.events[1]!.time).toBe(Date.parse('2026-11-20T22:40:00Z'))
  })
})

describe('alertmanager adapter: times', () => {
  it('treats the zero endsAt of a resolved alert as absent: receive time, with a warning', () => {
    const body = resolved()
    body.alerts[0]!.endsAt = '0001-01-01T00:00:00Z'
    const r = accepted(alertmanagerAdapter(body, ctx()))
    expect(r.events[0]!.time).toBe(RECEIVED_AT)
    expect(r.warnings.join('\n')).toMatch(/alerts\[0\]\.endsAt: no time given/)
  })

  it('ignores the zero endsAt of a firing alert (it uses startsAt)', () => {
    const r = accepted(alertmanagerAdapter(firing(), ctx()))
    expect(r.events[0]!.time).toBe(Date.parse('2026-11-20T22:14:05.113Z'))
    expect(r.warnings).toEqual([])
  })

  it('clamps a startsAt more than 5 minutes in the future to the receive time, with a warning', () => {
    const body = firing()
    body.alerts[0]!.startsAt = new Date(RECEIVED_AT + 2 * 3600_000).toISOString()
    body.alerts[1]!.startsAt = new Date(RECEIVED_AT + 4 * 60_000).toISOString() // within tolerance: kept
    const r = accepted(alertmanagerAdapter(body, ctx()))
    expect(r.events[0]!.time).toBe(RECEIVED_AT)
    expect(r.events[1]!.time).toBe(RECEIVED_AT + 4 * 60_000)
    expect(r.warnings.join('\n')).toMatch(/alerts\[0\]\.startsAt: time is 120 min ahead.*clamped/)
  })

  it('reads Go nanosecond timestamps and numeric offsets; unparseable ones fall back with a warning', () => {
    const body = firing()
    body.alerts[0]!.startsAt = '2026-11-20T23:14:05.113456789+01:00'
    body.alerts[1]!.startsAt = 'yesterday-ish'
    const r = accepted(alertmanagerAdapter(body, ctx()))
    expect(r.events[0]!.time).toBe(Date.parse('2026-11-20T22:14:05.113Z'))
    expect(r.events[1]!.time).toBe(RECEIVED_AT)
    expect(r.warnings.join('\n')).toMatch(/alerts\[1\]\.startsAt: unparseable time "yesterday-ish"/)
  })
})

describe('alertmanager adapter: client resolution', () => {
  it('the request override beats the payload label', () => {
    const r = accepted(alertmanagerAdapter(firing(), ctx({ clientOverride: '  Globex Corp ' })))
    expect(r.events.map((e) => e.client)).toEqual(['globex-corp', 'globex-corp'])
  })

  it('per-alert label, then customer/tenant, then commonLabels, then default', () => {
    const body = firing()
    delete body.alerts[0]!.labels.client
    body.alerts[0]!.labels.tenant = 'Umbrella'
    delete body.alerts[1]!.labels.client
    body.commonLabels = { customer: 'Hooli' }
    const r = accepted(alertmanagerAdapter(body, ctx()))
    expect(r.events.map((e) => e.client)).toEqual(['umbrella', 'hooli'])

    delete body.commonLabels
    delete body.alerts[0]!.labels.tenant
    expect(accepted(alertmanagerAdapter(body, ctx())).events.map((e) => e.client)).toEqual(['default', 'default'])
  })

  it('an override that normalizes to nothing falls through to the payload', () => {
    expect(accepted(alertmanagerAdapter(firing(), ctx({ clientOverride: '   ' }))).events[0]!.client).toBe('initech')
  })
})

describe('alertmanager adapter: severity and mapping', () => {
  it.each([
    ['critical', 'critical'], ['CRIT', 'critical'], ['page', 'critical'], ['disaster', 'critical'],
    ['high', 'major'], ['error', 'major'], ['average', 'minor'], ['warn', 'warning'],
    ['informational', 'info'], ['none', 'info'], ['low', 'info'],
  ])('severity label %s → %s', (label, expected) => {
    const body = firing()
    body.alerts[0]!.labels.severity = label
    const r = accepted(alertmanagerAdapter(body, ctx()))
    expect(r.events[0]!.severity).toBe(expected)
    expect(r.warnings).toEqual([])
  })

  it('missing severity → warning silently; unknown → warning with a warning message', () => {
    const body = firing()
    delete body.alerts[0]!.labels.severity
    body.alerts[1]!.labels.severity = 'sev2'
    const r = accepted(alertmanagerAdapter(body, ctx()))
    expect(r.events.map((e) => e.severity)).toEqual(['warning', 'warning'])
    expect(r.warnings).toEqual(['alerts[1].labels.severity "sev2" is not a known severity, mapped to warning'])
  })

  it('falls back to the Tap In fingerprint when the alert has none; ems = receiver without externalURL', () => {
    const body = firing()
    delete body.alerts[0]!.fingerprint
    delete body.externalURL
    const r = accepted(alertmanagerAdapter(body, ctx()))
    const e = r.events[0]!
    expect(e.fingerprintKind).toBe('tapin')
    expect(e.ems).toBe('noc')
    expect(e.fingerprint).toBe(
      tapinFingerprint({ client: 'initech', class: 'node', ems: 'noc', rule: 'InstanceDown', components: [{ type: 'instance', name: 'db02:9100' }] }),
    )
  })

  it('per-source label override wins over the alert fingerprint', () => {
    const r = accepted(alertmanagerAdapter(firing(), ctx({ fingerprintLabels: ['alertname', 'service'] })))
    const expected = labelFingerprint('initech', r.events[0]!.labels, ['alertname', 'service'])
    // Both instances share alertname+service, so the override merges them — that is what it is for.
    expect(r.events.map((e) => e.fingerprint)).toEqual([expected, expected])
    expect(r.events[0]!.fingerprintKind).toBe('source')
  })

  it('an override whose labels are all absent keeps the default key and warns', () => {
    const r = accepted(alertmanagerAdapter(firing(), ctx({ fingerprintLabels: ['no_such_label'] })))
    expect(r.events[0]!.fingerprint).toBe('7c1f4d1a9e0b2c33')
    expect(r.warnings.join()).toMatch(/none of the fingerprint override labels/)
  })

  it('class defaults to prometheus without a job label; summary falls back to the alert name', () => {
    const body = firing()
    delete body.alerts[0]!.labels.job
    body.alerts[0]!.annotations = {}
    const e = accepted(alertmanagerAdapter(body, ctx())).events[0]!
    expect(e.class).toBe('prometheus')
    expect(e.summary).toBe('InstanceDown on db02:9100')
  })

  it('drops non-http URLs (a sender cannot plant a javascript: link)', () => {
    const body = firing()
    body.alerts[0]!.generatorURL = 'javascript:alert(1)'
    body.alerts[0]!.annotations.runbook_url = 'data:text/html,hi'
    const e = accepted(alertmanagerAdapter(body, ctx())).events[0]!
    expect(e.url).toBeUndefined()
    expect(e.runbookUrl).toBeUndefined()
  })
})

describe('alertmanager adapter: group-level behaviour', () => {
  it('accepts an empty alerts list as zero events', () => {
    const body = firing()
    body.alerts = []
    expect(accepted(alertmanagerAdapter(body, ctx())).events).toEqual([])
  })

  it('warns when alerts were truncated', () => {
    const body = firing()
    body.truncatedAlerts = 7
    expect(accepted(alertmanagerAdapter(body, ctx())).warnings).toEqual([
      '7 alert(s) of this group were truncated by the sender (max_alerts); only 2 were received',
    ])
  })

  it('accepts another version when the shape fits, with a warning', () => {
    const body = firing()
    body.version = '5'
    const r = accepted(alertmanagerAdapter(body, ctx()))
    expect(r.events).toHaveLength(2)
    expect(r.warnings.join()).toMatch(/version "5" is not 4/)
  })

  it('tolerates unknown extra fields at every level', () => {
    const body = firing()
    body.somethingNew = { nested: [1, 2] }
    body.alerts[0]!.extra = 'x'
    expect(accepted(alertmanagerAdapter(body, ctx())).events).toHaveLength(2)
  })
})

describe('alertmanager adapter: refusals', () => {
  it('points at the wrong field', () => {
    const body = firing()
    body.alerts[0]!.labels = ['not', 'a', 'map']
    body.alerts[1]!.status = 'burning'
    const r = refused(alertmanagerAdapter(body, ctx()))
    expect(r.error).toMatch(/Alertmanager/)
    expect(issuePaths(r)).toEqual(expect.arrayContaining(['alerts[0].labels', 'alerts[1].status']))
  })

  it('reports a non-string label value with its full path', () => {
    const body = firing()
    body.alerts[0]!.labels.severity = 5
    expect(issuePaths(alertmanagerAdapter(body, ctx()))).toEqual(['alerts[0].labels.severity'])
  })

  it('requires alerts', () => {
    expect(issuePaths(alertmanagerAdapter({ version: '4' }, ctx()))).toEqual(['alerts'])
  })
})
