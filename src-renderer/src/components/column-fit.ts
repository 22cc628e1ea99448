/**
 * Columns by priority: a table shows the columns that fit its width, dropping the least important first, so a
 * 1280-pixel laptop gets no horizontal scrollbar and a 4K wall gets every column. Pure (tested); the tables call
 * it with their scroller's width.
 */
import { useMemo } from 'react'
import type { VisibilityState } from '@tanstack/react-table'

export interface ColumnSpec {
  id: string
  /** The CSS grid track, e.g. `minmax(140px, 1fr)` or `96px`. */
  track: string
  /** Pixels the column needs (its track's minimum plus nothing else: padding is inside). */
  min: number
  /** 1 = always shown; higher numbers go first when space runs out. */
  priority: number
}

export interface ColumnFit {
  visibility: VisibilityState
  /** grid-template-columns for the shown columns, in their original order. */
  template: string
  hidden: string[]
}

export const fitColumns = (specs: readonly ColumnSpec[], width: number): ColumnFit => {
  const byPriority = [...specs].map((s, i) => ({ s, i })).sort((a, b) => a.s.priority - b.s.priority || a.i - b.i)
  const shown = new Set<string>()
  let used = 0
  for (const { s } of byPriority) {
    if (s.priority > 1 && used + s.min > width) continue
    shown.add(s.id)
    used += s.min
  }
  const visibility: VisibilityState = {}
  const hidden: string[] = []
  for (const s of specs) {
    visibility[s.id] = shown.has(s.id)
    if (!shown.has(s.id)) hidden.push(s.id)
  }
  return { visibility, template: specs.filter((s) => shown.has(s.id)).map((s) => s.track).join(' '), hidden }
}

/** `fitColumns` memoised on the width (rounded to 8 px, so a resize drag does not re-render every pixel). */
export const useColumnFit = (specs: readonly ColumnSpec[], width: number): ColumnFit => {
  const w = Math.floor(width / 8) * 8
  return useMemo(() => fitColumns(specs, w), [specs, w])
}
