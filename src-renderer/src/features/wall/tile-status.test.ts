import { describe, expect, it } from 'vitest'
import { createNocStore } from '../../store/store'
import { alert, client, delta, incident, snapshot } from '../../testing/store-kit'
import { tileStatus } from './tile-status'

/** The tile's words through the store's real feed: what the wall shows after a snapshot and deltas. */
const tileOf = (store: ReturnType<typeof createNocStore>, id = 'acme') => {
  const s = store.getState()
  return { status: tileStatus(s.clientsById[id], s.incidentsByClient[id]), p1: s.incidentsByClient[id]?.active.P1 ?? 0 }
}

describe('wall tile status agrees with the queue', () => {
  it('an open P1 whose alerts all resolved (resolve hold) reads "Recovering", never "All clear"', () => {
    const store = createNocStore()
    store.getState().receiveSnapshot(snapshot(5, [alert(1, { severity: 'critical' })], [client('acme', { critical: 1 })], false, [incident(1, { priority: 'P1', severity: 'critical' })]))
    expect(tileOf(store).status).toMatchObject({ state: 'alerting', text: 'Critical · 1 open' })
    // The alert resolves; the incident stays open for its hold: nothing fires, the queue still lists an open P1.
    store.getState().receiveDelta(delta(6, [alert(1, { severity: 'critical', status: 'resolved', seq: 6 })], [client('acme')]))
    const t = tileOf(store)
    expect(t.p1).toBe(1)
    expect(t.status).toEqual({ state: 'recovering', text: 'Recovering · 1 open', spoken: 'nothing firing, 1 incident still open' })
    // The hold ends: the incident resolves and only then is the client all clear.
    store.getState().receiveDelta(delta(7, [], [], [incident(1, { priority: 'P1', status: 'resolved', seq: 7 })]))
    expect(tileOf(store)).toEqual({ status: { state: 'clear', text: 'All clear', spoken: 'all clear' }, p1: 0 })
  })

  it('an acknowledged incident counts as open; several read in the plural', () => {
    const store = createNocStore()
    store.getState().receiveSnapshot(snapshot(3, [], [client('acme')], false, [incident(1, { status: 'acknowledged' }), incident(2)]))
    expect(tileOf(store).status.text).toBe('Recovering · 2 open')
  })
})
