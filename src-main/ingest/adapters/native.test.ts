import { describe, expect, it } from 'vitest'
import { tapinFingerprint } from '../../engine/fingerprint'
import { nativeAdapter } from './native'
import { RECEIVED_AT, accepted, ctx, fixture, issuePaths } from '../../testing/fixtures/adapters/load'

const batch = () => fixture('native-tapin-events.json') as unknown as Array<Record<string, any>>

describe('native adapter', () => {
  it('parses the Tap In fixture batch', () => {
    const r = accepted(nativeAdapter(batch(), ctx()))
    expect(r.warnings).toEqual([])
    expect(r.events).toHaveLength(4)
    const [disk, mem, port, ec2] = r.events
    expect(disk).toMatchObject({
      source: 'native',
      client: 'acme-retail',
      fingerprintKind: 'tapin',
      fingerprint: tapinFingerprint({ client: 'acme-retail', class: 'TI_Linux_Agent', ems: 'tapin-ms-01', rule: 'Disk', components: [{ type: 'Host name', name: 'WEB01' }] }),
      class: 'TI_Linux_Agent',
      ems: 'tapin-ms-01',
      rule: 'Disk',
      group: 'Web Server',
      resource: 'WEB01',
      severity: 'ok',
      status: 'resolved',
      summary: 'OK - Disk 30% free',
      time: Date.parse('2026-11-20T09:00:00Z'),
      receivedAt: RECEIVED_AT,
    })
    expect(mem).toMatchObject({ severity: 'warning', status: 'firing', rule: 'Memory', summary: 'WARNING - Memory 8% free' })
    expect(mem!.fingerprint).not.toBe(disk!.fingerprint)
    expect(port).toMatchObject({
      severity: 'critical', class: 'NETWORK', resource: 'NODE101', time: Date.parse('2026-11-20T11:00:00Z'),
      components: [{ type: 'Node', name: 'NODE101' }, { type: 'Card', name: 'A' }, { type: 'Port', name: '7' }],
    })
    expect(ec2).toMatchObject({
      resource: 'webserver:i-12345',
      labels: { instance_id: 'i-12345', ami_id: 'ami-0abc', instance_type: 'm5.large' },
      attributes: { instance_id: 'i-12345', ami_id: 'ami-0abc', instance_type: 'm5.large' },
    })
  })

  it('accepts a single object, epoch-ms time, its own fingerprint', () => {
    const one = { ...batch()[1], time: Date.parse('2026-11-20T10:00:00Z'), fingerprint: 'agent-key-1' }
    const r = accepted(nativeAdapter(one, ctx()))
    expect(r.events).toHaveLength(1)
    expect(r.events[0]).toMatchObject({ fingerprint: 'agent-key-1', fingerprintKind: 'source', time: Date.parse('2026-11-20T10:00:00Z') })
  })

  it('status resolved keeps the severity; severity ok always resolves (with a warning if told firing)', () => {
    expect(accepted(nativeAdapter({ ...batch()[2], status: 'resolved' }, ctx())).events[0]).toMatchObject({ status: 'resolved', severity: 'critical' })
    const r = accepted(nativeAdapter({ ...batch()[0], status: 'firing' }, ctx()))
    expect(r.events[0]).toMatchObject({ status: 'resolved', severity: 'ok' })
    expect(r.warnings.join()).toMatch(/ok always resolves/)
  })

  it('client: override > event client > default; ems defaults to the source name, then native', () => {
    expect(accepted(nativeAdapter(batch(), ctx({ clientOverride: 'ACME Wholesale' }))).events.every((e) => e.client === 'acme-wholesale')).toBe(true)
    const { client: _c, ems: _e, ...bare } = batch()[1]!
    expect(accepted(nativeAdapter(bare, ctx())).events[0]).toMatchObject({ client: 'default', ems: 'native' })
    expect(accepted(nativeAdapter({ ...bare, source: 'nagios-02' }, ctx())).events[0]!.ems).toBe('nagios-02')
  })

  it('missing time → receive time with a warning; epoch seconds are flagged; future times clamped', () => {
    const { time: _t, ...untimed } = batch()[1]!
    const r1 = accepted(nativeAdapter([untimed], ctx()))
    expect(r1.events[0]!.time).toBe(RECEIVED_AT)
    expect(r1.warnings).toEqual(['[0].time: no time given, using the receive time'])

    const r2 = accepted(nativeAdapter({ ...untimed, time: 1_795_165_200 }, ctx()))
    expect(r2.warnings.join()).toMatch(/looks like epoch seconds/)

    const r3 = accepted(nativeAdapter({ ...untimed, time: RECEIVED_AT + 3600_000 }, ctx()))
    expect(r3.events[0]!.time).toBe(RECEIVED_AT)
  })

  it('an empty batch is zero events', () => {
    expect(accepted(nativeAdapter([], ctx())).events).toEqual([])
  })

  it('refuses wrong shapes with indexed paths', () => {
    const bad = batch()
    bad[1]!.severity = 'catastrophic'
    bad[3]!.components = [{ type: 'Host name' }]
    expect(issuePaths(nativeAdapter(bad, ctx())).sort()).toEqual(['[1].severity', '[3].components[0].name'])
    expect(issuePaths(nativeAdapter({ class: 'x' }, ctx())).sort()).toEqual(['rule', 'severity'])
    expect(issuePaths(nativeAdapter({ ...batch()[1], time: 'tomorrow' }, ctx()))).toEqual(['time'])
  })

  it('tolerates unknown extra fields', () => {
    expect(accepted(nativeAdapter([{ ...batch()[1], agentVersion: '7.1', extra: { a: 1 } }], ctx())).events).toHaveLength(1)
  })
})
