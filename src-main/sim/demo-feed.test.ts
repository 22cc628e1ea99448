import { describe, expect, it } from 'vitest'
import { getJson, testServer } from '../testing/server-kit'
import { DEMO_EPISODE_MS, demoEpisode } from './demo-feed'

const START = Date.UTC(2026, 10, 20, 9, 0)

describe('demo feed episodes', () => {
  it('are deterministic and rotate through every cascade on top of the background noise', () => {
    expect(JSON.stringify(demoEpisode(42, 3, START, DEMO_EPISODE_MS))).toBe(JSON.stringify(demoEpisode(42, 3, START, DEMO_EPISODE_MS)))
    const seen = new Set<string>()
    const formats = new Set<string>()
    for (let k = 0; k < 7; k++) {
      const evs = demoEpisode(42, k, START + k * DEMO_EPISODE_MS, DEMO_EPISODE_MS)
      for (const e of evs) (seen.add(e.truth.incident.split(':')[0]), formats.add(e.format))
      expect(evs.some((e) => e.truth.incident.startsWith('noise:'))).toBe(true)
    }
    expect(seen).toEqual(new Set(['noise', 'netapp', 'vpn-firmware', 'provider-outage', 'flapping', 'storm', 'maintenance', 'ec2-agents']))
    expect(formats.size).toBe(7)
  })

  it('let problems begun in an episode finish after it, start nothing new after it, and skip identities in use', () => {
    const end = START + DEMO_EPISODE_MS
    const evs = demoEpisode(42, 1, START, DEMO_EPISODE_MS)
    const began = new Map<string, number>()
    for (const e of evs) if (!began.has(e.truth.incident)) began.set(e.truth.incident, e.at)
    expect([...began.values()].every((t) => t < end)).toBe(true)
    expect(evs.some((e) => e.at >= end && e.status === 'resolved')).toBe(true)
    const key = evs[0].alertKey
    expect(demoEpisode(42, 1, START, DEMO_EPISODE_MS, new Set([key])).some((e) => e.alertKey === key)).toBe(false)
  })

  it('fills a fresh console within seconds: many clients, several listeners, mixed severities', async () => {
    const srv = await testServer({ demo: true })
    try {
      let items: Array<{ client: string; source: string; severity: string; status: string }> = []
      // The first tick replays the last 10 simulated minutes, oldest first: wait for it to get through.
      for (let i = 0; i < 100 && (new Set(items.map((a) => a.client)).size < 10 || !items.some((a) => a.status === 'resolved')); i++) {
        await new Promise((r) => setTimeout(r, 200))
        items = (await getJson(`${srv.url}/api/v1/alerts?limit=5000`)).json.items
      }
      expect(new Set(items.map((a) => a.client)).size).toBeGreaterThanOrEqual(10)
      expect(new Set(items.map((a) => a.source)).size).toBeGreaterThanOrEqual(3)
      expect(new Set(items.filter((a) => a.status === 'firing').map((a) => a.severity)).size).toBeGreaterThanOrEqual(3)
      expect(items.some((a) => a.status === 'resolved')).toBe(true)
    } finally {
      await srv.close()
    }
  })
})
