import { adapters } from '../ingest/adapters/index'
import { deliveredAt, groupKey, render } from './formats'
import { buildMsp, type Msp } from './msp'
import { createRng } from './rng'
import { maintenance, flapping, providerOutage, storm } from './scenarios/ops'
import { netapp, vpnFirmware } from './scenarios/cascades'
import { ec2Agents } from './scenarios/ec2'
import type { Scenario, ScenarioCtx } from './scenarios/kit'
import { noise } from './scenarios/noise'
import { commonRules, providerAliases, vendorUpdate } from './scenarios/trust'
import { deliveryFaults } from './scenarios/delivery-faults'
import type { Plan, Send, SimEvent, TruthRecord } from './types'

/** Every scenario, in generation order: one-off incidents claim their alert identities before background noise. */
export const SCENARIOS: Scenario[] = [
  netapp, vpnFirmware, providerOutage, flapping, storm, maintenance, ec2Agents, providerAliases, vendorUpdate, commonRules, deliveryFaults, noise,
]
export const SCENARIO_NAMES = SCENARIOS.map((s) => s.name)

/** Where each one-off scenario starts in an `all` run (fraction of the duration), so cascades do not pile up. */
const PLACEMENT: Record<string, number> = {
  flapping: 0.05, netapp: 0.1, 'common-rules': 0.15, 'vpn-firmware': 0.25, 'provider-outage': 0.4, storm: 0.55, 'vendor-update': 0.62, maintenance: 0.7,
  'provider-aliases': 0.8,
}

export interface PlanOptions {
  seed?: number
  /** The simulated clock's start, epoch ms. Same seed + same start → the same plan, byte for byte. */
  start: number
  durationSec?: number
  /** Scenario names, or 'all'. */
  scenarios?: string[] | 'all'
  /** Background noise: new problems per simulated minute. */
  rate?: number
  stormSize?: number
  /** Where single scenarios start (0..1); `all` uses its own spread. */
  at?: number
  /** Offset for Zabbix problem ids (the demo feed keeps them unique across its episodes). */
  zabbixIdBase?: number
  msp?: Msp
}

export const DEFAULTS = { seed: 1, durationSec: 3600, rate: 2, stormSize: 200 }

const hashName = (s: string) => {
  let h = 2166136261
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619)
  return h >>> 0
}

export const resolveScenarios = (names: string[] | 'all' | undefined): Scenario[] => {
  if (!names || names === 'all' || names.includes('all')) return SCENARIOS
  const unknown = names.filter((n) => !SCENARIO_NAMES.includes(n))
  if (unknown.length) throw new Error(`unknown scenario ${unknown.join(', ')}; expected one of ${SCENARIO_NAMES.join(', ')}, all`)
  return SCENARIOS.filter((s) => names.includes(s.name))
}

