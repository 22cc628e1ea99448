/**
 * Which header items fit on one line; the rest go to the "More" menu. Pure (tested): the header measures its
 * items and its own width and asks this. Priority 0 is always shown (brand, DEMO, connection, clock: what an
 * operator must never lose); higher numbers leave first, and the More button's width is reserved as soon as
 * anything has to leave.
 */
export interface FitItem {
  id: string
  /** Width on the bar including the gap after it, px. */
  width: number
  priority: number
}

export const fitHeader = (items: readonly FitItem[], available: number, moreWidth: number): Set<string> => {
  const total = items.reduce((n, i) => n + i.width, 0)
  if (total <= available) return new Set(items.map((i) => i.id))
  const shown = new Set<string>()
  let used = moreWidth
  const order = items.map((item, at) => ({ item, at })).sort((a, b) => a.item.priority - b.item.priority || a.at - b.at)
  for (const { item } of order) {
    if (item.priority > 0 && used + item.width > available) continue
    shown.add(item.id)
    used += item.width
  }
  return shown
}
