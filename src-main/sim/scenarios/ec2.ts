import type { Severity } from '@shared/model/severity'
import type { SimClient } from '../msp'
import type { SimEvent, Truth } from '../types'
import { MIN, SEC, hex, issue, minutes, sample, sec, truth, type Scenario, type ScenarioCtx } from './kit'

/**
 * Tap In Linux agents on an EC2 auto-scaling group, over the WebSocket. Every agent reports its periodic checks
 * (all OK: these must open nothing); the group scales out (instances launch) and in (instances terminate, their
 * agents say goodbye); now and then one instance's disk really fills up — that one is an incident.
 */
const CHECKS = ['CPU', 'Memory', 'DiskSpace', 'AgentHeartbeat'] as const
const REPORT_EVERY = 5 * MIN

interface Instance {
  id: string
  from: number
  to: number
}

const okTruth = (c: SimClient): Truth => ({ incident: `ec2-agents:${c.id}:ok`, expectIncident: false })

const agentEvent = (
  c: SimClient, inst: Instance, check: string, at: number, severity: Severity, text: string, tr: Truth,
): SimEvent => ({
  at: sec(at), since: sec(at), client: c.id, format: 'ws', resource: inst.id, check, service: 'web-shop', severity,
  // OK checks clear; lifecycle notes are history, never something open on the wall.
  status: severity === 'ok' || check === 'InstanceLifecycle' ? 'resolved' : 'firing', text, alertKey: `${c.id}/${inst.id}/${check}`, truth: tr,
  labels: { region: c.aws!.region, asg: c.aws!.asg, instance_type: 'm6i.large' },
})

const fleet = (ctx: ScenarioCtx, c: SimClient): SimEvent[] => {
  const { rng } = ctx
  const out: SimEvent[] = []
  const span = ctx.end - ctx.start
  const instances: Instance[] = Array.from({ length: rng.int(4, 7) }, () => ({ id: `i-0${hex(rng, 16)}`, from: ctx.start, to: ctx.end }))
  // Scale out once or twice, scale in once: new ids appear, old ones go.
  for (let k = rng.int(1, 2); k > 0; k--) {
    const at = sec(ctx.start + rng.next() * span)
    for (let n = rng.int(2, 3); n > 0; n--) instances.push({ id: `i-0${hex(rng, 16)}`, from: at + rng.int(0, 40) * SEC, to: ctx.end })
  }
  const leaving = sample(rng, instances.filter((i) => i.from === ctx.start), 2)
  const scaleIn = sec(ctx.start + (0.3 + 0.6 * rng.next()) * span)
  for (const i of leaving) i.to = scaleIn + rng.int(0, 60) * SEC
  const life: Truth = { incident: `ec2-agents:${c.id}:lifecycle`, expectIncident: false }

  for (const inst of instances) {
    if (inst.from > ctx.start) {
      out.push(agentEvent(c, inst, 'InstanceLifecycle', inst.from, 'info', `${inst.id} launched by ${c.aws!.asg} (scale-out)`, life))
    }
    const phase = rng.int(0, 299) * SEC
    for (let t = inst.from + phase; t < inst.to; t += REPORT_EVERY) {
      for (const check of CHECKS) {
        const v = check === 'CPU' ? `${rng.int(8, 60)}%` : check === 'Memory' ? `${rng.int(30, 70)}% used` : check === 'DiskSpace' ? `${rng.int(20, 60)}% used` : 'alive'
        out.push(agentEvent(c, inst, check, t, 'ok', `OK - ${check} ${v}`, okTruth(c)))
      }
    }
    if (inst.to < ctx.end) {
      out.push(agentEvent(c, inst, 'InstanceLifecycle', inst.to, 'info', `${inst.id} terminating (scale-in); agent stopping`, life))
    }
  }
  // A real problem on one long-lived instance: /var/log fills up, gets worse, log rotation fixes it.
  const steady = instances.filter((i) => i.from === ctx.start && i.to === ctx.end)
  if (steady.length && rng.chance(0.7)) {
    const inst = rng.pick(steady)
    const at = sec(ctx.start + (0.2 + 0.5 * rng.next()) * span)
    const tr = truth(ctx.label('ec2-agents', c.id))
    const key = `${c.id}/${inst.id}/LogVolumeFilling`
    out.push(...issue(ctx, {
      client: c, format: 'ws', resource: inst.id, check: 'LogVolumeFilling', service: 'web-shop', severity: 'warning', truth: tr, alertKey: key,
      text: `${inst.id}: /var/log 86% used`, labels: { region: c.aws!.region, asg: c.aws!.asg, mount: '/var/log' },
      steps: [{ at: at + minutes(rng, 6, 12), severity: 'major', text: `${inst.id}: /var/log 96% used` }],
      at, until: at + minutes(rng, 18, 30), resolveText: `OK - ${inst.id}: /var/log 31% used after log rotation`,
    }))
  }
  return out
}

export const ec2Agents: Scenario = {
  name: 'ec2-agents',
  description: 'Tap In Linux/EC2 agents over WebSocket: periodic OK checks, instances launching and terminating, a disk filling',
  generate(ctx) {
    const aws = ctx.msp.clients.filter((c) => c.aws)
    return sample(ctx.rng, aws, Math.min(3, aws.length)).flatMap((c) => fleet(ctx, c))
  },
}
