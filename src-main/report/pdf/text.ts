/**
 * Unicode text → lines of positioned, shaped pieces for the PDF. The steps, each from a maintained source:
 *
 * 1. clean: control, soft-hyphen and bidi override/embedding characters go (invisible, and in alert text only
 *    ever used to disguise it — "Trojan Source"); marks (LRM, RLM, ALM), first-strong isolates, ZWJ, ZWNJ stay;
 * 2. grapheme clusters (Intl.Segmenter), each given the face that has glyphs for all of it (fonts.ts), preferring
 *    the face of its script and, for spaces, digits and punctuation, the face of the text around it;
 * 3. embedding levels by the Unicode Bidirectional Algorithm (bidi-js), paragraph direction from the first strong
 *    character; line break opportunities by UAX #14 (linebreak), so CJK breaks between ideographs;
 * 4. greedy filling by shaped widths (fontkit), a word wider than the line cut between clusters;
 * 5. per line, runs of one face and one level, put in visual order by the algorithm's L1/L2 rules (bidi-js);
 *    an RTL run is handed to the shaper in logical order (it joins Arabic and reverses the glyphs itself).
 *
 * A cluster no face can draw is drawn as U+FFFD with the original as ActualText, so the text survives a copy.
 */
import bidiFactory from 'bidi-js'
import LineBreaker from 'linebreak'
import { face, FALLBACK_ORDER, type Face, type FaceId, type Weight } from './fonts'

const bidi = bidiFactory()
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' })

// LRE/RLE/PDF/LRO/RLO and LRI/RLI can force text to display backwards; FSI/PDI (which `iso` in doc.ts puts around
// names inside sentences) only let a span take its own first-strong direction, so they stay.
const DROP = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u202a-\u202e\u2066\u2067\ufeff]/g

/** Newlines normalised to \n, tabs to spaces, invisible troublemakers removed. */
export const cleanText = (s: string): string => s.replace(/\r\n?|[\u2028\u2029]/g, '\n').replace(/\t/g, ' ').replace(DROP, '')

/** Format characters without ink: they steer shaping and bidi but must never reach a face that would draw a box. */
const IGNORABLE = /[\u034f\u061c\u115f\u1160\u180b-\u180f\u200b-\u200f\u2060-\u2069\u3164\ufe00-\ufe0f\uffa0\u{e0000}-\u{e0fff}]/u
const EMOJI_PRESENTATION = /\p{Emoji_Presentation}|\p{Regional_Indicator}|\ufe0f|\u20e3/u
const STRONG_RTL = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u
const SPACE = /^\s+$/u
/**
 * Characters of space-separated writing and ASCII punctuation. UAX #14 allows a break after "-" and "/" between
 * two of them ("ops-|chat", "Europe/|Berlin"); in a report those are host names, ids and zones, and a break there
 * also makes text extraction drop the hyphen. So between two of these, only whitespace breaks (an overlong word
 * is still cut between clusters).
 */
