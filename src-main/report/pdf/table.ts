/**
 * Tables for the PDF: proportional column widths, wrapped cells, a header row repeated on every page the table
 * spans, coloured (toned) cells, and rows split across pages when a single row is taller than a page (one
 * hostile 4000-character alert summary must not push text off the page or loop forever). Cells align to their
 * column (`right` for numbers) or to their own direction: an Arabic or Hebrew cell reads from the right.
 */
import { TONES, type Tone } from '../doc'
import type { Weight } from './fonts'
import type { PdfLayout } from './layout'
import type { LineBox } from './text'

export interface PdfCell {
  text: string
  tone?: Tone
}

export interface PdfTableOptions {
  columns: { width: number; align?: 'left' | 'right' }[]
  header?: string[]
  size?: number
  /** Grid lines and a zebra fill (data tables) or none (label/value lists). */
  grid?: boolean
  /** First column bold (label/value lists). */
  boldFirst?: boolean
  /** `cell`: the whole cell takes the tone colour (tables); `badge`: a box behind the text only (facts). */
  toneStyle?: 'cell' | 'badge'
}

interface PreparedRow {
  lines: LineBox[][]
  tones: (Tone | undefined)[]
  weights: Weight[]
  fill?: string
}

export const drawTable = (L: PdfLayout, rows: PdfCell[][], opts: PdfTableOptions): void => {
  const size = opts.size ?? 8.5
  const leading = size * 1.36
  const pad = opts.grid === false ? 2 : 3.2
  const grid = opts.grid !== false
  const total = opts.columns.reduce((a, c) => a + c.width, 0)
  const widths = opts.columns.map((c) => (L.contentWidth * c.width) / total)
  const xs = widths.map((_, i) => L.left + widths.slice(0, i).reduce((a, b) => a + b, 0))

  const prepare = (cells: PdfCell[], weight: (i: number) => Weight, fill?: string): PreparedRow => {
    const weights = opts.columns.map((_, i) => weight(i))
    return {
      lines: opts.columns.map((_, i) => L.lines(cells[i]?.text ?? '', weights[i], size, widths[i] - 2 * pad)),
      tones: opts.columns.map((_, i) => cells[i]?.tone),
      weights,
      fill,
    }
  }
  const header = opts.header ? prepare(opts.header.map((text) => ({ text })), () => 'bold', '#eeeeee') : null
  const heightOf = (n: number) => n * leading + 2 * pad

  /** Draw lines [from, to) of every cell as one band at the cursor. */
  const band = (row: PreparedRow, from: number, to: number): void => {
    const h = heightOf(to - from)
    const top = L.y
    widths.forEach((w, i) => {
      const tone = row.tones[i]
      const cellLines = row.lines[i].slice(from, to)
      if (row.fill) L.fillRect(xs[i], top, w, h, row.fill)
      if (tone && opts.toneStyle !== 'badge') L.fillRect(xs[i], top, w, h, TONES[tone].bg)
      if (tone && opts.toneStyle === 'badge' && cellLines.length) {
        const tw = Math.max(...cellLines.map((l) => l.width))
        L.fillRect(xs[i] + pad - 2.5, top + pad - 1, tw + 5, cellLines.length * leading + 1.5, TONES[tone].bg)
      }
      if (grid) L.strokeRect(xs[i], top, w, h)
      const color = tone ? TONES[tone].fg : '#111111'
      const align = opts.columns[i].align === 'right' ? 'right' : 'start'
      cellLines.forEach((line, k) => {
        const baseline = top + pad + size * 0.98 + k * leading
        // A badge hugs its text, so its text starts at the left whatever the direction.
        L.drawLine(line, xs[i] + pad, baseline, size, color, opts.toneStyle === 'badge' && tone ? 'left' : align, w - 2 * pad)
      })
    })
    L.y = top + h
  }

  const headerLines = header ? Math.max(...header.lines.map((l) => l.length)) : 0
  const drawHeader = (): void => {
    if (header) band(header, 0, headerLines)
  }

  const headerH = header ? heightOf(headerLines) : 0
  // Keep the header with at least one line of the first row.
  L.ensure(headerH + heightOf(1))
  drawHeader()
  const newPage = () => {
    L.newPage()
    drawHeader()
  }
  const freshY = L.top + headerH
  const fullFits = Math.floor((L.bottom - freshY - 2 * pad + 0.01) / leading)

  rows.forEach((cells, r) => {
    const row = prepare(cells, (i) => (opts.boldFirst && i === 0 ? 'bold' : 'regular'), grid && r % 2 === 1 ? '#f7f7f7' : undefined)
    const count = Math.max(1, ...row.lines.map((l) => l.length))
    let from = 0
    while (from < count) {
      const fresh = Math.abs(L.y - freshY) < 0.01
      // On a fresh page at least one line always goes out, so a page too short for any line cannot loop forever.
      const fits = Math.max(fresh ? 1 : 0, Math.floor((L.room - 2 * pad + 0.01) / leading))
      const need = count - from
      if (need <= fits) {
        band(row, from, count)
        return
      }
      // Move a whole row to the next page when it fits there; split it only when it is taller than a page.
      if (fits < 1 || (from === 0 && !fresh && need <= fullFits)) {
        newPage()
        continue
      }
      band(row, from, from + fits)
      from += fits
      newPage()
    }
  })
}
