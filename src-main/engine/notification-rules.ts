import type { ConsoleConfig } from '@shared/model/config'
import type { IncidentMatch, NotificationRule } from '@shared/model/ops-config'
import type { Priority, Severity } from '@shared/model/severity'
import { globMatch } from './topology'

/** The incident fields rules, policies, runbooks and responses match on. */
export interface IncidentFacts {
  id: string
  client: string
  status: string
  priority: Priority
  severity: Severity
  service: string | null
  rule: string
}

const anyGlob = (patterns: string[] | undefined, value: string | null): boolean =>
  patterns === undefined || (value !== null && patterns.some((p) => globMatch(p, value)))

/** Every list given must contain the incident's value (globs for clients, services and rules). */
export const matchesIncident = (m: IncidentMatch, i: IncidentFacts): boolean =>
  anyGlob(m.clients, i.client) &&
  (m.priorities === undefined || m.priorities.includes(i.priority)) &&
  (m.severities === undefined || m.severities.includes(i.severity)) &&
  anyGlob(m.services, i.service) &&
  anyGlob(m.rules, i.rule)

/** Notification rules that apply to the incident, in file order. */
export const rulesFor = (config: ConsoleConfig, i: IncidentFacts): NotificationRule[] => config.notifications.rules.filter((r) => matchesIncident(r.match, i))

export interface ResolvedChannel {
  channel: string
  /** The target (role) the channel was reached through, or the channel name itself. */
  via: string
}

/**
 * Names in a step's `notify` (targets or channels) → channels, each once, in order. Unknown names are skipped
 * (config validation refuses them; a reload cannot remove a channel that a pending step names without a check).
 */
export const resolveChannels = (config: ConsoleConfig, names: string[]): ResolvedChannel[] => {
  const out: ResolvedChannel[] = []
  const seen = new Set<string>()
  const add = (channel: string, via: string) => {
    if (!config.notifications.channels[channel] || seen.has(channel)) return
    seen.add(channel)
    out.push({ channel, via })
  }
  for (const n of names) {
    const target = config.notifications.targets[n]
    if (target) target.forEach((c) => add(c, n))
    else add(n, n)
  }
  return out
}

/** A match as data for the API (`{ priorities: ['P1'] }`), leaving out what matches anything. */
export const matchView = (m: IncidentMatch): Record<string, string[]> =>
  Object.fromEntries(Object.entries(m).filter(([, v]) => Array.isArray(v)) as [string, string[]][])

/** "P1/P2 of acme" — for timeline texts. */
export const describeMatch = (m: IncidentMatch): string => {
  const parts = Object.entries(matchView(m)).map(([k, v]) => `${k} ${v.join('/')}`)
  return parts.length ? parts.join(', ') : 'any incident'
}
