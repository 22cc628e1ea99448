/**
 * Print-ready, self-contained HTML: inline CSS, no scripts, no external resources, A4 `@media print` rules
 * (Electron's `printToPDF` prints exactly this). Every piece of text is HTML-escaped, and the page carries a CSP
 * that forbids scripts anyway, so even a missed escape in some future block could not run alert-supplied code.
 */
import { chartSvg } from './chart-svg'
import { cellText, cellTone, TONES, type Block, type Doc, type Tone } from './doc'

export const htmlEscape = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string)

/** The CSP the page declares; the API layer should also send it as a header. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

const toneClass = (t: Tone | undefined): string => (t ? ` class="tone tone-${t}"` : '')

const toneCss = (Object.entries(TONES) as [Tone, { bg: string; fg: string }][])
  .map(([t, c]) => `.tone-${t}{background:${c.bg};color:${c.fg}}`)
  .join('\n')

const CSS = `
*{box-sizing:border-box}
body{font:13px/1.45 -apple-system,"Segoe UI","Noto Sans",Helvetica,Arial,"Noto Sans JP","Noto Sans SC","Noto Sans KR","Hiragino Sans","Microsoft YaHei","Malgun Gothic","Noto Sans Arabic",Tahoma,"Noto Sans Hebrew","Noto Color Emoji","Segoe UI Emoji",sans-serif;color:#111;margin:24px auto;max-width:1000px;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:16px;margin:22px 0 8px;padding-bottom:3px;border-bottom:1px solid #ccc}
h3{font-size:14px;margin:16px 0 6px}
.subtitle{color:#555;margin:0 0 14px}
.muted{color:#666;font-style:italic}
p{margin:6px 0;white-space:pre-wrap;overflow-wrap:anywhere}
.badges{display:flex;flex-wrap:wrap;gap:6px;margin:8px 0}
.tone{font-weight:600}
span.tone{border-radius:3px;padding:1px 6px}
.badges .tone{padding:3px 10px;font-size:13px}
table{border-collapse:collapse;width:100%;margin:6px 0 10px;table-layout:fixed}
th,td{border:1px solid #d0d0d0;padding:4px 6px;text-align:start;vertical-align:top;overflow-wrap:anywhere}
th{background:#eee;font-weight:600}
td.right,th.right{text-align:right}
tbody tr:nth-child(even) td:not(.tone){background:#fafafa}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:3px 14px;margin:6px 0}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0;overflow-wrap:anywhere}
figure.chart{margin:10px 0 14px}
figure.chart svg{width:100%;max-width:780px;height:auto;font-family:inherit}
footer{margin-top:28px;padding-top:6px;border-top:1px solid #ccc;color:#666;font-size:11px}
${toneCss}
@page{size:A4;margin:14mm 12mm 16mm}
@media print{
  body{margin:0;max-width:none;padding:0;font-size:10.5px}
  h2{break-after:avoid}
  tr,dl.facts dt,dl.facts dd,figure.chart{break-inside:avoid}
  thead{display:table-header-group}
  .tone,td.tone,th{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  tbody tr:nth-child(even) td:not(.tone){background:none}
}
`

const block = (b: Block): string => {
  switch (b.kind) {
    case 'heading':
      return `<h${b.level} dir="auto">${htmlEscape(b.text)}</h${b.level}>`
    case 'paragraph':
      return `<p dir="auto"${b.muted ? ' class="muted"' : ''}>${htmlEscape(b.text)}</p>`
    case 'badges':
      return `<div class="badges">${b.items.map((i) => `<span dir="auto"${toneClass(i.tone)}>${htmlEscape(i.label)}</span>`).join('')}</div>`
    case 'facts':
      return `<dl class="facts">${b.items
        .map((i) => `<dt>${htmlEscape(i.label)}</dt><dd dir="auto">${i.tone ? `<span${toneClass(i.tone)}>${htmlEscape(i.value)}</span>` : htmlEscape(i.value)}</dd>`)
        .join('')}</dl>`
    case 'table': {
      if (!b.rows.length) return `<p class="muted">${htmlEscape(b.empty ?? 'none')}</p>`
      const total = b.columns.reduce((a, c) => a + c.width, 0)
      const cols = b.columns.map((c) => `<col style="width:${((c.width / total) * 100).toFixed(2)}%">`).join('')
      const head = b.columns.map((c) => `<th${c.align === 'right' ? ' class="right"' : ''}>${htmlEscape(c.title)}</th>`).join('')
      const rows = b.rows
        .map((r) => {
          const tds = r.map((c, i) => {
            const cls = [cellTone(c) ? `tone tone-${cellTone(c)}` : '', b.columns[i]?.align === 'right' ? 'right' : ''].filter(Boolean).join(' ')
            return `<td dir="auto"${cls ? ` class="${cls}"` : ''}>${htmlEscape(cellText(c))}</td>`
          })
          return `<tr>${tds.join('')}</tr>`
        })
        .join('\n')
      return `<table><colgroup>${cols}</colgroup><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`
    }
    case 'chart':
      return chartSvg(b.chart)
  }
}

export const renderHtml = (doc: Doc): string => `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${htmlEscape(REPORT_CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="noc-console report">
<title>${htmlEscape(doc.title)}</title>
<style>${CSS}</style>
</head>
<body>
<header><h1 dir="auto">${htmlEscape(doc.title)}</h1><p class="subtitle" dir="auto">${htmlEscape(doc.subtitle)}</p></header>
<main>
${doc.blocks.map(block).join('\n')}
</main>
<footer dir="auto">${htmlEscape(doc.footer)}</footer>
</body>
</html>
`
