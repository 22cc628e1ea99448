import type { Severity } from '@shared/model/severity'
import type { SimClient } from '../msp'
import { MIN, issue, minutes, truth, type Scenario, type ScenarioCtx } from './kit'
import type { SimEvent } from '../types'

/**
 * Steady background noise: independent everyday problems (a disk filling, a probe failing, a fan) across every
 * client, arriving as a Poisson process at `rate` per simulated minute. Each is its own truth incident.
 */
type Target = 'host' | 'app' | 'net'
interface Check {
  name: string
  target: Target
  severity: Severity
  text: (r: string, svc: string) => string
  job: string
}

const CHECKS: Check[] = [
  { name: 'HostHighCpuLoad', target: 'host', severity: 'warning', job: 'node', text: (r) => `${r}: CPU load 96% for 10 min` },
  { name: 'HostOutOfMemory', target: 'host', severity: 'major', job: 'node', text: (r) => `${r}: memory 4% free` },
  { name: 'HostDiskWillFillIn24h', target: 'host', severity: 'warning', job: 'node', text: (r) => `${r}: /var will fill in 18 h` },
  { name: 'HostDiskFull', target: 'host', severity: 'major', job: 'node', text: (r) => `${r}: /data is 97% full` },
  { name: 'SystemdUnitFailed', target: 'host', severity: 'critical', job: 'node', text: (r, s) => `${r}: ${s}.service failed` },
  { name: 'NtpClockSkew', target: 'host', severity: 'minor', job: 'node', text: (r) => `${r}: clock offset 1.8 s` },
  { name: 'HostRebootRequired', target: 'host', severity: 'info', job: 'node', text: (r) => `${r}: kernel update pending reboot` },
  { name: 'HttpProbeFailed', target: 'app', severity: 'critical', job: 'blackbox', text: (_r, s) => `https://${s}: probe failed (HTTP 503)` },
  { name: 'HighErrorRate', target: 'app', severity: 'major', job: 'app', text: (_r, s) => `${s}: 5xx ratio 7.4% over 5 min` },
  { name: 'SlowResponses', target: 'app', severity: 'minor', job: 'app', text: (_r, s) => `${s}: p95 latency 2.4 s` },
  { name: 'CertificateExpiring', target: 'app', severity: 'info', job: 'blackbox', text: (_r, s) => `${s}: TLS certificate expires in 12 days` },
  { name: 'BackupJobFailed', target: 'app', severity: 'major', job: 'veeam', text: (r) => `backup of ${r} failed: repository offline` },
  { name: 'InterfaceErrors', target: 'net', severity: 'minor', job: 'snmp', text: (r) => `${r}: Gi1/0/24 CRC errors rising` },
  { name: 'HighBandwidth', target: 'net', severity: 'warning', job: 'snmp', text: (r) => `${r}: WAN utilisation 94%` },
  { name: 'FanFailure', target: 'net', severity: 'major', job: 'snmp', text: (r) => `${r}: fan tray 2 failed` },
  { name: 'PowerSupplyRedundancyLost', target: 'net', severity: 'major', job: 'snmp', text: (r) => `${r}: PSU 1 lost input power` },
  { name: 'DatastoreLowSpace', target: 'net', severity: 'warning', job: 'vsphere', text: (r) => `${r}: datastore 91% used` },
]

const targetOf = (ctx: ScenarioCtx, c: SimClient, check: Check) => {
  const { rng } = ctx
  if (check.target === 'net') {
    const r = check.name === 'DatastoreLowSpace' ? rng.pick(c.hypervisors) : rng.pick([c.router, c.firewall.name, c.coreSwitch])
    return { resource: r, service: 'network', labels: {}, format: c.sources.network }
  }
  const host = rng.pick(c.hosts)
  if (check.target === 'app') return { resource: `${host.service}.${c.short}.example`, service: host.service, labels: {}, format: c.sources.apps }
  return { resource: host.name, service: host.service, labels: host.labels, format: c.sources.servers }
}

export const noiseIssue = (ctx: ScenarioCtx, at: number, scenario = 'noise'): SimEvent[] => {
  const { rng } = ctx
  // A few tries to find an identity no other issue of this plan holds (one alert = one truth incident).
  for (let attempt = 0; attempt < 5; attempt++) {
    const c = rng.pick(ctx.msp.clients)
    const check = rng.pick(CHECKS)
    const t = targetOf(ctx, c, check)
    if (!ctx.claim(`${c.id}/${t.resource}/${check.name}`)) continue
    const p = rng.next()
    const until = p < 0.65 ? at + minutes(rng, 2, 15) : p < 0.9 ? at + minutes(rng, 15, 45) : null
    return issue(ctx, {
      client: c, format: t.format, resource: t.resource, check: check.name, service: t.service, severity: check.severity,
      text: check.text(t.resource, t.service), labels: { ...t.labels, job: check.job }, truth: truth(ctx.label(scenario, c.id)),
      at, until,
    })
  }
  return []
}

export const noise: Scenario = {
  name: 'noise',
  description: 'steady background noise: independent everyday problems across all clients (Poisson, --rate per minute)',
  generate(ctx) {
    const out: SimEvent[] = []
    if (ctx.rate <= 0) return out
    const meanGap = MIN / ctx.rate
    for (let t = ctx.start - Math.log(1 - ctx.rng.next()) * meanGap; t < ctx.end; t += -Math.log(1 - ctx.rng.next()) * meanGap) {
      out.push(...noiseIssue(ctx, t))
    }
    return out
  },
}
