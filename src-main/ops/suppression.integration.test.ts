import { afterEach, describe, expect, it } from 'vitest'
import type { RunningServer } from '../server'
import { startReceiver, type Receiver } from '../testing/fake-receiver'
import { clear, detail, fire, getJson, incidents, makeClock, opsOf, post, startOps, T0, tick, writeConfig } from '../testing/ops-kit'
import { closeAfterEach } from '../testing/close-kit'

/** Maintenance windows, silences and inhibition: what they cover notifies no one; what still fires surfaces later. */

const track = closeAfterEach()

const setup = async (extra = '') => {
  const rx = await startReceiver()
  track(rx)
  const clock = makeClock()
  const configPath = writeConfig(`
notifications:
  channels: { hook: { type: webhook, url: "${rx.url}/hook" } }
  rules: [{ name: everything, match: {}, channels: [hook] }]
escalation: { policies: [] }
${extra}`)
  const s = await startOps({ clock: clock.fn, configPath })
  track(s)
  return { rx, clock, s }
}

const del = async (url: string) => {
  const r = await fetch(url, { method: 'DELETE' })
  return { status: r.status, json: (await r.json()) as any }
}

describe('maintenance windows', () => {
  it('an alert inside a window is recorded but opens no incident and notifies no one; after the window it surfaces with its earlier state', async () => {
    const { rx, clock, s } = await setup()
    const mw = await post(`${s.url}/api/v1/maintenance`, { by: 'ops', name: 'firmware upgrade', client: 'acme', resource: 'fw-*', durationMin: 30 })
    expect(mw.status).toBe(200)
    expect(mw.json).toMatchObject({ id: 'MW-1', active: true, origin: 'api', schedule: { kind: 'once', start: T0, end: T0 + 30 * 60_000 } })

    await fire(s) // fw-01, inside the window's scope
    await fire(s, { fingerprint: 'fw-02-link', resource: 'fw-02', text: 'link down on fw-02' })
    await fire(s, { fingerprint: 'db-01-disk', resource: 'db-01', rule: 'DiskFull', text: 'disk full on db-01' }) // outside its scope
    expect((await incidents(s)).map((i) => i.resource)).toEqual(['db-01'])
    expect(rx.got.map((r) => r.json.incident.resource)).toEqual(['db-01'])
    const alerts = (await getJson(`${s.url}/api/v1/alerts?client=acme`)).json.items
    expect(alerts).toHaveLength(3) // recorded all the same
    const held = (await getJson(`${s.url}/api/v1/suppressions`)).json
    expect(held.map((h: any) => [h.kind, h.ref])).toEqual([
      ['maintenance', 'MW-1'],
      ['maintenance', 'MW-1'],
    ])

    clock.advance(10 * 60_000)
    await clear(s, { fingerprint: 'fw-02-link', resource: 'fw-02' }) // recovered inside the window: never surfaces
    clock.advance(15 * 60_000)
    await tick(s)
    expect((await incidents(s)).map((i) => i.resource)).toEqual(['db-01'])

    clock.advance(5 * 60_000 + 1) // the window is over; fw-01 still fires
    await tick(s)
    const list = await incidents(s)
    expect(list.map((i) => i.resource).sort()).toEqual(['db-01', 'fw-01'])
    expect(rx.got.map((r) => r.json.incident.resource)).toEqual(['db-01', 'fw-01'])
    const fw = list.find((i) => i.resource === 'fw-01')
    const d = await detail(s, fw.id)
    expect(d.alerts[0].firstSeen).toBe(T0) // its earlier state
    expect(d.timeline.find((t: any) => t.kind === 'notify').text).toMatch(/held since .* by maintenance window “firmware upgrade” \(MW-1\); it still fires/)
    expect((await getJson(`${s.url}/api/v1/suppressions`)).json).toEqual([])
    expect((await getJson(`${s.url}/api/v1/maintenance`)).json).toEqual([])
    expect((await getJson(`${s.url}/api/v1/maintenance?includeEnded=true`)).json.map((w: any) => [w.id, w.active])).toEqual([['MW-1', false]])
  })

  it('configured windows (weekly, in the client’s zone) are listed, cannot be deleted through the API, and deleting an API window lifts it at once', async () => {
    const { rx, s } = await setup(`
clients: { acme: { timeZone: Europe/Berlin } }
maintenance:
  - { name: friday patching, client: acme, weekly: { days: [fri], start: "10:30", end: "12:00" } }
`)
    // T0 is Friday 11:00 in Berlin: the weekly window is in force.
    const list = (await getJson(`${s.url}/api/v1/maintenance`)).json
    expect(list).toEqual([expect.objectContaining({ id: 'config-1', origin: 'config', active: true, schedule: expect.objectContaining({ kind: 'weekly', days: [5] }) })])
    expect((await del(`${s.url}/api/v1/maintenance/config-1`)).status).toBe(409)
    await fire(s)
    expect(await incidents(s)).toEqual([])
    expect(rx.got).toHaveLength(0)
    expect((await del(`${s.url}/api/v1/maintenance/MW-9`)).status).toBe(404)
  })

  it('bad windows are refused with the path of the problem', async () => {
    const { s } = await setup()
    const r = await post(`${s.url}/api/v1/maintenance`, { by: 'ops', name: 'x', start: '2026-11-20T12:00:00Z', end: '2026-11-20T11:00:00Z' })
    expect(r.status).toBe(400)
    expect(r.json.issues).toEqual([expect.objectContaining({ path: 'end', message: expect.stringContaining('after') })])
  })
})

