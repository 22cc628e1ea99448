import { describe, expect, it } from 'vitest'
import { parseZabbixTags, zabbixAdapter } from './zabbix'
import { RECEIVED_AT, accepted, ctx, fixture, issuePaths, refused } from '../../testing/fixtures/adapters/load'

type Body = Record<string, any>
const problem = () => fixture('zabbix-media-type.json') as Body
const recovery = () => fixture('zabbix-media-type-recovery.json') as Body
const PROBLEM_AT = Date.UTC(2026, 10, 20, 23, 41, 7)
const RECOVERED_AT = Date.UTC(2026, 10, 20, 23, 58, 31)

describe('zabbix adapter: fixtures', () => {
  it('problem: zabbix:<EVENT.ID>, host as resource and component, tags as labels, client from tag', () => {
    const r = accepted(zabbixAdapter(problem(), ctx()))
    expect(r.warnings).toEqual([])
    expect(r.events).toHaveLength(1)
    const e = r.events[0]!
    expect(e).toMatchObject({
      source: 'zabbix',
      client: 'umbrella-health',
      fingerprint: 'zabbix:184467',
      fingerprintKind: 'source',
      class: 'zabbix',
      ems: 'zabbix.umbrella.example',
      rule: 'High CPU utilization (over 90% for 5m)',
      resource: 'ehr-app-01',
      service: 'ehr',
      components: [{ type: 'Host name', name: 'ehr-app-01' }],
      severity: 'major',
      status: 'firing',
      summary: 'High CPU utilization (over 90% for 5m)',
      time: PROBLEM_AT,
      receivedAt: RECEIVED_AT,
      url: 'https://zabbix.umbrella.example/tr_events.php?triggerid=23110&eventid=184467',
    })
    expect(e.labels).toEqual({
      client: 'umbrella-health',
      service: 'ehr',
      scope: 'performance',
      zabbix_event_id: '184467',
      zabbix_trigger_id: '23110',
      zabbix_host: 'ehr-app-01',
      zabbix_host_ip: '10.20.1.11',
    })
  })

  it('recovery: same fingerprint as its problem, resolved at EVENT.RECOVERY.DATE/TIME, severity kept', () => {
    const p = accepted(zabbixAdapter(problem(), ctx())).events[0]!
    const r = accepted(zabbixAdapter(recovery(), ctx()))
    expect(r.warnings).toEqual([])
    expect(r.events[0]).toMatchObject({ fingerprint: p.fingerprint, client: 'umbrella-health', status: 'resolved', severity: 'major', time: RECOVERED_AT })
  })

  it('a recovery without its recovery time uses the receive time (not the problem start) and warns', () => {
    const body = recovery()
    delete body['EVENT.RECOVERY.DATE']
    delete body['EVENT.RECOVERY.TIME']
    const r = accepted(zabbixAdapter(body, ctx()))
    expect(r.events[0]!.time).toBe(RECEIVED_AT)
    expect(r.warnings).toEqual(['EVENT.RECOVERY.DATE/TIME: no time given, using the receive time'])
  })
})

describe('zabbix adapter: severities', () => {
  it.each([
    ['0', 'info'], ['1', 'info'], ['2', 'warning'], ['3', 'minor'], ['4', 'major'], ['5', 'critical'],
  ])('EVENT.NSEVERITY %s → %s', (n, expected) => {
    expect(accepted(zabbixAdapter({ ...problem(), 'EVENT.NSEVERITY': n }, ctx())).events[0]!.severity).toBe(expected)
  })

  it('accepts numbers for numeric macros', () => {
    const e = accepted(zabbixAdapter({ ...problem(), 'EVENT.NSEVERITY': 5, 'EVENT.VALUE': 0, 'EVENT.ID': 184467 }, ctx())).events[0]!
    expect(e).toMatchObject({ severity: 'critical', status: 'resolved', fingerprint: 'zabbix:184467' })
  })

  it('falls back to the severity name, then to warning with a warning', () => {
    const body = problem()
    delete body['EVENT.NSEVERITY']
    body['EVENT.SEVERITY'] = 'Disaster'
    expect(accepted(zabbixAdapter(body, ctx())).events[0]!.severity).toBe('critical')
    body['EVENT.SEVERITY'] = 'Renamed by admin'
    const r = accepted(zabbixAdapter(body, ctx()))
    expect(r.events[0]!.severity).toBe('warning')
    expect(r.warnings.join()).toMatch(/mapped to warning/)
  })

  it('refuses an out-of-range NSEVERITY', () => {
    expect(issuePaths(zabbixAdapter({ ...problem(), 'EVENT.NSEVERITY': '9' }, ctx()))).toEqual(['EVENT.NSEVERITY'])
  })
})

