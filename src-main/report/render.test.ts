import { describe, expect, it } from 'vitest'
import { periodInput } from '../testing/report-period-kit'
import { renderClientPeriodReport, renderIncidentExport, renderIncidentReport, renderInventory } from './render'
import { incident, reportInput, T0 } from '../testing/report-kit'
import { HAVE_POPPLER, pdfText, squash } from '../testing/poppler-kit'

const text = (body: string | Uint8Array): string => (typeof body === 'string' ? body.replace(/[\u2066-\u2069]/g, '') : Buffer.from(body).toString('latin1'))

describe('a resolved incident exports to every format', () => {
  it.each([
    ['md', 'text/markdown; charset=utf-8', '# INC-1042: Database latency high on billing'],
    ['html', 'text/html; charset=utf-8', '<h1 dir="auto">INC-1042: Database latency high on billing</h1>'],
    ['pdf', 'application/pdf', '%PDF-1.7'],
    ['json', 'application/json; charset=utf-8', '"kind": "incident-report"'],
  ] as const)('%s', (format, contentType, marker) => {
    const f = renderIncidentReport(reportInput(), format)
    expect(f.contentType).toBe(contentType)
    expect(f.filename).toBe(`INC-1042-report.${format}`)
    expect(f.headers['Content-Disposition']).toBe(`attachment; filename="INC-1042-report.${format}"`)
    expect(f.headers['X-Content-Type-Options']).toBe('nosniff')
    expect(f.headers['Content-Security-Policy']).toContain("default-src 'none'")
    expect(text(f.body)).toContain(marker)
  })

  it('JSON carries times as ISO 8601 UTC and durations as milliseconds', () => {
    const json = JSON.parse(renderIncidentReport(reportInput(), 'json').body as string)
    expect(json.summary.openedAt).toBe('2025-06-02T08:00:00Z')
    expect(json.times).toMatchObject({ firstAckAt: '2025-06-02T08:04:30Z', resolvedAt: '2025-06-02T09:06:00Z', tta: 270000, ttr: 3960000, ttd: 90000 })
    expect(json.timeline[0]).toMatchObject({ at: '2025-06-02T07:58:30Z', offsetMs: -90000, kind: 'first-event' })
    expect(json.alerts[0].firstSeen).toBe('2025-06-02T07:58:30Z')
    expect(json.generatedAt).toBe('2025-06-04T08:00:00Z')
  })

  it('inline disposition on request (print from the browser)', () => {
    expect(renderIncidentReport(reportInput(), 'html', { inline: true }).headers['Content-Disposition']).toMatch(/^inline;/)
  })
})

describe('client period report and other files', () => {
  it('renders md, html, csv, json; file names from hostile client ids stay safe', () => {
    for (const format of ['md', 'html', 'csv', 'json'] as const) {
      const f = renderClientPeriodReport(periodInput(), format)
      expect(f.filename).toBe(`acme-2025-W23-report.${format}`)
    }
    const evil = periodInput({ client: { id: '../../etc/"passwd', name: 'x', tier: 'gold' } })
    const f = renderClientPeriodReport({ ...evil, incidents: [] }, 'csv')
    expect(f.filename).toBe('etc_passwd-2025-W23-report.csv')
    expect(f.headers['Content-Disposition']).toBe('attachment; filename="etc_passwd-2025-W23-report.csv"')
  })

  it('incident export: CSV and JSON with a timestamped name', () => {
    const f = renderIncidentExport([incident()], 'csv', { now: T0 })
    expect(f.filename).toBe('incidents-20250602T080000Z.csv')
    expect(f.contentType).toBe('text/csv; charset=utf-8; header=present')
    expect((f.body as string).split('\r\n')[1].startsWith('INC-1042,P1,acme,')).toBe(true)
    expect(JSON.parse(renderIncidentExport([incident()], 'json', { now: T0 }).body as string).count).toBe(1)
  })

  it('inventory renders as csv and pdf', () => {
    const input = { from: T0, to: T0 + 86_400_000, generatedAt: T0, rows: [{ client: 'acme', group: 'db', resource: 'db-01', firstSeen: T0, lastSeen: T0 }] }
    expect(renderInventory(input, 'csv').body).toContain('acme,db,db-01,')
    expect(text(renderInventory(input, 'pdf').body).startsWith('%PDF-1.7')).toBe(true)
  })

  it.skipIf(!HAVE_POPPLER)('the client period PDF shows MTTA, MTTR and the SLA breaches', () => {
    const f = renderClientPeriodReport(periodInput(), 'pdf')
    const t = squash(pdfText(f.body as Uint8Array).text)
    expect(t).toContain('Service report: Acme Corp, 2025-W23')
    expect(t).toContain('MTTA 5h 50m (median 40m 00s, 5 incidents)')
    expect(t).toContain('MTTR 6h 40m (median 1h 00m, 5 incidents)')
    expect(t).toContain('Ack SLA breaches 3 of 6 (50.0%)')
    for (const id of ['INC-2', 'INC-4', 'INC-6']) expect(t).toContain(id)
  })
})
