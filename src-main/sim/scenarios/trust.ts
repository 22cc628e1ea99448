import { PROVIDERS, type SimClient } from '../msp'
import type { SimEvent } from '../types'
import { startOf } from './cascades'
import { MIN, SEC, flapSpells, issue, minutes, sample, truth, type Scenario, type ScenarioCtx } from './kit'

/**
 * Scenarios that test whether correlation can be trusted (issue 12): coincidences that must not become shared
 * problems, a true outage whose evidence is spelled three ways, a true same-rule outage with no shared label.
 * Delivery faults (late, out of order, skewed clocks, same-second resolves) live in delivery-faults.ts.
 */

const freeClients = (ctx: ScenarioCtx, clients: SimClient[]) => {
  const free = clients.filter((c) => !ctx.busy.has(c.id))
  return free.length ? free : clients
}

/**
 * Scheduled jobs fail independently at the same hour: the nightly backup window opens and a few clients' jobs
 * fail within minutes of each other, later the certificate-renewal cron runs everywhere and one or two fail. The
 * same rule fires for several clients close together, at exactly the rate it always does — no shared cause. Each
 * failure is its own incident; there is no problem.
 */
export const commonRules: Scenario = {
  name: 'common-rules',
  description: 'coincidences: scheduled jobs (backups, certificate renewals) failing independently for several clients within minutes',
  generate(ctx) {
    const { rng } = ctx
    const out: SimEvent[] = []
    const t0 = startOf(ctx)
    const jobs = [
      { check: 'BackupJobFailed', at: t0, p: 0.13, spreadMin: 6, severity: 'major' as const, text: (h: string) => `Veeam job "${h} nightly" failed: VSS snapshot timed out` },
      { check: 'CertificateRenewalFailed', at: t0 + 20 * MIN, p: 0.09, spreadMin: 4, severity: 'warning' as const, text: (h: string) => `certbot renew on ${h} failed: ACME challenge timeout` },
    ]
    for (const job of jobs) {
      for (const c of ctx.msp.clients) {
        if (!rng.chance(job.p)) continue
        const host = rng.pick(c.hosts)
        const at = job.at + rng.int(0, job.spreadMin * 60) * SEC
        out.push(...issue(ctx, {
          client: c, format: c.sources.servers, resource: host.name, check: job.check, service: host.service, severity: job.severity,
          text: job.text(host.name), labels: { ...host.labels, job: 'scheduled' }, truth: truth(ctx.label('common-rules', c.id)),
          at, until: rng.chance(0.6) ? at + minutes(rng, 10, 40) : null,
        }))
      }
    }
    return out
  },
}

/**
 * A second ISP outage, its evidence spelled differently per client and per tool: the network monitoring of some
 * clients labels the WAN alerts `provider=`, others `isp=` or `carrier=` (one in capitals), and some not at all
 * (the MSP's topology says which ISP each client's router hangs off: `provider=<isp> → <router>`); the SIP trunk
 * (VoIP) alerts carry `carrier=`, the SaaS checks `upstream=`. On about half the clients the WAN link flaps while
 * the provider recovers. One incident per client, one problem.
 */
