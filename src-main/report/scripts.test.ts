import { describe, expect, it } from 'vitest'
import { parseCsv } from '../testing/csv-kit'
import { HAVE_POPPLER, PDFFONTS, PDFTOPPM, pdfFonts, pdfInfo, pdfPagePng, pdfText, squash } from '../testing/poppler-kit'
import { incident, T0 } from '../testing/report-kit'
import { PERIOD, periodInput } from '../testing/report-period-kit'
import { EMOJI, PHRASES, SCRIPT_CASES, scriptReportInput, stripBidiControls, WORDS } from '../testing/report-scripts-kit'
import { renderClientPeriodReport, renderIncidentExport, renderIncidentReport, renderInventory } from './render'

const read = (body: string | Uint8Array) => (typeof body === 'string' ? body : new TextDecoder().decode(body))
const extracted = (bytes: Uint8Array) => squash(stripBidiControls(pdfText(bytes).text))

/** The face each script must be drawn with (pdffonts names the embedded subsets). */
const FACE: Record<string, string> = {
  Japanese: 'NotoSansJP',
  Chinese: 'NotoSansSC',
  Korean: 'NotoSansKR',
  Cyrillic: 'NotoSans-Regular',
  Greek: 'NotoSans-Regular',
  Arabic: 'Vazirmatn-NL',
  Hebrew: 'NotoSansHebrew',
  Latin: 'NotoSans-Regular',
}

describe.skipIf(!HAVE_POPPLER)('incident report PDF in every script: pdftotext finds every word, in reading order', () => {
  it.each(SCRIPT_CASES.map((c) => [c.script, c] as const))('%s', (script, c) => {
    const f = renderIncidentReport(scriptReportInput(c), 'pdf')
    const bytes = f.body as Uint8Array
    expect(pdfInfo(bytes).stderr).toBe('')
    const text = extracted(bytes)
    for (const phrase of PHRASES(c)) expect(text, `phrase "${phrase}"`).toContain(phrase)
    for (const word of WORDS(c)) expect(text, `word "${word}"`).toContain(word)
    // No replacement characters, no "?" stand-ins: every glyph came from a font.
    expect(text).not.toContain('\ufffd')
    expect(text).not.toMatch(/\?{2,}/)
    for (const e of ['🔥', '👩‍💻', '🇯🇵']) expect(text).toContain(e)
    if (PDFFONTS) {
      const fonts = pdfFonts(bytes)
      expect(fonts.every((x) => x.emb && x.sub && x.uni), JSON.stringify(fonts)).toBe(true)
      expect(fonts.map((x) => x.name).join(' ')).toContain(FACE[script])
    }
  })

  it('right-to-left phrases keep their letters: Arabic joins and lam-alef ligatures read back as typed', () => {
    const c = SCRIPT_CASES.find((x) => x.script === 'Arabic')!
    const text = extracted(renderIncidentReport(scriptReportInput(c), 'pdf').body as Uint8Array)
    // يستجيب: ت and ي share a dotless body in some fonts; للاتصالات: two lam-alef ligatures.
    expect(text).toContain('لا يستجيب')
    expect(text).toContain('للاتصالات')
    expect(text).not.toContain('ال يستجيب')
  })

  it('the client period report and the inventory keep every script too', () => {
    const c = SCRIPT_CASES
    const period = renderClientPeriodReport(
      periodInput({
        client: { id: 'gulf-telecom', name: c[5].client.name, tier: 'gold', timeZone: 'Asia/Riyadh' },
        incidents: periodInput().incidents.map((x, i) => ({ ...x, incident: { ...x.incident, client: 'gulf-telecom', title: c[i % c.length].title } })),
        events: { total: 10, byResource: c.map((x, i) => ({ key: x.resource, events: 10 - i })) },
      }),
      'pdf',
    )
    const text = extracted(period.body as Uint8Array)
    expect(text).toContain(c[5].client.name)
    for (const x of c) if (!/[\u0590-\u08ff]/.test(x.resource)) expect(text).toContain(x.resource)
    const inv = renderInventory(
      { from: T0, to: T0 + 86_400_000, generatedAt: T0, rows: c.map((x) => ({ client: x.client.id, group: x.script, resource: x.resource, firstSeen: T0, lastSeen: T0 })), clientNames: Object.fromEntries(c.map((x) => [x.client.id, x.client.name])) },
      'pdf',
    )
    const invText = extracted(inv.body as Uint8Array)
    for (const x of c) for (const w of x.client.name.split(' ')) expect(invText).toContain(w)
  })

  it.skipIf(!PDFTOPPM)('renders to a PNG with ink on it (the page a reviewer looks at)', () => {
    const png = pdfPagePng(renderIncidentReport(scriptReportInput(SCRIPT_CASES[0]), 'pdf').body as Uint8Array, 1, 60)
    expect(png.subarray(1, 4).toString()).toBe('PNG')
    expect(png.byteLength).toBeGreaterThan(20_000)
  })
})

describe('HTML, Markdown and CSV keep every script as typed', () => {
  it.each(SCRIPT_CASES.map((c) => [c.script, c] as const))('%s', (_, c) => {
    const input = scriptReportInput(c)
    const html = read(renderIncidentReport(input, 'html').body)
    const md = read(renderIncidentReport(input, 'md').body)
    for (const s of [c.client.name, c.resource, c.summary, c.title, EMOJI]) {
      expect(html).toContain(s)
      expect(md).toContain(s.replace(/-/g, '-'))
    }
    // Direction follows the text: an Arabic cell in an English page still reads right to left.
    expect(html).toMatch(new RegExp(`<td dir="auto">[^<]*${c.summary}`))
    const csv = parseCsv(read(renderIncidentExport([incident({ client: c.client.id, title: `${c.title} ${EMOJI}` })], 'csv', { now: T0 }).body))
    expect(csv[1][csv[0].indexOf('title')]).toBe(`${c.title} ${EMOJI}`)
  })

  it('the period CSV and the inventory CSV round-trip every script (UTF-8, BOM on request)', () => {
    const rows = periodInput().incidents.map((x, i) => ({ ...x, incident: { ...x.incident, title: SCRIPT_CASES[i % SCRIPT_CASES.length].title } }))
    const body = read(renderClientPeriodReport(periodInput({ incidents: rows }), 'csv').body)
    const titles = parseCsv(body).slice(1).map((r) => r[4])
    expect(new Set(titles)).toEqual(new Set(rows.filter((x) => x.incident.client === 'acme' && x.incident.openedAt >= PERIOD.from && x.incident.openedAt < PERIOD.to && !x.incident.mergedInto).map((x) => x.incident.title)))
    const inv = read(renderInventory({ from: T0, to: T0 + 86_400_000, generatedAt: T0, rows: SCRIPT_CASES.map((x) => ({ client: x.client.id, group: x.script, resource: x.resource, firstSeen: T0, lastSeen: T0 })) }, 'csv').body)
    expect(parseCsv(inv).slice(1).map((r) => r[2]).sort()).toEqual(SCRIPT_CASES.map((x) => x.resource).sort())
  })
})
