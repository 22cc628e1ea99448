/**
 * Tables for the PDF: proportional column widths, wrapped cells, a header row repeated on every page the table
 * spans, coloured (toned) cells, and rows split across pages when a single row is taller than a page (one
 * hostile 4000-character alert summary must not push text off the page or loop forever).
 */
import { TONES, type Tone } from '../doc'
import type { FontName } from './fonts'
import type { PdfLayout } from './layout'

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
  lines: string[][]
  tones: (Tone | undefined)[]
  fonts: FontName[]
  fill?: string
}

export const drawTable = (L: PdfLayout, rows: PdfCell[][], opts: PdfTableOptions): void => {
  const size = opts.size ?? 8.5
  const leading = size * 1.28
  const pad = opts.grid === false ? 2 : 3.2
  const grid = opts.grid !== false
  const total = opts.columns.reduce((a, c) => a + c.width, 0)
  const widths = opts.columns.map((c) => (L.contentWidth * c.width) / total)
  const xs = widths.map((_, i) => L.left + widths.slice(0, i).reduce((a, b) => a + b, 0))

  const prepare = (cells: PdfCell[], font: (i: number) => FontName, fill?: string): PreparedRow => {
    const fonts = opts.columns.map((_, i) => font(i))
    return {
      lines: opts.columns.map((_, i) => L.wrap(cells[i]?.text ?? '', fonts[i], size, widths[i] - 2 * pad)),
      tones: opts.columns.map((_, i) => cells[i]?.tone),
      fonts,
      fill,
    }
  }
  const header = opts.header ? prepare(opts.header.map((text) => ({ text })), () => 'bold', '#eeeeee') : null
  const heightOf = (n: number) => n * leading + 2 * pad

  /** Draw lines [from, to) of every cell as one band at the cursor. */
  const band = (row: PreparedRow, from: number, to: number): void => {
    const h = heightOf(to - from)
    const yBottom = L.y - h
    widths.forEach((w, i) => {
      const tone = row.tones[i]
      const cellLines = row.lines[i].slice(from, to)
      if (row.fill) L.fillRect(xs[i], yBottom, w, h, row.fill)
      if (tone && opts.toneStyle !== 'badge') L.fillRect(xs[i], yBottom, w, h, TONES[tone].bg)
      if (tone && opts.toneStyle === 'badge' && cellLines.length) {
        // Box from just below the last line's descenders to just above the first line's capitals.
        const tw = Math.max(...cellLines.map((l) => L.width(l, row.fonts[i], size)))
        const firstBase = L.y - pad - size * 0.8
        const lastBase = firstBase - (cellLines.length - 1) * leading
        L.fillRect(xs[i] + pad - 2.5, lastBase - size * 0.28, tw + 5, firstBase - lastBase + size * 1.14, TONES[tone].bg)
      }
      if (grid) L.strokeRect(xs[i], yBottom, w, h)
      const color = tone ? TONES[tone].fg : '#111111'
      cellLines.forEach((line, k) => {
        const baseline = L.y - pad - size * 0.8 - k * leading
        const x = opts.columns[i].align === 'right' ? xs[i] + w - pad - L.width(line, row.fonts[i], size) : xs[i] + pad
        L.textAt(x, baseline, line, row.fonts[i], size, color)
      })
    })
    L.y = yBottom
  }

  const drawHeader = (): void => {
    if (header) band(header, 0, Math.max(...header.lines.map((l) => l.length)))
  }

  const headerH = header ? heightOf(Math.max(...header.lines.map((l) => l.length))) : 0
  // Keep the header with at least one line of the first row.
  L.ensure(headerH + heightOf(1))
  drawHeader()
  const newPage = () => {
    L.newPage()
    drawHeader()
  }
  const freshY = L.top - headerH
  const fullFits = Math.floor((freshY - L.bottom - 2 * pad + 0.01) / leading)

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
