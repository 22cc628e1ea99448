import { describe, expect, it } from 'vitest'
import type { SourceHealth, Storm } from '@shared/model/ops'
import { applyDelta, applyOps, applySnapshot, emptyFeed, setPaused } from './feed'
import { staleClients, stormingClients } from './wall-selectors'
import { delta, snapshot } from '../testing/store-kit'

const source = (id: string, patch: Partial<SourceHealth> = {}): SourceHealth => ({
  id, kind: 'integration', client: 'acme', firstSeen: 0, lastSeen: 0, timeoutMs: 60_000, stale: false, staleSince: null, events: 1, seq: 1, ...patch,
})
const storm = (id: number, patch: Partial<Storm> = {}): Storm => ({
  id, client: 'acme', startedAt: 0, endedAt: null, rate: 90, baseline: 10, threshold: 40, peak: 120, minutes: 1, seq: 1, ...patch,
})

describe('wall marks from server state', () => {
  it('marks clients with a stale source and clients in an ongoing storm', () => {
    expect([...staleClients({ a: source('a', { stale: true }), b: source('b', { client: 'globex' }) })]).toEqual(['acme'])
    expect([...stormingClients({ 1: storm(1), 2: storm(2, { client: 'globex', endedAt: 5 }) })]).toEqual([['acme', 120]])
  })

  it('takes storms and sources from deltas and the post-snapshot load, newest seq wins, frozen while paused', () => {
    let s = applySnapshot(emptyFeed(), snapshot(1))
    s = applyOps(s, { storms: [storm(1, { seq: 3 })], sources: [source('a', { seq: 3 })] })
    s = applyDelta(s, { ...delta(2), storms: [storm(1, { seq: 2, endedAt: 9 })], sources: [source('a', { seq: 4, stale: true })] })
    expect(s.stormsById[1].endedAt).toBeNull() // older version ignored
    expect(s.sourcesById.a.stale).toBe(true)
    s = setPaused(s, true)
    s = applyDelta(s, { ...delta(3), storms: [storm(1, { seq: 5, endedAt: 9 })] })
    expect(s.stormsById[1].endedAt).toBeNull()
    s = setPaused(s, false)
    expect(s.stormsById[1].endedAt).toBe(9)
  })
})