const TIGHT = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Arabic}\p{Script=Hebrew}\p{N}!-/:-@[-`{-~]/u

const SCRIPT_FACE: [RegExp, FaceId | 'han'][] = [
  [/\p{Script=Arabic}/u, 'arabic'],
  [/\p{Script=Hebrew}/u, 'hebrew'],
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, 'jp'],
  [/\p{Script=Hangul}/u, 'kr'],
  [/\p{Script=Han}/u, 'han'],
  [/[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]/u, 'latin'],
]

/**
 * Han characters are shared by Chinese, Japanese and Korean but drawn differently in each. Without a language tag
 * the text decides: kana → Japanese, Hangul → Korean, a hanzi the Japanese face lacks (simplified) → Chinese,
 * otherwise Japanese (whose forms serve traditional Chinese text better than the simplified face's).
 */
const hanFace = (text: string, weight: Weight): FaceId => {
  if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text)) return 'jp'
  if (/\p{Script=Hangul}/u.test(text)) return 'kr'
  const jp = face('jp', weight)
  for (const m of text.matchAll(/\p{Script=Han}/gu)) if (!jp.has(m[0].codePointAt(0) as number)) return 'sc'
  return 'jp'
}

/** The representative BMP character of each bidi class: bidi-js reads UTF-16 units, so astral characters (emoji,
 *  rare ideographs) are stood in for by two units of their own class before the levels are computed. */
const CLASS_STAND_IN: Record<string, string> = { L: 'A', R: '\u05d0', AL: '\u0627', EN: '0', AN: '\u0660', NSM: '\u0300', BN: '\u200b', WS: ' ', ON: '!', ES: '+', ET: '#', CS: ',' }
const bidiString = (s: string): string =>
  s.replace(/[\u{10000}-\u{10ffff}]/gu, (c) => (CLASS_STAND_IN[bidi.getBidiCharTypeName(c)] ?? 'A').repeat(2))

interface Cluster {
  start: number
  end: number
  /** What is drawn (the cluster without ignorables the face lacks), or U+FFFD. */
  draw: string
  /** The original when `draw` is a replacement. */
  actual?: string
  face: Face
  level: number
  space: boolean
}

interface Para {
  text: string
  bstr: string
  levels: ReturnType<typeof bidi.getEmbeddingLevels>
  rtl: boolean
  clusters: Cluster[]
  /** Cluster indexes a line may start at (after 0). */
  breaks: number[]
}

const pickFace = (text: string, preferred: FaceId[], prev: Face | null, weight: Weight): Face | null => {
  const cps = [...text].filter((c) => !IGNORABLE.test(c)).map((c) => c.codePointAt(0) as number)
  if (!cps.length) return prev ?? face('latin', weight)
  const ok = (f: Face) => cps.every((cp) => f.has(cp))
  for (const id of preferred) {
    const f = face(id, weight)
    if (ok(f)) return f
  }
  // Spaces and punctuation follow the text around them — but not an emoji, whose face has wide spaces.
  if (!preferred.length && prev && prev.id !== 'emoji' && ok(prev)) return prev
  for (const id of FALLBACK_ORDER) {
    const f = face(id, weight)
    if (ok(f)) return f
  }
  return null
}

/** Faces to try first for a cluster: its script's (for Han, the text's CJK face, then the other two); none for
 *  spaces, digits and punctuation, which follow the text around them. */
const preferredFaces = (cluster: string, han: () => FaceId): FaceId[] => {
  if (/\p{Extended_Pictographic}/u.test(cluster) && EMOJI_PRESENTATION.test(cluster)) return ['emoji']
  for (const ch of cluster) {
    if (IGNORABLE.test(ch)) continue
    for (const [re, id] of SCRIPT_FACE) {
      if (!re.test(ch)) continue
      if (id !== 'han') return [id]
      const first = han()
      return [first, ...(['sc', 'jp', 'kr'] as const).filter((x) => x !== first)]
    }
    return []
  }
  return []
}

const prepare = (text: string, weight: Weight): Para => {
  const bstr = bidiString(text)
  const levels = bidi.getEmbeddingLevels(bstr, 'auto')
  let hanId: FaceId | null = null
  const han = () => (hanId ??= hanFace(text, weight))
  const clusters: Cluster[] = []
  let prev: Face | null = null
  for (const { segment, index } of graphemes.segment(text)) {
    const level = levels.levels[index]
    const f = pickFace(segment, preferredFaces(segment, han), prev, weight)
    if (!f) {
      const latin = face('latin', weight)
      clusters.push({ start: index, end: index + segment.length, draw: '\ufffd', actual: segment, face: latin, level, space: false })
      continue
    }
    const draw = [...segment].filter((c) => !IGNORABLE.test(c) || f.has(c.codePointAt(0) as number)).join('')
    clusters.push({ start: index, end: index + segment.length, draw, face: f, level, space: SPACE.test(segment) })
    if (![...segment].every((c) => IGNORABLE.test(c))) prev = f
  }
  const byStart = new Map(clusters.map((c, i) => [c.start, i]))
  const breaks: number[] = []
  const lb = new LineBreaker(text)
  for (let b = lb.nextBreak(); b; b = lb.nextBreak()) {
    const i = byStart.get(b.position)
    if (i === undefined || i === 0) continue
    const before = text.slice(clusters[i - 1].start, clusters[i - 1].end)
    const after = text.slice(clusters[i].start, clusters[i].end)
    if (TIGHT.test(before.at(-1) as string) && TIGHT.test(after[0])) continue
    breaks.push(i)
  }
  return { text, bstr, levels, rtl: (levels.paragraphs[0]?.level ?? 0) % 2 === 1, clusters, breaks }
}

/** Runs of clusters [a, b) with one face, one level and no replacement in between. */
const runsOf = (p: Para, a: number, b: number): { from: number; to: number }[] => {
  const out: { from: number; to: number }[] = []
  for (let i = a; i < b; i++) {
    const c = p.clusters[i]
    const last = out.at(-1)
    const lc = last && p.clusters[last.to - 1]
    if (lc && lc.face === c.face && lc.level === c.level && !lc.actual && !c.actual) last.to = i + 1
    else out.push({ from: i, to: i + 1 })
  }
  return out
}

const drawText = (p: Para, from: number, to: number): string => p.clusters.slice(from, to).map((c) => c.draw).join('')

/** Width (1/1000 em) of clusters [a, b) as the runs there are shaped. */
const rangeWidth = (p: Para, a: number, b: number): number =>
  runsOf(p, a, b).reduce((w, r) => w + p.clusters[r.from].face.width(drawText(p, r.from, r.to)), 0)

export interface Piece {
  face: Face
  /** The string handed to the shaper: logical order for runs the shaper reverses, visual order otherwise. */
  text: string
  /** Text extraction should read this instead of the glyphs (replaced characters). */
  actual?: string
  /** Offset from the line's left edge and advance, in points. */
  x: number
  width: number
  /** Position in logical order: pieces are written to the file in this order, so extraction that follows the
   *  content stream (pdftotext -raw, screen readers) reads the line as it was written. */
  logical: number
  /** Shaped right-to-left by fontkit (the glyphs come out in visual order). */
  rtl: boolean
}

export interface LineBox {
  /** The logical text of the line (trailing spaces trimmed). */
  text: string
  pieces: Piece[]
  width: number
  /** The paragraph is right-to-left: its lines align to the right. */
  rtl: boolean
}

export interface TextStyle {
  weight: Weight
  size: number
}

const mirrored = (s: string): string => [...s].map((c) => bidi.getMirroredCharacter(c) ?? c).join('')

const lineBox = (p: Para, a: number, b: number, size: number): LineBox => {
  let e = b
  while (e > a && p.clusters[e - 1].space) e--
  const runs = runsOf(p, a, e)
  let order = runs.map((_, i) => i)
  if (runs.some((r) => p.clusters[r.from].level > 0)) {
    // L1/L2 over the line's UTF-16 units, then the runs in the order their units now appear.
    const u0 = p.clusters[a].start
    const units = Array.from({ length: p.clusters[e - 1].end - u0 }, (_, i) => u0 + i)
    for (const [s, t] of bidi.getReorderSegments(p.bstr, p.levels, u0, u0 + units.length - 1)) {
      units.splice(s - u0, t - s + 1, ...units.slice(s - u0, t - u0 + 1).reverse())
    }
    const runOfUnit = new Map<number, number>()
    runs.forEach((r, i) => {
      for (let u = p.clusters[r.from].start; u < p.clusters[r.to - 1].end; u++) runOfUnit.set(u, i)
    })
    const seen = new Set<number>()
    order = []
    for (const u of units) {
      const r = runOfUnit.get(u) as number
      if (!seen.has(r)) seen.add(r), order.push(r)
    }
  }
  let x = 0
  const pieces = order.map((ri): Piece => {
    const r = runs[ri]
    const c0 = p.clusters[r.from]
    let text = drawText(p, r.from, r.to)
    let rtl = false
    if (c0.level % 2 === 1) {
      text = mirrored(text)
      // The shaper reverses runs of a right-to-left script; a run of neutrals only (brackets, "!?") it would not.
      rtl = STRONG_RTL.test(text)
      if (!rtl) text = [...graphemes.segment(text)].map((g) => g.segment).reverse().join('')
    }
    const width = (c0.face.width(text) * size) / 1000
    const piece: Piece = { face: c0.face, text, x, width, logical: ri, rtl, ...(c0.actual ? { actual: c0.actual } : {}) }
    x += width
    return piece
  })
  const text = e > a ? p.text.slice(p.clusters[a].start, p.clusters[e - 1].end) : ''
  return { text, pieces, width: x, rtl: p.rtl }
}

const wrapPara = (p: Para, size: number, maxWidth: number): LineBox[] => {
  const n = p.clusters.length
  if (!n) return [{ text: '', pieces: [], width: 0, rtl: false }]
  const max = (maxWidth * 1000) / size
  const bounds = [0, ...p.breaks, n]
  const lines: [number, number][] = []
  let lineStart = 0
  let lineW = 0
  for (let k = 0; k + 1 < bounds.length; k++) {
    const [a, b] = [bounds[k], bounds[k + 1]]
    let bodyEnd = b
    while (bodyEnd > a && p.clusters[bodyEnd - 1].space) bodyEnd--
    const full = rangeWidth(p, a, b)
    const body = bodyEnd === b ? full : rangeWidth(p, a, bodyEnd)
    if (lineW + body <= max) {
      lineW += full
      continue
    }
    if (a > lineStart) {
      lines.push([lineStart, a])
      lineStart = a
      lineW = 0
    }
    if (body <= max) {
      lineW = full
      continue
    }
    // A word wider than the line (a URL, a hash, a hostile 4000-character token): cut between clusters.
    let cut = a
    let w = 0
    for (let c = a; c < b; c++) {
      const cw = rangeWidth(p, c, c + 1)
      if (w + cw > max && c > cut) {
        lines.push([cut, c])
        cut = c
        w = 0
      }
      w += cw
    }
    lineStart = cut
    lineW = w
  }
  lines.push([lineStart, n])
  return lines.map(([a, b]) => lineBox(p, a, b, size))
}

/** Lines no wider than `maxWidth` points (newlines in the text are kept). */
export const layoutText = (text: string, style: TextStyle, maxWidth = Infinity): LineBox[] =>
  cleanText(text)
    .split('\n')
    .flatMap((para) => wrapPara(prepare(para, style.weight), style.size, maxWidth))

/** One line, cut to `maxWidth` with an ellipsis when it does not fit (footers, badges). */
export const fitLine = (text: string, style: TextStyle, maxWidth: number): LineBox => {
  const flat = cleanText(text).replace(/\n+/g, ' ')
  const whole = wrapPara(prepare(flat, style.weight), style.size, Infinity)[0]
  if (whole.width <= maxWidth) return whole
  const parts = [...graphemes.segment(flat)].map((g) => g.segment)
  const cut = (n: number) => wrapPara(prepare(`${parts.slice(0, n).join('').trimEnd()}…`, style.weight), style.size, Infinity)[0]
  // Binary search for the longest prefix that fits with its ellipsis (a hostile 4000-character name stays cheap).
  let lo = 0
  let hi = parts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (cut(mid).width <= maxWidth) lo = mid
    else hi = mid - 1
  }
  return cut(lo)
}

/** Every face the text would be drawn with and the clusters it would have to replace (tests, diagnostics). */
export const textCoverage = (text: string, weight: Weight = 'regular'): { faces: FaceId[]; missing: string[] } => {
  const faces = new Set<FaceId>()
  const missing: string[] = []
  for (const para of cleanText(text).split('\n')) {
    for (const c of prepare(para, weight).clusters) {
      if (c.actual) missing.push(c.actual)
      else if (c.draw) faces.add(c.face.id)
    }
  }
  return { faces: [...faces], missing }
}
