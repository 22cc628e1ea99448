import { describe, expect, it } from 'vitest'
import { alertaAdapter, alertaKeyEvent } from './alerta'
import { RECEIVED_AT, accepted, ctx, fixture, issuePaths } from '../../testing/fixtures/adapters/load'

type Body = Record<string, any>
const alert = () => fixture('alerta-alert.json') as Body

describe('alerta adapter', () => {
  it('parses the fixture: key environment|resource|event|customer', () => {
    const r = accepted(alertaAdapter(alert(), ctx()))
    expect(r.warnings).toEqual([])
    expect(r.events[0]).toMatchObject({
      source: 'alerta',
      client: 'wayne-enterprises',
      fingerprint: 'Production|web01|HttpServerError|wayne-enterprises',
      fingerprintKind: 'source',
      class: 'exceptionAlert',
      ems: 'curl',
      rule: 'HttpServerError',
      group: 'Web',
      resource: 'web01',
      service: 'Website',
      components: [{ type: 'Resource', name: 'web01' }],
      severity: 'major',
      status: 'firing',
      summary: 'Web server web01 is returning 502',
      description: 'Value: Bad Gateway (502)',
      // No createTime: Alerta dates such alerts on arrival, and so do we (no warning).
      time: RECEIVED_AT,
      labels: { customer: 'wayne-enterprises', region: 'EU', tags: 'dc1', environment: 'Production', group: 'Web' },
    })
  })

  it('the correlated OK event clears the error: same fingerprint, resolved, severity ok', () => {
    const ok = { ...alert(), event: 'HttpServerOK', severity: 'normal', text: 'Web server web01 is OK', createTime: '2026-11-20T23:30:00.000Z' }
    const err = accepted(alertaAdapter(alert(), ctx())).events[0]!
    const cleared = accepted(alertaAdapter(ok, ctx())).events[0]!
    expect(cleared).toMatchObject({ fingerprint: err.fingerprint, status: 'resolved', severity: 'ok', rule: 'HttpServerOK', time: Date.parse('2026-11-20T23:30:00Z') })
    expect(alertaKeyEvent('NodeDown', ['HttpServerError'])).toBe('NodeDown')
  })

  it.each([
    ['security', 'critical', 'firing'], ['critical', 'critical', 'firing'], ['major', 'major', 'firing'], ['minor', 'minor', 'firing'],
    ['warning', 'warning', 'firing'], ['informational', 'info', 'firing'], ['indeterminate', 'info', 'firing'], ['debug', 'info', 'firing'],
    ['trace', 'info', 'firing'], ['cleared', 'ok', 'resolved'], ['normal', 'ok', 'resolved'], ['ok', 'ok', 'resolved'], ['OK', 'ok', 'resolved'],
  ])('severity %s → %s (%s)', (sev, expected, status) => {
    const r = accepted(alertaAdapter({ ...alert(), severity: sev }, ctx()))
    expect(r.events[0]).toMatchObject({ severity: expected, status })
    expect(r.warnings).toEqual([])
  })

  it('unknown severity → warning with a warning; missing severity follows Alerta\'s default (normal = clear), said aloud', () => {
    const unknown = accepted(alertaAdapter({ ...alert(), severity: 'unknown' }, ctx()))
    expect(unknown.events[0]!.severity).toBe('warning')
    expect(unknown.warnings.join()).toMatch(/not an Alerta severity/)
    const body = alert()
    delete body.severity
    const missing = accepted(alertaAdapter(body, ctx()))
    expect(missing.events[0]).toMatchObject({ severity: 'ok', status: 'resolved' })
    expect(missing.warnings.join()).toMatch(/default "normal"/)
  })

  it('status closed/expired resolves; ack is flagged at the source', () => {
    expect(accepted(alertaAdapter({ ...alert(), status: 'closed' }, ctx())).events[0]).toMatchObject({ status: 'resolved', severity: 'major' })
    const ack = accepted(alertaAdapter({ ...alert(), status: 'ack' }, ctx()))
    expect(ack.events[0]).toMatchObject({ status: 'firing', attributes: { sourceAcknowledged: true } })
  })

  it('client: override > customer field > attributes.customer > default', () => {
    expect(accepted(alertaAdapter(alert(), ctx({ clientOverride: 'gotham' }))).events[0]!.client).toBe('gotham')
    const body = alert()
    delete body.customer
    body.attributes = { customer: 'Queen Consolidated' }
    expect(accepted(alertaAdapter(body, ctx())).events[0]!.client).toBe('queen-consolidated')
    delete body.attributes
    const e = accepted(alertaAdapter(body, ctx())).events[0]!
    expect(e.client).toBe('default')
    expect(e.fingerprint).toBe('Production|web01|HttpServerError|')
  })

  it('tags "k=v" become labels; createTime read; a moreInfo http link becomes the url', () => {
    const body = { ...alert(), tags: ['dc1', 'rack=r12', 'a:Triple=Tag'], createTime: '2026-11-20T23:00:00.000Z', attributes: { moreInfo: 'https://wiki.example/502' } }
    const e = accepted(alertaAdapter(body, ctx())).events[0]!
    expect(e.labels).toMatchObject({ rack: 'r12', 'a:Triple': 'Tag', tags: 'dc1' })
    expect(e.time).toBe(Date.parse('2026-11-20T23:00:00Z'))
    expect(e.url).toBe('https://wiki.example/502')
  })

  it('only resource and event are required; wrong types point at the field', () => {
    expect(accepted(alertaAdapter({ resource: 'r', event: 'e', severity: 'minor' }, ctx())).events[0]).toMatchObject({ fingerprint: '|r|e|', ems: 'alerta', class: 'alerta' })
    expect(issuePaths(alertaAdapter({ event: 'e' }, ctx()))).toEqual(['resource'])
    expect(issuePaths(alertaAdapter({ ...alert(), service: 'Website', tags: [1] }, ctx())).sort()).toEqual(['service', 'tags[0]'])
  })
})
