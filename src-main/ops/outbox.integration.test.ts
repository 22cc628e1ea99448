import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Delta } from '@shared/api/contract'
import type { RunningServer } from '../server'
import { queryAll } from '../testing/db-kit'
import { verifySignature } from './delivery/sign'
import { startReceiver, type Receiver } from '../testing/fake-receiver'
import { clear, deliveries, detail, fire, getJson, incidents, makeClock, opsOf, post, startOps, tick, writeConfig } from '../testing/ops-kit'
import { closeAfterEach } from '../testing/close-kit'

/** The persisted outbox against local receivers: retry with backoff, signatures, channel formats, response actions. */

const track = closeAfterEach()

const receiver = async (answer?: Parameters<typeof startReceiver>[0]) => {
  const rx = await startReceiver(answer)
  track(rx)
  return rx
}

const server = async (yaml: string, clock = makeClock(), dataDir?: string) => {
  const s = await startOps({ clock: clock.fn, configPath: writeConfig(yaml), dataDir })
  track(s)
  return { s, clock }
}

describe('outbox', () => {
  it('a failing receiver is retried with exponential backoff until it accepts; the status and reason are visible on the incident', async () => {
    const rx = await receiver((_r, n) => (n <= 2 ? 500 : 200))
    const { s, clock } = await server(`
notifications:
  channels: { hook: { type: webhook, url: "${rx.url}/hook", secret: shh, retry: { maxAttempts: 5, initialDelay: 10s, maxDelay: 1m } } }
  rules: [{ name: all, match: {}, channels: [hook] }]
escalation: { policies: [] }
`)
    await fire(s)
    const [inc] = await incidents(s)
    expect(rx.got).toHaveLength(1)
    let [d] = (await opsOf(s, inc.id)).deliveries
    expect(d).toMatchObject({ status: 'pending', attempts: 1, error: expect.stringMatching(/^HTTP 500/), nextAttemptAt: clock.now + 10_000 })

    clock.advance(9_999)
    await tick(s)
    expect(rx.got).toHaveLength(1) // not before the backoff
    clock.advance(1)
    await tick(s)
    expect(rx.got).toHaveLength(2)
    ;[d] = (await opsOf(s, inc.id)).deliveries
    expect(d).toMatchObject({ status: 'pending', attempts: 2, nextAttemptAt: clock.now + 20_000 }) // doubled

    clock.advance(20_000)
    await tick(s)
    expect(rx.got).toHaveLength(3)
    ;[d] = (await opsOf(s, inc.id)).deliveries
    expect(d).toMatchObject({ status: 'sent', attempts: 3, error: null, sentAt: clock.now })
    // The same body every time (receivers de-duplicate on X-NOC-Delivery), each attempt freshly signed.
    expect(new Set(rx.got.map((r) => r.body)).size).toBe(1)
    expect(new Set(rx.got.map((r) => r.headers['x-noc-delivery'])).size).toBe(1)
    for (const r of rx.got) expect(verifySignature('shh', r.headers['x-noc-timestamp'] as string, r.body, r.headers['x-noc-signature'] as string)).toBe(true)
    expect(verifySignature('wrong', rx.got[0].headers['x-noc-timestamp'] as string, rx.got[0].body, rx.got[0].headers['x-noc-signature'] as string)).toBe(false)
  })

  it('a receiver that refuses (4xx) or never accepts ends failed with the reason, on the timeline too; pending survives a restart', async () => {
    const refuses = await receiver(() => 400)
    const down = await receiver(() => 503)
    const dataDir = mkdtempSync(join(tmpdir(), 'noc-outbox-'))
    const yaml = `
notifications:
  channels:
    refuses: { type: slack, url: "${refuses.url}/x" }
    down: { type: webhook, url: "${down.url}/y", retry: { maxAttempts: 3, initialDelay: 1s } }
  rules: [{ name: all, match: {}, channels: [refuses, down] }]
escalation: { policies: [] }
`
    const clock = makeClock()
    const { s } = await server(yaml, clock, dataDir)
    await fire(s)
    const [inc] = await incidents(s)
    await s.close()
    track.release(s)
    clock.advance(1000)
    const { s: s2 } = await server(yaml, clock, dataDir) // the pending retry is in SQLite
    await tick(s2)
    clock.advance(2000)
    await tick(s2)
    const byChannel = Object.fromEntries((await opsOf(s2, inc.id)).deliveries.map((d: any) => [d.channel, d]))
    expect(byChannel.refuses).toMatchObject({ status: 'failed', attempts: 1, error: expect.stringMatching(/^HTTP 400/) })
    expect(byChannel.down).toMatchObject({ status: 'failed', attempts: 3, error: expect.stringMatching(/^HTTP 503.*gave up after 3 attempts/) })
    expect(down.got).toHaveLength(3)
    const notes = (await detail(s2, inc.id)).timeline.filter((t: any) => t.kind === 'notify').map((t: any) => t.text)
    expect(notes).toEqual([expect.stringContaining('to refuses (all) failed: HTTP 400'), expect.stringContaining('to down (all) failed: HTTP 503')])
    expect((await deliveries(s2, '&status=failed')).length).toBe(2)
  })

  it('PagerDuty Events v2: trigger, acknowledge and resolve with the incident id as dedup_key; the routing key from the environment', async () => {
    const pd = await receiver(() => 202)
    process.env.NOC_TEST_PD_KEY = 'R0UT1NGKEY'
    const { s, clock } = await server(`
notifications:
  channels: { pd: { type: pagerduty, url: "${pd.url}/v2/enqueue", routingKeyEnv: NOC_TEST_PD_KEY } }
  rules: [{ name: page, match: { severities: [critical] }, channels: [pd] }]
escalation: { policies: [] }
correlation: { resolveHoldSec: 0 }
`)
    await fire(s)
    const [inc] = await incidents(s)
    await post(`${s.url}/api/v1/incidents/${inc.id}/ack`, { by: 'alice' })
    await s.hub.drainOutbox()
    clock.advance(60_000)
    await clear(s)
    await tick(s)
    expect((await detail(s, inc.id)).incident.status).toBe('resolved')
    expect(pd.got.map((r) => [r.json.event_action, r.json.dedup_key, r.json.routing_key])).toEqual([
      ['trigger', inc.id, 'R0UT1NGKEY'],
      ['acknowledge', inc.id, 'R0UT1NGKEY'],
      ['resolve', inc.id, 'R0UT1NGKEY'],
    ])
    expect(pd.got[0].json.payload).toMatchObject({ severity: 'critical', source: 'fw-01', class: 'LinkDown', summary: expect.stringContaining(inc.id) })
    // The key never reaches the database.
    const stored = queryAll<{ payload: string }>(s, 'SELECT payload FROM deliveries')
    expect(stored.some((r) => r.payload.includes('R0UT1NGKEY'))).toBe(false)
  })

  it('Slack-compatible message; a delayed rule sends only if the incident is still unacknowledged', async () => {
    const slack = await receiver()
    const { s, clock } = await server(`
clients: { acme: { name: Acme Corp, contacts: [{ name: Dana, phone: "+49 30 1234", role: team_lead }] } }
notifications:
  channels: { chat: { type: slack, url: "${slack.url}/services/T/B/X" } }
  rules: [{ name: email-like, match: {}, channels: [chat], delay: 5m }]
escalation: { policies: [] }
`)
    await fire(s)
    await fire(s, { fingerprint: 'db-disk', rule: 'DiskFull', resource: 'db-01', text: 'disk full', client: 'globex' })
    const list = await incidents(s)
    const acme = list.find((i) => i.client === 'acme')
    clock.advance(3 * 60_000)
    await post(`${s.url}/api/v1/incidents/${acme.id}/ack`, { by: 'alice' })
    clock.advance(2 * 60_000)
    await tick(s)
    expect(slack.got).toHaveLength(1) // only globex's: acme's was acknowledged within the delay
    expect(slack.got[0].json.text).toMatch(/^New: \[P\d\] INC-\d+ globex: disk full/)
    expect(slack.got[0].json.attachments[0].fields).toEqual(expect.arrayContaining([{ title: 'Client', value: 'globex', short: true }]))
    const acmeOps = await opsOf(s, acme.id)
    expect(acmeOps.escalation).toEqual([expect.objectContaining({ kind: 'rule', ref: 'email-like', firedAt: null, cancelReason: 'acknowledged by alice' })])
  })

  it('desktop notifications go to the attached desktop port and to consoles as delta notices', async () => {
    const { s } = await server(`
notifications:
  rules: [{ name: all, match: {}, channels: [desktop] }]
escalation: { policies: [] }
`)
    const shown: any[] = []
    s.hub.attachDesktop({ notify: (n) => shown.push(n) })
    const deltas: Delta[] = []
    s.hub.subscribe((f) => deltas.push(f.delta))
    await fire(s)
    const [inc] = await incidents(s)
    expect(shown).toEqual([expect.objectContaining({ incidentId: inc.id, severity: 'critical', actions: ['ack'], title: expect.stringContaining(inc.id) })])
    await s.hub.flushPushes()
    const notices = deltas.flatMap((d) => d.notifications ?? [])
    expect(notices).toEqual([expect.objectContaining({ incidentId: inc.id, event: 'trigger', severity: 'critical' })])
    expect(deltas.flatMap((d) => d.deliveries ?? []).at(-1)).toMatchObject({ channel: 'desktop', status: 'sent' })
    // A console resuming gets the delivery rows, never the notices again.
    const resumed = (await s.hub.changesSince(0)).delta
    expect(resumed.deliveries).toHaveLength(1)
    expect(resumed.notifications).toBeUndefined()
  })
})

