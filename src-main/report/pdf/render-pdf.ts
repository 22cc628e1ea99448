/**
 * Doc → PDF with pdfkit (works in headless serve mode and in the desktop app alike): A4 portrait, embedded font
 * subsets for every script (fonts.ts), coloured severity/priority boxes, tables that continue across pages with
 * their header, vector charts, "Page n of N" footers. Text stays text: selectable, searchable, extractable.
 */
import { cellText, cellTone, TONES, type Block, type Doc } from '../doc'
import { drawChart } from './chart'
import { PdfLayout } from './layout'
import { drawTable } from './table'

const MUTED = '#555555'

const block = (L: PdfLayout, b: Block): void => {
  switch (b.kind) {
    case 'heading': {
      const size = b.level === 2 ? 12.5 : 10.5
      // Keep a heading with what follows it: never the last thing on a page.
      L.space(b.level === 2 ? 10 : 6)
      L.ensure(size * 1.4 + 48)
      L.paragraph(b.text, { weight: 'bold', size })
      if (b.level === 2) L.hline(L.left, L.left + L.contentWidth, L.y - 1, '#bbbbbb', 0.6)
      L.space(4)
      return
    }
    case 'paragraph':
      L.paragraph(b.text, { size: 9.5, color: b.muted ? MUTED : undefined })
      L.space(4)
      return
    case 'badges': {
      const size = 9.5
      const h = 16
      let x = L.left
      L.ensure(h + 4)
      for (const item of b.items) {
        const label = L.fit(item.label, 'bold', size, 200)
        const w = label.width + 14
        if (x + w > L.left + L.contentWidth) {
          x = L.left
          L.space(h + 4)
          L.ensure(h + 4)
        }
        const tone = TONES[item.tone]
        L.fillRect(x, L.y, w, h, tone.bg)
        L.drawLine(label, x + 7, L.y + h - 4.6, size, tone.fg, 'left')
        x += w + 6
      }
      L.space(h + 8)
      return
    }
    case 'facts':
      drawTable(
        L,
        b.items.map((i) => [{ text: i.label }, { text: i.value, tone: i.tone }]),
        { columns: [{ width: 1 }, { width: 3.2 }], grid: false, boldFirst: true, size: 9, toneStyle: 'badge' },
      )
      L.space(6)
      return
    case 'table':
      if (!b.rows.length) {
        L.paragraph(b.empty ?? 'none', { size: 9, color: MUTED })
        L.space(4)
        return
      }
      drawTable(
        L,
        b.rows.map((r) => r.map((c) => ({ text: cellText(c), tone: cellTone(c) }))),
        { columns: b.columns, header: b.columns.map((c) => c.title), size: 8.3, toneStyle: 'cell' },
      )
      L.space(8)
      return
    case 'chart':
      L.space(4)
      drawChart(L, b.chart)
      L.space(10)
      return
  }
}

export const renderPdf = (doc: Doc, generatedAt: number): Uint8Array => {
  const L = new PdfLayout({ title: doc.title, subject: doc.subtitle, creationDate: generatedAt }, { footer: doc.footer })
  L.paragraph(doc.title, { weight: 'bold', size: 17, leading: 22 })
  L.space(2)
  L.paragraph(doc.subtitle, { size: 9.5, color: MUTED })
  L.space(6)
  for (const b of doc.blocks) block(L, b)
  return L.finish()
}
