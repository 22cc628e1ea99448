import { describe, expect, it } from 'vitest'
import { buildClientPeriodReport } from './client-period'
import { buildMetrics, dayBoundaries, downsample } from './metrics'
import { PERIOD, periodIncidents, periodInput } from '../testing/report-period-kit'

const S = 1000

describe('metrics series', () => {
  const days = dayBoundaries(PERIOD.from, PERIOD.to, 'Europe/Berlin')
  const m = buildMetrics({
    from: PERIOD.from,
    to: PERIOD.to,
    boundaries: days,
    incidents: periodIncidents(),
    events: [
      { client: 'acme', t: Date.UTC(2025, 5, 2, 7), n: 500 },
      { client: 'acme', t: Date.UTC(2025, 5, 2, 9), n: 200 },
      { client: 'acme', t: Date.UTC(2025, 5, 4, 12), n: 500 },
      { client: 'globex', t: Date.UTC(2025, 5, 3, 9), n: 30 },
      { client: 'acme', t: Date.UTC(2025, 5, 8, 23), n: 999 }, // after the range: ignored
    ],
  })

  it('buckets by local (Berlin) day', () => {
    expect(days).toHaveLength(7)
    expect(days[0]).toBe(Date.UTC(2025, 5, 1, 22))
    expect(m.buckets).toEqual(days)
  })

  it('puts each incident in the bucket of the event that defines it (opened / first ack / final resolve)', () => {
    const acme = m.clients.find((c) => c.client === 'acme')
    expect(acme?.points.map((p) => p.incidents)).toEqual([1, 1, 1, 0, 1, 1, 1])
    expect(acme?.points.map((p) => p.events)).toEqual([700, 0, 500, 0, 0, 0, 0])
    // Monday (Berlin): INC-1 acked after 300 s and INC-5 (opened the week before) after 97200 s → mean 48750 s;
    // both resolved Monday: (3600 + 104400) / 2 = 54000 s.
    expect(acme?.points[0]).toMatchObject({ acked: 2, mttaMs: 48_750 * S, resolved: 2, mttrMs: 54_000 * S, escalated: 1, escalationRate: 1 })
    // Wednesday: INC-3 auto-resolved → automation rate 1.
    expect(acme?.points[2]).toMatchObject({ resolved: 1, automated: 1, automationRate: 1 })
    // Friday (Berlin): INC-4 opened 01:50 local, acked 02:30 local.
    expect(acme?.points[4]).toMatchObject({ incidents: 1, acked: 1, mttaMs: 2_400 * S })
  })

  it('adds up to the period report: same MTTA, MTTR, escalation and automation over the week', () => {
    const report = buildClientPeriodReport(periodInput())
    const acme = m.clients.find((c) => c.client === 'acme')
    expect(acme?.totals.mttaMs).toBe(report.mtta.meanMs)
    expect(acme?.totals.mttrMs).toBe(report.mttr.meanMs)
    expect(acme?.totals.incidents).toBe(report.incidents.opened)
    expect(acme?.totals.escalationRate).toBe(report.escalation.rate)
    expect(acme?.totals.automationRate).toBe(report.automation.rate)
  })

  it('keeps clients apart and sums them in the overall series', () => {
    expect(m.clients.map((c) => c.client)).toEqual(['acme', 'globex'])
    expect(m.clients[1].totals).toMatchObject({ incidents: 1, events: 30, mttaMs: 60 * S, mttrMs: 30 * 60 * S })
    expect(m.overall.totals.incidents).toBe(7)
    expect(m.overall.totals.events).toBe(1230)
    expect(m.overall.points[1].events).toBe(30)
  })

  it('fixed-width buckets when no boundaries are given; refuses absurd bucket counts', () => {
    const hourly = buildMetrics({ from: PERIOD.from, to: PERIOD.from + 6 * 3_600_000, bucketMs: 3_600_000, incidents: [], events: [], clients: ['acme'] })
    expect(hourly.buckets).toHaveLength(6)
    expect(hourly.clients[0].points.every((p) => p.events === 0 && p.mttaMs === null)).toBe(true)
    expect(() => buildMetrics({ from: 0, to: 1e12, bucketMs: 1000, incidents: [], events: [] })).toThrow(RangeError)
  })
})

describe('downsample (LTTB)', () => {
  const series = Array.from({ length: 10_000 }, (_, i) => ({ t: i * 60_000, value: Math.sin(i / 200) * 10 + (i === 4321 ? 500 : 0) + (i === 7777 ? -400 : 0) }))

  it('returns at most max points, first and last kept, time order preserved', () => {
    const out = downsample(series)
    expect(out).toHaveLength(600)
    expect(out[0]).toBe(series[0])
    expect(out[599]).toBe(series[9999])
    for (let i = 1; i < out.length; i++) expect(out[i].t).toBeGreaterThan(out[i - 1].t)
  })

  it('keeps a one-point spike and dip that plain averaging would flatten', () => {
    const out = downsample(series, 100)
    expect(out.some((p) => p.value > 400)).toBe(true)
    expect(out.some((p) => p.value < -300)).toBe(true)
  })

  it('leaves short series alone and keeps whole multi-field points chosen by an accessor', () => {
    expect(downsample(series.slice(0, 50))).toHaveLength(50)
    const multi = series.map((p) => ({ t: p.t, events: p.value, incidents: 1 }))
    const out = downsample(multi, 50, (p) => p.events)
    expect(out).toHaveLength(50)
    expect(out.every((p) => p.incidents === 1)).toBe(true)
    expect(out.some((p) => p.events > 400)).toBe(true)
  })
})
