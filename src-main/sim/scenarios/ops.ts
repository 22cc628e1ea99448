import { PROVIDERS } from '../msp'
import type { SimEvent, SimFormat } from '../types'
import { startOf } from './cascades'
import { MIN, SEC, flapSpells, flaps, issue, minutes, pickClient, sample, truth, type Scenario } from './kit'

/**
 * An ISP outage: every hit client loses its WAN link and BGP session, its branches become unreachable and SaaS
 * gets slow — all carrying the shared `provider` label. One truth incident per client, one truth problem overall.
 */
export const providerOutage: Scenario = {
  name: 'provider-outage',
  description: 'upstream provider outage hitting several clients at once (shared provider label)',
  generate(ctx) {
    const { rng } = ctx
    const provider = rng.pick(PROVIDERS)
    // Clients another one-off scenario holds at the time are left out where the provider has enough others: two
    // unrelated root causes on one client at once would make the truth itself ambiguous.
    const all = ctx.msp.clients.filter((c) => c.provider === provider)
    const free = all.filter((c) => !ctx.busy.has(c.id))
    const served = free.length >= 4 ? free : all
    const hit = sample(rng, served, rng.int(Math.min(4, served.length), served.length))
    const t0 = startOf(ctx)
    const problem = `provider-outage:${provider}`
    const back = t0 + minutes(rng, 15, 35)
    const out: SimEvent[] = []
    for (const c of hit) {
      ctx.busy.add(c.id)
      const tr = truth(ctx.label('provider-outage', c.id), { problem })
      const at = t0 + minutes(rng, 0, 3)
      const until = back + minutes(rng, -1, 2)
      const circuit = `${provider.slice(4).toUpperCase()}-${rng.int(100000, 999999)}`
      const labels = { provider, circuit, job: 'snmp' }
      const net = c.sources.network
      out.push(
        ...issue(ctx, { client: c, format: net, resource: c.router, check: 'WanLinkDown', service: 'network', severity: 'critical', truth: tr,
          text: `${c.router}: WAN uplink ${circuit} (${provider}) down`, labels, at, until }),
        ...issue(ctx, { client: c, format: net, resource: c.router, check: 'BgpSessionDown', service: 'network', severity: 'major', truth: tr,
          text: `${c.router}: BGP session to ${provider} AS down`, labels, at: at + rng.int(5, 40) * SEC, until: until + 30 * SEC }),
      )
      for (const b of c.branches) {
        out.push(...issue(ctx, { client: c, format: net, resource: `${c.short}-${b}-sw01`, check: 'BranchSiteUnreachable', service: 'network',
          severity: 'major', truth: tr, text: `${b}: site unreachable from HQ`, labels: { site: b, provider, job: 'icmp' },
          at: at + rng.int(20, 90) * SEC, until: until + rng.int(10, 60) * SEC }))
      }
      out.push(...issue(ctx, { client: c, format: c.sources.apps, resource: `m365.${c.short}.example`, check: 'SaasReachabilityDegraded',
        service: 'email', severity: 'warning', truth: tr, text: `Microsoft 365 unreachable from ${c.name} HQ`, labels: { upstream: provider, job: 'synthetic' },
        at: at + rng.int(60, 150) * SEC, until: until + rng.int(30, 120) * SEC }))
    }
    return out
  },
}

/** One check that cannot make up its mind: bad for a minute or two, good for a few, for half an hour. */
export const flapping: Scenario = {
  name: 'flapping',
  description: 'a flapping check (packet loss on a branch link) going bad and good for half an hour',
  generate(ctx) {
    const { rng } = ctx
    const c = pickClient(ctx, ctx.msp.clients)
    const t0 = startOf(ctx)
    const tr = truth(ctx.label('flapping', c.id))
    const resource = c.branches.length ? `${c.short}-${c.branches[0]}-sw01` : c.router
    const spells = flapSpells(rng, t0, t0 + minutes(rng, 25, 40), [0.7, 2], [1, 3])
    return flaps(ctx, {
      client: c, format: c.sources.network, resource, check: 'PacketLossHigh', service: 'network', severity: 'minor', truth: tr,
      text: `${resource}: packet loss 12% to gateway`, labels: { job: 'icmp', site: c.branches[0] ?? 'hq' }, at: 0,
    }, spells)
  },
}

/**
 * Event storm: a client's core switch dies and the Tap In collector reports every endpoint behind it unreachable,
 * re-reporting the whole list every 30 s until the switch is back. Thousands of events, one truth incident.
 */
