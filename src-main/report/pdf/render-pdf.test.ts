import { describe, expect, it } from 'vitest'
import { DocBuilder } from '../doc'
import { incidentReportDoc } from '../incident-doc'
import { buildIncidentReport } from '../incident-report'
import { HOSTILE, MIN, reportInput, SEC, T0 } from '../../testing/report-kit'
import { HAVE_POPPLER, pdfInfo, pdfText, squash } from '../../testing/poppler-kit'
import type { TimelineRow } from '../types'
import { renderPdf } from './render-pdf'

const longTimeline = (n: number): TimelineRow[] =>
  Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    incidentId: 'INC-1042',
    at: T0 + i * 30 * SEC,
    actor: i % 7 === 0 ? 'alice' : 'system',
    kind: i === 0 ? 'opened' : i % 7 === 0 ? 'note' : 'alert-joined',
    text: `step ${String(i).padStart(3, '0')} of the outage: alert number ${i} joined`,
    data: null,
  }))

describe('PDF file (no poppler needed)', () => {
  it('is a compressed PDF 1.7 with embedded, subset fonts and no standard (unembedded) font', () => {
    const m = buildIncidentReport(reportInput())
    const s = Buffer.from(renderPdf(incidentReportDoc(m), m.generatedAt)).toString('latin1')
    expect(s.startsWith('%PDF-1.7')).toBe(true)
    expect(s.trimEnd().endsWith('%%EOF')).toBe(true)
    expect(s).toContain('/FlateDecode')
    expect(s).toMatch(/\/FontFile2 \d+ 0 R/)
    // Subset fonts are named with a six-letter tag, "ABCDEF+NotoSans-Regular".
    expect(s).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSans-Regular/)
    expect(s).not.toMatch(/\/BaseFont \/Helvetica/)
  })
})

describe.skipIf(!HAVE_POPPLER)('PDF read back with poppler', () => {
  it('opens without complaints and shows the title and every timeline line', () => {
    const m = buildIncidentReport(reportInput())
    const bytes = renderPdf(incidentReportDoc(m), m.generatedAt)
    const info = pdfInfo(bytes)
    expect(info.stderr).toBe('')
    expect(info.fields.Title).toBe('INC-1042: Database latency high on billing')
    expect(info.fields['PDF version']).toBe('1.7')
    const { text, stderr } = pdfText(bytes)
    expect(stderr).toBe('')
    const flat = squash(text)
    expect(flat).toContain('INC-1042: Database latency high on billing')
    for (const e of m.timeline) expect(flat).toContain(squash(e.text))
    // Hostile alert text is just text in a PDF: it arrives intact, not dropped.
    expect(flat).toContain(HOSTILE)
    expect(flat).toContain('Time to acknowledge 4m 30s')
    expect(flat).toContain('Time to resolve 1h 06m')
    expect(flat).toContain(`Page 1 of ${info.fields.Pages}`)
  })

  it('breaks a long timeline over pages, numbered "Page n of N", with every entry present', () => {
    const m = buildIncidentReport(reportInput({ timeline: longTimeline(300), deliveries: [] }))
    const bytes = renderPdf(incidentReportDoc(m), m.generatedAt)
    const pages = Number(pdfInfo(bytes).fields.Pages)
    // 300 one-line rows at ~16 pt each need well over 5 A4 pages.
    expect(pages).toBeGreaterThanOrEqual(6)
    const flat = squash(pdfText(bytes).text)
    for (let i = 0; i < 300; i += 1) expect(flat).toContain(`step ${String(i).padStart(3, '0')} of the outage`)
    for (let p = 1; p <= pages; p++) expect(flat).toContain(`Page ${p} of ${pages}`)
    expect(flat).not.toContain(`Page ${pages + 1} of`)
  })

  it('splits a row taller than a page instead of losing it (a 6000-character note)', () => {
    const token = 'x'.repeat(6000)
    const timeline = [
      ...reportInput().timeline,
      { id: 99, incidentId: 'INC-1042', at: T0 + 95 * MIN, actor: 'mallory', kind: 'note' as const, text: `BEGIN ${token} END`, data: null },
    ]
    const m = buildIncidentReport(reportInput({ timeline }))
    const bytes = renderPdf(incidentReportDoc(m), m.generatedAt)
    const flat = squash(pdfText(bytes).text).replace(/ /g, '')
    expect(flat).toContain('BEGIN')
    expect(flat).toContain('END')
    // Every x made it onto some page (cut by characters, not truncated).
    expect((flat.match(/x/g) ?? []).length).toBeGreaterThanOrEqual(6000)
  })

  it('keeps typographic characters as they are (no more WinAnsi stand-ins)', () => {
    const doc = new DocBuilder().paragraph('Zürich → Kraków ≥ 5 € “quoted” — done… ✓').build('Unicode', 'sub', 'foot')
    const text = squash(pdfText(renderPdf(doc, T0)).text)
    expect(text).toContain('Zürich → Kraków ≥ 5 € “quoted” — done… ✓')
  })
})
