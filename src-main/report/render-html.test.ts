import { describe, expect, it } from 'vitest'
import { incidentReportDoc } from './incident-doc'
import { buildIncidentReport } from './incident-report'
import { stripIsolates } from './doc'
import { renderHtml } from './render-html'
import { renderMarkdown } from './render-md'
import { HOSTILE, incident, reportInput } from '../testing/report-kit'

const hostileInput = () =>
  reportInput({
    incident: incident({ title: `Disk full ${HOSTILE}`, cause: `"><script>alert(2)</script>`, tags: [`<b onmouseover=alert(3)>`] }),
    client: { id: 'acme', name: `Acme "<svg onload=alert(4)>"`, tier: 'gold', timeZone: 'UTC' },
  })

describe('HTML report', () => {
  // Names set into sentences carry invisible first-strong isolates (doc.ts `iso`); compare without them.
  const html = stripIsolates(renderHtml(incidentReportDoc(buildIncidentReport(hostileInput()))))

  it('escapes every piece of source text: no hostile tag survives as markup', () => {
    expect(html).not.toContain('<img')
    expect(html).not.toContain('<script')
    expect(html).not.toContain('<svg')
    expect(html).not.toContain('<b onmouseover')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(html).toContain('&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;')
    expect(html).toContain('Acme &quot;&lt;svg onload=alert(4)&gt;&quot;')
    // In the <title> too (browsers parse it as text, but a `</title>` break-out must not be possible).
    expect(html).toMatch(/<title>INC-1042: Disk full &lt;img src=x onerror=alert\(1\)&gt;<\/title>/)
  })

  it('is self-contained and print-ready: inline CSS, @media print, a CSP that forbids scripts, no external URLs', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(html).toContain('<style>')
    expect(html).toContain('@media print')
    expect(html).toContain('@page{size:A4')
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;/)
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//)
    expect(html).not.toContain('<link')
  })

  it('shows the timeline rows and coloured severity cells', () => {
    const plain = renderHtml(incidentReportDoc(buildIncidentReport(reportInput())))
    // dir="auto": an Arabic or Hebrew cell reads (and aligns) right to left, whatever the page direction.
    expect(plain).toContain('<td dir="auto">acknowledged by alice</td>')
    expect(plain).toContain('<td dir="auto" class="tone tone-critical">critical</td>')
    expect(plain).toContain('<span dir="auto" class="tone tone-P1">P1</span>')
  })
})

describe('Markdown report', () => {
  it('escapes HTML and Markdown syntax in source text', () => {
    const md = renderMarkdown(
      incidentReportDoc(
        buildIncidentReport(
          reportInput({ incident: incident({ title: `[click](javascript:alert(1)) ${HOSTILE}`, solution: '1. first\n- second\n    code?\n# not a heading' }) }),
        ),
      ),
    )
    expect(md).not.toContain('<img')
    expect(md).not.toContain('](javascript:')
    expect(md).toContain('\\[click\\]\\(javascript:alert\\(1\\)\\)')
    expect(md).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;')
    // Line starts defused: no ordered list, bullet, indented code block or heading from the solution text.
    expect(md).toContain('1\\. first  \n\\- second  \ncode?  \n\\# not a heading')
  })

  it('prints the timeline as a table with escaped pipes', () => {
    const md = renderMarkdown(
      incidentReportDoc(buildIncidentReport(reportInput({ timeline: [{ ...reportInput().timeline[0], text: 'a | b' }], deliveries: [] }))),
    )
    expect(md).toContain('| Time | Since open | Who | Event | Details |')
    expect(md).toMatch(/\| \*\*opened\*\* \| a \\\| b \|/)
  })
})
