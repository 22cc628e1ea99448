import type { SimEvent } from '../types'
import { MIN, SEC, flapSpells, flaps, issue, minutes, pickClient, sample, sec, truth, type Scenario, type ScenarioCtx } from './kit'

/** Where a one-off scenario begins: `ctx.at` of the way into the run. */
export const startOf = (ctx: ScenarioCtx) => sec(ctx.start + ctx.at * (ctx.end - ctx.start))

/**
 * A NetApp disk fails: the aggregate degrades and reconstructs, volume latency climbs (Harvest → Prometheus), VMs on
 * the datastores backed by those volumes slow down and the applications on them follow. One truth incident, four
 * tools' worth of alerts.
 */
export const netapp: Scenario = {
  name: 'netapp',
  description: 'NetApp disk failure cascading to volume latency, VM disk latency and application alerts',
  generate(ctx) {
    const { rng } = ctx
    const c = pickClient(ctx, ctx.msp.clients.filter((x) => x.netapp))
    const nas = c.netapp!
    const t0 = startOf(ctx)
    const label = ctx.label('netapp', c.id)
    const tr = truth(label)
    const net = c.sources.network
    const disk = `${rng.int(1, 2)}.0.${rng.int(0, 23)}`
    const replaced = t0 + minutes(rng, 45, 70)
    const out: SimEvent[] = [
      ...issue(ctx, {
        client: c, format: net, resource: nas.name, check: 'NetAppDiskFailed', service: 'file-shares', severity: 'major', truth: tr,
        text: `${nas.name}: disk ${disk} failed; aggregate aggr1 reconstructing`, labels: { job: 'netapp', disk }, at: t0, until: replaced,
      }),
      ...issue(ctx, {
        client: c, format: net, resource: nas.name, check: 'NetAppAggregateDegraded', service: 'file-shares', severity: 'major', truth: tr,
        text: `${nas.name}: aggr1 degraded, RAID-DP reconstruction 3%`, labels: { job: 'netapp', aggregate: 'aggr1' },
        at: t0 + 30 * SEC, until: replaced - minutes(rng, 1, 5),
      }),
    ]
    const vols = sample(rng, nas.volumes, rng.int(2, nas.volumes.length))
    const latencyOver = t0 + minutes(rng, 22, 35)
    for (const v of vols) {
      const at = t0 + minutes(rng, 1.5, 4)
      out.push(...issue(ctx, {
        client: c, format: 'alertmanager', resource: `${nas.name}:${v}`, check: 'VolumeLatencyHigh', service: 'file-shares',
        severity: 'minor', truth: tr, text: `${nas.name}:${v} average latency 38 ms`,
        labels: { job: 'harvest', volume: `${nas.name}:${v}`, svm: `${c.short}-svm1` },
        steps: [{ at: at + minutes(rng, 2, 5), severity: 'major', text: `${nas.name}:${v} average latency 112 ms` }],
        at, until: latencyOver + minutes(rng, 0, 3),
      }))
    }
    const affected = c.hosts.filter((h) => vols.some((v) => h.labels.datastore === `${c.short}-ds-${v}`))
    for (const h of affected) {
      const at = t0 + minutes(rng, 3, 7)
      out.push(...issue(ctx, {
        client: c, format: c.sources.servers, resource: h.name, check: 'VmDiskLatencyHigh', service: h.service, severity: 'warning',
        truth: tr, text: `${h.name}: disk write latency 240 ms (datastore ${h.labels.datastore})`, labels: { ...h.labels, job: 'vsphere' },
        at, until: latencyOver + minutes(rng, 1, 5),
      }))
    }
    // The applications on those VMs notice too (one synthetic check per service).
    for (const svc of [...new Set(affected.map((h) => h.service))]) {
      out.push(...issue(ctx, {
        client: c, format: c.sources.apps, resource: `${svc}.${c.short}.example`, check: 'SlowResponses', service: svc, severity: 'major',
        truth: tr, text: `${svc}: p95 latency 8.2 s (timeouts on storage)`, labels: { job: 'app' },
        at: t0 + minutes(rng, 5, 9), until: latencyOver + minutes(rng, 2, 6),
      }))
    }
    return out
  },
}

