import { describe, expect, it } from 'vitest'
import { adapters } from '../ingest/adapters/index'
import { buildMsp } from './msp'
import { buildPlan, generateEvents, SCENARIO_NAMES } from './plan'
import { SIM_FORMATS, type Plan, type TruthRecord } from './types'

const START = Date.UTC(2026, 10, 20, 9, 0) // a Friday morning in Europe
const plan = buildPlan({ seed: 7, start: START, scenarios: 'all' })
const only = (name: string, extra: object = {}) => buildPlan({ seed: 7, start: START, scenarios: [name], durationSec: 3600, ...extra })
const incidentsOf = (p: Plan) => new Set(p.truth.filter((t) => t.expectIncident).map((t) => t.truth))
const byTruth = (truth: TruthRecord[]) => {
  const m = new Map<string, TruthRecord[]>()
  for (const t of truth) m.set(t.truth, [...(m.get(t.truth) ?? []), t])
  return m
}

describe('simulator plan', () => {
  it('is deterministic: same seed and start → the same requests byte for byte; another seed differs', () => {
    const again = buildPlan({ seed: 7, start: START, scenarios: 'all' })
    expect(JSON.stringify(again)).toBe(JSON.stringify(plan))
    expect(JSON.stringify(buildPlan({ seed: 8, start: START, scenarios: 'all' }).sends)).not.toBe(JSON.stringify(plan.sends))
  })

  it('a scenario draws from its own stream: running it alone gives the same events as inside `all`', () => {
    const alone = generateEvents({ seed: 7, start: START, scenarios: ['storm'], at: 0.55 })
    const inAll = generateEvents({ seed: 7, start: START, scenarios: 'all' }).filter((e) => e.truth.incident.startsWith('storm:'))
    expect(alone.map((e) => [e.at, e.client, e.resource])).toEqual(inAll.map((e) => [e.at, e.client, e.resource]))
  })

  it('uses every listener: five webhook formats, native HTTP and WebSocket agents', () => {
    expect(new Set(plan.sends.map((s) => s.format))).toEqual(new Set(SIM_FORMATS))
    expect(plan.sends.filter((s) => s.transport === 'ws').every((s) => s.path === '/ws')).toBe(true)
  })

  it('covers ~30 clients of all four tiers', () => {
    const msp = buildMsp()
    expect(msp.clients.length).toBe(30)
    expect(new Set(msp.clients.map((c) => c.tier))).toEqual(new Set(['platinum', 'gold', 'silver', 'bronze']))
    expect(new Set(plan.truth.map((t) => t.client)).size).toBeGreaterThanOrEqual(25)
    expect(plan.truth.some((t) => t.client === 'default')).toBe(false)
  })

  it('labels every event with a ground-truth incident, and one console alert never spans two truth incidents', () => {
    const events = plan.sends.reduce((n, s) => n + s.events.length, 0)
    expect(plan.truth.length).toBe(events)
    for (const t of plan.truth) expect(t.truth).toMatch(/^[a-z0-9-]+:[a-z0-9-]+:(\d+|ok|lifecycle)$/)
    const truthOfKey = new Map<string, Set<string>>()
    for (const t of plan.truth) truthOfKey.set(t.key, (truthOfKey.get(t.key) ?? new Set()).add(t.truth))
    expect([...truthOfKey].filter(([, s]) => s.size > 1)).toEqual([])
    expect(plan.truth.map((t) => t.n)).toEqual(plan.truth.map((_, i) => i))
  })

  it('renders bodies every adapter accepts without a warning, dated inside the run', () => {
    for (const s of plan.sends) {
      const input = s.format === 'ws' ? (s.body as { events: unknown[] }).events : s.body
      const r = adapters[s.format === 'ws' ? 'native' : s.format](input, { receivedAt: s.at, clientOverride: s.pathClient })
      expect(r.ok && r.warnings).toEqual([])
      // A tool whose clock is fast dates its events ahead of their delivery (delivery-faults: +90 s).
      const skew = Math.max(0, ...s.events.map((e) => e.clockSkewMs ?? 0))
      if (r.ok) for (const ev of r.events) expect(ev.time).toBeLessThanOrEqual(s.at + skew)
    }
    expect(plan.sends.every((s) => s.at >= START && s.at <= START + 3600_000)).toBe(true)
    expect(plan.sends.map((s) => s.at)).toEqual([...plan.sends.map((s) => s.at)].sort((a, b) => a - b))
  })

  it('provider outage: one truth problem across ≥ 3 clients, each its own incident, all carrying the provider label', () => {
    const p = only('provider-outage')
    const problems = new Set(p.truth.map((t) => t.problem))
    expect(problems.size).toBe(1)
    const clients = new Set(p.truth.map((t) => t.client))
    expect(clients.size).toBeGreaterThanOrEqual(3)
    expect(incidentsOf(p).size).toBe(clients.size)
    const provider = [...problems][0]!.split(':')[1]
    // (PagerDuty-style resolves carry only their dedup key.)
    for (const s of p.sends.filter((x) => x.events.some((e) => e.status === 'firing'))) expect(JSON.stringify(s.body)).toContain(provider)
    expect(new Set(p.sends.map((s) => s.format)).size).toBeGreaterThanOrEqual(3)
  })

  it('netapp: disk → volume latency → VM and application alerts, one client, one incident, several tools', () => {
    const events = generateEvents({ seed: 7, start: START, scenarios: ['netapp'] })
    const checks = new Set(events.map((e) => e.check))
    expect(checks).toEqual(new Set(['NetAppDiskFailed', 'NetAppAggregateDegraded', 'VolumeLatencyHigh', 'VmDiskLatencyHigh', 'SlowResponses']))
    expect(new Set(events.map((e) => e.truth.incident)).size).toBe(1)
    const first = (c: string) => Math.min(...events.filter((e) => e.check === c).map((e) => e.at))
    expect(first('NetAppDiskFailed')).toBeLessThan(first('VolumeLatencyHigh'))
    expect(first('VolumeLatencyHigh')).toBeLessThan(first('VmDiskLatencyHigh'))
    expect(new Set(events.map((e) => e.format)).size).toBeGreaterThanOrEqual(2)
  })

  it('vpn firmware: reboot, flapping tunnels (≥ 2 bad spells each) and remote users down, one incident', () => {
    const events = generateEvents({ seed: 7, start: START, scenarios: ['vpn-firmware'] })
    expect(new Set(events.map((e) => e.truth.incident)).size).toBe(1)
    expect(events.some((e) => e.check === 'FirmwareUpgrade')).toBe(true)
    expect(events.some((e) => e.check === 'RemoteUsersCannotConnect' && e.severity === 'critical')).toBe(true)
    const tunnels = new Set(events.filter((e) => e.check === 'IpsecTunnelDown').map((e) => e.resource))
    expect(tunnels.size).toBeGreaterThanOrEqual(2)
    for (const t of tunnels) {
      const downs = events.filter((e) => e.resource === t && e.status === 'firing' && e.at === e.since)
      expect(downs.length).toBeGreaterThanOrEqual(2)
    }
  })

  it('flapping: one alert changing state ≥ 6 times, one incident', () => {
    const p = only('flapping')
    expect(incidentsOf(p).size).toBe(1)
    const changes = p.truth.filter((t, i, a) => i === 0 || a[i - 1].status !== t.status)
    expect(changes.length).toBeGreaterThanOrEqual(6)
  })

  it('storm: thousands of events from a few hundred alerts, one incident, big agent batches', () => {
    const p = only('storm')
    expect(incidentsOf(p).size).toBe(1)
    expect(p.truth.length).toBeGreaterThanOrEqual(2000)
    expect(p.truth.length / new Set(p.truth.map((t) => t.key)).size).toBeGreaterThanOrEqual(10)
    expect(Math.max(...p.sends.map((s) => s.events.length))).toBeGreaterThanOrEqual(100)
    expect(only('storm', { stormSize: 20 }).truth.length).toBeLessThan(p.truth.length / 4)
  })

  it('maintenance: every event planned, carrying the change id', () => {
    const events = generateEvents({ seed: 7, start: START, scenarios: ['maintenance'] })
    expect(events.every((e) => e.truth.planned)).toBe(true)
    expect(new Set(events.map((e) => e.labels?.maintenance)).size).toBe(1)
  })

  it('ec2 agents: WebSocket only; OK checks expect no incident; instances launch and terminate', () => {
    const events = generateEvents({ seed: 7, start: START, scenarios: ['ec2-agents'] })
    expect(new Set(events.map((e) => e.format))).toEqual(new Set(['ws']))
    const ok = events.filter((e) => e.severity === 'ok')
    expect(ok.length).toBeGreaterThan(100)
    expect(ok.every((e) => !e.truth.expectIncident)).toBe(true)
    const notes = events.filter((e) => e.check === 'InstanceLifecycle').map((e) => e.text)
    expect(notes.some((t) => t.includes('launched'))).toBe(true)
    expect(notes.some((t) => t.includes('terminating'))).toBe(true)
    // Terminated instances stop reporting.
    for (const e of events.filter((x) => x.text.includes('terminating'))) {
      expect(events.some((x) => x.resource === e.resource && x.at > e.at)).toBe(false)
    }
  })

  it('noise: about --rate new problems per minute, each its own incident', () => {
    const p = only('noise', { rate: 3 })
    const n = incidentsOf(p).size
    expect(n).toBeGreaterThan(3 * 60 * 0.7)
    expect(n).toBeLessThan(3 * 60 * 1.3)
    for (const [, recs] of byTruth(p.truth)) expect(new Set(recs.map((r) => r.client)).size).toBe(1)
  })

  it('knows every scenario by name and refuses unknown ones', () => {
    expect(SCENARIO_NAMES).toEqual([
      'netapp', 'vpn-firmware', 'provider-outage', 'flapping', 'storm', 'maintenance', 'ec2-agents',
      'provider-aliases', 'vendor-update', 'common-rules', 'delivery-faults', 'noise',
    ])
    expect(() => buildPlan({ start: START, scenarios: ['nope'] })).toThrow(/unknown scenario nope/)
  })
})

