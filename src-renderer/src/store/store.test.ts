import { describe, expect, it } from 'vitest'
import { selectConnection, filterAlerts } from './selectors'
import { stepSelection } from './selection-slice'
import { createNocStore } from './store'
import { alert, client, delta, snapshot } from '../testing/store-kit'

describe('the store', () => {
  it('applies a delta with exactly one notification, and a stale one with none', () => {
    const store = createNocStore()
    store.getState().receiveSnapshot(snapshot(5, [alert(1)], [client('acme', { warning: 1 })]))
    let notified = 0
    store.subscribe(() => notified++)
    store.getState().receiveDelta(delta(6, [alert(2, { seq: 6 }), alert(3, { seq: 6 })], [client('acme', { warning: 3 })]))
    expect(notified).toBe(1)
    store.getState().receiveDelta(delta(6, [alert(4, { seq: 6 })]))
    expect(notified).toBe(1)
    expect(store.getState().firingIds).toHaveLength(3)
  })

  it('says paused while frozen and live again on resume', () => {
    const store = createNocStore()
    store.getState().setLink({ state: 'open' })
    expect(selectConnection(store.getState())).toBe('connecting') // no snapshot yet
    store.getState().receiveSnapshot(snapshot(1))
    expect(selectConnection(store.getState())).toBe('live')
    store.getState().togglePaused()
    expect(selectConnection(store.getState())).toBe('paused')
    store.getState().setLink({ state: 'reconnecting' })
    expect(selectConnection(store.getState())).toBe('reconnecting')
  })

  it('keeps the selection on the same alert when deltas reorder the rows', () => {
    const store = createNocStore()
    store.getState().receiveSnapshot(snapshot(1, [alert(1), alert(2)]))
    store.getState().selectAlert(1)
    store.getState().receiveDelta(delta(2, [alert(3, { seq: 2, severity: 'critical' })]))
    const rows = filterAlerts(store.getState(), store.getState().filters).map((a) => a.id)
    expect(rows).toEqual([3, 2, 1])
    expect(store.getState().selectedAlertId).toBe(1)
    expect(stepSelection(rows, 1, -1)).toBe(2)
  })
})

describe('filterAlerts', () => {
  const s = createNocStore()
  s.getState().receiveSnapshot(
    snapshot(1, [
      alert(1, { client: 'acme', severity: 'critical', summary: 'Hardware fault on port', components: [{ type: 'Node', name: 'NODE101' }] }),
      alert(2, { client: 'globex', severity: 'warning', summary: 'Memory 8% free' }),
      alert(3, { client: 'acme', status: 'resolved', resolvedAt: 1, summary: 'Disk OK' }),
    ]),
  )
  const run = (f: Partial<ReturnType<typeof s.getState>['filters']>) =>
    filterAlerts(s.getState(), { ...s.getState().filters, ...f }).map((a) => a.id)

  it('shows firing alerts by default, resolved ones on request', () => {
    expect(run({})).toEqual([1, 2])
    expect(run({ status: 'resolved' })).toEqual([3])
    expect(run({ status: 'all' })).toEqual([1, 2, 3])
  })

  it('filters by client, severity and every word of the free text (components included)', () => {
    expect(run({ client: 'acme' })).toEqual([1])
    expect(run({ severity: 'warning' })).toEqual([2])
    expect(run({ text: 'node101 fault' })).toEqual([1])
    expect(run({ text: 'GLOBEX memory' })).toEqual([2])
    expect(run({ text: 'nothing-like-this' })).toEqual([])
  })
})

describe('stepSelection', () => {
  it('starts at the top without a selection and stops at the ends', () => {
    expect(stepSelection([4, 5, 6], null, 1)).toBe(4)
    expect(stepSelection([4, 5, 6], 99, 1)).toBe(4)
    expect(stepSelection([4, 5, 6], 6, 1)).toBe(6)
    expect(stepSelection([4, 5, 6], 4, -1)).toBe(4)
    expect(stepSelection([], 4, 1)).toBeNull()
  })
})
