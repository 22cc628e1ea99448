/** A report chart as inline SVG (HTML reports): the shapes of `chartShapes`, every text escaped. */
import { chartShapes, type Chart, type Shape } from './chart'

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string)

const n = (v: number): string => String(Math.round(v * 100) / 100)

const shape = (s: Shape): string => {
  switch (s.kind) {
    case 'rect':
      return `<rect x="${n(s.x)}" y="${n(s.y)}" width="${n(s.w)}" height="${n(s.h)}" fill="${s.fill}"/>`
    case 'line':
      return `<polyline points="${s.points.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}" fill="none" stroke="${s.stroke}" stroke-width="${n(s.width)}"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''} stroke-linejoin="round"/>`
    case 'dot':
      return `<circle cx="${n(s.x)}" cy="${n(s.y)}" r="${n(s.r)}" fill="${s.fill}"/>`
    case 'text':
      return `<text x="${n(s.x)}" y="${n(s.y)}" font-size="${n(s.size)}" fill="${s.color}" text-anchor="${s.anchor}"${s.bold ? ' font-weight="600"' : ''}>${esc(s.text)}</text>`
  }
}

export const CHART_SIZE = { width: 520, height: 170 }

export const chartSvg = (c: Chart): string => {
  const { width, height } = CHART_SIZE
  const label = `${c.title}: ${c.series.map((s) => s.name).join(', ')}`
  return (
    `<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(label)}">` +
    `<title>${esc(label)}</title>${chartShapes(c, width, height).map(shape).join('')}</svg></figure>`
  )
}
