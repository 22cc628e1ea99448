/**
 * Doc → PDF with our own writer (no dependency, works in headless serve mode). A4 portrait, Helvetica, coloured
 * severity/priority boxes, tables that continue across pages with their header, "Page n of N" footers.
 */
import { cellText, cellTone, TONES, type Block, type Doc } from '../doc'
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
      L.paragraph(b.text, { font: 'bold', size })
      if (b.level === 2) L.hline(L.left, L.left + L.contentWidth, L.y + 2, '#bbbbbb', 0.6)
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
        const label = L.fit(L.wrap(item.label, 'bold', size, 200)[0] ?? '', 'bold', size, 200)
        const w = L.width(label, 'bold', size) + 14
        if (x + w > L.left + L.contentWidth) {
          x = L.left
          L.space(h + 4)
          L.ensure(h + 4)
        }
        const tone = TONES[item.tone]
        L.fillRect(x, L.y - h, w, h, tone.bg)
        L.textAt(x + 7, L.y - h + 4.6, label, 'bold', size, tone.fg)
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
  }
}

export const renderPdf = (doc: Doc, generatedAt: number): Uint8Array => {
  const L = new PdfLayout({ footer: doc.footer })
  L.paragraph(doc.title, { font: 'bold', size: 17, leading: 21 })
  L.space(2)
  L.paragraph(doc.subtitle, { size: 9.5, color: MUTED })
  L.space(6)
  for (const b of doc.blocks) block(L, b)
  return L.finish({ title: doc.title, subject: doc.subtitle, creationDate: generatedAt })
}
