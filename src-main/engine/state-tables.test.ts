import { describe, expect, it } from 'vitest'
import { processChanges, runAction, tick } from './incidents'
import { tablesOf } from './state'
import type { EngineState } from './types'
import { rebuilt, Traffic } from '../testing/engine-traffic-kit'

/** A version's contents read from the state tables (not the cached views), in their order. */
const dump = (s: EngineState): string => {
  const st = tablesOf(s)
  return JSON.stringify({
    incidents: [...st.incidents.entries()],
    links: [...st.links.entries()].map(([id, set]) => [id, [...set.values()]]),
    alerts: [...st.alerts.entries()],
    problems: [...st.problems.entries()],
    flaps: [...st.flaps.entries()],
    timers: [...st.timers.values()],
    byAlert: [...st.byAlert.entries()],
  })
}

const warm = (seed: number, steps = 150): Traffic => {
  const t = new Traffic(seed, { correlation: { crossClient: { minClients: 2 } }, clients: { c0: { topology: [{ parent: 'fw', children: ['host=*'] }] } } })
  for (let i = 0; i < steps; i++) t.step()
  return t
}

describe('engine state versions', () => {
  it('a call leaves its input as it was, however the versions are read afterwards', () => {
    const t = warm(1)
    const s0 = t.state
    const before = dump(s0)
    const r1 = processChanges(s0, t.changes(), t.ctx())
    const r2 = tick(r1.state, t.ctx())
    const after1 = dump(r1.state)
    expect(dump(s0)).toBe(before)
    expect(dump(r2.state)).not.toBe(before)
    expect(dump(r1.state)).toBe(after1)
    expect(dump(s0)).toBe(before)
  })

  it('a batch rolled back and replaced by another gives what an untouched state gives (hub rollback)', () => {
    const a = warm(2)
    const b = warm(2)
    expect(dump(a.state)).toBe(dump(b.state))
    // `a` runs a batch whose transaction then fails: the hub keeps the old version and goes on from it.
    const lost = a.changes()
    processChanges(a.state, lost, a.ctxFrom(5000))
    b.changes()
    const next = b.changes()
    const viaRollback = processChanges(a.state, next, a.ctxFrom(6000))
    const direct = processChanges(b.state, next, b.ctxFrom(6000))
    expect(viaRollback.decisions).toEqual(direct.decisions)
    expect(dump(viaRollback.state)).toBe(dump(direct.state))
    expect(tablesOf(viaRollback.state).ix.snapshot(a.config)).toEqual(rebuilt(tablesOf(direct.state)).ix.snapshot(a.config))
  })

  it('a refused action writes nothing and leaves the state usable', () => {
    const t = warm(3)
    const before = dump(t.state)
    const r = runAction(t.state, { type: 'ack', id: 'INC-0', by: 'x' }, t.ctx())
    expect(r.ok).toBe(false)
    expect(dump(t.state)).toBe(before)
    expect(processChanges(t.state, t.changes(), t.ctx()).state).toBeDefined()
  })

  it('a call that throws half-way undoes its writes', () => {
    const a = warm(4)
    const b = warm(4)
    let changes = a.changes()
    b.changes()
    while (changes.length < 3) {
      changes = a.changes()
      b.changes()
    }
    const before = dump(a.state)
    // The configuration is read throughout a call: fail on the third read, after some rows were written.
    let reads = 0
    const config = new Proxy(a.config, {
      get: (target, key, receiver) => {
        if (key === 'correlation' && ++reads === 3) throw new Error('boom')
        return Reflect.get(target, key, receiver)
      },
    })
    expect(() => processChanges(a.state, changes, { ...a.ctxFrom(7000), config })).toThrow('boom')
    expect(dump(a.state)).toBe(before)
    const retried = processChanges(a.state, changes, a.ctxFrom(8000))
    const fresh = processChanges(b.state, changes, b.ctxFrom(8000))
    expect(retried.decisions).toEqual(fresh.decisions)
    expect(dump(retried.state)).toBe(dump(fresh.state))
  })

  it('indexes stay exact through rollbacks and aborted work', () => {
    const t = warm(5, 60)
    for (let i = 0; i < 120; i++) {
      const base = t.state
      processChanges(base, t.changes(), t.ctx())
      const id = [...tablesOf(base).incidents.keys()][i % 5]
      if (id) runAction(base, { type: i % 2 ? 'close' : 'resolve', id, by: 'x' }, t.ctx())
      t.state = base
      t.step()
    }
    const st = tablesOf(t.state)
    expect(st.ix.snapshot(t.config)).toEqual(rebuilt(st).ix.snapshot(t.config))
  })
})

describe('rule onsets (in place, journaled)', () => {
  it('a rolled-back step leaves the list as it was; reading an older version rewinds it', async () => {
    const { StateTables } = await import('./state-tables')
    const st = new StateTables()
    st.begin(st.head)
    st.stepOnset('R', 20, true)
    st.stepOnset('R', 10, true)
    const v1 = st.commit()
    expect(st.onsets.get('R')).toEqual([10, 20])
    st.begin(v1)
    st.stepOnset('R', 15, true)
    st.stepOnset('R', 10, false)
    expect(st.onsets.get('R')).toEqual([15, 20])
    st.abort()
    expect(st.onsets.get('R')).toEqual([10, 20])
    st.begin(v1)
    st.stepOnset('R', 30, true)
    st.commit()
    st.checkout(v1)
    expect(st.onsets.get('R')).toEqual([10, 20])
  })
})
