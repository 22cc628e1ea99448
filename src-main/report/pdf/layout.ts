/**
 * Page layout on top of pdfkit: a cursor that moves down the page, wrapped text (text.ts decides lines and
 * runs, pdfkit embeds the font subsets and writes the file), filled boxes, rules, page breaks, and
 * "Page n of N" footers added once the page count is known.
 *
 * Coordinates are pdfkit's: points, origin at the top left, `y` growing down; `y` is the top of the next thing.
 */
import PDFDocument from 'pdfkit'
import { stripIsolates } from '../doc'
import type { Face, Weight } from './fonts'
import { fitLine, layoutText, type LineBox } from './text'

export const A4 = { width: 595.28, height: 841.89 }

export interface LayoutOptions {
  width: number
  height: number
  margin: { top: number; right: number; bottom: number; left: number }
  /** Left part of every page footer. */
  footer: string
}

export interface PdfInfo {
  title: string
  subject?: string
  creationDate: number
}

const DEFAULTS: LayoutOptions = { ...A4, margin: { top: 50, right: 44, bottom: 54, left: 44 }, footer: '' }

export type Align = 'left' | 'right' | 'start'

export class PdfLayout {
  readonly o: LayoutOptions
  readonly doc: PDFKit.PDFDocument
  private readonly registered = new Set<string>()
  y = 0

  constructor(info: PdfInfo, opts: Partial<LayoutOptions> = {}) {
    this.o = { ...DEFAULTS, ...opts, margin: { ...DEFAULTS.margin, ...opts.margin } }
    this.doc = new PDFDocument({
      autoFirstPage: false,
      bufferPages: true,
      margin: 0,
      // No standard-14 font: every glyph comes from an embedded face, and pdfkit need not find its AFM files
      // (which it could not once bundled into the desktop app's main process).
      font: '',
      pdfVersion: '1.7',
      displayTitle: true,
      info: {
        Title: stripIsolates(info.title),
        ...(info.subject ? { Subject: stripIsolates(info.subject) } : {}),
        Producer: 'NOC console (pdfkit)',
        Creator: 'NOC console',
        CreationDate: new Date(info.creationDate),
      },
    })
    this.newPage()
  }

  get left(): number {
    return this.o.margin.left
  }
  get contentWidth(): number {
    return this.o.width - this.o.margin.left - this.o.margin.right
  }
  get top(): number {
    return this.o.margin.top
  }
  get bottom(): number {
    return this.o.height - this.o.margin.bottom
  }
  get pageCount(): number {
    return this.doc.bufferedPageRange().count
  }
  /** Room left on this page, in points. */
  get room(): number {
    return this.bottom - this.y
  }

  newPage(): void {
    this.doc.addPage({ size: [this.o.width, this.o.height], margin: 0 })
    this.y = this.top
  }

  /** Start a new page unless `h` points still fit. True when a page was started. */
  ensure(h: number): boolean {
    if (this.y + h <= this.bottom || this.y === this.top) return false
    this.newPage()
    return true
  }

  space(h: number): void {
    this.y = Math.min(this.bottom, this.y + h)
  }

  lines(text: string, weight: Weight, size: number, maxWidth: number): LineBox[] {
    return layoutText(text, { weight, size }, maxWidth)
  }

  fit(text: string, weight: Weight, size: number, maxWidth: number): LineBox {
    return fitLine(text, { weight, size }, maxWidth)
  }

  /**
   * Draw one laid-out line with its baseline at `baseline`, inside a box [x, x + boxWidth]: `start` aligns a
   * right-to-left paragraph to the right edge and any other to the left.
   */
  drawLine(line: LineBox, x: number, baseline: number, size: number, color = '#111111', align: Align = 'start', boxWidth = 0): void {
    const right = align === 'right' || (align === 'start' && line.rtl)
    const x0 = right ? x + boxWidth - line.width : x
    const d = this.doc
    for (const p of [...line.pieces].sort((a, b) => a.logical - b.logical)) {
      if (!p.text) continue
      if (!this.registered.has(p.face.key)) {
        // The parsed fontkit font itself (pdfkit ≥ 0.17 takes one): parsing a face's tables once per process
        // instead of once per report is most of a report's cost.
        d.registerFont(p.face.key, p.face.font as unknown as Buffer)
        this.registered.add(p.face.key)
      }
      d.font(p.face.key).fontSize(size).fillColor(color)
      if (p.face.fakeBold) d.lineWidth(size * 0.035).strokeColor(color)
      if (p.actual) d.markContent('Span', { actual: p.actual } as never)
      // `features: []` makes pdfkit shape the piece as one run (without it, it shapes word by word, which
      // puts right-to-left words in left-to-right order).
      d.text(p.text, x0 + p.x, baseline, { lineBreak: false, baseline: 'alphabetic', features: [], fill: true, stroke: p.face.fakeBold })
      if (p.actual) d.endMarkedContent()
      if (p.rtl) visualLigatureMap(d, p.face, p.text)
    }
  }