/**
 * A firmware upgrade on a client's VPN appliance: the box reboots, the new firmware's dead-peer detection bug makes
 * the branch tunnels flap, remote users cannot log in; a rollback ends it. One truth incident.
 */
export const vpnFirmware: Scenario = {
  name: 'vpn-firmware',
  description: 'firmware change on a VPN appliance cascading into tunnel flaps and remote-user outages',
  generate(ctx) {
    const { rng } = ctx
    const c = pickClient(ctx, ctx.msp.clients.filter((x) => x.branches.length >= 2))
    const fw = c.firewall
    const t0 = startOf(ctx)
    const tr = truth(ctx.label('vpn-firmware', c.id))
    const change = `CHG-${rng.int(10000, 99999)}`
    const rollback = t0 + minutes(rng, 30, 40)
    const net = c.sources.network
    const out: SimEvent[] = [
      ...issue(ctx, {
        client: c, format: 'native', resource: fw.name, check: 'FirmwareUpgrade', service: 'network', severity: 'info', truth: tr,
        text: `${fw.name} (${fw.vendor}): firmware upgrade 7.2.5 → 7.2.8 started (${change})`, labels: { change },
        at: t0, until: rollback + 2 * MIN, resolveText: `${fw.name}: firmware rolled back to 7.2.5 (${change})`,
      }),
      ...issue(ctx, {
        client: c, format: net, resource: fw.name, check: 'DeviceUnreachable', service: 'network', severity: 'critical', truth: tr,
        text: `${fw.name}: no ICMP/SNMP response`, labels: { job: 'snmp' }, at: t0 + 70 * SEC, until: t0 + minutes(rng, 5, 7),
      }),
    ]
    const settled = t0 + 6 * MIN
    for (const b of c.branches) {
      const tunnel = `${c.short}-tun-${b}`
      const spells = flapSpells(rng, settled + minutes(rng, 0, 2), rollback, [1, 3], [1, 4])
      out.push(...flaps(ctx, {
        client: c, format: net, resource: tunnel, check: 'IpsecTunnelDown', service: 'vpn', severity: 'major', truth: tr,
        text: `${fw.name}: IPsec tunnel to ${b} down (DPD timeout)`, labels: { tunnel, site: b, job: 'snmp' }, at: 0,
      }, spells))
      out.push(...issue(ctx, {
        client: c, format: net, resource: `${c.short}-${b}-sw01`, check: 'BranchSiteUnreachable', service: 'network', severity: 'major',
        truth: tr, text: `${b}: site unreachable from HQ`, labels: { site: b, job: 'icmp' }, at: spells[0].down + 40 * SEC, until: rollback + minutes(rng, 1, 3),
      }))
    }
    out.push(...issue(ctx, {
      client: c, format: c.sources.apps, resource: `vpn.${c.short}.example`, check: 'RemoteUsersCannotConnect', service: 'vpn',
      severity: 'critical', truth: tr, text: `SSL-VPN logins failing: 0/25 synthetic logins succeeded`, labels: { job: 'synthetic' },
      at: t0 + minutes(rng, 7, 9), until: rollback + minutes(rng, 1, 3),
    }))
    out.push(...issue(ctx, {
      client: c, format: c.sources.servers, resource: `${c.short}-rdgw01`, check: 'RdpGatewaySessionsDropped', service: 'vpn',
      severity: 'minor', truth: tr, text: `${c.short}-rdgw01: 41 remote sessions dropped in 5 min`, labels: { job: 'windows' },
      at: t0 + minutes(rng, 8, 11), until: rollback + minutes(rng, 2, 4),
    }))
    return out
  },
}
