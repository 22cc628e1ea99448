/**
 * A tiny anti-aliased rasteriser for the app's icons. Shapes are signed distance functions in pixel units
 * (negative inside); a pixel's coverage is `clamp(0.5 - d)`, which gives clean edges at 16 px without
 * supersampling. Enough for a rounded square, circles, thick polylines and a 3×5 digit font.
 */
import { encodePng } from './png'

export type Rgba = readonly [number, number, number, number]
export type Sdf = (x: number, y: number) => number
export type Paint = Rgba | ((x: number, y: number) => Rgba)

export const hex = (h: string, alpha = 255): Rgba => {
  const v = h.replace('#', '')
  return [parseInt(v.slice(0, 2), 16), parseInt(v.slice(2, 4), 16), parseInt(v.slice(4, 6), 16), alpha]
}

export class Canvas {
  readonly data: Float32Array
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.data = new Float32Array(width * height * 4)
  }

  /** Paint `shape` over what is there (source-over), `opacity` scaling its coverage. */
  fill(shape: Sdf, paint: Paint, opacity = 1): this {
    const d = this.data
    for (let y = 0; y < this.height; y++) {
      for (let x = 0; x < this.width; x++) {
        const cover = Math.min(1, Math.max(0, 0.5 - shape(x + 0.5, y + 0.5))) * opacity
        if (cover <= 0) continue
        const c = typeof paint === 'function' ? paint(x + 0.5, y + 0.5) : paint
        const a = (c[3] / 255) * cover
        const i = (y * this.width + x) * 4
        const under = d[i + 3]
        const outA = a + under * (1 - a)
        for (let k = 0; k < 3; k++) d[i + k] = outA === 0 ? 0 : (c[k] * a + d[i + k] * under * (1 - a)) / outA
        d[i + 3] = outA
      }
    }
    return this
  }

  /** Punch `shape` out (destination-out): for gaps between a badge and the mark beneath it. */
  clear(shape: Sdf): this {
    for (let y = 0; y < this.height; y++) {
      for (let x = 0; x < this.width; x++) {
        const cover = Math.min(1, Math.max(0, 0.5 - shape(x + 0.5, y + 0.5)))
        if (cover > 0) this.data[(y * this.width + x) * 4 + 3] *= 1 - cover
      }
    }
    return this
  }

  rgba(): Uint8Array {
    const out = new Uint8Array(this.width * this.height * 4)
    for (let i = 0; i < out.length; i += 4) {
      out[i] = Math.round(this.data[i])
      out[i + 1] = Math.round(this.data[i + 1])
      out[i + 2] = Math.round(this.data[i + 2])
      out[i + 3] = Math.round(this.data[i + 3] * 255)
    }
    return out
  }

  png(): Buffer {
    return encodePng(this.width, this.height, this.rgba())
  }

  /** Alpha (0..1) at a pixel: what the tests look at. */
  alphaAt(x: number, y: number): number {
    return this.data[(y * this.width + x) * 4 + 3]
  }
  colorAt(x: number, y: number): Rgba {
    const i = (y * this.width + x) * 4
    return [Math.round(this.data[i]), Math.round(this.data[i + 1]), Math.round(this.data[i + 2]), Math.round(this.data[i + 3] * 255)]
  }
}

export const circle =
  (cx: number, cy: number, r: number): Sdf =>
  (x, y) =>
    Math.hypot(x - cx, y - cy) - r

/** Rounded rectangle with corner radius `r` (0 = sharp). */
export const roundRect =
  (x0: number, y0: number, w: number, h: number, r: number): Sdf =>
  (x, y) => {
    const hx = w / 2
    const hy = h / 2
    const qx = Math.abs(x - (x0 + hx)) - (hx - r)
    const qy = Math.abs(y - (y0 + hy)) - (hy - r)
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r
  }

const segment = (x: number, y: number, ax: number, ay: number, bx: number, by: number): number => {
  const px = x - ax
  const py = y - ay
  const dx = bx - ax
  const dy = by - ay
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy || 1)))
  return Math.hypot(px - dx * t, py - dy * t)
}

/** A polyline stroked `width` wide with round joins and caps. */
export const polyline =
  (points: readonly (readonly [number, number])[], width: number): Sdf =>
  (x, y) => {
    let d = Infinity
    for (let i = 1; i < points.length; i++) d = Math.min(d, segment(x, y, points[i - 1][0], points[i - 1][1], points[i][0], points[i][1]))
    return d - width / 2
  }

export const union =
  (...shapes: Sdf[]): Sdf =>
  (x, y) => {
    let d = Infinity
    for (const s of shapes) d = Math.min(d, s(x, y))
    return d
  }

/** Grow (positive) or shrink a shape: a badge's halo. */
export const inflate =
  (shape: Sdf, by: number): Sdf =>
  (x, y) =>
    shape(x, y) - by

/** Top-to-bottom linear gradient between two colours. */
export const vertical =
  (y0: number, y1: number, top: Rgba, bottom: Rgba) =>
  (_x: number, y: number): Rgba => {
    const t = Math.max(0, Math.min(1, (y - y0) / (y1 - y0)))
    return [0, 1, 2, 3].map((k) => top[k] + (bottom[k] - top[k]) * t) as unknown as Rgba
  }

/** 3×5 bitmap digits (and '+'), row-major, for count badges. */
const GLYPHS: Record<string, string> = {
  '0': '111101101101111',
  '1': '010110010010111',
  '2': '111001111100111',
  '3': '111001111001111',
  '4': '101101111001001',
  '5': '111100111001111',
  '6': '111100111101111',
  '7': '111001010010010',
  '8': '111101111101111',
  '9': '111101111001111',
  '+': '000010111010000',
}

/** Text drawn from GLYPHS, each cell `cell` px, one empty column between glyphs; returns its shape and size. */
export const glyphText = (text: string, x0: number, y0: number, cell: number): { shape: Sdf; width: number; height: number } => {
  const boxes: Sdf[] = []
  ;[...text].forEach((ch, i) => {
    const g = GLYPHS[ch]
    if (!g) throw new Error(`no glyph for ${JSON.stringify(ch)}`)
    for (let r = 0; r < 5; r++)
      for (let c = 0; c < 3; c++) if (g[r * 3 + c] === '1') boxes.push(roundRect(x0 + (i * 4 + c) * cell, y0 + r * cell, cell, cell, 0))
  })
  return { shape: union(...boxes), width: text.length * 4 * cell - cell, height: 5 * cell }
}
