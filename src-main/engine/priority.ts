import type { Alert } from '@shared/model/alert'
import { clientProfile, type ClientProfile, type ConsoleConfig, type Criticality, type Tier } from '@shared/model/config'
import type { PriorityBreakdown, PriorityComponent } from '@shared/model/incident'
import { PRIORITIES, severityRank, type Priority, type Severity } from '@shared/model/severity'
import { describeHours, inBusinessHours, localTime } from './business-hours'

/**
 * Business-impact priority, formula v1 (documented in PRIORITY.md — keep the two in step).
 * score = tier + serviceCriticality + severity + businessHours + affectedResources + blastRadius, 0–100.
 */
export const TIER_POINTS: Record<Tier, number> = { platinum: 20, gold: 15, silver: 10, bronze: 5 }
export const CRITICALITY_POINTS: Record<Criticality, number> = { critical: 20, high: 15, medium: 10, low: 5 }
export const SEVERITY_POINTS: Record<Severity, number> = { critical: 30, major: 22, minor: 14, warning: 8, info: 2, ok: 0 }
export const BUSINESS_HOURS_POINTS = 10
/** 1 resource → 0, 2 → 4, 3–5 → 7, 6+ → 10: the second host is what turns "a box" into "an outage". */
export const resourcePoints = (n: number): number => (n <= 1 ? 0 : n === 2 ? 4 : n <= 5 ? 7 : 10)
/** Clients sharing the incident's problem: 1 → 0, then 3 per extra client, at most 10. */
export const blastPoints = (clients: number): number => Math.min(10, 3 * Math.max(0, clients - 1))
/** Best priority a severity may reach: an info or warning never pages as P1. */
export const SEVERITY_CAP: Partial<Record<Severity, Priority>> = { warning: 'P2', info: 'P3', ok: 'P4' }

const CRIT_ORDER: Criticality[] = ['critical', 'high', 'medium', 'low']

export interface PriorityInput {
  profile: ClientProfile
  severity: Severity
  /** Distinct services of the incident's alerts (nulls removed). */
  services: string[]
  /** Distinct resources of the incident's alerts (nulls removed). */
  resources: string[]
  /** Clients linked through the incident's problem; 1 without a problem. */
  blastClients: number
  /** The problem's status: only a `confirmed` problem gives blast-radius points (default confirmed). */
  blastStatus?: 'confirmed' | 'suspected' | 'dismissed'
  now: number
  thresholds: ConsoleConfig['priority']['thresholds']
}

const levelOf = (score: number, t: PriorityInput['thresholds']): Priority =>
  score >= t.P1 ? 'P1' : score >= t.P2 ? 'P2' : score >= t.P3 ? 'P3' : 'P4'

export const computePriority = (input: PriorityInput): PriorityBreakdown => {
  const { profile, severity, thresholds } = input
  const comp = (value: PriorityComponent['value'], points: number, max: number, note: string): PriorityComponent => ({ value, points, max, note })

  const tier = comp(profile.tier, TIER_POINTS[profile.tier], 20, `${profile.name}${profile.configured ? '' : ' (not configured: default tier)'}`)

  const crits = input.services.map((s) => ({ s, c: profile.services[s]?.criticality ?? profile.defaultCriticality, known: !!profile.services[s] }))
  const critValue = worstCriticality(input)
  const critNote = crits.length
    ? crits.map((x) => `${x.s}: ${x.c}${x.known ? '' : ' (default)'}`).join(', ')
    : `no service on the alerts (default ${profile.defaultCriticality})`
  const serviceCriticality = comp(critValue, CRITICALITY_POINTS[critValue], 20, critNote)

  const sev = comp(severity, SEVERITY_POINTS[severity], 30, 'worst firing alert')

  const inHours = inBusinessHours(input.now, profile.timeZone, profile.businessHours)
  const lt = localTime(input.now, profile.timeZone)
  const businessHours = comp(inHours, inHours ? BUSINESS_HOURS_POINTS : 0, BUSINESS_HOURS_POINTS, `${lt.label}; hours ${describeHours(profile.businessHours)}`)

  const n = input.resources.length
  const affectedResources = comp(n, resourcePoints(n), 10, n ? input.resources.slice(0, 10).join(', ') + (n > 10 ? ` +${n - 10}` : '') : 'no resource on the alerts')

  const blastCounts = (input.blastStatus ?? 'confirmed') === 'confirmed'
  const blastNote =
    input.blastClients <= 1 ? 'this client only' : blastCounts ? `${input.blastClients} clients share the problem` : `${input.blastClients} clients in a ${input.blastStatus} problem: no points unless confirmed`
  const blastRadius = comp(input.blastClients, blastCounts ? blastPoints(input.blastClients) : 0, 10, blastNote)

  const components = { tier, serviceCriticality, severity: sev, businessHours, affectedResources, blastRadius }
  const score = Object.values(components).reduce((sum, c) => sum + c.points, 0)
  const { uncapped, priority } = levels(score, severity, thresholds)
  return { formula: 'v1', score, priority, uncapped, thresholds: { ...thresholds }, components }
}

