/**
 * Markdown (CommonMark + GFM tables). Every piece of source text is escaped: Markdown viewers render inline HTML
 * and links, so an alert summary such as `<img src=x onerror=…>` or `[click](javascript:…)` must arrive as text.
 */
import { cellText, cellTone, stripIsolates, type Block, type Doc } from './doc'

/** `< > &` become entities (valid in every CommonMark context); Markdown punctuation gets a backslash. */
export const mdEscape = (s: string): string =>
  stripIsolates(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]{}()|~!#])/g, '\\$1')

/**
 * Escape, and defuse what only matters at a line start: ordered-list markers (`1.`), bullets and setext
 * underlines (`-`, `+`, `=`). Leading spaces are dropped so four of them cannot open a code block.
 */
const mdLine = (line: string): string =>
  mdEscape(line.trim())
    .replace(/^(\d+)([.)])/, '$1\\$2')
    .replace(/^([-+=])/, '\\$1')

/** Paragraph text: blank lines separate paragraphs, single newlines stay as hard breaks. */
const mdParagraph = (s: string): string =>
  s
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((par) => par.split('\n').map(mdLine).join('  \n'))
    .filter((par) => par !== '')
    .join('\n\n')

/** Table cells cannot hold line breaks: collapse whitespace. */
const mdCell = (s: string): string => mdEscape(s.replace(/\s+/g, ' ').trim())

const block = (b: Block): string => {
  switch (b.kind) {
    case 'heading':
      return `${'#'.repeat(b.level)} ${mdCell(b.text)}`
    case 'paragraph':
      return b.muted ? `*${mdParagraph(b.text)}*` : mdParagraph(b.text)
    case 'badges':
      return b.items.map((i) => `**${mdCell(i.label)}**`).join(' · ')
    case 'facts':
      return b.items.map((i) => `- **${mdCell(i.label)}:** ${mdCell(i.value)}`).join('\n')
    case 'table': {
      if (!b.rows.length) return `*${mdCell(b.empty ?? 'none')}*`
      const head = `| ${b.columns.map((c) => mdCell(c.title)).join(' | ')} |`
      const rule = `| ${b.columns.map((c) => (c.align === 'right' ? '---:' : '---')).join(' | ')} |`
      // Toned cells (severity, priority) print bold so the column still scans without colour.
      const rows = b.rows.map((r) => `| ${r.map((c) => (cellTone(c) ? `**${mdCell(cellText(c))}**` : mdCell(cellText(c)))).join(' | ')} |`)
      return [head, rule, ...rows].join('\n')
    }
    case 'chart': {
      // Markdown has no pictures of its own: the chart's numbers, one row per bucket.
      const c = b.chart
      const head = `| ${['Date', ...c.series.map((s) => s.name)].map(mdCell).join(' | ')} |`
      const rule = `| --- | ${c.series.map(() => '---:').join(' | ')} |`
      const rows = c.xLabels.map((x, i) => `| ${[x, ...c.series.map((s) => s.labels[i] ?? '—')].map(mdCell).join(' | ')} |`)
      return [`**${mdCell(c.title)}**${c.note ? ` *${mdCell(c.note)}*` : ''}`, [head, rule, ...rows].join('\n')].join('\n\n')
    }
  }
}

export const renderMarkdown = (doc: Doc): string =>
  [`# ${mdCell(doc.title)}`, `*${mdCell(doc.subtitle)}*`, ...doc.blocks.map(block), `---`, `*${mdCell(doc.footer)}*`].join('\n\n') + '\n'