describe('correlation-trust scenarios (issue 12)', () => {
  const p = (name: string, seed = 7) => buildPlan({ seed, start: START, scenarios: [name], durationSec: 3600 })

  it('are deterministic by seed', () => {
    for (const name of ['provider-aliases', 'vendor-update', 'common-rules', 'delivery-faults']) {
      expect(JSON.stringify(p(name).sends)).toBe(JSON.stringify(p(name).sends))
      expect(JSON.stringify(p(name, 8).sends)).not.toBe(JSON.stringify(p(name).sends))
    }
  })

  it('provider-aliases: one truth problem; the upstream spelled several ways, and on some clients not at all', () => {
    const plan = p('provider-aliases')
    expect(new Set(plan.truth.map((t) => t.problem))).toEqual(new Set([expect.stringMatching(/^provider-aliases:isp-/)]))
    const wan = generateEvents({ seed: 7, start: START, scenarios: ['provider-aliases'] }).filter((e) => e.check === 'WanLinkDown')
    const spellings = new Set(wan.map((e) => ['provider', 'isp', 'carrier'].find((k) => e.labels?.[k]) ?? 'none'))
    expect(spellings.size).toBeGreaterThanOrEqual(3)
    const other = generateEvents({ seed: 7, start: START, scenarios: ['provider-aliases'] }).filter((e) => e.check !== 'WanLinkDown')
    expect(new Set(other.map((e) => Object.keys(e.labels ?? {}).find((k) => ['upstream', 'carrier', 'provider', 'isp'].includes(k))))).toContain('upstream')
    expect(incidentsOf(plan).size).toBe(new Set(plan.truth.map((t) => t.client)).size)
  })

  it('vendor-update: one rule across ≥ 6 clients within two minutes, no upstream label', () => {
    const events = generateEvents({ seed: 7, start: START, scenarios: ['vendor-update'] })
    const fires = events.filter((e) => e.status === 'firing' && e.at === e.since)
    expect(new Set(fires.map((e) => e.check))).toEqual(new Set(['EdrAgentCrashed']))
    expect(new Set(fires.map((e) => e.client)).size).toBeGreaterThanOrEqual(6)
    expect(Math.max(...fires.map((e) => e.at)) - Math.min(...fires.map((e) => e.at))).toBeLessThanOrEqual(2 * 60_000)
    for (const e of events) expect(Object.keys(e.labels ?? {})).not.toEqual(expect.arrayContaining(['provider']))
  })

  it('common-rules: the same rule for several clients within minutes, every failure its own incident, no problem', () => {
    const plan = p('common-rules')
    expect(plan.truth.some((t) => t.problem)).toBe(false)
    for (const [, recs] of byTruth(plan.truth)) expect(new Set(recs.map((r) => r.key)).size).toBe(1)
  })

  it('delivery-faults: deliveries out of time order, skewed clocks, same-second resolves; every fault ends resolved', () => {
    const events = generateEvents({ seed: 7, start: START, scenarios: ['delivery-faults'] })
    expect(events.some((e) => e.deliverAt !== undefined && e.deliverAt !== e.at)).toBe(true)
    expect(new Set(events.map((e) => e.clockSkewMs).filter(Boolean))).toEqual(new Set([90_000, -90_000]))
    expect(events.some((e) => e.status === 'resolved' && e.at === e.since && e.amStampMs !== undefined)).toBe(true)
    // The plan is in delivery order; the truth's `order` is time order, and the last state of every probe is resolved.
    const plan = p('delivery-faults')
    const last = new Map<string, TruthRecord>()
    for (const t of plan.truth) if (!last.has(t.key) || t.order > last.get(t.key)!.order) last.set(t.key, t)
    expect(last.size).toBeGreaterThanOrEqual(14)
    expect([...last.values()].filter((t) => t.status !== 'resolved')).toEqual([])
    expect(plan.truth.map((t) => t.order)).not.toEqual(plan.truth.map((t) => t.n))
  })
})
