import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../server'
import { getJson, testServer } from '../testing/server-kit'
import { buildPlan } from './plan'
import { sendPlan } from './sender'

let srv: RunningServer
beforeAll(async () => {
  srv = await testServer()
})
afterAll(async () => srv.close())

describe('simulator against a real console', () => {
  it('every request of a mixed plan is accepted through the real listeners and lands as the predicted alerts', async () => {
    const start = Math.floor((Date.now() - 40 * 60_000) / 1000) * 1000
    const plan = buildPlan({ seed: 3, start, durationSec: 1800, scenarios: ['vpn-firmware', 'provider-outage', 'ec2-agents', 'noise'], rate: 1 })
    expect(new Set(plan.sends.map((s) => s.format)).size).toBe(7)
    const stats = await sendPlan(plan, { target: srv.url, speed: 'max' })
    expect(stats.failures).toEqual([])
    expect(stats.events).toBe(plan.truth.length)

    const predicted = new Set(plan.truth.map((t) => t.key))
    const stored: string[] = []
    let cursor: string | null = null
    do {
      const page: { items: Array<{ client: string; fingerprint: string }>; nextCursor: string | null } = (await getJson(`${srv.url}/api/v1/alerts?limit=5000${cursor ? `&cursor=${cursor}` : ''}`)).json
      stored.push(...page.items.map((a: { client: string; fingerprint: string }) => `${a.client}/${a.fingerprint}`))
      cursor = page.nextCursor
    } while (cursor)
    expect(new Set(stored)).toEqual(predicted)
    expect((await getJson(`${srv.url}/api/v1/rejected`)).json.total).toBe(0)
  })
})
