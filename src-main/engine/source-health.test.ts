import { describe, expect, it } from 'vitest'
import { ConsoleConfig } from '@shared/model/config'
import type { SourceHealth } from '@shared/model/ops'
import { effectiveTimeout, feedClient, isOverdue, staleFeedEvent } from './source-health'

const config = ConsoleConfig.parse({ sourceHealth: { heartbeatTimeout: '2m', sources: { 'alertmanager/acme': { timeout: '10m' }, probe: { timeout: '1m', client: 'globex' } } } })
const src = (over: Partial<SourceHealth>): SourceHealth => ({ id: 'x', kind: 'heartbeat', client: null, firstSeen: 0, lastSeen: 0, timeoutMs: null, stale: false, staleSince: null, events: 1, seq: 1, ...over })

describe('source health', () => {
  it('timeout: the file, else the sender, else the heartbeat default; webhook feeds have none unless configured', () => {
    expect(effectiveTimeout(src({ id: 'alertmanager/acme', kind: 'integration' }), config)).toBe(600_000)
    expect(effectiveTimeout(src({ id: 'grafana/acme', kind: 'integration' }), config)).toBeNull()
    expect(effectiveTimeout(src({ timeoutMs: 30_000 }), config)).toBe(30_000)
    expect(effectiveTimeout(src({}), config)).toBe(120_000)
    expect(feedClient(src({ id: 'probe', client: 'acme' }), config)).toBe('globex')
    expect(feedClient(src({}), config)).toBe('default')
  })

  it('overdue strictly after the timeout, counted from start-up at the earliest, and only once (not while stale)', () => {
    const s = src({ lastSeen: 1000 })
    expect(isOverdue(s, 500, 1500, 0)).toBe(false)
    expect(isOverdue(s, 500, 1501, 0)).toBe(true)
    expect(isOverdue(s, 500, 1501, 1400)).toBe(false)
    expect(isOverdue({ ...s, staleSince: 1501 }, 500, 9999, 0)).toBe(false)
    expect(isOverdue(s, null, 1e12, 0)).toBe(false)
  })

  it('the stale-feed event is an ordinary alert event keyed by the feed', () => {
    const e = staleFeedEvent(src({ id: 'probe', lastSeen: 0 }), { client: 'globex', severity: 'major', now: 90_000, timeoutMs: 60_000, status: 'firing' })
    expect(e).toMatchObject({ source: 'heartbeat', client: 'globex', fingerprint: 'stale-feed:probe', rule: 'StaleFeed', severity: 'major', status: 'firing', resource: 'probe' })
    expect(e.summary).toBe('Stale feed: no data from probe for 90 s (timeout 60 s)')
    expect(staleFeedEvent(src({ id: 'probe' }), { client: 'globex', severity: 'major', now: 1, timeoutMs: 1, status: 'resolved' }).severity).toBe('ok')
  })
})
