import { describe, expect, it } from 'vitest'
import { incident } from '../testing/store-kit'
import { attentionFor, createPresence } from './diff'

const NOW = Date.UTC(2026, 10, 20, 9, 30)
const here = { now: NOW, wasAway: () => false }
const away = { now: NOW, wasAway: () => true }
const kinds = (e: { kind: string }[]) => e.map((x) => x.kind)

describe('attentionFor', () => {
  it('announces a fresh P1/P2 incident once, and never a P3 or an old one first seen late', () => {
    expect(kinds(attentionFor(undefined, incident(1, { priority: 'P1', openedAt: NOW - 1000 }), here))).toEqual(['new'])
    expect(kinds(attentionFor(undefined, incident(2, { priority: 'P3', openedAt: NOW }), here))).toEqual([])
    expect(kinds(attentionFor(undefined, incident(3, { priority: 'P2', openedAt: NOW - 3_600_000 }), here))).toEqual([])
    const i = incident(4, { priority: 'P2', openedAt: NOW })
    expect(kinds(attentionFor(i, { ...i, alertCount: 2, seq: i.seq + 1 }, here))).toEqual([])
  })

  it('announces a priority raised to P1/P2 and every escalation step', () => {
    const i = incident(1, { priority: 'P3', openedAt: NOW - 60_000 })
    expect(attentionFor(i, { ...i, priority: 'P1' }, here)).toMatchObject([{ kind: 'raised', from: 'P3' }])
    expect(attentionFor(i, { ...i, escalationLevel: 1 }, here)).toMatchObject([{ kind: 'escalated', from: 0 }])
    expect(kinds(attentionFor(i, { ...i, status: 'acknowledged', acknowledgedAt: NOW, escalationLevel: 1 }, here))).toEqual(['escalated'])
  })

  it('keeps an incident that fired and recovered unacknowledged while nobody looked', () => {
    const i = incident(1, { openedAt: NOW - 600_000 })
    const resolved = { ...i, status: 'resolved' as const, resolvedAt: NOW }
    expect(kinds(attentionFor(i, resolved, away))).toEqual(['missed'])
    expect(kinds(attentionFor(i, resolved, here))).toEqual([])
    expect(kinds(attentionFor(i, { ...resolved, acknowledgedAt: NOW - 1000 }, away))).toEqual([])
    expect(kinds(attentionFor(resolved, { ...resolved, status: 'closed', closedAt: NOW }, away))).toEqual([]) // once
    expect(kinds(attentionFor(undefined, resolved, away))).toEqual(['missed']) // opened and ended while paused
  })
})

describe('presence', () => {
  it('answers whether an interval overlaps an away period, open or closed', () => {
    const p = createPresence()
    p.away(100)
    expect(p.wasAway(0, 50)).toBe(false)
    expect(p.wasAway(0, 150)).toBe(true)
    p.back(200)
    expect(p.wasAway(150, 160)).toBe(true)
    expect(p.wasAway(250, 300)).toBe(false)
    p.add(400, 500)
    expect(p.wasAway(450, 460)).toBe(true)
    expect(p.isAway()).toBe(false)
  })
})
