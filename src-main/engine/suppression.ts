import type { Alert } from '@shared/model/alert'
import type { MaintenanceSchedule, SilenceMatcher } from '@shared/model/ops'
import { inBusinessHours } from './business-hours'
import { fieldValue, globMatch, relation, type CompiledTopology } from './topology'

/**
 * Suppression (pure): maintenance windows and silences hold alerts back from incidents and notifications;
 * inhibition mutes notifications for alerts below a firing critical topology parent.
 */

export interface WindowView {
  id: string
  name: string
  client: string | null
  service: string | null
  resource: string | null
  schedule: MaintenanceSchedule
}

export interface SilenceView {
  id: string
  matchers: SilenceMatcher[]
  startsAt: number
  endsAt: number
  comment: string
  createdBy: string
}

export interface Suppressor {
  kind: 'maintenance' | 'silence'
  ref: string
  reason: string
}

/** Time zone of a client (the client's own, else the defaults'). */
export type ZoneOf = (client: string | null) => string

/** Whether a window is in force at `now`; a weekly window reads the clock in its zone (default: the client's). */
export const windowActiveAt = (s: MaintenanceSchedule, now: number, zone: string): boolean =>
  s.kind === 'once' ? now >= s.start && now < s.end : inBusinessHours(now, s.timeZone ?? zone, { days: s.days, start: s.start, end: s.end })

export const windowActive = (w: WindowView, now: number, zoneOf: ZoneOf): boolean => windowActiveAt(w.schedule, now, zoneOf(w.client))

const scoped = (pattern: string | null, value: string | null): boolean => pattern === null || (value !== null && globMatch(pattern, value))

/** The window is in force for this alert's client (in that client's zone) and its scope covers the alert. */
export const windowCovers = (w: WindowView, a: Alert, now: number, zoneOf: ZoneOf): boolean =>
  (w.client === null || w.client === a.client) &&
  scoped(w.service, a.service) &&
  scoped(w.resource, a.resource) &&
  windowActiveAt(w.schedule, now, zoneOf(a.client))

/** A silence matcher names a label or one of these alert fields. */
export const alertValue = (a: Alert, name: string): string => {
  switch (name) {
    case 'client':
      return a.client
    case 'severity':
      return a.severity
    case 'fingerprint':
      return a.fingerprint
    case 'summary':
      return a.summary
    default:
      return fieldValue(a, name) ?? ''
  }
}

const regexCache = new Map<string, RegExp | null>()
/** Anchored like Alertmanager's `=~`; an invalid pattern is refused at creation, and never matches here. */
export const matcherRegex = (pattern: string): RegExp | null => {
  if (!regexCache.has(pattern)) {
    let re: RegExp | null = null
    try {
      re = new RegExp(`^(?:${pattern})$`)
    } catch {
      re = null
    }
    if (regexCache.size > 1000) regexCache.clear()
    regexCache.set(pattern, re)
  }
  return regexCache.get(pattern) ?? null
}

export const matcherMatches = (m: SilenceMatcher, a: Alert): boolean => {
  const v = alertValue(a, m.name)
  switch (m.op) {
    case '=':
      return v === m.value
    case '!=':
      return v !== m.value
    case '=~':
      return matcherRegex(m.value)?.test(v) ?? false
    case '!~':
      return !(matcherRegex(m.value)?.test(v) ?? true)
  }
}

export const silenceActive = (s: SilenceView, now: number): boolean => now >= s.startsAt && now < s.endsAt
export const silenceMatches = (s: SilenceView, a: Alert): boolean => s.matchers.every((m) => matcherMatches(m, a))

const describeMatchers = (ms: SilenceMatcher[]): string => ms.map((m) => `${m.name}${m.op}${m.value}`).join(', ')

/** What holds this alert back at `now` (a maintenance window wins over a silence), or null. */
export const suppressorOf = (a: Alert, now: number, ctx: { windows: WindowView[]; silences: SilenceView[]; zoneOf: ZoneOf }): Suppressor | null => {
  for (const w of ctx.windows)
    if (windowCovers(w, a, now, ctx.zoneOf)) return { kind: 'maintenance', ref: w.id, reason: `maintenance window “${w.name}” (${w.id})` }
  for (const s of ctx.silences)
    if (silenceActive(s, now) && silenceMatches(s, a))
      return { kind: 'silence', ref: s.id, reason: `silence ${s.id} by ${s.createdBy} (${describeMatchers(s.matchers)})${s.comment ? `: ${s.comment}` : ''}` }
  return null
}

/** A firing critical alert upstream of `a` in its client's topology: its notifications say it all. */
export const inhibitorOf = (a: Alert, criticals: Alert[], topo: CompiledTopology): Alert | undefined =>
  topo.nodes.length === 0 ? undefined : criticals.find((p) => p.id !== a.id && p.client === a.client && relation(topo, p, a)?.direction === 'upstream')
