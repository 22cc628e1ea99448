import { describe, expect, it } from 'vitest'
import { wallGrid, wallPages } from './wall-grid'

// The wall's area on a 1920×1080 screen below a 56 px header with 12 px padding.
const W = 1920 - 24
const H = 1080 - 56 - 24

describe('wallGrid', () => {
  it('fits 56 tiles on a 1080p screen without scrolling, at or above the legible minimum', () => {
    const g = wallGrid(56, W, H)
    const rows = Math.ceil(56 / g.columns)
    expect(rows * g.rowHeight + (rows - 1) * 10).toBeLessThanOrEqual(H)
    expect(g.rowHeight).toBeGreaterThanOrEqual(120)
    expect((W - 10 * (g.columns - 1)) / g.columns).toBeGreaterThanOrEqual(220)
  })

  it('gives a handful of clients big tiles, in one row, capped', () => {
    const g = wallGrid(3, W, H)
    expect(g.columns).toBe(3)
    expect(g.rowHeight).toBe(360)
    expect(wallGrid(9, W, H)).toEqual({ columns: 3, rowHeight: 326 })
  })

  it('falls back to scrolling rows at the minimum height when there are too many clients', () => {
    const g = wallGrid(200, W, H)
    expect(g.rowHeight).toBe(120)
    expect(g.columns).toBe(8)
  })
})

describe('wallPages', () => {
  it('keeps 56 clients on one 1080p page and splits 120 into pages of legible tiles', () => {
    expect(wallPages(56, W, H)).toBe(1)
    expect(wallPages(120, W, H)).toBe(3)
    expect(wallPages(0, W, H)).toBe(1)
  })
})
