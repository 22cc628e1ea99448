import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { RunningServer } from '../server'
import { verifySignature } from './delivery/sign'
import { startReceiver, type Receiver } from '../testing/fake-receiver'
import { detail, fire, incidents, makeClock, opsOf, post, startOps, tick, writeConfig } from '../testing/ops-kit'
import { closeAfterEach } from '../testing/close-kit'

/** Escalation end to end over HTTP: a 2-second test policy, an injected clock, a local receiver. */

const track = closeAfterEach()

const SECRET = 'test-secret'
const policyYaml = (url: string, extra = '') => `
notifications:
  channels:
    hook: { type: webhook, url: "${url}/hook", secret: ${SECRET} }
  targets: { team_lead: [hook], manager: [hook], director: [hook] }
  rules: []
escalation:
  policies:
    - name: two-second
      steps:
        - { after: 2s, notify: [team_lead] }
        - { after: 2s, notify: [manager] }
        - { after: 2s, notify: [director] }
${extra}`

const setup = async (extra = '', dataDir?: string) => {
  const rx = await startReceiver()
  track(rx)
  const clock = makeClock()
  const configPath = writeConfig(policyYaml(rx.url, extra))
  const s = await startOps({ clock: clock.fn, configPath, dataDir })
  track(s)
  return { rx, clock, configPath, s }
}

const escalations = (rx: Receiver) => rx.got.filter((r) => r.json?.event === 'escalate').map((r) => r.json.target)

