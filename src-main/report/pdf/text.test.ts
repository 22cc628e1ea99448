import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fontDirCandidates, fontManifest } from './font-files'
import { fitLine, layoutText, textCoverage } from './text'

const R = { weight: 'regular' as const, size: 10 }
/** The pieces of each line left to right: face and text. */
const visual = (text: string, width = 1000) => layoutText(text, R, width).map((l) => l.pieces.map((p) => `${p.face.id}:${p.text}`))

describe('PDF text layout: bidi, faces, breaks', () => {
  it('keeps a Hebrew sentence one right-to-left run in logical order; the shaper puts its glyphs right to left', () => {
    const [line] = layoutText('שלום עולם', R)
    expect(line.rtl).toBe(true)
    // The Hebrew face has its own space, so the sentence is one run, handed over as written ...
    expect(line.pieces.map((p) => [p.face.id, p.text, p.rtl])).toEqual([['hebrew', 'שלום עולם', true]])
    // ... and fontkit lays it out visually: the last letter (final mem) comes first, the first (shin) last.
    const font = line.pieces[0].face.font
    const glyphs = font.layout(line.pieces[0].text, []).glyphs
    expect(glyphs[0].id).toBe(font.glyphForCodePoint(0x05dd).id)
    expect(glyphs.at(-1)?.id).toBe(font.glyphForCodePoint(0x05e9).id)
  })

  it('an Arabic phrase keeps its neighbouring words in one shaped run (so letters join); Latin and digits are LTR runs', () => {
    const [line] = layoutText('الخادم db01 معطل منذ 10:00', R)
    expect(line.rtl).toBe(true)
    // Visual order, left to right: the last logical words on the left. The space after "db01" follows the Latin
    // face before it; the spaces inside Arabic runs stay in them (the shaper places them).
    expect(line.pieces.map((p) => [p.face.id, p.text, p.rtl])).toEqual([
      ['latin', '10:00', false],
      ['arabic', 'معطل منذ ', true],
      ['latin', ' ', false],
      ['latin', 'db01', false],
      ['arabic', 'الخادم ', true],
    ])
    for (let i = 1; i < line.pieces.length; i++) expect(line.pieces[i].x).toBeCloseTo(line.pieces[i - 1].x + line.pieces[i - 1].width, 6)
  })

  it('mirrors brackets in right-to-left text', () => {
    const [line] = layoutText('خادم (الرياض)', R)
    expect(line.pieces.map((p) => p.text).join('')).toContain(')الرياض(')
  })

  it('an English sentence with an Arabic name stays left to right', () => {
    const [line] = layoutText('Client: شركة الخليج (gulf), tier gold', R)
    expect(line.rtl).toBe(false)
    expect(line.pieces[0].text.startsWith('Client')).toBe(true)
  })

  it('chooses the Han face by the text: kana → Japanese, a simplified hanzi → Chinese, Hangul → Korean', () => {
    expect(textCoverage('東京のサーバー').faces).toEqual(['jp'])
    expect(textCoverage('数据库服务器').faces).toEqual(['sc'])
    expect(textCoverage('서울 서버').faces).toEqual(['kr', 'latin'].filter((f) => textCoverage('서울 서버').faces.includes(f as never)))
    expect(textCoverage('Zürich Łódź Привет Ωμέγα').faces).toEqual(['latin'])
  })

  it('breaks CJK text between ideographs, Latin text only at spaces (host names and zones stay whole)', () => {
    const jp = layoutText('データベースの応答が遅延しています。再起動が必要です。', R, 60)
    expect(jp.length).toBeGreaterThan(2)
    for (const l of jp) expect(l.width).toBeLessThanOrEqual(60.5)
    const latin = layoutText('failed to reach ops-chat.example.com in Europe/Berlin', R, 120).map((l) => l.text)
    expect(latin.some((l) => l.includes('ops-chat.example.com'))).toBe(true)
    expect(latin.some((l) => l.includes('Europe/Berlin'))).toBe(true)
  })

  it('cuts a word wider than the line between clusters, losing nothing', () => {
    const lines = layoutText('x'.repeat(500), R, 50)
    expect(lines.map((l) => l.text).join('')).toBe('x'.repeat(500))
    for (const l of lines) expect(l.width).toBeLessThanOrEqual(50.5)
  })

  it('drops bidi overrides (Trojan Source) and draws a character no face has as U+FFFD, keeping the original for extraction', () => {
    expect(visual('\u202eevil\u202c')).toEqual([['latin:evil']])
    const [line] = layoutText('a \u{10fffd} b', R)
    const replaced = line.pieces.find((p) => p.actual)
    expect(replaced).toMatchObject({ text: '\ufffd', actual: '\u{10fffd}' })
    expect(textCoverage('a \u{10fffd}').missing).toEqual(['\u{10fffd}'])
  })

  it('draws emoji with the emoji face, but not the spaces around them', () => {
    const faces = layoutText('disk 🔥 full 👩‍💻 ok', R)[0].pieces.map((p) => `${p.face.id}:${p.text}`)
    expect(faces).toEqual(['latin:disk ', 'emoji:🔥', 'latin: full ', 'emoji:👩‍💻', 'latin: ok'])
  })

  it('fits a hostile 5000-character name into a footer with an ellipsis', () => {
    const line = fitLine('名'.repeat(5000), R, 120)
    expect(line.width).toBeLessThanOrEqual(120)
    expect(line.text.endsWith('…')).toBe(true)
  })

  it('every character the report templates use has a glyph', () => {
    const templates = 'Incident report · generated → ≥ ≤ — – … “ ” ‘ ’ • ✓ ⚠ € £ ¥ ° ± × ÷ % # @ & | ~ ^ _ [ ] { } < > ( ) Page 1 of 2'
    expect(textCoverage(templates).missing).toEqual([])
    expect(textCoverage(templates, 'bold').missing).toEqual([])
  })
})

describe('report fonts are found in every shell', () => {
  it('under tsx (the source tree), bundled (out/main) and packaged (resourcesPath, or an explicit NOC_FONTS_DIR)', () => {
    const root = '/opt/noc'
    const fromSource = fontDirCandidates({}, join(root, 'src-main/report/pdf'), '/tmp')
    expect(fromSource).toContain(join(root, 'resources/fonts'))
    expect(fontDirCandidates({}, join(root, 'out/main'), '/tmp')).toContain(join(root, 'resources/fonts'))
    expect(fontDirCandidates({}, join(root, 'app.asar/out/main'), '/tmp')).toContain(join(root, 'app.asar/resources/fonts'))
    expect(fontDirCandidates({ NOC_FONTS_DIR: '/srv/fonts' }, root, '/tmp')[0]).toBe('/srv/fonts')
  })

  it('the manifest names every file with its npm package, version and licence', () => {
    const m = fontManifest()
    expect(m.length).toBeGreaterThanOrEqual(10)
    for (const f of m) {
      expect(f.package).toMatch(/^(@[\w-]+\/)?[\w-]+$/)
      expect(f.version).toMatch(/^\d+\.\d+\.\d+$/)
      expect(f.licence).toMatch(/^OFL-.*\.txt$/)
      expect(f.sha256).toMatch(/^[0-9a-f]{64}$/)
    }
  })
})
