import { describe, expect, it } from 'vitest'
import type { TimelineEntry } from '@shared/model/incident'
import { incident } from '../../testing/store-kit'
import { labelWidth, layoutTimeline, packRow, placeLabels, type PlacedText } from './timeline-layout'

const T = Date.UTC(2026, 10, 20, 9, 0, 0)
let nextId = 1
const entry = (kind: TimelineEntry['kind'], at: number): TimelineEntry => ({ id: nextId++, incidentId: 'INC-1001', at, actor: 'system', kind, text: kind, data: null })

/** The boxes the labels occupy, as drawn (text starts at x, one line high). */
const box = (l: PlacedText) => ({ left: l.x, right: l.x + labelWidth(l.text), top: l.y - 13, bottom: l.y })
const overlap = (a: PlacedText, b: PlacedText) => {
  const x = box(a)
  const y = box(b)
  return x.left < y.right && y.left < x.right && x.top < y.bottom && y.top < x.bottom
}
const expectNoOverlap = (labels: PlacedText[]) => {
  for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) expect({ a: labels[i].text, b: labels[j].text, overlap: overlap(labels[i], labels[j]) }).toMatchObject({ overlap: false })
}

describe('placeLabels', () => {
  it('puts a label that would touch the previous one on its next row, and reuses the first row when clear', () => {
    const rows = placeLabels(
      [
        { x: 100, width: 80, anchor: 'start', rows: [0, 1] },
        { x: 150, width: 80, anchor: 'start', rows: [0, 1] },
        { x: 300, width: 80, anchor: 'start', rows: [0, 1] },
      ],
      6,
    )
    expect(rows).toEqual([0, 1, 0])
  })

  it('leaves a label out (-1) rather than draw it over another when every row is taken', () => {
    const l = { x: 100, width: 80, anchor: 'middle' as const, rows: [0, 1] }
    expect(placeLabels([l, { ...l, x: 104 }, { ...l, x: 108 }])).toEqual([0, 1, -1])
  })

  it('shifts text that would run off the chart back inside before checking for room', () => {
    const rows = placeLabels(
      [
        { x: 990, width: 60, anchor: 'start', rows: [0] },
        { x: 900, width: 40, anchor: 'start', rows: [0] },
      ],
      6,
      { left: 0, right: 1000 },
    )
    // Clamped to 940–1000, the first now touches the second (900–940 + gap): only one gets the row.
    expect(rows.filter((r) => r === 0)).toHaveLength(1)
  })
})

describe('packRow', () => {
  it('slides labels that want the same spot apart, and back inside at the right edge', () => {
    const starts = packRow(
      [
        { x: 950, width: 60 },
        { x: 950, width: 40 },
        { x: 100, width: 50 },
      ],
      { left: 0, right: 1000 },
      8,
    )
    expect(starts[2]).toBe(100) // untouched: nothing near it
    // 950 and 950: the second slides right by 68, then both slide left to end at 1000.
    expect(starts[1] + 40).toBe(1000)
    expect(starts[0] + 60 + 8).toBe(starts[1])
  })
})

describe('layoutTimeline', () => {
  it('acknowledged and resolved a few seconds apart: both state labels drawn, apart', () => {
    const inc = incident(1, { status: 'resolved', openedAt: T, acknowledgedAt: T + 30 * 60_000, resolvedAt: T + 30 * 60_000 + 5_000 })
    const g = layoutTimeline(inc, [entry('opened', T), entry('ack', T + 30 * 60_000), entry('resolve', T + 30 * 60_000 + 5_000)], T + 3_600_000, 900)
    expect(g.bandLabels.map((l) => l.text)).toEqual(['open', 'acknowledged', 'resolved'])
    expectNoOverlap(g.bandLabels)
    // The 5 s acknowledged segment is far too narrow for its word: that label goes under the band.
    expect(g.bandLabels.find((l) => l.text === 'acknowledged')?.onBand).toBe(false)
  })

  it('"now" never lands on a state label of a young incident', () => {
    const inc = incident(1, { openedAt: T })
    const g = layoutTimeline(inc, [entry('opened', T)], T + 5_000, 1300)
    expect(g.now).not.toBeNull()
    expectNoOverlap([...g.bandLabels, g.now!])
  })

  it('marker labels in one lane close together alternate above and below and never overlap', () => {
    const inc = incident(1, { status: 'acknowledged', openedAt: T, acknowledgedAt: T + 60_000 })
    const people = [entry('ack', T + 60_000), entry('note', T + 75_000), entry('escalate', T + 90_000), entry('note', T + 105_000)]
    const g = layoutTimeline(inc, [entry('opened', T), ...people], T + 10 * 60_000, 900)
    const labels = g.clusters.filter((c) => c.lane === 'people').flatMap((c) => (c.label ? [c.label] : []))
    expect(labels.length).toBeGreaterThanOrEqual(2)
    expectNoOverlap(labels)
    expect(new Set(labels.map((l) => l.y)).size).toBe(2)
  })
})
