import { describe, expect, it } from 'vitest'
import { buildClientPeriodReport } from './client-period'
import { CLIENT_PERIOD_CSV_COLUMNS, clientPeriodCsv, clientPeriodDoc } from './client-period-doc'
import { isoWeek, periodRange } from './period'
import { PERIOD, periodInput } from '../testing/report-period-kit'
import { renderMarkdown } from './render-md'

const S = 1000

describe('client period report: numbers match the hand-computed fixture (testing/report-period-kit.ts)', () => {
  const r = buildClientPeriodReport(periodInput())

  it('selects the Berlin week 2025-W23', () => {
    expect(PERIOD).toEqual({ kind: 'week', from: Date.UTC(2025, 5, 1, 22), to: Date.UTC(2025, 5, 8, 22), label: '2025-W23' })
  })

  it('counts incidents opened in the range by priority and status, merged-away apart', () => {
    expect(r.rows.map((x) => x.id)).toEqual(['INC-1', 'INC-2', 'INC-3', 'INC-4', 'INC-10', 'INC-6'])
    expect(r.incidents).toEqual({
      opened: 6,
      mergedAway: 1,
      byPriority: { P1: 2, P2: 1, P3: 2, P4: 1 },
      byStatus: { open: 1, acknowledged: 1, resolved: 4, closed: 0 },
    })
  })

  it('MTTA = 105000 s / 5 = 21000 s, median 2400 s', () => {
    expect(r.mtta).toEqual({ n: 5, meanMs: 21_000 * S, medianMs: 2_400 * S })
  })

  it('MTTR = 120000 s / 5 = 24000 s, median 3600 s', () => {
    expect(r.mttr).toEqual({ n: 5, meanMs: 24_000 * S, medianMs: 3_600 * S })
  })

  it('per priority: P1 MTTA (300 + 2400) / 2 = 1350 s; P2 MTTA (2700 + 97200) / 2 = 49950 s, MTTR (7200 + 104400) / 2 = 55800 s', () => {
    const p = Object.fromEntries(r.byPriority.map((x) => [x.priority, x]))
    expect(p.P1.mtta.meanMs).toBe(1_350 * S)
    expect(p.P1.mttr).toMatchObject({ n: 1, meanMs: 3_600 * S })
    expect(p.P2.mtta.meanMs).toBe(49_950 * S)
    expect(p.P2.mttr.meanMs).toBe(55_800 * S)
    expect(p.P3.mttr).toMatchObject({ n: 2, meanMs: 2_400 * S })
    expect(p.P4.mtta.n).toBe(0)
    expect(r.byPriority.map((x) => x.ackBreaches)).toEqual([1, 1, 0, 1])
  })

  it('ack SLA: INC-2 (45 > 30 min), INC-4 (40 > 15 min) and unacked INC-6 breached; INC-3 resolved in time', () => {
    expect(r.rows.map((x) => [x.id, x.ackSla])).toEqual([
      ['INC-1', 'met'],
      ['INC-2', 'breached'],
      ['INC-3', 'met'],
      ['INC-4', 'breached'],
      ['INC-10', 'met'],
      ['INC-6', 'breached'],
    ])
    expect(r.sla).toMatchObject({ evaluated: 6, breaches: 3, pending: 0, rate: 0.5 })
  })

  it('an unacked incident whose deadline has not passed yet is pending, not breached', () => {
    const early = buildClientPeriodReport(periodInput({ generatedAt: Date.UTC(2025, 5, 8, 21, 30) }))
    expect(early.rows.find((x) => x.id === 'INC-6')?.ackSla).toBe('pending')
    expect(early.sla).toMatchObject({ evaluated: 5, breaches: 2, pending: 1, rate: 0.4 })
  })

  it('escalation 2 of 6, automation 1 of 5, noise 1200 events → 6 incidents', () => {
    expect(r.escalation).toEqual({ escalated: 2, opened: 6, rate: 2 / 6 })
    expect(r.automation).toEqual({ automated: 1, resolved: 5, rate: 0.2 })
    expect(r.noise).toEqual({ events: 1200, alerts: 40, incidents: 6, eventsPerIncident: 200, reduction: 0.995 })
  })

  it('lists the noisiest rules and resources with their incident counts', () => {
    expect(r.noisyRules).toEqual([
      { key: 'HighLatency', events: 700, alerts: 10, incidents: 2 },
      { key: 'DiskFull', events: 400, alerts: 20, incidents: 2 },
      { key: 'Ping', events: 100, alerts: 10, incidents: 1 },
      { key: 'NodeDown', events: 0, alerts: null, incidents: 1 },
    ])
    expect(r.noisyResources.slice(0, 2)).toEqual([
      { key: 'db-01', events: 650, alerts: null, incidents: 2 },
      { key: 'fs-01', events: 420, alerts: null, incidents: 2 },
    ])
  })

  it('renders the numbers into the document and the CSV', () => {
    const md = renderMarkdown(clientPeriodDoc(r))
    expect(md).toContain('**MTTA:** 5h 50m \\(median 40m 00s, 5 incidents\\)')
    expect(md).toContain('**MTTR:** 6h 40m \\(median 1h 00m, 5 incidents\\)')
    expect(md).toContain('**Ack SLA breaches:** 3 of 6 \\(50.0%\\)')
    const lines = clientPeriodCsv(r).split('\r\n')
    expect(lines[0]).toBe(CLIENT_PERIOD_CSV_COLUMNS.join(','))
    expect(lines[2]).toBe('INC-2,P2,critical,resolved,INC-2 title,2025-06-03T10:00:00Z,2025-06-03T10:45:00Z,2025-06-03T12:00:00Z,2700,7200,30,breached,,no,no')
    expect(lines).toHaveLength(8) // header + 6 rows + the empty string after the final CRLF
  })
})

