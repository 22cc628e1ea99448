import { describe, expect, it } from 'vitest'
import { fitColumns, type ColumnSpec } from './column-fit'

const specs: ColumnSpec[] = [
  { id: 'sev', track: '100px', min: 100, priority: 1 },
  { id: 'client', track: 'minmax(120px, 1fr)', min: 120, priority: 2 },
  { id: 'summary', track: 'minmax(300px, 3fr)', min: 300, priority: 1 },
  { id: 'count', track: '80px', min: 80, priority: 4 },
  { id: 'last', track: '110px', min: 110, priority: 3 },
]

describe('fitColumns', () => {
  it('shows every column when they fit, in their own order', () => {
    const f = fitColumns(specs, 2000)
    expect(f.hidden).toEqual([])
    expect(f.template).toBe('100px minmax(120px, 1fr) minmax(300px, 3fr) 80px 110px')
  })

  it('drops the least important first and keeps the order of the rest', () => {
    // 100 + 300 + 120 + 110 = 630 fits; count (priority 4) does not.
    const f = fitColumns(specs, 650)
    expect(f.hidden).toEqual(['count'])
    expect(f.visibility).toMatchObject({ count: false, last: true, client: true })
    expect(f.template).toBe('100px minmax(120px, 1fr) minmax(300px, 3fr) 110px')
  })

  it('skips a wide column but still fits a narrower, less important one after it', () => {
    // 400 (priority 1) + client 120 = 520; last (110) does not fit in 600, count (80) does.
    expect(fitColumns(specs, 600).hidden).toEqual(['last'])
  })

  it('never hides priority-1 columns, however narrow', () => {
    expect(fitColumns(specs, 10).hidden).toEqual(['client', 'count', 'last'])
  })
})
