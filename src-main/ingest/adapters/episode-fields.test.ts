import { describe, expect, it } from 'vitest'
import { adapters } from './index'
import { precisionOf } from './time'

/** What each adapter tells dedup about episodes, clocks and precision (engine/episode.ts). */
const ctx = { receivedAt: Date.parse('2026-12-07T06:45:40Z') }
const one = (format: keyof typeof adapters, body: unknown) => {
  const r = adapters[format](body, ctx)
  if (!r.ok) throw new Error(r.error)
  return r.events[0]
}

describe('precisionOf', () => {
  it('reads the precision off the string: whole seconds, tenths, milliseconds and finer, epoch numbers', () => {
    expect(precisionOf('2026-12-07T06:45:34Z')).toBe(1000)
    expect(precisionOf('2026-12-07T06:45:34.5Z')).toBe(100)
    expect(precisionOf('2026-12-07T06:45:34.536Z')).toBe(1)
    expect(precisionOf('2026-12-07T06:45:34.536331678Z')).toBe(1)
    expect(precisionOf('2026-12-07T06:45:34+02:00')).toBe(1000)
    expect(precisionOf(1796620554000)).toBe(1)
  })
})

describe('episode fields per source', () => {
  const amBody = (alert: object) => ({ version: '4', status: 'firing', receiver: 'noc', alerts: [{ labels: { alertname: 'X', instance: 'h1' }, fingerprint: 'abcd', ...alert }] })

  it('Alertmanager: the episode is startsAt, on both the fire and the resolve; the precision is the coarser of the two times', () => {
    const fire = one('alertmanager', amBody({ status: 'firing', startsAt: '2026-12-07T06:45:34.536331678Z', endsAt: '0001-01-01T00:00:00Z' }))
    expect(fire).toMatchObject({ time: Date.parse('2026-12-07T06:45:34.536Z'), timeBasis: 'source', timePrecisionMs: 1, episode: { start: Date.parse('2026-12-07T06:45:34.536Z') } })
    const clear = one('alertmanager', amBody({ status: 'resolved', startsAt: '2026-12-07T06:45:34Z', endsAt: '2026-12-07T06:45:34Z' }))
    expect(clear).toMatchObject({ time: Date.parse('2026-12-07T06:45:34Z'), timePrecisionMs: 1000, episode: { start: Date.parse('2026-12-07T06:45:34Z') } })
  })

  it('Alertmanager without usable times: our clock, no episode', () => {
    const e = one('alertmanager', amBody({ status: 'firing', startsAt: '0001-01-01T00:00:00Z' }))
    expect(e).toMatchObject({ time: ctx.receivedAt, timeBasis: 'received', timePrecisionMs: 1 })
    expect(e.episode).toBeUndefined()
  })

  it('Zabbix: the episode key is EVENT.ID, its start the problem time; whole seconds', () => {
    const e = one('zabbix', {
      'EVENT.ID': '9001', 'EVENT.VALUE': '0', 'EVENT.NSEVERITY': '4', 'EVENT.NAME': 'Link down', 'HOST.HOST': 'rtr01',
      'EVENT.DATE': '2026.12.07', 'EVENT.TIME': '06:40:00', 'EVENT.RECOVERY.DATE': '2026.12.07', 'EVENT.RECOVERY.TIME': '06:45:00', 'EVENT.TZ': 'UTC',
    })
    expect(e).toMatchObject({ status: 'resolved', time: Date.parse('2026-12-07T06:45:00Z'), timePrecisionMs: 1000, episode: { key: '9001', start: Date.parse('2026-12-07T06:40:00Z') } })
  })

  it('PagerDuty: a trigger on the source clock, a resolve (no timestamp) on ours', () => {
    const trigger = one('pagerduty', { event_action: 'trigger', dedup_key: 'k', payload: { summary: 's', source: 'h', severity: 'error', timestamp: '2026-12-07T06:47:10Z' } })
    expect(trigger).toMatchObject({ timeBasis: 'source', timePrecisionMs: 1000 })
    const resolve = one('pagerduty', { event_action: 'resolve', dedup_key: 'k' })
    expect(resolve).toMatchObject({ time: ctx.receivedAt, timeBasis: 'received' })
  })

  it('native and Alerta: the sender\'s time with its precision, or ours', () => {
    expect(one('native', { class: 'c', rule: 'r', severity: 'major', time: '2026-12-07T06:45:34Z' })).toMatchObject({ timeBasis: 'source', timePrecisionMs: 1000 })
    expect(one('native', { class: 'c', rule: 'r', severity: 'major' })).toMatchObject({ timeBasis: 'received' })
    expect(one('alerta', { resource: 'h', event: 'e', severity: 'major', createTime: '2026-12-07T06:45:34.123Z' })).toMatchObject({ timeBasis: 'source', timePrecisionMs: 1 })
  })
})
