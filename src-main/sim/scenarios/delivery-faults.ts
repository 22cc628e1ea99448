import type { SimClient } from '../msp'
import type { SimEvent, SimFormat } from '../types'
import { MIN, SEC, issue, sec, truth, type Scenario, type ScenarioCtx } from './kit'

/**
 * What real delivery does to state: short alerts across every kind of sender, each hit by one fault, each its own
 * incident and each ending resolved — the console must end with every one of them resolved too.
 * - `am-same-second`: pushed to Alertmanager without `startsAt` (Alertmanager stamps the fire to the nanosecond),
 *   resolved with a whole-second `endsAt` inside the same second (the resolved notification's `startsAt` moves to
 *   that `endsAt` and looks older than the fire);
 * - `am-skewed`: the same, resolved 40 s later by a client whose clock is 90 s behind Alertmanager's;
 * - `pd-fast-clock`: a PagerDuty-style sender 90 s fast; its resolve carries no time (dated on arrival);
 * - `native-same-second`: an agent clears within the second it fired, and the clear arrives first;
 * - `zabbix-recovery-first`: the recovery is delivered before its problem (a queued retry);
 * - `late-duplicate`: an Alerta sender re-sends the fire after the clear (a retry of the first request);
 * - `grafana-late-fire`: the firing notification is delayed past the resolved one;
 * - `skewed-cascade`: one client's switch fails; the network tool's clock is 90 s slow, the servers' 90 s fast —
 *   one incident across three minutes of skew (that one stays firing until the switch is back).
 */
type Fault = 'am-same-second' | 'am-skewed' | 'pd-fast-clock' | 'native-same-second' | 'zabbix-recovery-first' | 'late-duplicate' | 'grafana-late-fire'
const FAULTS: Array<{ fault: Fault; format: SimFormat }> = [
  { fault: 'am-same-second', format: 'alertmanager' },
  { fault: 'am-skewed', format: 'alertmanager' },
  { fault: 'pd-fast-clock', format: 'pagerduty' },
  { fault: 'native-same-second', format: 'native' },
  { fault: 'zabbix-recovery-first', format: 'zabbix' },
  { fault: 'late-duplicate', format: 'alerta' },
  { fault: 'grafana-late-fire', format: 'grafana' },
]
const SKEW = 90 * SEC

const faulty = (ctx: ScenarioCtx, c: SimClient, fault: Fault, format: SimFormat, at: number): SimEvent[] => {
  const { rng } = ctx
  const host = rng.pick(c.hosts)
  const base = {
    client: c, format, resource: host.name, check: `Probe${fault.replace(/(^|-)(\w)/g, (_, __, x: string) => x.toUpperCase())}`, service: host.service,
    severity: 'major' as const, text: `${host.name}: ${fault} check failed`, labels: { job: 'faults' }, truth: truth(ctx.label('delivery-faults', c.id)), at,
  }
  switch (fault) {
    case 'am-same-second': {
      // Fire at .000–.400 of a second, stamped by Alertmanager 100–500 ms later; the client resolves in that second.
      const [fire, clear] = issue(ctx, { ...base, at, until: at })
      return [
        { ...fire, amStampMs: rng.int(100, 500), deliverAt: at + SEC },
        { ...clear, amStampMs: 0, deliverAt: at + 3 * SEC },
      ]
    }
    case 'am-skewed': {
      const [fire, clear] = issue(ctx, { ...base, until: at + 40 * SEC })
      return [{ ...fire, amStampMs: rng.int(1, 900), deliverAt: at + SEC }, { ...clear, amStampMs: 0, clockSkewMs: -SKEW }]
    }
    case 'pd-fast-clock':
      return issue(ctx, { ...base, until: at + 30 * SEC }).map((e) => ({ ...e, clockSkewMs: SKEW }))
    case 'native-same-second': {
      const [fire, clear] = issue(ctx, { ...base, until: at })
      // Generated fire first (that is the order they happened in), delivered clear first.
      return [{ ...fire, deliverAt: at + 2 * SEC }, { ...clear, deliverAt: at }]
    }
    case 'zabbix-recovery-first': {
      const evs = issue(ctx, { ...base, until: at + 2 * MIN })
      return evs.map((e) => (e.status === 'firing' ? { ...e, deliverAt: at + 2 * MIN + 20 * SEC } : e))
    }
    case 'late-duplicate': {
      const evs = issue(ctx, { ...base, until: at + 3 * MIN, repeatSec: 0 })
      return [...evs, { ...evs[0], deliverAt: at + 3 * MIN + 30 * SEC }]
    }
    case 'grafana-late-fire': {
      const evs = issue(ctx, { ...base, until: at + 90 * SEC })
      return evs.map((e) => (e.status === 'firing' ? { ...e, deliverAt: at + 90 * SEC + 20 * SEC } : e))
    }
  }
}

export const deliveryFaults: Scenario = {
  name: 'delivery-faults',
  description: 'late and out-of-order deliveries, ±90 s clock skew between sources, resolves in the same second as their fire',
  generate(ctx) {
    const { rng } = ctx
    const out: SimEvent[] = []
    const span = ctx.end - ctx.start
    // Two of each fault, spread over the run and over the clients no one-off scenario uses.
    const clients = ctx.msp.clients.filter((c) => !ctx.busy.has(c.id))
    let k = 0
    for (const { fault, format } of [...FAULTS, ...FAULTS]) {
      const c = clients[(k++ * 7 + rng.int(0, 2)) % clients.length]
      const at = sec(ctx.start + (0.05 + 0.85 * rng.next()) * span)
      out.push(...faulty(ctx, c, fault, format, at))
    }
    // A cascade across skewed clocks: switch (network tool 90 s slow) → three hosts (servers' tool 90 s fast).
    const c = rng.pick(clients)
    ctx.busy.add(c.id)
    const t0 = sec(ctx.start + (0.15 + 0.6 * rng.next()) * span)
    const back = t0 + 12 * MIN
    const tr = truth(ctx.label('delivery-faults', c.id))
    out.push(...issue(ctx, { client: c, format: c.sources.network, resource: c.coreSwitch, check: 'SwitchUplinkDown', service: 'network', severity: 'critical',
      truth: tr, text: `${c.coreSwitch}: uplinks Te1/1/1-2 down`, labels: { job: 'snmp' }, at: t0, until: back }).map((e) => ({ ...e, clockSkewMs: -SKEW })))
    for (const h of c.hosts.slice(0, 3)) {
      out.push(...issue(ctx, { client: c, format: c.sources.servers, resource: h.name, check: 'HostDown', service: h.service, severity: 'critical', truth: tr,
        text: `${h.name} is unreachable`, labels: { ...h.labels, job: 'node' }, at: t0 + rng.int(20, 60) * SEC, until: back + rng.int(10, 60) * SEC })
        .map((e) => ({ ...e, clockSkewMs: SKEW })))
    }
    return out
  },
}
