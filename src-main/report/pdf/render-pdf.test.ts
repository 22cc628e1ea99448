import { describe, expect, it } from 'vitest'
import { DocBuilder } from '../doc'
import { incidentReportDoc } from '../incident-doc'
import { buildIncidentReport } from '../incident-report'
import { HOSTILE, MIN, reportInput, SEC, T0 } from '../../testing/report-kit'
import { HAVE_POPPLER, pdfInfo, pdfText, squash } from '../../testing/poppler-kit'
import type { TimelineRow } from '../types'
import { renderPdf } from './render-pdf'

const latin1 = (bytes: Uint8Array): string => Array.from(bytes, (b) => String.fromCharCode(b)).join('')

/** Check the file structure ourselves: every xref offset points at its object, startxref at the table. */
const checkXref = (bytes: Uint8Array): number => {
  const s = latin1(bytes)
  expect(s.startsWith('%PDF-1.4\n')).toBe(true)
  expect(s.endsWith('%%EOF\n')).toBe(true)
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(s)?.[1])
  expect(s.slice(startxref, startxref + 5)).toBe('xref\n')
  const head = /^xref\n0 (\d+)\n/.exec(s.slice(startxref))
  const size = Number(head?.[1])
  const table = s.slice(startxref + (head?.[0].length ?? 0))
  for (let n = 1; n < size; n++) {
    const entry = table.slice(n * 20, n * 20 + 20)
    expect(entry).toMatch(/^\d{10} 00000 n \n$/)
    const offset = Number(entry.slice(0, 10))
    expect(s.slice(offset, offset + `${n} 0 obj`.length)).toBe(`${n} 0 obj`)
  }
  // Every stream's /Length is its exact byte count.
  for (const m of s.matchAll(/<< \/Length (\d+) >>\nstream\n/g)) {
    const start = (m.index as number) + m[0].length
    expect(s.slice(start + Number(m[1]), start + Number(m[1]) + 10)).toBe('\nendstream')
  }
  return size
}

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

describe('PDF writer: file structure (no poppler needed)', () => {
  it('writes a PDF 1.4 file whose xref offsets and stream lengths are exact', () => {
    const m = buildIncidentReport(reportInput())
    const size = checkXref(renderPdf(incidentReportDoc(m), m.generatedAt))
    expect(size).toBeGreaterThanOrEqual(8)
  })

  it('stays 7-bit clean in content streams: non-ASCII text is octal-escaped WinAnsi', () => {
    const doc = new DocBuilder().paragraph('Zürich → Łódź ≥ 5 € ✓ 日本').build('t', 's', 'f')
    const s = latin1(renderPdf(doc, T0))
    // ü = 0xFC = \374, € = 0x80 = \200; the arrow spelled out; CJK and Ł replaced by "?".
    expect(s).toContain('(Z\\374rich -> ?\\363dz >= 5 \\200 v ??) Tj')
  })
})

describe.skipIf(!HAVE_POPPLER)('PDF read back with poppler', () => {
  it('opens without complaints and shows the title and every timeline line', () => {
    const m = buildIncidentReport(reportInput())
    const bytes = renderPdf(incidentReportDoc(m), m.generatedAt)
    const info = pdfInfo(bytes)
    expect(info.stderr).toBe('')
    expect(info.fields.Title).toBe('INC-1042: Database latency high on billing')
    expect(info.fields['PDF version']).toBe('1.4')
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
    checkXref(bytes)
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

  it('maps text outside WinAnsi to readable replacements', () => {
    const doc = new DocBuilder().paragraph('Zürich → Kraków ≥ 5 € “quoted” — done… 日本').build('Unicode', 'sub', 'foot')
    const text = squash(pdfText(renderPdf(doc, T0)).text)
    expect(text).toContain('Zürich -> Kraków >= 5 € “quoted” — done… ??')
  })
})
