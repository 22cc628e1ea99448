import { describe, expect, it } from 'vitest'
import { TOOLTIP_MAX, countsText, createTrayModel, tooltipText, type TrayIncident } from './tray-state'

const inc = (id: string, o: Partial<TrayIncident> = {}): TrayIncident => ({ id, status: 'open', priority: 'P3', severity: 'major', title: `t ${id}`, client: 'acme', openedAt: 1, seq: 1, ...o })

describe('tray model', () => {
  it('counts active incidents (open and acknowledged) by severity; worst is the worst present', () => {
    const m = createTrayModel()
    m.apply([inc('INC-1', { severity: 'minor' }), inc('INC-2', { severity: 'minor', status: 'acknowledged' }), inc('INC-3', { severity: 'warning' }), inc('INC-4', { status: 'resolved' })])
    const s = m.snapshot()
    expect(s.counts).toEqual({ critical: 0, major: 0, minor: 2, warning: 1, info: 0 })
    expect(s).toMatchObject({ total: 3, unacked: 2, worst: 'minor', worstCount: 2, attention: [] })
  })

  it('nothing active: all clear, no worst severity', () => {
    expect(createTrayModel().snapshot()).toMatchObject({ total: 0, worst: null, worstCount: 0 })
  })

  it('an active incident whose alerts all cleared (severity ok) counts as info, not as nothing', () => {
    const m = createTrayModel()
    m.apply([inc('INC-1', { severity: 'ok' })])
    expect(m.snapshot()).toMatchObject({ total: 1, worst: 'info' })
  })

  it('attention: every unacknowledged P1, newest first; acknowledging or resolving removes it', () => {
    const m = createTrayModel()
    m.apply([inc('INC-1', { priority: 'P1', openedAt: 10 }), inc('INC-2', { priority: 'P1', openedAt: 20 }), inc('INC-3', { priority: 'P2' })])
    expect(m.snapshot().attention.map((i) => i.id)).toEqual(['INC-2', 'INC-1'])
    m.apply([inc('INC-2', { priority: 'P1', status: 'acknowledged', seq: 2 })])
    expect(m.snapshot().attention.map((i) => i.id)).toEqual(['INC-1'])
    m.apply([inc('INC-1', { priority: 'P1', status: 'resolved', seq: 2 })])
    expect(m.snapshot().attention).toEqual([])
  })

  it('a P2 escalated to P1 while open turns attention on; an acknowledged P1 does not', () => {
    const m = createTrayModel()
    m.apply([inc('INC-1', { priority: 'P2' }), inc('INC-2', { priority: 'P1', status: 'acknowledged' })])
    expect(m.snapshot().attention).toEqual([])
    m.apply([inc('INC-1', { priority: 'P1', seq: 2 })])
    expect(m.snapshot().attention.map((i) => i.id)).toEqual(['INC-1'])
  })

  it('an older copy (a delta that raced the initial list) never overwrites a newer one, nor revives an ended incident', () => {
    const m = createTrayModel()
    m.apply([inc('INC-1', { status: 'acknowledged', priority: 'P1', seq: 5 })])
    m.apply([inc('INC-1', { status: 'open', priority: 'P1', seq: 4 })])
    expect(m.snapshot()).toMatchObject({ unacked: 0, attention: [] })
    m.apply([inc('INC-1', { status: 'closed', seq: 6 })])
    m.apply([inc('INC-1', { status: 'open', seq: 5 })])
    expect(m.snapshot().total).toBe(0)
    // A genuinely newer version (re-opened) comes back.
    m.apply([inc('INC-1', { status: 'open', seq: 7 })])
    expect(m.snapshot().total).toBe(1)
  })
})

describe('tray texts', () => {
  it('counts text names only the severities present, worst first', () => {
    const m = createTrayModel()
    m.apply([inc('INC-1', { severity: 'critical' }), inc('INC-2', { severity: 'critical' }), inc('INC-3', { severity: 'info' })])
    expect(countsText(m.snapshot())).toBe('2 crit · 1 info')
  })

  it('tooltip: all clear; counts and unacked; the newest P1 named; never past 127 characters', () => {
    const m = createTrayModel()
    expect(tooltipText(m.snapshot())).toBe('NOC console — all clear')
    m.apply([inc('INC-1', { severity: 'critical', priority: 'P1', title: 'x'.repeat(300), openedAt: 5 }), inc('INC-2', { priority: 'P1', openedAt: 1 })])
    const t = tooltipText(m.snapshot())
    expect(t.startsWith('NOC console — 1 crit · 1 maj (2 unacked)\nP1 INC-1 acme: xxx')).toBe(true)
    expect(t.length).toBe(TOOLTIP_MAX)
    expect(t.endsWith('…')).toBe(true)
  })
})
