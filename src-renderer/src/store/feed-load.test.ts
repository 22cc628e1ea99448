import { describe, expect, it } from 'vitest'
import { toAlertRow } from './alert-row'
import { applyAlertRows, applyDelta, applyHead, applyPreview, beginResync, emptyFeed, finishAlertLoad, firingCount, setPaused, type FeedState } from './feed'
import { summarizeIncidents } from './incident-order'
import { alert, client, delta, incident, snapshot } from '../testing/store-kit'
import { headOf } from '../testing/alert-rows-kit'

const head = (seq: number, firing = 0) => ({ ...headOf(snapshot(seq, [], [client('acme'), client('beta', { critical: 1 })], false, [incident(1)])), alerts: { firing, resolved: 0 } })
const rows = (...alerts: ReturnType<typeof alert>[]) => alerts.map(toAlertRow)
const ids = (s: FeedState) => [...s.firingIds, ...s.resolvedIds]

describe('head, then pages', () => {
  it('the head makes the console live with its incidents; header counts use its totals until the rows are in', () => {
    let s = applyHead(emptyFeed(), head(10, 3))
    expect(s.synced).toBe(true)
    expect(s.incidentIds).toEqual(['INC-1001'])
    expect(s.alertLoad).toEqual({ state: 'loading', loaded: 0, total: 3 })
    expect(firingCount(s)).toBe(3)
    s = applyAlertRows(s, rows(alert(1, { seq: 4 }), alert(2, { seq: 5 })), 3)
    expect(s.alertLoad.loaded).toBe(2)
    s = finishAlertLoad(applyAlertRows(s, rows(alert(3, { seq: 6, severity: 'critical' })), 3))
    expect(s.alertLoad.state).toBe('done')
    expect(s.firingIds).toEqual([3, 2, 1])
    expect(firingCount(s)).toBe(3)
  })

  it('a page never rolls back a newer delta, and a delta never duplicates a paged row', () => {
    let s = applyHead(emptyFeed(), head(10))
    s = applyDelta(s, delta(12, [alert(1, { seq: 12, count: 7 })]))
    s = applyAlertRows(s, rows(alert(1, { seq: 9, count: 1 }), alert(2, { seq: 11 })))
    s = applyDelta(s, delta(13, [alert(2, { seq: 13, count: 4 })]))
    s = finishAlertLoad(s)
    expect(s.alertsById[1].count).toBe(7)
    expect(s.alertsById[2].count).toBe(4)
    expect(ids(s).sort()).toEqual([1, 2])
  })

  it('pages that arrive while paused wait, like deltas, and land with the end of the load on resume', () => {
    let s = applyHead(emptyFeed(), head(10))
    s = setPaused(s, true)
    s = applyAlertRows(s, rows(alert(1), alert(2)))
    s = finishAlertLoad(s)
    expect(s.firingIds).toEqual([])
    expect(s.alertLoad.state).toBe('loading')
    s = setPaused(s, false)
    expect(ids(s).sort()).toEqual([1, 2])
    expect(s.alertLoad.state).toBe('done')
  })

  it('a resync keeps the rows shown and, at the end, drops only those neither a page nor a delta mentioned', () => {
    let s = finishAlertLoad(applyAlertRows(applyHead(emptyFeed(), head(10)), rows(alert(1), alert(2), alert(3))))
    s = beginResync(s, false)
    s = applyHead(s, head(20))
    expect(ids(s).sort()).toEqual([1, 2, 3]) // still on screen while the pages come
    s = applyAlertRows(s, rows(alert(1, { seq: 15 })))
    s = applyDelta(s, delta(21, [alert(3, { seq: 21 })]))
    s = finishAlertLoad(s)
    expect(ids(s).sort()).toEqual([1, 3])
    expect(s.alertsById[2]).toBeUndefined()
  })

  it('after a server reset the old rows go when the new head lands', () => {
    let s = finishAlertLoad(applyAlertRows(applyHead(emptyFeed(), head(50)), rows(alert(1, { seq: 40 }))))
    s = beginResync(s, true)
    expect(ids(s)).toEqual([1])
    s = applyHead(s, head(3))
    expect(ids(s)).toEqual([])
    s = finishAlertLoad(applyAlertRows(s, rows(alert(1, { seq: 2, summary: 'a different alert 1' }))))
    expect(s.alertsById[1].summary).toBe('a different alert 1') // its seq 2 is lower than the old 40, and still wins
  })
})

describe('preview', () => {
  const preview = () => {
    const i = incident(1, { client: 'beta', priority: 'P1' })
    return { clients: [client('acme'), client('beta')], summaries: summarizeIncidents({ [i.id]: i }, [i.id]) }
  }

  it('draws the wall of a fresh console before the head, P1 first, without making it live', () => {
    const s = applyPreview(emptyFeed(), preview())
    expect(s.clientOrder).toEqual(['beta', 'acme'])
    expect(s.incidentsByClient.beta.active.P1).toBe(1)
    expect(s.synced).toBe(false)
    const live = applyHead(s, head(10))
    expect(live.synced).toBe(true)
  })

  it('is ignored once something is shown (a resync keeps the old, consistent picture)', () => {
    const shown = applyHead(emptyFeed(), head(10))
    expect(applyPreview(beginResync(shown, false), preview())).toEqual(beginResync(shown, false))
  })
})
