/** A report chart drawn into the PDF as vector paths and real (selectable) text: the shapes of `chartShapes`. */
import { chartShapes, type Chart } from '../chart'
import type { PdfLayout } from './layout'

export const CHART_HEIGHT = 170

export const drawChart = (L: PdfLayout, c: Chart): void => {
  L.ensure(CHART_HEIGHT + 6)
  const ox = L.left
  const oy = L.y
  const d = L.doc
  for (const s of chartShapes(c, L.contentWidth, CHART_HEIGHT)) {
    switch (s.kind) {
      case 'rect':
        L.fillRect(ox + s.x, oy + s.y, s.w, s.h, s.fill)
        break
      case 'line': {
        d.save().lineWidth(s.width).lineJoin('round').lineCap('round')
        if (s.dash) d.dash(s.dash, { space: s.dash })
        s.points.forEach(([x, y], i) => (i ? d.lineTo(ox + x, oy + y) : d.moveTo(ox + x, oy + y)))
        d.stroke(s.stroke).restore()
        break
      }
      case 'dot':
        d.circle(ox + s.x, oy + s.y, s.r).fill(s.fill)
        break
      case 'text': {
        const line = L.fit(s.text, s.bold ? 'bold' : 'regular', s.size, L.contentWidth)
        const x = s.anchor === 'start' ? s.x : s.anchor === 'middle' ? s.x - line.width / 2 : s.x - line.width
        L.drawLine(line, ox + x, oy + s.y, s.size, s.color, 'left')
        break
      }
    }
  }
  L.y = oy + CHART_HEIGHT
}