describe('periods', () => {
  it('a Berlin month runs local midnight to local midnight', () => {
    expect(periodRange('month', Date.UTC(2025, 5, 15), 'Europe/Berlin')).toEqual({
      kind: 'month',
      from: Date.UTC(2025, 4, 31, 22),
      to: Date.UTC(2025, 5, 30, 22),
      label: '2025-06',
    })
  })

  it('the week of the October DST change is 169 hours long; the month ends in winter time', () => {
    const w = periodRange('week', Date.UTC(2025, 9, 22), 'Europe/Berlin')
    expect([w.from, w.to]).toEqual([Date.UTC(2025, 9, 19, 22), Date.UTC(2025, 9, 26, 23)])
    expect((w.to - w.from) / 3_600_000).toBe(169)
    expect(w.label).toBe('2025-W43')
    expect(periodRange('month', Date.UTC(2025, 9, 10), 'Europe/Berlin').to).toBe(Date.UTC(2025, 9, 31, 23))
  })

  it('ISO weeks at year ends, custom ranges labelled by local dates', () => {
    expect(isoWeek(2024, 12, 30)).toEqual({ year: 2025, week: 1 })
    expect(isoWeek(2021, 1, 3)).toEqual({ year: 2020, week: 53 })
    expect(periodRange('custom', 0, 'UTC', { from: Date.UTC(2025, 0, 1), to: Date.UTC(2025, 0, 15) }).label).toBe('2025-01-01 – 2025-01-14')
  })
})

describe('client period report: the daily series behind its charts', () => {
  const r = buildClientPeriodReport(periodInput())
  const pts = r.series.points
  const col = (k: 'incidents' | 'events' | 'mttaMs' | 'mttrMs') => pts.map((p) => (p[k] === null ? null : (p[k] as number) / (k.endsWith('Ms') ? S : 1)))

  it('has one point per local (Berlin) day of the week', () => {
    expect(pts.map((p) => new Date(p.t).toISOString())).toEqual(
      ['2025-06-01', '2025-06-02', '2025-06-03', '2025-06-04', '2025-06-05', '2025-06-06', '2025-06-07'].map((d) => `${d}T22:00:00.000Z`),
    )
  })

  it('counts incidents by opening day (INC-4 opened 23:50 UTC = 01:50 Berlin, the next day) and events per day', () => {
    expect(col('incidents')).toEqual([1, 1, 1, 0, 1, 1, 1])
    expect(col('events')).toEqual([100, 300, 150, 250, 200, 120, 80])
  })

  it('MTTA by first-ack day, MTTR by final-resolution day (INC-5, opened the week before, lands on Monday)', () => {
    expect(col('mttaMs')).toEqual([(300 + 97_200) / 2, 2_700, null, null, 2_400, 2_400, null])
    expect(col('mttrMs')).toEqual([(3_600 + 104_400) / 2, 7_200, 1_200, null, null, 3_600, null])
  })

  it('adds up to the report: the days weighted by their counts give the period MTTA and MTTR', () => {
    const weighted = (k: 'mttaMs' | 'mttrMs', n: 'acked' | 'resolved') => pts.reduce((a, p) => a + (p[k] ?? 0) * p[n], 0) / pts.reduce((a, p) => a + p[n], 0)
    expect(weighted('mttaMs', 'acked')).toBe(r.mtta.meanMs)
    expect(weighted('mttrMs', 'resolved')).toBe(r.mttr.meanMs)
    expect(pts.reduce((a, p) => a + p.incidents, 0)).toBe(r.incidents.opened)
  })

  it('the document charts exactly these values (in minutes, as the console does) and Markdown lists them', () => {
    const charts = clientPeriodDoc(r).blocks.flatMap((b) => (b.kind === 'chart' ? [b.chart] : []))
    expect(charts.map((c) => c.title)).toEqual(['Response times', 'Events vs incidents'])
    const [times, volume] = charts
    expect(times.xLabels).toEqual(['06-02', '06-03', '06-04', '06-05', '06-06', '06-07', '06-08'])
    expect(times.series.find((s) => s.name === 'MTTA')?.values).toEqual([812.5, 45, null, null, 40, 40, null])
    expect(volume.series.find((s) => s.name === 'Events')?.values).toEqual([100, 300, 150, 250, 200, 120, 80])
    const md = renderMarkdown(clientPeriodDoc(r))
    expect(md).toContain('| 06-02 | 13h 33m | 15h |')
  })
})