describe('escalation chains', () => {
  it('an unacknowledged incident escalates step by step with a 2-second policy; signed webhooks; an ack stops the chain', async () => {
    const { rx, clock, s } = await setup()
    await fire(s)
    const [inc] = await incidents(s)
    expect(inc.escalationLevel).toBe(0)

    clock.advance(1000)
    await tick(s)
    expect(escalations(rx)).toEqual([])

    clock.advance(1000) // T0 + 2 s: step 1
    await tick(s)
    expect(escalations(rx)).toEqual(['team_lead'])
    expect((await detail(s, inc.id)).incident.escalationLevel).toBe(1)

    clock.advance(2000) // T0 + 4 s: step 2
    await tick(s)
    expect(escalations(rx)).toEqual(['team_lead', 'manager'])
    expect((await detail(s, inc.id)).incident.escalationLevel).toBe(2)

    // Every outbound webhook carries a valid HMAC over timestamp + body.
    for (const r of rx.got) expect(verifySignature(SECRET, r.headers['x-noc-timestamp'] as string, r.body, r.headers['x-noc-signature'] as string)).toBe(true)
    expect(rx.got[0].json.incident).toMatchObject({ id: inc.id, client: 'acme' })

    clock.advance(1000)
    expect((await post(`${s.url}/api/v1/incidents/${inc.id}/ack`, { by: 'alice' })).status).toBe(200)
    await s.hub.drainOutbox()
    for (let i = 0; i < 5; i++) {
      clock.advance(2000)
      await tick(s)
    }
    expect(escalations(rx)).toEqual(['team_lead', 'manager'])
    // The channel that was told about the incident hears about the ack too.
    expect(rx.got.map((r) => r.json.event)).toEqual(['escalate', 'escalate', 'acknowledge'])

    const ops = await opsOf(s, inc.id)
    expect(ops.policy).toBe('two-second')
    expect(ops.escalation.map((e: any) => [e.step, e.firedAt !== null, e.cancelReason])).toEqual([
      [0, true, null],
      [1, true, null],
      [2, false, 'acknowledged by alice'],
    ])
    expect(ops.deliveries.every((d: any) => d.status === 'sent')).toBe(true)
    const timeline = (await detail(s, inc.id)).timeline.filter((t: any) => t.kind === 'escalate')
    expect(timeline.map((t: any) => t.text)).toEqual([
      expect.stringContaining('policy “two-second” step 1/3: notified team_lead via hook'),
      expect.stringContaining('step 2/3: notified manager'),
    ])
  })

  it('killing and restarting mid-chain neither skips nor repeats a step (overdue steps fire once, on catch-up)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'noc-esc-restart-'))
    const { rx, clock, s, configPath } = await setup('', dataDir)
    await fire(s)
    clock.advance(2000)
    await tick(s)
    expect(escalations(rx)).toEqual(['team_lead'])

    // Kill: close without any special flushing; the due time of step 2 lives in SQLite.
    await s.close()
    track.release(s)
    clock.advance(5000) // step 2 was due 3 s ago

    const s2 = await startOps({ clock: clock.fn, configPath, dataDir })
    track(s2)
    await tick(s2)
    await tick(s2)
    expect(escalations(rx)).toEqual(['team_lead', 'manager'])
    clock.advance(1999)
    await tick(s2)
    expect(escalations(rx)).toEqual(['team_lead', 'manager'])
    clock.advance(1) // the next step counts from when step 2 actually fired
    await tick(s2)
    expect(escalations(rx)).toEqual(['team_lead', 'manager', 'director'])

    // And once more across a restart after the chain ended: nothing fires again.
    await s2.close()
    track.release(s2)
    clock.advance(60_000)
    const s3 = await startOps({ clock: clock.fn, configPath, dataDir })
    track(s3)
    await tick(s3)
    expect(escalations(rx)).toEqual(['team_lead', 'manager', 'director'])
    const [inc] = await incidents(s3)
    expect(inc.escalationLevel).toBe(3)
    const d = await detail(s3, inc.id)
    expect(d.timeline.filter((t: any) => t.kind === 'escalate').map((t: any) => t.text)).toEqual([
      expect.stringContaining('step 1/3'),
      expect.stringMatching(/step 2\/3.*3 s late \(caught up after a pause\)/),
      expect.stringContaining('step 3/3'),
    ])
  })

  it('an ack that times out brings the incident back: the chain resumes where it stopped and the channel is told', async () => {
    const { rx, clock, s } = await setup()
    await fire(s)
    clock.advance(2000)
    await tick(s)
    const [inc] = await incidents(s)
    await post(`${s.url}/api/v1/incidents/${inc.id}/ack`, { by: 'bob', timeoutMin: 1 })
    clock.advance(30_000)
    await tick(s)
    expect(escalations(rx)).toEqual(['team_lead'])

    clock.advance(31_000) // the ack expired: open again
    await tick(s)
    expect((await detail(s, inc.id)).incident.status).toBe('open')
    expect(rx.got.map((r) => r.json.event)).toEqual(['escalate', 'acknowledge', 'trigger'])
    clock.advance(2000)
    await tick(s)
    expect(escalations(rx)).toEqual(['team_lead', 'manager'])
  })

  it('repeat runs the chain again; the level stops at the number of steps', async () => {
    const rx = await startReceiver()
    track(rx)
    const clock = makeClock()
    const configPath = writeConfig(`
notifications:
  channels: { hook: { type: webhook, url: "${rx.url}/hook" } }
  rules: []
escalation:
  policies:
    - name: twice
      repeat: 1
      steps: [{ after: 1s, notify: [hook] }, { after: 1s, notify: [hook] }]
`)
    const s = await startOps({ clock: clock.fn, configPath })
    track(s)
    await fire(s)
    for (let i = 0; i < 8; i++) {
      clock.advance(1000)
      await tick(s)
    }
    expect(rx.got.filter((r) => r.json.event === 'escalate')).toHaveLength(4)
    const [inc] = await incidents(s)
    expect(inc.escalationLevel).toBe(2)
    expect((await opsOf(s, inc.id)).escalation.map((e: any) => `${e.round}:${e.step}`)).toEqual(['0:0', '0:1', '1:0', '1:1'])
  })

  it('a business-hours-only step waits for the client’s business hours (in its time zone)', async () => {
    const rx = await startReceiver()
    track(rx)
    // Friday 20:00 in Berlin: after hours; the step waits until Monday 08:00 Berlin.
    const clock = makeClock(Date.parse('2026-11-20T19:00:00Z'))
    const configPath = writeConfig(`
clients:
  acme: { timeZone: Europe/Berlin, businessHours: { days: [mon, tue, wed, thu, fri], start: "08:00", end: "18:00" } }
notifications:
  channels: { hook: { type: webhook, url: "${rx.url}/hook" } }
  rules: []
escalation:
  policies:
    - name: office
      steps: [{ after: 5m, notify: [hook], businessHoursOnly: true }]
`)
    const s = await startOps({ clock: clock.fn, configPath })
    track(s)
    await fire(s)
    clock.advance(10 * 60_000)
    await tick(s)
    expect(rx.got).toHaveLength(0)
    const [inc] = await incidents(s)
    expect((await opsOf(s, inc.id)).escalation[0].held).toMatch(/outside business hours \(Mon–Fri 08:00–18:00 Europe\/Berlin\)/)
    clock.now = Date.parse('2026-11-23T06:59:00Z') // Monday 07:59 Berlin
    await tick(s)
    expect(rx.got).toHaveLength(0)
    clock.now = Date.parse('2026-11-23T07:00:00Z') // Monday 08:00 Berlin
    await tick(s)
    expect(rx.got.map((r) => r.json.event)).toEqual(['escalate'])
  })

  it('with the real ticker (no injected clock) a 1-second policy escalates on its own, and stops after an ack', async () => {
    const rx = await startReceiver()
    track(rx)
    const configPath = writeConfig(policyYaml(rx.url).replace(/after: 2s/g, 'after: 1s'))
    const { testServer } = await import('../testing/server-kit')
    const s = await testServer({ configPath, tickMs: 100 })
    track(s)
    await fire(s)
    await expect.poll(() => escalations(rx), { timeout: 5000, interval: 100 }).toEqual(['team_lead'])
    const [inc] = await incidents(s)
    await post(`${s.url}/api/v1/incidents/${inc.id}/ack`, { by: 'carol' })
    const at = escalations(rx).length
    await new Promise((r) => setTimeout(r, 2500))
    expect(escalations(rx).length).toBe(at)
    expect(at).toBeLessThanOrEqual(2)
  })
})

describe('refusals inside a group commit', () => {
  it('a refused operator action fails alone: events and actions committed with it in the same batch stand', async () => {
    const { s } = await setup()
    await fire(s)
    const [inc] = await incidents(s)
    const [ok, refused, ingest] = await Promise.allSettled([
      s.hub.call('incidents.ack', { id: inc.id, by: 'alice' }),
      s.hub.call('incidents.close', { id: 'INC-99999', by: 'bob' }),
      s.hub.ingest('native', [{ client: 'acme', class: 'C', rule: 'R', severity: 'major', text: 'x', fingerprint: 'same-batch' }], { transport: 'internal' }),
    ])
    expect(ok.status).toBe('fulfilled')
    expect(refused).toMatchObject({ status: 'rejected', reason: { status: 404 } })
    expect(ingest.status).toBe('fulfilled')
    const alerts = (await s.hub.call('alerts.list', { client: 'acme' })).items
    expect(alerts.map((a) => a.fingerprint)).toContain('same-batch')
    expect((await detail(s, inc.id)).incident.status).toBe('acknowledged')
  })
})