describe('response actions', () => {
  it('wait for approval unless auto-approved for the priority; results land on the timeline', async () => {
    const target = await receiver((_r, n) => (n === 1 ? 200 : 500))
    const { s } = await server(`
notifications: { rules: [] }
escalation: { policies: [] }
runbooks: [{ match: { rules: [Link*] }, url: "https://wiki.example/runbooks/{rule}?client={client}", title: Link runbook }]
responses:
  - { name: bounce-port, match: { rules: [LinkDown] }, url: "${target.url}/bounce", secret: act, autoApprove: [] }
  - { name: collect-logs, match: {}, url: "${target.url}/logs", autoApprove: [P1, P2, P3, P4] }
`)
    await fire(s)
    const [inc] = await incidents(s)
    let ops = await opsOf(s, inc.id)
    expect(ops.runbooks).toEqual([{ url: 'https://wiki.example/runbooks/LinkDown?client=acme', title: 'Link runbook', source: 'config', alertId: null }])
    const byAction = () => Object.fromEntries(ops.responses.map((r: any) => [r.action, r]))
    expect(byAction()['bounce-port']).toMatchObject({ status: 'awaiting-approval', autoApproved: false })
    expect(byAction()['collect-logs']).toMatchObject({ status: 'succeeded', autoApproved: true, resultCode: 200 })
    expect(target.got.map((r) => r.path)).toEqual(['/logs'])

    const ok = await post(`${s.url}/api/v1/responses/${byAction()['bounce-port'].id}/approve`, { by: 'alice' })
    expect(ok.json).toMatchObject({ status: 'approved', approvedBy: 'alice' })
    await s.hub.drainOutbox()
    ops = await opsOf(s, inc.id)
    expect(byAction()['bounce-port']).toMatchObject({ status: 'failed', resultCode: 500, result: expect.stringMatching(/^HTTP 500/) })
    expect(target.got.map((r) => r.path)).toEqual(['/logs', '/bounce']) // an action runs at most once unless `retries`
    expect(verifySignature('act', target.got[1].headers['x-noc-timestamp'] as string, target.got[1].body, target.got[1].headers['x-noc-signature'] as string)).toBe(true)
    expect(target.got[1].json).toMatchObject({ action: 'bounce-port', approvedBy: 'alice', incident: { id: inc.id } })
    expect((await post(`${s.url}/api/v1/responses/${byAction()['bounce-port'].id}/approve`, { by: 'bob' })).status).toBe(409)
    expect((await post(`${s.url}/api/v1/responses/999/approve`, { by: 'bob' })).status).toBe(404)
    const texts = (await detail(s, inc.id)).timeline.filter((t: any) => t.kind === 'response').map((t: any) => t.text)
    expect(texts).toEqual([
      'response action “bounce-port” awaits an operator\'s approval',
      expect.stringContaining('“collect-logs” runs automatically'),
      'response action “collect-logs” succeeded: HTTP 200',
      'response action “bounce-port” approved by alice',
      expect.stringMatching(/^response action “bounce-port” failed: HTTP 500/),
    ])
    expect((await getJson(`${s.url}/api/v1/responses?status=failed`)).json).toHaveLength(1)
  })

  it('lists effective policies without secrets', async () => {
    const { s } = await server(`
notifications:
  channels: { hook: { type: webhook, url: "https://hooks.example.com/secret/path?token=abc", secret: topsecret } }
`)
    const view = (await getJson(`${s.url}/api/v1/policies`)).json
    expect(view.policies[0]).toMatchObject({ name: 'default', match: { priorities: ['P1', 'P2'] }, steps: [{ afterMs: 900_000, notify: ['team_lead'], channels: ['desktop'] }, expect.anything(), expect.anything()] })
    expect(view.channels).toEqual([
      { name: 'desktop', type: 'desktop', destination: null },
      { name: 'hook', type: 'webhook', destination: 'https://hooks.example.com' },
    ])
    expect(JSON.stringify(view)).not.toMatch(/topsecret|token=abc|secret\/path/)
  })
})
