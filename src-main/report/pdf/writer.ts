/**
 * The file format part of the PDF writer: objects, content streams, the cross-reference table and trailer
 * (PDF 1.4, ISO 32000-1 §7.5). Everything is built as a byte string (char codes 0–255, one per byte), so a
 * string index is a byte offset and the xref offsets are exact by construction.
 *
 * Content streams are left uncompressed: no zlib dependency, and the files stay small (text only) and greppable.
 */
import { FONTS } from './fonts'

export interface PdfPage {
  width: number
  height: number
  /** Content stream operators; byte string (ASCII in practice: text goes through `pdfString`). */
  content: string
}

export interface PdfInfo {
  title: string
  subject?: string
  creationDate: number
}

/**
 * A literal string for a WinAnsi byte string: `\`, `(` and `)` are escaped, and every byte outside printable
 * ASCII is written as an octal escape, so the content stream itself stays 7-bit clean.
 */
export const pdfString = (bytes: string): string => {
  let out = '('
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes.charCodeAt(i)
    if (c === 0x5c || c === 0x28 || c === 0x29) out += `\\${bytes[i]}`
    else if (c < 0x20 || c > 0x7e) out += `\\${c.toString(8).padStart(3, '0')}`
    else out += bytes[i]
  }
  return `${out})`
}

/** A text string outside content streams (document info): UTF-16BE with a byte-order mark, as hex. */
export const pdfTextString = (s: string): string => {
  const clean = s.replace(/[\u0000-\u001f\u007f]/g, ' ')
  let hex = 'FEFF'
  for (let i = 0; i < clean.length; i++) hex += clean.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')
  return `<${hex}>`
}

const pdfDate = (ms: number): string => {
  const d = new Date(ms)
  const p = (n: number) => String(n).padStart(2, '0')
  return `D:${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`
}

/** Numbers in content streams: at most 2 decimals, no exponent, no "-0". */
export const num = (n: number): string => {
  const r = Math.round(n * 100) / 100
  return Object.is(r, -0) ? '0' : String(r)
}

export const writePdf = (pages: PdfPage[], info: PdfInfo): Uint8Array => {
  // Fixed object numbers: 1 catalog, 2 page tree, 3–4 fonts, 5 info; then a page object and its content per page.
  const objects: string[] = []
  const pageRef = (i: number) => 6 + 2 * i
  const contentRef = (i: number) => 7 + 2 * i
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>'
  objects[2] = `<< /Type /Pages /Kids [${pages.map((_, i) => `${pageRef(i)} 0 R`).join(' ')}] /Count ${pages.length} >>`
  objects[3] = `<< /Type /Font /Subtype /Type1 /BaseFont /${FONTS.regular.baseFont} /Encoding /WinAnsiEncoding >>`
  objects[4] = `<< /Type /Font /Subtype /Type1 /BaseFont /${FONTS.bold.baseFont} /Encoding /WinAnsiEncoding >>`
  objects[5] =
    `<< /Title ${pdfTextString(info.title)}` +
    (info.subject ? ` /Subject ${pdfTextString(info.subject)}` : '') +
    ` /Producer ${pdfTextString('NOC console report writer')} /CreationDate (${pdfDate(info.creationDate)}) >>`
  const fonts = `/Font << /${FONTS.regular.resource} 3 0 R /${FONTS.bold.resource} 4 0 R >>`
  pages.forEach((p, i) => {
    objects[pageRef(i)] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${num(p.width)} ${num(p.height)}] ` +
      `/Resources << ${fonts} /ProcSet [/PDF /Text] >> /Contents ${contentRef(i)} 0 R >>`
    objects[contentRef(i)] = `<< /Length ${p.content.length} >>\nstream\n${p.content}\nendstream`
  })

  // A comment with four high bytes right after the header tells transfer tools the file is binary.
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n'
  const offsets: number[] = []
  for (let n = 1; n < objects.length; n++) {
    offsets[n] = out.length
    out += `${n} 0 obj\n${objects[n]}\nendobj\n`
  }
  const xref = out.length
  // Each xref entry is exactly 20 bytes: 10-digit offset, space, 5-digit generation, space, type, space, LF.
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`
  for (let n = 1; n < objects.length; n++) out += `${String(offsets[n]).padStart(10, '0')} 00000 n \n`
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xref}\n%%EOF\n`

  const bytes = new Uint8Array(out.length)
  for (let i = 0; i < out.length; i++) bytes[i] = out.charCodeAt(i) & 0xff
  return bytes
}