  fillRect(x: number, y: number, w: number, h: number, color: string): void {
    this.doc.rect(x, y, w, h).fill(color)
  }

  strokeRect(x: number, y: number, w: number, h: number, color = '#c8c8c8', width = 0.5): void {
    this.doc.lineWidth(width).rect(x, y, w, h).stroke(color)
  }

  hline(x1: number, x2: number, y: number, color = '#c8c8c8', width = 0.5): void {
    this.doc.lineWidth(width).moveTo(x1, y).lineTo(x2, y).stroke(color)
  }

  /**
   * Flowing text: wrapped to the content width, a page break wherever the next line does not fit.
   * `indent` shifts it right (and narrows it).
   */
  paragraph(text: string, opts: { weight?: Weight; size?: number; color?: string; leading?: number; indent?: number } = {}): void {
    const weight = opts.weight ?? 'regular'
    const size = opts.size ?? 9.5
    const leading = opts.leading ?? size * 1.38
    const x = this.left + (opts.indent ?? 0)
    const w = this.contentWidth - (opts.indent ?? 0)
    for (const line of this.lines(text, weight, size, w)) {
      this.ensure(leading)
      this.drawLine(line, x, this.y + size * 0.95, size, opts.color, 'start', w)
      this.y += leading
    }
  }

  /** The finished file: footers with page numbers go on now that the count is known. */
  finish(): Uint8Array {
    const total = this.pageCount
    const size = 7.5
    const base = this.bottom + 28
    const right = this.o.width - this.o.margin.right
    for (let i = 0; i < total; i++) {
      this.doc.switchToPage(i)
      const label = this.fit(`Page ${i + 1} of ${total}`, 'regular', size, 120)
      this.hline(this.left, right, base - 10, '#bbbbbb', 0.4)
      this.drawLine(this.fit(this.o.footer, 'regular', size, this.contentWidth - label.width - 16), this.left, base, size, '#666666', 'left')
      this.drawLine(label, right - label.width, base, size, '#666666', 'left')
    }
    this.doc.flushPages()
    return readAll(this.doc)
  }
}

/**
 * pdfkit maps each glyph to the characters it was made from, in logical order. Text extractors (poppler, pdf.js)
 * rebuild right-to-left text from glyph positions and then reverse it, so a glyph standing for several characters
 * (the lam-alef ligature ﻻ = ل + ا) came out backwards ("ال"). Its map entry is given in visual order instead.
 * This reaches into pdfkit's embedded-font object (`_font.subset`, `_font.unicode`): the extraction tests in
 * render-pdf.test.ts fail if a pdfkit upgrade moves them.
 */
const visualLigatureMap = (doc: PDFKit.PDFDocument, face: Face, text: string): void => {
  const ef = (doc as unknown as { _font?: { subset?: { includeGlyph(id: number): number }; unicode?: number[][] } })._font
  if (!ef?.subset || !ef.unicode) return
  for (const g of face.font.layout(text, []).glyphs) {
    if (g.codePoints.length > 1) ef.unicode[ef.subset.includeGlyph(g.id)] = [...g.codePoints].reverse()
  }
}

/**
 * pdfkit writes into a readable stream; nothing in a report is asynchronous (fonts are buffers, compression is
 * synchronous), so after `end()` the whole file sits in the stream's buffer and is read out at once.
 */
const readAll = (doc: PDFKit.PDFDocument): Uint8Array => {
  doc.end()
  const chunks: Buffer[] = []
  for (let c = doc.read() as Buffer | null; c !== null; c = doc.read() as Buffer | null) chunks.push(c)
  const out = Buffer.concat(chunks)
  if (out.subarray(-6).toString('latin1').trim() !== '%%EOF') throw new Error('PDF incomplete after end()')
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength)
}
