import { describe, expect, it } from 'vitest'
import type { MetricsPoint, MetricsSummary } from '@shared/model/metrics'
import { chartRows, clientTable, formatMinutes, MAX_POINTS, rangeQuery, seriesOf, thin, tickLabel } from './chart-data'

const H = 3_600_000
const point = (t: number, over: Partial<MetricsPoint> = {}): MetricsPoint => ({
  t, events: 0, incidents: 0, acked: 0, resolved: 0, escalated: 0, automated: 0, mttdMs: null, mttaMs: null, mttrMs: null, escalationRate: null, automationRate: null, ...over,
})
const totals = (over: Partial<MetricsPoint> = {}) => {
  const { t: _t, ...rest } = point(0, over)
  return rest
}

describe('metrics chart data', () => {
  it('turns means into minutes and rates into percent, keeping unknown buckets as gaps (null, not 0)', () => {
    const rows = chartRows({ client: '*', totals: totals(), points: [point(0, { mttaMs: 7 * 60_000, mttrMs: 54 * 60_000, escalationRate: 1 / 3, events: 4, incidents: 3 }), point(H)] })
    expect(rows[0]).toEqual({ t: 0, events: 4, incidents: 3, mttd: null, mtta: 7, mttr: 54, escalation: 33.3, automation: null })
    expect(rows[1]).toMatchObject({ mtta: null, escalation: null })
  })

  it(`thins a long series to ${MAX_POINTS} points and keeps its peak`, () => {
    const long = chartRows({
      client: '*', totals: totals(),
      points: Array.from({ length: 90 * 24 }, (_, i) => point(i * H, { events: i === 1234 ? 10_000 : 10 + (i % 7) })),
    })
    const out = thin(long, (r) => r.events)
    expect(out).toHaveLength(MAX_POINTS)
    expect(out[0].t).toBe(0)
    expect(out.at(-1)!.t).toBe((90 * 24 - 1) * H)
    expect(out.some((r) => r.events === 10_000)).toBe(true)
    expect(thin(long.slice(0, 100), (r) => r.events)).toHaveLength(100)
  })

  it('lists clients busiest first and picks a scope', () => {
    const m: MetricsSummary = {
      from: 0, to: H, buckets: [0], bucket: 'hour', timeZone: 'UTC',
      overall: { client: '*', points: [], totals: totals({ incidents: 5 }) },
      clients: [
        { client: 'a', points: [], totals: totals({ incidents: 1, events: 50 }) },
        { client: 'b', points: [], totals: totals({ incidents: 4, events: 5 }) },
      ],
    }
    expect(clientTable(m).map((r) => r.client)).toEqual(['b', 'a'])
    expect(seriesOf(m, null)?.client).toBe('*')
    expect(seriesOf(m, 'a')?.totals.events).toBe(50)
  })

  it('asks for hourly buckets up to 90 days and daily beyond; labels ticks in the buckets’ zone', () => {
    const now = Date.parse('2026-11-20T12:00:00Z')
    expect(rangeQuery('7d', now, null)).toEqual({ from: now - 7 * 24 * H, to: now, bucket: 'hour' })
    expect(rangeQuery('365d', now, 'acme')).toMatchObject({ bucket: 'day', client: 'acme' })
    expect(tickLabel(Date.parse('2026-11-16T23:30:00Z'), 'day', 'Europe/Berlin')).toBe('11-17')
    expect(tickLabel(Date.parse('2026-11-16T23:00:00Z'), 'hour', 'UTC')).toBe('11-16 23:00')
  })

  it('prints response times as operators say them', () => {
    expect(formatMinutes(null)).toBe('—')
    expect(formatMinutes(0.5)).toBe('30s')
    expect(formatMinutes(7)).toBe('7m')
    expect(formatMinutes(90)).toBe('1h 30m')
    expect(formatMinutes(72 * 60)).toBe('3d')
  })
})