const worstCriticality = ({ profile, services }: PriorityInput): Criticality => {
  let worst: Criticality | undefined
  for (const s of services) {
    const c = profile.services[s]?.criticality ?? profile.defaultCriticality
    if (worst === undefined || CRIT_ORDER.indexOf(c) < CRIT_ORDER.indexOf(worst)) worst = c
  }
  return worst ?? profile.defaultCriticality
}

const levels = (score: number, severity: Severity, thresholds: PriorityInput['thresholds']): { uncapped: Priority; priority: Priority } => {
  const uncapped = levelOf(score, thresholds)
  const cap = SEVERITY_CAP[severity]
  return { uncapped, priority: cap && PRIORITIES.indexOf(cap) > PRIORITIES.indexOf(uncapped) ? cap : uncapped }
}

/**
 * `breakdownChanged(computePriority(input), b)` without writing the notes: the periodic refresh asks this of every
 * open incident, and only the clock (business hours) or a configuration change can make it true there.
 */
export const priorityChanged = (input: PriorityInput, b: PriorityBreakdown): boolean => {
  const { profile, severity } = input
  const c = b.components
  const crit = worstCriticality(input)
  const inHours = inBusinessHours(input.now, profile.timeZone, profile.businessHours)
  const n = input.resources.length
  const points = [
    TIER_POINTS[profile.tier],
    CRITICALITY_POINTS[crit],
    SEVERITY_POINTS[severity],
    inHours ? BUSINESS_HOURS_POINTS : 0,
    resourcePoints(n),
    (input.blastStatus ?? 'confirmed') === 'confirmed' ? blastPoints(input.blastClients) : 0,
  ]
  const score = points[0] + points[1] + points[2] + points[3] + points[4] + points[5]
  return (
    score !== b.score ||
    levels(score, severity, input.thresholds).priority !== b.priority ||
    c.tier.value !== profile.tier ||
    c.tier.points !== points[0] ||
    c.serviceCriticality.value !== crit ||
    c.serviceCriticality.points !== points[1] ||
    c.severity.value !== severity ||
    c.severity.points !== points[2] ||
    c.businessHours.value !== inHours ||
    c.businessHours.points !== points[3] ||
    c.affectedResources.value !== n ||
    c.affectedResources.points !== points[4] ||
    c.blastRadius.value !== input.blastClients ||
    c.blastRadius.points !== points[5]
  )
}

const distinct = (xs: (string | null)[]): string[] => [...new Set(xs.filter((x): x is string => !!x))].sort()

/** Priority of an incident from its member alerts. */
export const incidentPriority = (args: {
  profile: ClientProfile
  severity: Severity
  alerts: Alert[]
  blastClients: number
  now: number
  config: ConsoleConfig
}): PriorityBreakdown =>
  computePriority({
    profile: args.profile,
    severity: args.severity,
    services: distinct(args.alerts.map((a) => a.service)),
    resources: distinct(args.alerts.map((a) => a.resource)),
    blastClients: Math.max(1, args.blastClients),
    now: args.now,
    thresholds: args.config.priority.thresholds,
  })

/** True when the new breakdown differs in anything but its notes (local time text changes every minute). */
export const breakdownChanged = (a: PriorityBreakdown, b: PriorityBreakdown): boolean =>
  a.score !== b.score ||
  a.priority !== b.priority ||
  Object.entries(a.components).some(([k, c]) => {
    const o = b.components[k as keyof PriorityBreakdown['components']]
    return c.value !== o.value || c.points !== o.points
  })

export const worseSeverity = (a: Severity, b: Severity): boolean => severityRank(a) < severityRank(b)

const profiles = new WeakMap<ConsoleConfig, Map<string, ClientProfile>>()
/** `clientProfile`, once per configuration object and client (the configuration is replaced, never edited). */
export const profileOf = (config: ConsoleConfig, client: string): ClientProfile => {
  let byClient = profiles.get(config)
  if (!byClient) profiles.set(config, (byClient = new Map()))
  let p = byClient.get(client)
  if (!p) byClient.set(client, (p = clientProfile(config, client)))
  return p
}
