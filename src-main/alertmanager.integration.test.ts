import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from './server'
import { alertmanagerAvailable, startAlertmanager, waitFor, type RunningAlertmanager } from './testing/alertmanager-kit'
import { getJson, testServer } from './testing/server-kit'

/**
 * A real Prometheus Alertmanager posts its webhooks to the console on loopback. CI installs it (.ci/run); on a
 * developer machine without it the suite is skipped, loudly — but never in CI, where a missing binary must fail.
 */
const available = alertmanagerAvailable()
if (!available && process.env.CI) throw new Error('prometheus-alertmanager is required in CI (apt-get install -y prometheus-alertmanager)')
if (!available) console.warn('SKIPPED: prometheus-alertmanager not installed')

describe.skipIf(!available)('real Alertmanager → console', () => {
  let srv: RunningServer
  let am: RunningAlertmanager
  beforeAll(async () => {
    srv = await testServer()
    am = await startAlertmanager(`${srv.url}/webhook/alertmanager`)
  })
  afterAll(async () => {
    await am?.stop()
    await srv?.close()
  })

  const find = async (client: string) => (await getJson(`${srv.url}/api/v1/alerts?client=${client}`)).json.items as any[]

  it('firing alerts pushed to Alertmanager land as alerts with its fingerprints, then resolve', async () => {
    const startsAt = new Date(Date.now() - 60_000).toISOString()
    const alert = (instance: string) => ({
      labels: { alertname: 'InstanceDown', client: 'am-real', service: 'billing', instance, severity: 'critical', job: 'node' },
      annotations: { summary: `${instance} is unreachable` },
      startsAt,
    })
    await am.push([alert('db02:9100'), alert('db03:9100')])
    const firing = await waitFor(async () => {
      const items = await find('am-real')
      return items.length === 2 && items
    }, 30_000, 'two alerts from Alertmanager')
    for (const a of firing) {
      expect(a.source).toBe('alertmanager')
      expect(a.status).toBe('firing')
      expect(a.severity).toBe('critical')
      expect(a.service).toBe('billing')
      expect(a.fingerprint).toMatch(/^[0-9a-f]{16}$/)
    }
    expect(firing.map((a) => a.summary).sort()).toEqual(['db02:9100 is unreachable', 'db03:9100 is unreachable'])

    await am.push([{ ...alert('db02:9100'), endsAt: new Date().toISOString() }])
    const resolved = await waitFor(async () => {
      const items = await find('am-real')
      return items.find((a) => a.status === 'resolved')
    }, 30_000, 'the resolved notification')
    expect(resolved.summary).toBe('db02:9100 is unreachable')
    expect((await find('am-real')).filter((a) => a.status === 'firing')).toHaveLength(1)
  })

  it('fired without startsAt and resolved with a whole-second endsAt in the same second: the console resolves it (issue 12)', async () => {
    // Alertmanager stamps the fire with its own clock to the nanosecond; resolving with endsAt = that second moves
    // startsAt to it, so the resolved notification looks older than the fire we recorded.
    const labels = { alertname: 'SameSecond', client: 'am-episode', instance: 'web01:9100', severity: 'major' }
    const pushedAt = Date.now()
    await am.push([{ labels, annotations: { summary: 'web01 flapped' } }])
    const fired = await waitFor(async () => (await find('am-episode')).find((a) => a.status === 'firing'), 30_000, 'the firing notification')
    expect(fired.stateTime % 1000).not.toBe(0) // Alertmanager's own sub-second stamp
    const second = new Date(Math.floor(pushedAt / 1000) * 1000).toISOString().replace('.000Z', 'Z')
    await am.push([{ labels, annotations: { summary: 'web01 flapped' }, endsAt: second }])
    const resolved = await waitFor(async () => (await find('am-episode')).find((a) => a.status === 'resolved'), 30_000, 'the resolved notification')
    expect(resolved.ignored ?? null).toBeNull()
    expect(resolved.summary).toBe('web01 flapped')

    // The same, resolved by a client whose clock is 85 s behind Alertmanager's.
    const skewed = { ...labels, alertname: 'SkewedResolve' }
    await am.push([{ labels: skewed }])
    await waitFor(async () => (await find('am-episode')).find((a) => a.rule === 'SkewedResolve' && a.status === 'firing'), 30_000, 'the skewed fire')
    await am.push([{ labels: skewed, endsAt: new Date(Date.now() - 85_000).toISOString() }])
    await waitFor(async () => (await find('am-episode')).find((a) => a.rule === 'SkewedResolve' && a.status === 'resolved'), 30_000, 'the skewed resolve')
    const metrics = await (await fetch(`${srv.url}/metrics`)).text()
    expect(metrics).not.toMatch(/noc_events_ignored_older_total\{source="alertmanager"\}/)
  })
})