export const storm: Scenario = {
  name: 'storm',
  description: 'event storm: core switch failure, hundreds of endpoints unreachable re-reported every 30 s',
  generate(ctx) {
    const { rng } = ctx
    const c = pickClient(ctx, ctx.msp.clients.filter((x) => x.tier !== 'bronze'))
    const t0 = startOf(ctx)
    const tr = truth(ctx.label('storm', c.id))
    const back = t0 + minutes(rng, 8, 15)
    const labels = { switch: c.coreSwitch, site: 'hq' }
    const out: SimEvent[] = [
      ...issue(ctx, { client: c, format: c.sources.network, resource: c.coreSwitch, check: 'SwitchDown', service: 'network', severity: 'critical',
        truth: tr, text: `${c.coreSwitch}: stack master unreachable, all uplinks down`, labels: { job: 'snmp' }, at: t0, until: back }),
    ]
    for (const h of c.hosts) {
      out.push(...issue(ctx, { client: c, format: c.sources.servers, resource: h.name, check: 'HostDown', service: h.service, severity: 'critical',
        truth: tr, text: `${h.name} is unreachable`, labels: { ...h.labels, job: 'node' }, at: t0 + rng.int(15, 60) * SEC, until: back + rng.int(30, 120) * SEC }))
    }
    const kinds = ['pc', 'pc', 'pc', 'phone', 'printer', 'ap']
    for (let i = 1; i <= ctx.stormSize; i++) {
      const kind = kinds[i % kinds.length]
      const ep = `${c.short}-${kind}-${String(i).padStart(3, '0')}`
      // The collector polls in rounds: everything it found down in one round goes out together.
      const at = t0 + (1 + Math.floor(rng.int(0, 59) / 30)) * 30 * SEC
      out.push(...issue(ctx, { client: c, format: 'ws', resource: ep, check: 'EndpointUnreachable', service: 'network', severity: kind === 'ap' ? 'major' : 'minor',
        truth: tr, text: `${ep} (${kind}) not responding to ICMP`, labels: { ...labels, kind }, at, until: back + 30 * SEC, repeatSec: 30 }))
    }
    return out
  },
}

/**
 * Planned patching: hosts of two services reboot one after another inside a change window; every alert carries the
 * change id. One truth incident, flagged `planned` (a console with maintenance windows would hold it back).
 */
export const maintenance: Scenario = {
  name: 'maintenance',
  description: 'maintenance window: planned patching reboots hosts of two services (labels maintenance=CHG-…)',
  generate(ctx) {
    const { rng } = ctx
    const c = pickClient(ctx, ctx.msp.clients)
    const t0 = startOf(ctx)
    const change = `CHG-${rng.int(10000, 99999)}`
    const tr = truth(ctx.label('maintenance', c.id), { planned: true })
    const services = sample(rng, [...new Set(c.hosts.map((h) => h.service))], 2)
    const out: SimEvent[] = [
      ...issue(ctx, { client: c, format: 'native', resource: `${c.short}-wsus01`, check: 'PatchWindowOpen', service: services[0], severity: 'info',
        truth: tr, text: `${change}: monthly patching of ${services.join(', ')} started`, labels: { maintenance: change }, at: t0,
        until: t0 + 45 * MIN, resolveText: `${change}: patching finished` }),
    ]
    let t = t0 + 2 * MIN
    for (const svc of services) {
      for (const h of c.hosts.filter((x) => x.service === svc)) {
        const down = minutes(rng, 2, 5)
        out.push(...issue(ctx, { client: c, format: c.sources.servers, resource: h.name, check: 'HostDown', service: svc, severity: 'critical',
          truth: tr, text: `${h.name} is unreachable`, labels: { ...h.labels, maintenance: change, job: 'node' }, at: t, until: t + down }))
        t += down + minutes(rng, 1, 3)
      }
      out.push(...issue(ctx, { client: c, format: c.sources.apps, resource: `${svc}.${c.short}.example`, check: 'HttpProbeFailed', service: svc,
        severity: 'critical', truth: tr, text: `https://${svc}: probe failed (connection refused)`, labels: { maintenance: change, job: 'blackbox' },
        at: t - 4 * MIN, until: t + MIN }))
    }
    return out
  },
}

export const formatsOf = (events: SimEvent[]): Set<SimFormat> => new Set(events.map((e) => e.format))