export const providerAliases: Scenario = {
  name: 'provider-aliases',
  description: 'ISP outage with aliased labels (provider/isp/carrier/upstream, or only topology), VoIP and SaaS symptoms, WAN flapping',
  generate(ctx) {
    const { rng } = ctx
    // The provider whose clients are least busy with other scenarios (a second outage, not the first one again).
    const load = (p: string) => ctx.msp.clients.filter((c) => c.provider === p && ctx.busy.has(c.id)).length
    const provider = [...PROVIDERS].sort((a, b) => load(a) - load(b) || PROVIDERS.indexOf(a) - PROVIDERS.indexOf(b))[rng.int(0, 1)]
    const served = freeClients(ctx, ctx.msp.clients.filter((c) => c.provider === provider))
    const hit = sample(rng, served, Math.max(Math.min(4, served.length), rng.int(Math.min(4, served.length), served.length)))
    const t0 = startOf(ctx)
    const problem = `provider-aliases:${provider}`
    const back = t0 + minutes(rng, 15, 30)
    const out: SimEvent[] = []
    const spellings = ['provider', 'isp', 'carrier', 'none', 'ISP'] as const
    hit.forEach((c, i) => {
      ctx.busy.add(c.id)
      const tr = truth(ctx.label('provider-aliases', c.id), { problem })
      const spelling = spellings[(i + rng.int(0, spellings.length - 1)) % spellings.length]
      const wanLabels: Record<string, string> =
        spelling === 'none' ? { job: 'snmp' } : spelling === 'ISP' ? { isp: provider.toUpperCase(), job: 'snmp' } : { [spelling]: provider, job: 'snmp' }
      const at = t0 + minutes(rng, 0, 2.5)
      const until = back + minutes(rng, -1, 2)
      const net = c.sources.network
      const wan = { client: c, format: net, resource: c.router, check: 'WanLinkDown', service: 'network', severity: 'critical' as const, truth: tr,
        text: `${c.router}: WAN uplink via ${provider} down`, labels: wanLabels }
      if (rng.chance(0.5)) {
        // Flapping while the provider recovers: down, up for a minute, down again…
        const spells = flapSpells(rng, at, until, [1.5, 4], [0.5, 1.5])
        for (const sp of spells) out.push(...issue(ctx, { ...wan, at: sp.down, until: sp.up }))
      } else out.push(...issue(ctx, { ...wan, at, until }))
      out.push(...issue(ctx, { client: c, format: net, resource: c.router, check: 'BgpSessionDown', service: 'network', severity: 'major', truth: tr,
        text: `${c.router}: BGP session to ${provider} down`, labels: wanLabels, at: at + rng.int(10, 50) * SEC, until: until + 20 * SEC }))
      if (c.services.voip || rng.chance(0.5)) {
        out.push(...issue(ctx, { client: c, format: c.sources.apps, resource: `${c.short}-sbc01`, check: 'SipTrunkDown', service: 'voip', severity: 'major',
          truth: tr, text: `SIP trunk to ${provider} unregistered: calls failing`, labels: { carrier: provider, job: 'sbc' },
          at: at + rng.int(30, 120) * SEC, until: until + rng.int(20, 90) * SEC }))
      }
      out.push(...issue(ctx, { client: c, format: c.sources.apps, resource: `m365.${c.short}.example`, check: 'SaasReachabilityDegraded', service: 'email',
        severity: 'warning', truth: tr, text: `Microsoft 365 unreachable from ${c.name} HQ`, labels: { upstream: provider, job: 'synthetic' },
        at: at + rng.int(60, 170) * SEC, until: until + rng.int(30, 120) * SEC }))
    })
    return out
  },
}

/**
 * A bad endpoint-security update: the vendor pushes a signature update at one instant and the agent crashes on
 * Windows servers of many clients within two minutes, until the vendor pulls it. Nothing upstream is shared — no
 * label says "vendor" — only the same, normally rare, rule at the same moment. One incident per client, one problem.
 */
export const vendorUpdate: Scenario = {
  name: 'vendor-update',
  description: 'same rule across many clients at once with no shared label (a bad security-agent update)',
  generate(ctx) {
    const { rng } = ctx
    const t0 = startOf(ctx)
    const hit = sample(rng, freeClients(ctx, ctx.msp.clients), rng.int(6, 10))
    const problem = 'vendor-update:edr-signatures'
    const pulled = t0 + minutes(rng, 12, 25)
    const out: SimEvent[] = []
    for (const c of hit) {
      ctx.busy.add(c.id)
      const tr = truth(ctx.label('vendor-update', c.id), { problem })
      for (const host of sample(rng, c.hosts, rng.int(1, 3))) {
        const at = t0 + rng.int(5, 120) * SEC
        out.push(...issue(ctx, { client: c, format: c.sources.servers, resource: host.name, check: 'EdrAgentCrashed', service: host.service,
          severity: 'critical', truth: tr, text: `${host.name}: endpoint protection service stopped unexpectedly (sensor 7.11.1840)`,
          labels: { ...host.labels, job: 'windows' }, at, until: pulled + rng.int(0, 180) * SEC }))
      }
    }
    return out
  },
}
