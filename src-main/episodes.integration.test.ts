import { afterEach, describe, expect, it } from 'vitest'
import type { RunningServer } from './server'
import { getJson, post, testServer } from './testing/server-kit'
import { closeAfterEach } from './testing/close-kit'

/** An event older than its alert's state: ignored, shown on the alert, counted in /metrics (injected clock). */
const track = closeAfterEach()

describe('ignored older states over HTTP', () => {
  it('a late fire after the resolve leaves the alert resolved, notes it on the alert and counts it per source', async () => {
    let now = Date.parse('2026-11-20T10:00:00Z')
    const s = await testServer({ clock: () => now, tickMs: 0 })
    track(s)
    const event = (severity: string, time: string) => ({ client: 'acme', class: 'agent', rule: 'DiskFull', fingerprint: 'disk-1', severity, text: 'disk full', time })
    await post(`${s.url}/api/v1/events`, event('major', '2026-11-20T09:59:00Z'))
    now += 60_000
    await post(`${s.url}/api/v1/events`, event('ok', '2026-11-20T10:00:30Z'))
    now += 60_000
    const late = await post(`${s.url}/api/v1/events`, event('major', '2026-11-20T09:59:00Z'))
    expect(late.status).toBe(200)
    const [alert] = (await getJson(`${s.url}/api/v1/alerts?client=acme`)).json.items
    expect(alert).toMatchObject({ status: 'resolved', count: 3 })
    expect(alert.ignored).toMatchObject({ count: 1, last: { status: 'firing', source: 'native', time: Date.parse('2026-11-20T09:59:00Z'), receivedAt: now } })
    expect(alert.ignored.last.reason).toContain('older than the recorded state')
    const metrics = await (await fetch(`${s.url}/metrics`)).text()
    expect(metrics).toMatch(/^noc_events_ignored_older_total\{source="native"\} 1$/m)
  })
})