describe('zabbix adapter: time zones', () => {
  it('reads EVENT.TZ as an offset', () => {
    expect(accepted(zabbixAdapter({ ...problem(), 'EVENT.TZ': '+02:00' }, ctx())).events[0]!.time).toBe(PROBLEM_AT - 2 * 3600_000)
    // 23:41 at -05:30 is 05:11Z the next day: receive it after that, or it is (rightly) clamped as future.
    const later = ctx({ receivedAt: RECEIVED_AT + 12 * 3600_000 })
    expect(accepted(zabbixAdapter({ ...problem(), 'EVENT.TZ': '-0530' }, later)).events[0]!.time).toBe(PROBLEM_AT + 5.5 * 3600_000)
  })

  it('reads EVENT.TZ as an IANA zone, DST-aware', () => {
    // 20 November: Berlin is on CET (+01:00); 20 July: CEST (+02:00).
    expect(accepted(zabbixAdapter({ ...problem(), 'EVENT.TZ': 'Europe/Berlin' }, ctx())).events[0]!.time).toBe(PROBLEM_AT - 3600_000)
    const july = { ...problem(), 'EVENT.TZ': 'Europe/Berlin', 'EVENT.DATE': '2026.07.20' }
    expect(accepted(zabbixAdapter(july, ctx())).events[0]!.time).toBe(Date.UTC(2026, 6, 20, 21, 41, 7))
  })

  it('an unknown zone is read as UTC with a warning', () => {
    const r = accepted(zabbixAdapter({ ...problem(), 'EVENT.TZ': 'Mars/Olympus' }, ctx()))
    expect(r.events[0]!.time).toBe(PROBLEM_AT)
    expect(r.warnings.join()).toMatch(/EVENT.TZ "Mars\/Olympus"/)
  })

  it('clamps an event dated in the future', () => {
    const r = accepted(zabbixAdapter({ ...problem(), 'EVENT.DATE': '2026.11.21', 'EVENT.TIME': '03:00:00' }, ctx()))
    expect(r.events[0]!.time).toBe(RECEIVED_AT)
    expect(r.warnings.join()).toMatch(/180 min ahead/)
  })

  it('an update (ack) is dated by EVENT.UPDATE.DATE/TIME and flagged as acknowledged at the source', () => {
    const body = { ...problem(), 'EVENT.UPDATE.STATUS': '1', 'EVENT.ACK.STATUS': 'Yes', 'EVENT.UPDATE.DATE': '2026.11.20', 'EVENT.UPDATE.TIME': '23:50:00' }
    const r = accepted(zabbixAdapter(body, ctx()))
    expect(r.events[0]).toMatchObject({ status: 'firing', time: Date.UTC(2026, 10, 20, 23, 50, 0), attributes: { sourceAcknowledged: true } })
    expect(r.warnings.join()).toMatch(/acknowledged in Zabbix/)
  })
})

describe('zabbix adapter: macros and tags', () => {
  it('treats unexpanded macros and *UNKNOWN* as absent', () => {
    const body = { ...problem(), 'EVENT.RECOVERY.DATE': '{EVENT.RECOVERY.DATE}', 'HOST.IP': '*UNKNOWN*', 'ZABBIX.URL': '{$ZABBIX.URL}' }
    const e = accepted(zabbixAdapter(body, ctx())).events[0]!
    expect(e.labels.zabbix_host_ip).toBeUndefined()
    expect(e.url).toBeUndefined()
    expect(e.ems).toBe('zabbix')
  })

  it('prefers EVENT.TAGSJSON (commas inside values survive)', () => {
    const tagsJson = JSON.stringify([{ tag: 'client', value: 'Umbrella Health' }, { tag: 'note', value: 'a, b' }, { tag: 'service', value: 'ehr' }, { tag: 'service', value: 'lab' }])
    const e = accepted(zabbixAdapter({ ...problem(), 'EVENT.TAGSJSON': tagsJson }, ctx())).events[0]!
    expect(e.client).toBe('umbrella-health')
    expect(e.labels).toMatchObject({ note: 'a, b', service: 'ehr,lab' })
  })

  it('parses {EVENT.TAGS} as Zabbix formats it ("a:b, c:d", valueless tags, colons in values)', () => {
    expect(parseZabbixTags(undefined, 'client:acme, scope, url:http://x:8080/a')).toEqual([
      ['client', 'acme'], ['scope', ''], ['url', 'http://x:8080/a'],
    ])
    expect(parseZabbixTags('not json', 'a:b')).toEqual([['a', 'b']])
  })

  it('client: override beats the tag; customer/tenant tags; default without any', () => {
    expect(accepted(zabbixAdapter(problem(), ctx({ clientOverride: 'Initech' }))).events[0]!.client).toBe('initech')
    expect(accepted(zabbixAdapter({ ...problem(), 'EVENT.TAGS': 'tenant:Stark Industries' }, ctx())).events[0]!.client).toBe('stark-industries')
    expect(accepted(zabbixAdapter({ ...problem(), 'EVENT.TAGS': '' }, ctx())).events[0]!.client).toBe('default')
  })

  it('accepts a minimal body (only EVENT.ID and EVENT.VALUE)', () => {
    const r = accepted(zabbixAdapter({ 'EVENT.ID': '42', 'EVENT.VALUE': '1' }, ctx()))
    expect(r.events[0]).toMatchObject({ fingerprint: 'zabbix:42', client: 'default', summary: 'Zabbix event 42', time: RECEIVED_AT, components: [] })
  })

  it('tolerates unknown extra macros', () => {
    expect(accepted(zabbixAdapter({ ...problem(), 'EVENT.DURATION': '17m', 'ITEM.LASTVALUE': '97 %' }, ctx())).events).toHaveLength(1)
  })
})

describe('zabbix adapter: refusals', () => {
  it('requires a numeric EVENT.ID and EVENT.VALUE 0/1', () => {
    const r = refused(zabbixAdapter({ ...problem(), 'EVENT.ID': 'abc', 'EVENT.VALUE': '2' }, ctx()))
    expect(issuePaths(r).sort()).toEqual(['EVENT.ID', 'EVENT.VALUE'])
    expect(r.issues.find((i) => i.path === 'EVENT.VALUE')!.message).toMatch(/1 \(problem\) or 0 \(recovery\)/)
  })

  it('an unexpanded EVENT.ID is refused (it cannot be matched)', () => {
    expect(issuePaths(zabbixAdapter({ ...problem(), 'EVENT.ID': '{EVENT.ID}' }, ctx()))).toEqual(['EVENT.ID'])
  })

  it('wrong types point at the macro', () => {
    expect(issuePaths(zabbixAdapter({ ...problem(), 'HOST.HOST': { name: 'x' } }, ctx()))).toEqual(['HOST.HOST'])
  })
})
