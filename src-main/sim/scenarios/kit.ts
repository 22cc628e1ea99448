import type { Severity } from '@shared/model/severity'
import type { Msp, SimClient } from '../msp'
import type { Rng } from '../rng'
import type { SimEvent, SimFormat, Truth } from '../types'

/** What a scenario may use. Everything random comes from `rng`, everything temporal from `start`/`end`. */
export interface ScenarioCtx {
  rng: Rng
  msp: Msp
  /** Simulated clock: epoch ms of the plan's first and last instant. */
  start: number
  end: number
  /** Background noise: new problems per simulated minute. */
  rate: number
  /** Endpoints a switch failure takes down in the storm scenario. */
  stormSize: number
  /** Where in the run (0..1) a one-off scenario starts; `all` spreads them out. */
  at: number
  /** Zabbix problem ids are global and increasing, like a real Zabbix server's. */
  zabbixId(): number
  /** `<scenario>:<client>:<n>`, n counting per scenario and client. */
  label(scenario: string, client: string): string
  /** Reserve an alert identity for one truth incident; false when another issue in this plan already holds it. */
  claim(key: string): boolean
  /** Clients a one-off scenario already took (the next one prefers another client). */
  busy: Set<string>
}

/** A client for a one-off scenario, preferring one no other scenario of this plan uses. */
export const pickClient = (ctx: ScenarioCtx, candidates: SimClient[]): SimClient => {
  const free = candidates.filter((c) => !ctx.busy.has(c.id))
  const c = ctx.rng.pick(free.length ? free : candidates)
  ctx.busy.add(c.id)
  return c
}

export interface Scenario {
  name: string
  description: string
  generate(ctx: ScenarioCtx): SimEvent[]
}

export const SEC = 1000
export const MIN = 60 * SEC

/** Simulated sources report whole seconds (Zabbix has no finer resolution). */
export const sec = (t: number) => Math.round(t / SEC) * SEC

/** Uniform duration in [lo, hi] minutes, in ms on whole seconds. */
export const minutes = (rng: Rng, lo: number, hi: number) => sec((lo + rng.next() * (hi - lo)) * MIN)

/** Pick `k` distinct items, order by draw. */
export const sample = <T>(rng: Rng, xs: readonly T[], k: number): T[] => {
  const pool = [...xs]
  const out: T[] = []
  while (out.length < k && pool.length) out.push(pool.splice(Math.floor(rng.next() * pool.length), 1)[0])
  return out
}

/**
 * How often a tool re-reports a problem that is still there. Agents and Alerta checks re-send on every check;
 * Alertmanager/Grafana re-send after `repeat_interval` (hours); Zabbix and PagerDuty senders do not repeat.
 */
export const REPEAT_SEC: Record<SimFormat, number> = {
  alertmanager: 0, grafana: 0, zabbix: 0, pagerduty: 0, alerta: 120, native: 60, ws: 60,
}

export interface IssueSpec {
  client: SimClient
  format: SimFormat
  resource: string
  check: string
  service?: string
  severity: Severity
  text: string
  labels?: Record<string, string>
  truth: Truth
  /** Fire time (sim ms). */
  at: number
  /** Resolve time; undefined/null = still firing at the end of the run. */
  until?: number | null
  /** Later severity/text changes while firing (a disk filling further). */
  steps?: Array<{ at: number; severity: Severity; text: string }>
  resolveText?: string
  repeatSec?: number
  /** Identity override (default client/resource/check). */
  alertKey?: string
}

/** Firing, repeats, severity steps and the resolve of one alert, clipped to the run. */
export const issue = (ctx: ScenarioCtx, s: IssueSpec): SimEvent[] => {
  const alertKey = s.alertKey ?? `${s.client.id}/${s.resource}/${s.check}`
  const at = sec(s.at)
  if (at > ctx.end) return []
  ctx.claim(alertKey) // so background noise never reuses this identity
  const zid = s.format === 'zabbix' ? ctx.zabbixId() : undefined
  const base = {
    client: s.client.id, format: s.format, resource: s.resource, check: s.check, service: s.service,
    labels: s.labels, alertKey, zabbixEventId: zid, truth: s.truth, since: at,
  }
  const until = s.until == null ? undefined : sec(s.until)
  const stop = Math.min(until ?? Infinity, ctx.end)
  const out: SimEvent[] = [{ ...base, at, severity: s.severity, status: 'firing', text: s.text }]
  let severity = s.severity
  let text = s.text
  const steps = [...(s.steps ?? [])].map((p) => ({ ...p, at: sec(p.at) })).filter((p) => p.at > at && p.at < stop)
  const repeat = (s.repeatSec ?? REPEAT_SEC[s.format]) * SEC
  const changes: Array<{ at: number; step?: (typeof steps)[number] }> = steps.map((p) => ({ at: p.at, step: p }))
  if (repeat > 0) for (let t = at + repeat; t < stop; t += repeat) changes.push({ at: t })
  changes.sort((a, b) => a.at - b.at || (a.step ? -1 : 1))
  let last = at
  for (const c of changes) {
    if (c.step) ((severity = c.step.severity), (text = c.step.text))
    else if (c.at - last < repeat / 2) continue // a step just re-reported it
    out.push({ ...base, at: c.at, severity, status: 'firing', text })
    last = c.at
  }
  if (until !== undefined && until <= ctx.end) {
    out.push({ ...base, at: until, severity, status: 'resolved', text: s.resolveText ?? `RESOLVED: ${text}` })
  }
  return out
}

/** A check that goes bad and good again and again (one Zabbix problem id per bad spell, as Zabbix does). */
export const flaps = (
  ctx: ScenarioCtx,
  s: Omit<IssueSpec, 'until' | 'steps'>,
  spells: Array<{ down: number; up: number }>,
): SimEvent[] => spells.flatMap((p) => issue(ctx, { ...s, at: p.down, until: p.up }))

/** Alternate bad/good spells from `from` until `to`. */
export const flapSpells = (rng: Rng, from: number, to: number, badMin: [number, number], goodMin: [number, number]) => {
  const spells: Array<{ down: number; up: number }> = []
  let t = from
  while (t < to) {
    const down = t
    const up = down + minutes(rng, badMin[0], badMin[1])
    spells.push({ down, up })
    t = up + minutes(rng, goodMin[0], goodMin[1])
  }
  return spells
}

export const truth = (incident: string, extra: Partial<Truth> = {}): Truth => ({ incident, expectIncident: true, ...extra })

/** Random hex of `n` digits (instance ids, circuit ids). */
export const hex = (rng: Rng, n: number) => Array.from({ length: n }, () => '0123456789abcdef'[rng.int(0, 15)]).join('')
