import { afterEach, describe, expect, it } from 'vitest'
import type { RunningServer } from '../server'
import { startReceiver, type Receiver } from '../testing/fake-receiver'
import { fire, incidents, makeClock, startOps, writeConfig } from '../testing/ops-kit'

/**
 * Reconciling is skipped for incidents whose change left their notification facts alone (reconcile.ts): a change
 * that does move them — here the severity a rule matches on — must still reach the notification layer.
 */
let servers: RunningServer[] = []
let receivers: Receiver[] = []
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()))
  await Promise.all(receivers.map((r) => r.close()))
  servers = []
  receivers = []
})

const setup = async () => {
  const rx = await startReceiver()
  receivers.push(rx)
  const configPath = writeConfig(`
notifications:
  channels:
    hook: { type: webhook, url: "${rx.url}/hook" }
  rules: [{ name: critical-only, match: { severities: [critical] }, channels: [hook] }]
escalation: { policies: [] }
`)
  const s = await startOps({ clock: makeClock().fn, configPath })
  servers.push(s)
  return { rx, s }
}

describe('notification reconcile on incident changes', () => {
  it('alerts joining an incident notify nobody; the change that makes it match a rule notifies at once', async () => {
    const { rx, s } = await setup()
    await fire(s, { severity: 'warning', fingerprint: 'fw-01-link' })
    await fire(s, { severity: 'warning', fingerprint: 'fw-01-link-b', text: 'second link down on fw-01' })
    const [inc] = await incidents(s)
    expect([inc.alertCount, inc.severity]).toEqual([2, 'warning'])
    expect(rx.got).toHaveLength(0)

    await fire(s, { severity: 'critical', fingerprint: 'fw-01-link-b', text: 'second link down on fw-01' })
    const [after] = await incidents(s)
    expect([after.id, after.severity]).toEqual([inc.id, 'critical'])
    expect(rx.got.map((r) => [r.json?.event, r.json?.incident?.id])).toEqual([['trigger', inc.id]])
  })
})
