/**
 * The faces a PDF report draws with, and which one draws each character.
 *
 * | face   | file (resources/fonts)              | covers                                               |
 * |--------|-------------------------------------|------------------------------------------------------|
 * | latin  | Noto Sans Regular / Bold            | Latin with every accent, Cyrillic, Greek, punctuation |
 * | arabic | Vazirmatn NL Regular / Bold         | Arabic, Persian, Urdu letters, Arabic punctuation     |
 * | hebrew | Noto Sans Hebrew Regular / Bold     | Hebrew with points                                    |
 * | jp     | Noto Sans JP Regular                | kana, kanji (JIS), arrows and math (→ ≥ ✓)            |
 * | sc     | Noto Sans SC Regular                | simplified and traditional hanzi                      |
 * | kr     | Noto Sans KR Regular                | Hangul                                                |
 * | emoji  | Noto Emoji Regular (monochrome)     | emoji, including ZWJ sequences and keycaps            |
 *
 * Vazirmatn rather than Noto Sans Arabic: Noto draws the dotted letters as a shared dotless body plus dot marks,
 * so one glyph stands for ب ت ث ن ي and a PDF's glyph→text map cannot say which — text extraction then turns
 * يستجيب into يسيجيب. Vazirmatn has one glyph per letter form. The CJK and emoji faces have no bold file in
 * resources/ (it would double the largest files): bold is drawn by stroking the outline (`fakeBold`).
 */
import * as fontkit from 'fontkit'
import { fontBuffer } from './font-files'

export type Weight = 'regular' | 'bold'
export type FaceId = 'latin' | 'arabic' | 'hebrew' | 'jp' | 'sc' | 'kr' | 'emoji'

const FILES: Record<FaceId, Record<Weight, string>> = {
  latin: { regular: 'NotoSans-Regular.ttf', bold: 'NotoSans-Bold.ttf' },
  arabic: { regular: 'Vazirmatn-NL-Regular.ttf', bold: 'Vazirmatn-NL-Bold.ttf' },
  hebrew: { regular: 'NotoSansHebrew-Regular.woff', bold: 'NotoSansHebrew-Bold.woff' },
  jp: { regular: 'NotoSansJP-Regular.ttf', bold: 'NotoSansJP-Regular.ttf' },
  sc: { regular: 'NotoSansSC-Regular.ttf', bold: 'NotoSansSC-Regular.ttf' },
  kr: { regular: 'NotoSansKR-Regular.ttf', bold: 'NotoSansKR-Regular.ttf' },
  emoji: { regular: 'NotoEmoji-Regular.ttf', bold: 'NotoEmoji-Regular.ttf' },
}

/** Where a character no face has a glyph for still finds one, most general first. */
export const FALLBACK_ORDER: FaceId[] = ['latin', 'jp', 'sc', 'kr', 'arabic', 'hebrew', 'emoji']

export interface Face {
  id: FaceId
  weight: Weight
  /** pdfkit font name, unique per file. */
  key: string
  file: string
  /** Bold requested but the file is the regular one: stroke the outline. */
  fakeBold: boolean
  font: fontkit.Font
  /** Ascender and descender in 1/1000 em (descender negative). */
  ascender: number
  descender: number
  has(cp: number): boolean
  /** Advance width of a shaped run in 1/1000 em. */
  width(text: string): number
}

const faces = new Map<string, Face>()

const open = (file: string): fontkit.Font => {
  const f = fontkit.create(fontBuffer(file))
  if ('fonts' in f) throw new Error(`${file} is a font collection`)
  return f
}

const opened = new Map<string, fontkit.Font>()

export const face = (id: FaceId, weight: Weight): Face => {
  const k = `${id}:${weight}`
  let f = faces.get(k)
  if (f) return f
  const file = FILES[id][weight]
  let font = opened.get(file)
  if (!font) opened.set(file, (font = open(file)))
  const scale = 1000 / font.unitsPerEm
  const widths = new Map<string, number>()
  const covered = new Map<number, boolean>()
  const fk = font
  f = {
    id,
    weight,
    key: file.replace(/\.\w+$/, ''),
    file,
    fakeBold: weight === 'bold' && FILES[id].bold === FILES[id].regular,
    font,
    ascender: font.ascent * scale,
    descender: font.descent * scale,
    has(cp) {
      let v = covered.get(cp)
      if (v === undefined) covered.set(cp, (v = fk.hasGlyphForCodePoint(cp)))
      return v
    },
    width(text) {
      let w = widths.get(text)
      if (w === undefined) {
        // An empty feature list makes fontkit shape the run as a whole (what pdfkit draws with `features: []`).
        w = fk.layout(text, []).advanceWidth * scale
        if (widths.size > 20_000) widths.clear()
        widths.set(text, w)
      }
      return w
    },
  }
  faces.set(k, f)
  return f
}
