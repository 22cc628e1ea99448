import { describe, expect, it } from 'vitest'
import { changesInWindow, isFlapping, recordTransition } from './flapping'
import { MIN, SEC, Sim } from '../testing/engine-kit'

const cfg = { changes: 4, windowMin: 10 }

describe('flapping detection', () => {
  it('threshold edges: N-1 changes is not flapping, N is', () => {
    const three = [0, MIN, 2 * MIN]
    expect(isFlapping(three, 2 * MIN, cfg)).toBe(false)
    expect(isFlapping([...three, 3 * MIN], 3 * MIN, cfg)).toBe(true)
  })

  it('window edges: a change exactly windowMin before the latest counts, 1 ms more does not', () => {
    expect(isFlapping([0, MIN, 2 * MIN, 10 * MIN], 10 * MIN, cfg)).toBe(true)
    expect(isFlapping([0, MIN, 2 * MIN, 10 * MIN + 1], 10 * MIN + 1, cfg)).toBe(false)
  })

  it('history keeps the window (and always the latest change), sorted even when changes arrive out of order', () => {
    let h: number[] = []
    for (const t of [0, 5 * MIN, 2 * MIN, 11 * MIN]) h = recordTransition(h, t, cfg)
    expect(h).toEqual([2 * MIN, 5 * MIN, 11 * MIN])
    expect(changesInWindow(h, 11 * MIN, cfg)).toBe(3)
    expect(recordTransition([], 99 * MIN, cfg)).toEqual([99 * MIN])
  })
})

/** fire, then `cycles` × (resolve, hold passes, re-fire); returns the sim after the last re-fire. */
const flap = (cycles: number, config = {}) => {
  const sim = new Sim(config)
  sim.fire('a', { service: 'web' })
  for (let i = 0; i < cycles; i++) {
    sim.advance(30 * SEC).resolve('a')
    sim.advance(2 * MIN).tick()
    sim.advance(30 * SEC).fire('a', { service: 'web' })
  }
  return sim
}

describe('flapping alerts and their incident', () => {
  it('re-fires re-open the incident until the alert is flapping', () => {
    const sim = flap(1) // 2 changes
    expect(sim.inc('INC-1001').status).toBe('open')
    expect(sim.entries('INC-1001', 'reopen')).toHaveLength(1)
  })

  it('the Nth change (a re-fire) leaves the incident resolved, flagged, and says why', () => {
    const sim = flap(2) // 4 changes within 6 minutes
    const inc = sim.inc('INC-1001')
    expect(inc.status).toBe('resolved')
    expect(inc.flags).toEqual(['flapping'])
    expect(sim.incidents()).toHaveLength(1)
    expect(sim.entries('INC-1001', 'flapping')[0].text).toBe(
      'alert `a` is flapping: 4 status changes in 10 min; its re-fires will not re-open this incident',
    )
    // further deliveries of the firing alert stay quiet
    expect(sim.advance(10 * SEC).fire('a', { service: 'web' }).decisions).toEqual([])
  })

  it('with changes: 5 the same sequence still re-opens (N-1)', () => {
    const sim = flap(2, { correlation: { flapping: { changes: 5 } } })
    expect(sim.inc('INC-1001').status).toBe('open')
    expect(sim.inc('INC-1001').flags).toEqual([])
  })

  it('once quiet for the window, a re-fire clears the flag and re-opens (inside the re-open window)', () => {
    const sim = flap(2)
    sim.advance(30 * SEC).resolve('a')
    sim.advance(12 * MIN).fire('a', { service: 'web' })
    const inc = sim.inc('INC-1001')
    expect(inc.flags).toEqual([])
    expect(inc.status).toBe('open')
    expect(sim.entries('INC-1001', 'flapping').map((e) => e.text)).toEqual([
      'alert `a` is flapping: 4 status changes in 10 min; its re-fires will not re-open this incident',
      'alert `a` stopped flapping',
    ])
  })

  it('a flapping alert inside an open incident flags it but keeps it open', () => {
    const sim = new Sim()
    sim.fire('a', { service: 'web' })
    sim.fire('b', { service: 'web' }) // keeps the incident open throughout
    for (let i = 0; i < 2; i++) {
      sim.advance(20 * SEC).resolve('a')
      sim.advance(20 * SEC).fire('a', { service: 'web' })
    }
    const inc = sim.inc('INC-1001')
    expect(inc.status).toBe('open')
    expect(inc.flags).toEqual(['flapping'])
  })

  it('severity changes are not status changes', () => {
    const sim = new Sim()
    sim.fire('a', { severity: 'warning' })
    for (const severity of ['critical', 'warning', 'critical', 'warning'] as const) sim.advance(10 * SEC).fire('a', { severity })
    expect(sim.inc('INC-1001').flags).toEqual([])
    expect(sim.state.flaps).toEqual({})
  })
})

describe('flapping past the re-open window', () => {
  it('a flapping alert re-firing after the window opens a new incident, flagged, whether or not the old one was pruned', () => {
    const sim = new Sim({ correlation: { reopenWindowMin: 1, flapping: { windowMin: 60 } } })
    sim.fire('a')
    for (let i = 0; i < 2; i++) {
      sim.advance(30 * SEC).resolve('a')
      sim.advance(2 * MIN).tick()
      sim.advance(2 * MIN).fire('a')
    }
    expect(sim.inc('INC-1001').status).toBe('resolved')
    const fresh = sim.incidentOf('a')!
    expect(fresh.id).not.toBe('INC-1001')
    expect(fresh.flags).toEqual(['flapping'])
  })
})
