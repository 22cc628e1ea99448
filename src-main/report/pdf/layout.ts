/**
 * Page layout on top of the writer: a cursor that moves down the page, text with line wrapping, filled boxes,
 * rules, page breaks, and "Page n of N" footers added once the page count is known.
 *
 * Coordinates are PDF points with the origin at the bottom left; `y` is the top of the next thing to draw.
 * Text passed in is Unicode; it is encoded to WinAnsi here (see winansi.ts) before measuring and writing.
 */
import { FONTS, textWidth, type FontName } from './fonts'
import { toWinAnsi } from './winansi'
import { num, pdfString, writePdf, type PdfInfo } from './writer'

export const A4 = { width: 595.28, height: 841.89 }

export interface LayoutOptions {
  width: number
  height: number
  margin: { top: number; right: number; bottom: number; left: number }
  /** Left part of every page footer. */
  footer: string
}

const DEFAULTS: LayoutOptions = { ...A4, margin: { top: 50, right: 44, bottom: 54, left: 44 }, footer: '' }

export const rgb = (hex: string): string => {
  const h = hex.replace('#', '')
  const c = (i: number) => num(parseInt(h.slice(i, i + 2), 16) / 255)
  return `${c(0)} ${c(2)} ${c(4)}`
}

const ELLIPSIS = '\x85'

export class PdfLayout {
  readonly o: LayoutOptions
  private readonly pages: string[][] = []
  private ops: string[] = []
  y = 0

  constructor(opts: Partial<LayoutOptions> = {}) {
    this.o = { ...DEFAULTS, ...opts, margin: { ...DEFAULTS.margin, ...opts.margin } }
    this.newPage()
  }

  get left(): number {
    return this.o.margin.left
  }
  get contentWidth(): number {
    return this.o.width - this.o.margin.left - this.o.margin.right
  }
  get top(): number {
    return this.o.height - this.o.margin.top
  }
  get bottom(): number {
    return this.o.margin.bottom
  }
  get pageCount(): number {
    return this.pages.length
  }
  /** Room left on this page, in points. */
  get room(): number {
    return this.y - this.bottom
  }

  newPage(): void {
    this.ops = []
    this.pages.push(this.ops)
    this.y = this.top
  }

  /** Start a new page unless `h` points still fit. True when a page was started. */
  ensure(h: number): boolean {
    if (this.y - h >= this.bottom || this.y === this.top) return false
    this.newPage()
    return true
  }

  space(h: number): void {
    this.y = Math.max(this.bottom, this.y - h)
  }

  /** Draw one already-encoded line with its baseline at `baseline`. */
  textAt(x: number, baseline: number, encoded: string, font: FontName, size: number, color = '#111111'): void {
    if (!encoded) return
    this.ops.push(`BT /${FONTS[font].resource} ${num(size)} Tf ${rgb(color)} rg ${num(x)} ${num(baseline)} Td ${pdfString(encoded)} Tj ET`)
  }

  fillRect(x: number, yBottom: number, w: number, h: number, color: string): void {
    this.ops.push(`${rgb(color)} rg ${num(x)} ${num(yBottom)} ${num(w)} ${num(h)} re f`)
  }

  strokeRect(x: number, yBottom: number, w: number, h: number, color = '#c8c8c8', width = 0.5): void {
    this.ops.push(`${rgb(color)} RG ${num(width)} w ${num(x)} ${num(yBottom)} ${num(w)} ${num(h)} re S`)
  }

  hline(x1: number, x2: number, y: number, color = '#c8c8c8', width = 0.5): void {
    this.ops.push(`${rgb(color)} RG ${num(width)} w ${num(x1)} ${num(y)} m ${num(x2)} ${num(y)} l S`)
  }

  width(encoded: string, font: FontName, size: number): number {
    return textWidth(encoded, font, size)
  }

  /**
   * Break Unicode text into encoded lines no wider than `maxWidth`: greedy by words; a word wider than the line
   * (a URL, a hash, a hostile 4000-character token) is cut by characters. Newlines in the text are kept.
   */
  wrap(text: string, font: FontName, size: number, maxWidth: number): string[] {
    const lines: string[] = []
    const paras = toWinAnsi(text).replace(/\r\n?/g, '\n').split('\n')
    for (const para of paras) {
      let line = ''
      for (const word of para.split(' ')) {
        if (!word) continue
        const candidate = line ? `${line} ${word}` : word
        if (textWidth(candidate, font, size) <= maxWidth) {
          line = candidate
          continue
        }
        if (line) lines.push(line)
        line = ''
        if (textWidth(word, font, size) <= maxWidth) {
          line = word
          continue
        }
        for (const ch of word) {
          if (line && textWidth(line + ch, font, size) > maxWidth) {
            lines.push(line)
            line = ''
          }
          line += ch
        }
      }
      lines.push(line)
    }
    return lines.length ? lines : ['']
  }

  /** Cut an encoded line to `maxWidth`, ending with an ellipsis when cut. */
  fit(encoded: string, font: FontName, size: number, maxWidth: number): string {
    if (textWidth(encoded, font, size) <= maxWidth) return encoded
    let s = encoded
    while (s && textWidth(s + ELLIPSIS, font, size) > maxWidth) s = s.slice(0, -1)
    return s + ELLIPSIS
  }

  /**
   * Flowing text: wrapped to the content width, a page break wherever the next line does not fit.
   * `indent` shifts it right (and narrows it).
   */
  paragraph(text: string, opts: { font?: FontName; size?: number; color?: string; leading?: number; indent?: number } = {}): void {
    const font = opts.font ?? 'regular'
    const size = opts.size ?? 9.5
    const leading = opts.leading ?? size * 1.32
    const x = this.left + (opts.indent ?? 0)
    for (const line of this.wrap(text, font, size, this.contentWidth - (opts.indent ?? 0))) {
      this.ensure(leading)
      this.textAt(x, this.y - size * 0.8, line, font, size, opts.color)
      this.y -= leading
    }
  }

  /** The finished file: footers with page numbers go on now that the count is known. */
  finish(info: PdfInfo): Uint8Array {
    const total = this.pages.length
    const size = 7.5
    const base = this.bottom - 24
    this.pages.forEach((ops, i) => {
      const label = toWinAnsi(`Page ${i + 1} of ${total}`)
      const labelW = textWidth(label, 'regular', size)
      const right = this.o.width - this.o.margin.right
      this.ops = ops
      this.hline(this.left, right, base + 11, '#bbbbbb', 0.4)
      this.textAt(this.left, base, this.fit(toWinAnsi(this.o.footer), 'regular', size, this.contentWidth - labelW - 16), 'regular', size, '#666666')
      this.textAt(right - labelW, base, label, 'regular', size, '#666666')
    })
    return writePdf(
      this.pages.map((ops) => ({ width: this.o.width, height: this.o.height, content: ops.join('\n') })),
      info,
    )
  }
}
