import { afterEach, describe, expect, it } from 'vitest'
import type { RunningServer } from '../server'
import { getJson, post, testServer } from '../testing/server-kit'
import { closeAfterEach } from '../testing/close-kit'

/** The heatmap and profile views over HTTP, with an injected clock. */
const T0 = Date.parse('2026-11-20T10:00:30Z')
let now = T0
const track = closeAfterEach()
afterEach(() => {
  now = T0
})
const start = async () => {
  const s = await testServer({ clock: () => now, tickMs: 0 })
  track(s)
  return s
}
const event = (client: string, severity: string, over: Record<string, unknown> = {}) => ({
  client, class: 'TI_Linux_Agent', ems: 'ms-01', rule: 'Disk', components: [{ type: 'Host name', name: 'WEB01' }], severity, text: `${client} ${severity}`, ...over,
})

describe('heatmap views', () => {
  it('buckets events per client with the worst firing severity and counts', async () => {
    const s = await start()
    await post(`${s.url}/api/v1/events`, [event('acme', 'warning'), event('acme', 'critical', { rule: 'Ping' })])
    now += 5 * 60_000
    await post(`${s.url}/api/v1/events`, event('globex', 'minor'))
    const h = (await getJson(`${s.url}/api/v1/heatmap?range=1h`)).json
    expect(h.bucketMs).toBe(120_000)
    expect(h.rows.map((r: any) => r.client)).toEqual(['acme', 'globex'])
    const acme = h.rows[0].cells as { worst: string | null; events: number }[]
    expect(acme).toHaveLength(30)
    const hot = acme.filter((c) => c.events > 0)
    expect(hot).toEqual([{ worst: 'critical', events: 2 }])
    // globex's event is 5 minutes later: the last (current) bucket; acme's two or three buckets earlier.
    expect(h.rows[1].cells[29]).toEqual({ worst: 'minor', events: 1 })
    expect(acme.findIndex((c) => c.events > 0)).toBe(27)
    const day = (await getJson(`${s.url}/api/v1/heatmap?range=24h`)).json
    expect(day.rows[0].cells).toHaveLength(48)
  })

  it('shows client × service with open alerts and events; resolved alerts leave only their events', async () => {
    const s = await start()
    await post(`${s.url}/api/v1/events`, [
      event('acme', 'major', { service: 'billing' }),
      event('acme', 'warning', { service: 'billing', rule: 'Mem' }),
      event('acme', 'minor', { service: 'web', rule: 'Cpu' }),
      event('acme', 'minor', { rule: 'Swap' }),
    ])
    await post(`${s.url}/api/v1/events`, event('acme', 'ok', { service: 'web', rule: 'Cpu' }))
    const m = (await getJson(`${s.url}/api/v1/heatmap/services?range=24h`)).json
    expect(m.services[0]).toBe('billing')
    expect(m.rows[0].cells.billing).toEqual({ worst: 'major', open: 2, events: 2 })
    expect(m.rows[0].cells.web).toEqual({ worst: null, open: 0, events: 2 })
    expect(m.rows[0].cells['(no service)']).toEqual({ worst: 'minor', open: 1, events: 1 })
  })

  it('lists client profiles with defaults and services seen on alerts', async () => {
    const s = await start()
    await post(`${s.url}/api/v1/events`, event('acme', 'major', { service: 'billing' }))
    const p = (await getJson(`${s.url}/api/v1/views/client-profiles`)).json
    expect(p).toHaveLength(1)
    expect(p[0]).toMatchObject({ id: 'acme', tier: 'silver', timeZone: 'UTC', configured: false, services: [{ name: 'billing', configured: false }] })
    expect(p[0].businessHours.days).toEqual([1, 2, 3, 4, 5])
  })
})