/** Events of the chosen scenarios, sorted by time (stable). Pure. */
export const generateEvents = (opts: PlanOptions): SimEvent[] => {
  const seed = opts.seed ?? DEFAULTS.seed
  const msp = opts.msp ?? buildMsp()
  const chosen = resolveScenarios(opts.scenarios)
  const all = chosen.length === SCENARIOS.length
  const start = opts.start
  const end = start + (opts.durationSec ?? DEFAULTS.durationSec) * 1000
  const claimed = new Set<string>()
  const busy = new Set<string>()
  const counters = new Map<string, number>()
  let zabbix = (opts.zabbixIdBase ?? 0) + 1_000_000
  const events: SimEvent[] = []
  for (const sc of chosen) {
    // Each scenario draws from its own stream, so adding or dropping one never changes the others.
    const ctx: ScenarioCtx = {
      rng: createRng((seed ^ hashName(sc.name)) >>> 0),
      msp,
      start,
      end,
      rate: opts.rate ?? DEFAULTS.rate,
      stormSize: opts.stormSize ?? DEFAULTS.stormSize,
      at: all ? (PLACEMENT[sc.name] ?? 0) : (opts.at ?? 0.05),
      zabbixId: () => ++zabbix,
      label: (scenario, client) => {
        const k = `${scenario}:${client}`
        const n = (counters.get(k) ?? 0) + 1
        counters.set(k, n)
        return `${k}:${n}`
      },
      claim: (key) => (claimed.has(key) ? false : (claimed.add(key), true)),
      busy,
    }
    events.push(...sc.generate(ctx).filter((e) => e.at >= start && e.at <= end && deliveredAt(e) <= end))
  }
  // `timeOrder`: when it happened (the truth's order); the list itself is in delivery order — a late or
  // out-of-order event is sent when it arrives.
  const inTime = events.map((e, i) => ({ e, i })).sort((a, b) => a.e.at - b.e.at || a.i - b.i)
  inTime.forEach((x, k) => (x.e.timeOrder = k))
  return inTime.sort((a, b) => deliveredAt(a.e) - deliveredAt(b.e) || (a.e.timeOrder ?? 0) - (b.e.timeOrder ?? 0)).map((x) => x.e)
}

/** Events → requests: group what one tool would send together, render the bodies. Pure. */
export const toSends = (events: SimEvent[], msp: Msp = buildMsp()): Send[] => {
  const groups = new Map<string, SimEvent[]>()
  events.forEach((e, i) => {
    const k = groupKey(e, i)
    const g = groups.get(k)
    if (g) g.push(e)
    else groups.set(k, [e])
  })
  // Map iteration follows first insertion, and events are time-sorted, so sends come out time-sorted too.
  return [...groups.values()].map((evs, i) => {
    const r = render(evs[0].format, evs, msp)
    const body = evs[0].format === 'ws' ? { type: 'events', id: `sim-${i}`, events: r.body } : r.body
    return { at: deliveredAt(evs[0]), transport: evs[0].format === 'ws' ? 'ws' : 'http', path: r.path, format: evs[0].format, pathClient: r.pathClient, body, events: evs }
  })
}

/**
 * The console's key of every event, computed by the real (pure) adapters on the rendered body, so the truth file
 * names alerts exactly as the console will.
 */
export const truthOf = (sends: Send[]): TruthRecord[] => {
  const out: TruthRecord[] = []
  for (const s of sends) {
    const adapter = adapters[s.format === 'ws' ? 'native' : s.format]
    const input = s.format === 'ws' ? (s.body as { events: unknown[] }).events : s.body
    const r = adapter(input, { receivedAt: s.at, clientOverride: s.pathClient })
    if (!r.ok) throw new Error(`simulator rendered a ${s.format} body its adapter refuses: ${r.error} ${JSON.stringify(r.issues)}`)
    if (r.events.length !== s.events.length) throw new Error(`${s.format}: ${s.events.length} events rendered, adapter read ${r.events.length}`)
    s.events.forEach((e, k) => {
      const ev = r.events[k]
      out.push({
        n: out.length, at: e.at, format: e.format, client: ev.client, key: `${ev.client}/${ev.fingerprint}`, status: e.status, severity: e.severity,
        order: e.timeOrder ?? out.length, truth: e.truth.incident, expectIncident: e.truth.expectIncident,
        ...(e.truth.problem ? { problem: e.truth.problem } : {}), ...(e.truth.planned ? { planned: true } : {}),
      })
    })
  }
  return out
}

export const buildPlan = (opts: PlanOptions): Plan => {
  const msp = opts.msp ?? buildMsp()
  const sends = toSends(generateEvents({ ...opts, msp }), msp)
  return {
    seed: opts.seed ?? DEFAULTS.seed,
    start: opts.start,
    durationSec: opts.durationSec ?? DEFAULTS.durationSec,
    scenarios: resolveScenarios(opts.scenarios).map((s) => s.name),
    sends,
    truth: truthOf(sends),
  }
}
