/**
 * Wall layout: how many columns, and how tall a row, so N client tiles fill the screen with the largest
 * tiles possible. Pure, so it is tested without a browser.
 *
 * Minimums are what keeps a tile legible at 5 m at 1920×1080: 220 px wide fits a 24 px client name of
 * ~14 characters and four 32 px counts; 120 px tall fits name, status line and the counts row. With those,
 * 8 columns × 7 rows = 56 tiles fit a 1080p screen below the header.
 */
export interface WallGridOptions {
  minWidth?: number
  minHeight?: number
  gap?: number
  /** Preferred width / height of a tile; the layout maximizes tile size at about this shape. */
  aspect?: number
  /** Caps, so three clients do not become three billboards (wall.css caps the columns to the same width). */
  maxWidth?: number
  maxHeight?: number
}

export interface WallGrid {
  columns: number
  /** Row height in px; rows beyond the screen scroll (issue 5 adds paging/rotation). */
  rowHeight: number
}

export const wallGrid = (count: number, width: number, height: number, opts: WallGridOptions = {}): WallGrid => {
  const minW = opts.minWidth ?? 220
  const minH = opts.minHeight ?? 120
  const gap = opts.gap ?? 10
  const aspect = opts.aspect ?? 1.7
  const maxW = opts.maxWidth ?? 640
  const maxH = opts.maxHeight ?? 360
  if (count <= 0 || width <= 0 || height <= 0) return { columns: 1, rowHeight: minH }
  let best = { columns: 1, rowHeight: minH, score: -1 }
  for (let columns = 1; columns <= count; columns++) {
    const free = (width - gap * (columns - 1)) / columns
    if (free < minW && columns > 1) break
    const rows = Math.ceil(count / columns)
    const w = Math.min(maxW, free)
    const h = Math.min(maxH, (height - gap * (rows - 1)) / rows)
    // A tile is as big as its smaller dimension allows at the preferred shape; on a tie, fewer rows.
    const score = Math.min(w / aspect, h)
    if (score >= best.score) best = { columns, rowHeight: Math.max(minH, Math.min(h, w / 1.1)), score }
  }
  return { columns: best.columns, rowHeight: Math.floor(best.rowHeight) }
}

/**
 * Wall mode pages: how many screens the clients need when every tile keeps the legible minimum. One page
 * when they fit (the normal case up to 56 clients at 1080p); beyond that the wall rotates through pages
 * instead of scrolling, because nobody scrolls a wall display.
 */
export const wallPages = (count: number, width: number, height: number, opts: WallGridOptions = {}): number => {
  const minW = opts.minWidth ?? 220
  const minH = opts.minHeight ?? 120
  const gap = opts.gap ?? 10
  if (count <= 0 || width <= 0 || height <= 0) return 1
  const cols = Math.max(1, Math.floor((width + gap) / (minW + gap)))
  const rows = Math.max(1, Math.floor((height + gap) / (minH + gap)))
  return Math.max(1, Math.ceil(count / (cols * rows)))
}