describe('silences', () => {
  it('an alert matching a silence notifies no one; when the silence expires it surfaces', async () => {
    const { rx, clock, s } = await setup()
    const sil = await post(`${s.url}/api/v1/silences`, { by: 'alice', comment: 'known ISP issue', matchers: [{ name: 'rule', value: 'Link.*', op: '=~' }], durationMin: 10 })
    expect(sil.status).toBe(200)
    expect(sil.json).toMatchObject({ id: 'SIL-1', state: 'active', endsAt: T0 + 10 * 60_000 })
    await fire(s)
    expect(await incidents(s)).toEqual([])
    expect(rx.got).toHaveLength(0)
    expect((await getJson(`${s.url}/api/v1/suppressions`)).json[0]).toMatchObject({ kind: 'silence', ref: 'SIL-1', reason: expect.stringContaining('known ISP issue') })

    clock.advance(10 * 60_000)
    await tick(s)
    expect((await incidents(s)).map((i) => i.resource)).toEqual(['fw-01'])
    expect(rx.got).toHaveLength(1)
    expect((await getJson(`${s.url}/api/v1/silences`)).json).toEqual([])
    expect((await getJson(`${s.url}/api/v1/silences?includeExpired=true`)).json.map((x: any) => x.state)).toEqual(['expired'])
  })

  it('a silence made from an open incident holds its notifications and escalation; deleting it lets them go', async () => {
    const rx = await startReceiver()
    track(rx)
    const clock = makeClock()
    const configPath = writeConfig(`
notifications:
  channels: { hook: { type: webhook, url: "${rx.url}/hook" } }
  rules: []
escalation:
  policies: [{ name: p, steps: [{ after: 1m, notify: [hook] }] }]
`)
    const s = await startOps({ clock: clock.fn, configPath })
    track(s)
    await fire(s)
    const [inc] = await incidents(s)
    const sil = await post(`${s.url}/api/v1/silences`, { by: 'alice', incidentId: inc.id, durationMin: 60 })
    expect(sil.json.matchers).toEqual([
      { name: 'client', value: 'acme', op: '=' },
      { name: 'rule', value: 'LinkDown', op: '=' },
      { name: 'resource', value: 'fw-01', op: '=' },
    ])
    clock.advance(2 * 60_000)
    await tick(s)
    expect(rx.got).toHaveLength(0)
    const ops = await opsOf(s, inc.id)
    expect(ops.held).toMatch(/^silence SIL-1 by alice/)
    expect(ops.escalation[0].held).toMatch(/^silence SIL-1/)
    expect((await detail(s, inc.id)).timeline.some((t: any) => t.kind === 'notify' && /notification held: silence SIL-1/.test(t.text))).toBe(true)

    expect((await del(`${s.url}/api/v1/silences/SIL-1`)).json.state).toBe('expired')
    await tick(s)
    expect(rx.got.map((r) => r.json.event)).toEqual(['escalate'])
  })

  it('refuses silences without an end, with a bad regex, or already over', async () => {
    const { s } = await setup()
    expect((await post(`${s.url}/api/v1/silences`, { by: 'a', matchers: [{ name: 'rule', value: 'x' }] })).status).toBe(400)
    expect((await post(`${s.url}/api/v1/silences`, { by: 'a', matchers: [{ name: 'rule', value: '(', op: '=~' }], durationMin: 5 })).json.issues[0].path).toBe('matchers[0].value')
    expect((await post(`${s.url}/api/v1/silences`, { by: 'a', matchers: [{ name: 'rule', value: 'x' }], endsAt: T0 - 1 })).status).toBe(400)
    expect((await post(`${s.url}/api/v1/silences`, { by: 'a', incidentId: 'INC-9999', durationMin: 5 })).status).toBe(404)
  })
})

describe('inhibition', () => {
  it('a critical alert on a topology parent mutes notifications for its children’s incidents until it clears', async () => {
    const { rx, clock, s } = await setup(`
clients:
  acme:
    topology: [{ parent: fw-01, children: ["host-*"] }]
`)
    await fire(s) // fw-01 critical → its incident notifies
    expect(rx.got).toHaveLength(1)
    clock.advance(20 * 60_000) // far outside the correlation window: the child gets an incident of its own
    await fire(s, { fingerprint: 'host-a-ping', rule: 'HostUnreachable', resource: 'host-a', text: 'host-a unreachable', severity: 'major' })
    const child = (await incidents(s)).find((i) => i.resource === 'host-a')
    expect(child).toBeDefined()
    expect(rx.got).toHaveLength(1)
    expect((await opsOf(s, child.id)).held).toBe('inhibited by critical `LinkDown` on fw-01 upstream')

    clock.advance(60_000)
    await clear(s)
    await tick(s)
    expect(rx.got.map((r) => [r.json.event, r.json.incident.resource])).toEqual([
      ['trigger', 'fw-01'],
      ['trigger', 'host-a'],
    ])
  })
})
