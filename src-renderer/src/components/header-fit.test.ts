import { describe, expect, it } from 'vitest'
import { fitHeader } from './header-fit'

const items = [
  { id: 'brand', width: 60, priority: 0 },
  { id: 'wall', width: 100, priority: 1 },
  { id: 'incidents', width: 140, priority: 1 },
  { id: 'settings', width: 110, priority: 5 },
  { id: 'pause', width: 90, priority: 2 },
  { id: 'keys', width: 80, priority: 4 },
  { id: 'clock', width: 70, priority: 0 },
]

describe('fitHeader', () => {
  it('keeps everything on the bar when it fits, with no More button', () => {
    expect([...fitHeader(items, 650, 80)].sort()).toEqual(items.map((i) => i.id).sort())
  })

  it('moves the least important out first, reserving room for More', () => {
    // 650 total; at 600 with 80 for More: 520 left → settings (110) and keys (80) leave.
    expect([...fitHeader(items, 600, 80)]).not.toContain('settings')
    expect(fitHeader(items, 600, 80).has('keys')).toBe(false)
    expect(fitHeader(items, 600, 80).has('pause')).toBe(true)
  })

  it('a narrower, less important item can still fill space a wider one left', () => {
    // available 560 − More 80 = 480: brand, clock, wall, incidents = 370; pause (90) → 460; keys (80) does not fit; settings neither.
    const shown = fitHeader(items, 560, 80)
    expect(shown.has('pause')).toBe(true)
    expect(shown.has('keys')).toBe(false)
  })

  it('never drops priority 0, however narrow', () => {
    expect([...fitHeader(items, 100, 80)].sort()).toEqual(['brand', 'clock'])
  })
})
