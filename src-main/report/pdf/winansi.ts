/**
 * Unicode → WinAnsiEncoding (PDF 1.4 Annex D), the encoding of the standard Helvetica fonts we use. The result is
 * a "byte string": every char code is 0–255 and stands for one byte of the PDF text.
 *
 * WinAnsi is Latin-1 for 0xA0–0xFF plus typographic extras at 0x80–0x9F. Anything else is mapped to a close
 * ASCII spelling (→ "->", ≥ ">="), else stripped of accents (ő → o), else "?". Control, zero-width and bidi
 * override characters are dropped: they are invisible in the source and only ever used to mislead.
 */

const HIGH: Record<number, number> = {
  0x20ac: 0x80, 0x201a: 0x82, 0x0192: 0x83, 0x201e: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87, 0x02c6: 0x88,
  0x2030: 0x89, 0x0160: 0x8a, 0x2039: 0x8b, 0x0152: 0x8c, 0x017d: 0x8e, 0x2018: 0x91, 0x2019: 0x92, 0x201c: 0x93,
  0x201d: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02dc: 0x98, 0x2122: 0x99, 0x0161: 0x9a, 0x203a: 0x9b,
  0x0153: 0x9c, 0x017e: 0x9e, 0x0178: 0x9f,
}

const SPELLED: Record<string, string> = {
  '→': '->', '←': '<-', '↔': '<->', '⇒': '=>', '⇄': '<->', '≥': '>=', '≤': '<=', '≠': '!=', '≈': '~',
  '−': '-', '‐': '-', '‑': '-', '‒': '-', '―': '-', '′': "'", '″': '"', '✓': 'v', '✔': 'v', '✗': 'x', '✘': 'x',
  '⚠': '!', '\u2028': ' ', '\u2029': ' ',
}

const DROP = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/

const encodeChar = (ch: string): string => {
  const cp = ch.codePointAt(0) as number
  if ((cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff)) return ch
  if (cp === 0x09) return ' '
  if (cp === 0x0a || cp === 0x0d) return ch
  const high = HIGH[cp]
  if (high !== undefined) return String.fromCharCode(high)
  if (DROP.test(ch)) return ''
  const spelled = SPELLED[ch]
  if (spelled !== undefined) return spelled
  // Letters with accents WinAnsi lacks (ő, ł is not decomposable and falls to "?"): drop the combining marks.
  const base = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
  if (base && base !== ch && [...base].every((c) => encodeChar(c) === c)) return base
  return '?'
}

/** Encode a string for a WinAnsi font. Newlines (\n, \r) are kept for the line breaker; tabs become spaces. */
export const toWinAnsi = (s: string): string => {
  let out = ''
  for (const ch of s) out += encodeChar(ch)
  return out
}
