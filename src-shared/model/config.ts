import { z } from 'zod'
import { toIssues, type ValidationIssue } from './problem-issue'
import { checkOpsRefs, OPS_CONFIG_SHAPE } from './ops-config'

/**
 * The console configuration file (YAML or JSON, path via `--config`): clients and correlation settings.
 * Every field has a default, so `{}` (or an empty file) is a valid configuration.
 *
 * Unknown keys: inside the sections defined here they are refused (a typo such as `windowMn` must not silently
 * fall back to a default); at the top level they are ignored with a warning, so a file written for a newer
 * console (with sections this one does not know yet) still loads.
 */

export const TIERS = ['platinum', 'gold', 'silver', 'bronze'] as const
export const Tier = z.enum(TIERS)
export type Tier = z.infer<typeof Tier>

export const CRITICALITIES = ['critical', 'high', 'medium', 'low'] as const
export const Criticality = z.enum(CRITICALITIES)
export type Criticality = z.infer<typeof Criticality>

export const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz })
    return true
  } catch {
    return false
  }
}
const TimeZone = z.string().min(1).refine(isTimeZone, { message: 'unknown IANA time zone (e.g. "Europe/Berlin", "UTC")' })

const HHMM = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, { message: 'expected HH:MM between 00:00 and 24:00' })
const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
/** ISO weekday: 1 = Monday … 7 = Sunday; names (`mon`) are accepted too. */
const Weekday = z.union([
  z.number().int().min(1).max(7),
  z.enum(DAY_NAMES).transform((d) => DAY_NAMES.indexOf(d) + 1),
])

const BusinessHoursObject = z
  .strictObject({
    days: z.array(Weekday).min(1).default([1, 2, 3, 4, 5]),
    start: HHMM.default('08:00'),
    /** `end` before `start` means an overnight window (22:00–06:00); the day named is the day it starts. */
    end: HHMM.default('18:00'),
  })
  .refine((h) => h.start !== h.end, { message: 'start equals end; use 00:00–24:00 for all day', path: ['end'] })
  .refine((h) => h.start !== '24:00', { message: 'start cannot be 24:00', path: ['start'] })
export const BusinessHours = z.union([
  z.literal('24x7').transform(() => ({ days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' })),
  BusinessHoursObject,
])
export type BusinessHours = z.output<typeof BusinessHours>

/** `billing: critical` or `billing: { criticality: critical }`. */
const ServiceConfig = z.union([
  Criticality.transform((criticality) => ({ criticality })),
  z.strictObject({ criticality: Criticality.default('medium') }),
])

// ---- topology matchers ----

export interface MatcherCondition {
  key: string
  /** `*` matches any run of characters. */
  value: string
}

/**
 * Matcher syntax: comma-separated conditions, all of which must hold. `key=value` compares the alert's field
 * (`resource`, `service`, `group`, `rule`, `class`, `ems`) or else its label `key`; a bare `fw-01` means
 * `resource=fw-01`. Values may use `*` as a wildcard (`host=branch-*`).
 */
export const parseMatcher = (s: string): { conditions: MatcherCondition[] } | { error: string } => {
  const parts = s.split(',').map((p) => p.trim())
  if (parts.some((p) => p === '')) return { error: `empty condition in matcher "${s}"` }
  const conditions: MatcherCondition[] = []
  for (const p of parts) {
    const eq = p.indexOf('=')
    if (eq === -1) conditions.push({ key: 'resource', value: p })
    else {
      const key = p.slice(0, eq).trim()
      const value = p.slice(eq + 1).trim()
      if (!key || !value) return { error: `expected key=value in "${p}"` }
      conditions.push({ key, value })
    }
  }
  return { conditions }
}

/** One spelling per node: `fw-01` and `resource=fw-01` are the same topology node. */
export const canonicalMatcher = (s: string): string => {
  const m = parseMatcher(s)
  if ('error' in m) return s
  return m.conditions
    .map((c) => `${c.key}=${c.value}`)
    .sort()
    .join(',')
}

const Matcher = z
  .string()
  .min(1)
  .max(500)
  .superRefine((s, ctx) => {
    const m = parseMatcher(s)
    if ('error' in m) ctx.addIssue({ code: 'custom', message: m.error })
  })

/** `{parent, children: [...]}` or `{parent, child}`: an outage of the parent explains alerts on the children. */
const TopologyEdge = z
  .strictObject({ parent: Matcher, children: z.array(Matcher).min(1).optional(), child: Matcher.optional() })
  .refine((e) => (e.children === undefined) !== (e.child === undefined), { message: 'give either `child` or `children`' })
  .transform((e) => ({ parent: e.parent, children: e.children ?? [e.child as string] }))
export type TopologyEdge = z.output<typeof TopologyEdge>

/** A cycle (a → b → a) would make every alert its own root cause: refuse it with the path. */
export const findTopologyCycle = (edges: TopologyEdge[]): string[] | null => {
  const next = new Map<string, string[]>()
  for (const e of edges) {
    const p = canonicalMatcher(e.parent)
    // `?? []`: zod runs this refinement even when an edge itself failed validation
    next.set(p, [...(next.get(p) ?? []), ...(e.children ?? []).map(canonicalMatcher)])
  }
  const state = new Map<string, 'visiting' | 'done'>()
  const stack: string[] = []
  const visit = (n: string): string[] | null => {
    if (state.get(n) === 'done') return null
    if (state.get(n) === 'visiting') return [...stack.slice(stack.indexOf(n)), n]
    state.set(n, 'visiting')
    stack.push(n)
    for (const c of next.get(n) ?? []) {
      const cycle = visit(c)
      if (cycle) return cycle
    }
    stack.pop()
    state.set(n, 'done')
    return null
  }
  for (const n of next.keys()) {
    const cycle = visit(n)
    if (cycle) return cycle
  }
  return null
}

const Topology = z
  .array(TopologyEdge)
  .default([])
  .superRefine((edges, ctx) => {
    const cycle = findTopologyCycle(edges)
    if (cycle) ctx.addIssue({ code: 'custom', message: `topology has a cycle: ${cycle.join(' → ')}` })
  })

const Contact = z.strictObject({
  name: z.string().min(1),
  email: z.string().optional(),
  phone: z.string().optional(),
  role: z.string().optional(),
})

/** Fields left out fall back to `defaults` (not to fixed values), so one line changes every client. */
const ClientConfig = z.preprocess(
  (v) => v ?? {},
  z.strictObject({
    name: z.string().min(1).optional(),
    tier: Tier.optional(),
    timeZone: TimeZone.optional(),
    businessHours: BusinessHours.optional(),
    services: z.record(z.string().min(1), ServiceConfig).default({}),
    topology: Topology,
    /** Grafana org that belongs to this client (one org per customer is common for MSPs). */
    grafanaOrgId: z.union([z.string().min(1), z.number().int()]).transform(String).optional(),
    contacts: z.array(Contact).default([]),
  }),
)

const Defaults = z.strictObject({
  /**
   * Tier of unknown clients and of clients without `tier`. `silver`, not `bronze`: an unknown client is most
   * often a newly onboarded one whose config has not landed yet, and burying its first outage is worse than
   * ranking a stray one a little high.
   */
  tier: Tier.default('silver'),
  timeZone: TimeZone.default('UTC'),
  businessHours: BusinessHours.prefault({}),
  /** Criticality of services not listed under a client (and of alerts without a service). */
  serviceCriticality: Criticality.default('medium'),
})

const Correlation = z.strictObject({
  /** Alerts whose fire times are at most this far apart (inclusive) may join one incident. */
  windowMin: z.number().positive().max(24 * 60).default(5),
  /**
   * Per scope, a shorter window (minutes) than `windowMin`. A scope many things share is weaker evidence than one
   * thing: two alerts on one resource minutes apart are likely one problem, two alerts somewhere in one service
   * are only when they begin close together (symptoms of one cause start within a minute or two of each other;
   * unrelated alerts land anywhere in the window). Scopes not listed use `windowMin`.
   */
  scopeWindowMin: z.record(z.string().min(1), z.number().positive().max(24 * 60)).default({ service: 2, group: 2, rule: 3 }),
  /** Alert fields (`service`, `resource`, `group`, `rule`, …) or label names; earlier ones win ties. */
  scopeLabels: z.array(z.string().min(1)).default(['service', 'resource', 'group', 'rule']),
  crossClient: z
    .strictObject({
      /**
       * Upstream labels: aliases of one thing a client depends on (its ISP, carrier, cloud region). Their values
       * fold into one key, so `provider=isp-colt` on one client and `upstream=isp-colt` on another are one upstream.
       * A client topology edge whose parent is such a label (`{ parent: 'provider=isp-colt', children: [rtr01] }`)
       * gives the alerts below it that upstream too.
       */
      labels: z.array(z.string().min(1)).default(['provider', 'upstream', 'isp', 'carrier', 'region', 'cloud-region']),
      /** Also consider the same rule firing for ≥ minClients clients (alerts that carry no upstream). */
      sameRule: z.boolean().default(true),
      minClients: z.number().int().min(2).default(3),
      /** The short window a same-rule burst must fit in (all its onsets within it). */
      sameRuleWindowMin: z.number().positive().max(60).default(3),
      /**
       * A same-rule burst is evidence only when this unlikely under the rule's own cross-client rate (Poisson tail
       * probability of at least that many clients in the window); else the problem is only `suspected`.
       */
      sameRuleSignificance: z.number().positive().max(0.5).default(0.000001),
      /** How far back the rule's rate is learned from. */
      baselineHours: z.number().positive().max(24 * 30).default(24),
    })
    .prefault({}),
  /**
   * Alerts of one client sharing an upstream (see `crossClient.labels`) within the window join one incident: a
   * provider outage's WAN, VoIP and SaaS symptoms are one problem for that client.
   */
  upstreamScope: z.boolean().default(true),
  flapping: z
    .strictObject({
      /** Status changes (firing ⇄ resolved) within `windowMin` that make an alert flapping. */
      changes: z.number().int().min(2).default(4),
      windowMin: z.number().positive().default(10),
    })
    .prefault({}),
  /** An incident whose alerts all resolved waits this long before it resolves (a re-fire cancels). */
  resolveHoldSec: z.number().min(0).default(120),
  /** A resolved incident re-opens when one of its alerts re-fires within this many minutes. */
  reopenWindowMin: z.number().min(0).default(30),
})

const PriorityConfig = z.strictObject({
  thresholds: z
    .strictObject({ P1: z.number().default(70), P2: z.number().default(50), P3: z.number().default(30) })
    .prefault({})
    .refine((t) => t.P1 > t.P2 && t.P2 > t.P3, { message: 'thresholds must satisfy P1 > P2 > P3' }),
})

export const ConsoleConfig = z
  .object({
    defaults: Defaults.prefault({}),
    clients: z.record(z.string().min(1), ClientConfig).default({}),
    correlation: Correlation.prefault({}),
    priority: PriorityConfig.prefault({}),
    // notifications, escalation, maintenance, sourceHealth, storm, runbooks, responses, retention (ops-config.ts)
    ...OPS_CONFIG_SHAPE,
  })
  .superRefine(checkOpsRefs)
export type ConsoleConfig = z.output<typeof ConsoleConfig>
export type ConsoleConfigInput = z.input<typeof ConsoleConfig>
export type CorrelationConfig = ConsoleConfig['correlation']

export const DEFAULT_CONFIG: ConsoleConfig = ConsoleConfig.parse({})

export type ConfigParseResult =
  | { ok: true; config: ConsoleConfig; warnings: string[] }
  | { ok: false; error: string; issues: ValidationIssue[] }

/**
 * Validate an already-parsed YAML/JSON document. `null`/`undefined` (an empty file) is the default config.
 * On failure the caller keeps the configuration in force and shows `issues` (`clients.acme.tier: …`).
 */
export const parseConfig = (raw: unknown): ConfigParseResult => {
  const input = raw ?? {}
  const r = ConsoleConfig.safeParse(input)
  if (!r.success) {
    return { ok: false, error: 'invalid configuration', issues: toIssues(r.error.issues) }
  }
  const known = new Set(Object.keys(ConsoleConfig.shape))
  const warnings = Object.keys(input as object)
    .filter((k) => !known.has(k))
    .map((k) => `unknown top-level key \`${k}\` ignored`)
  return { ok: true, config: r.data, warnings }
}

/** Everything the engine needs to know about one client, with defaults filled in. */
export interface ClientProfile {
  id: string
  name: string
  tier: Tier
  timeZone: string
  businessHours: BusinessHours
  services: Record<string, { criticality: Criticality }>
  defaultCriticality: Criticality
  topology: TopologyEdge[]
  grafanaOrgId: string | null
  contacts: z.output<typeof Contact>[]
  /** False for clients that are not in the file (they run on `defaults`). */
  configured: boolean
}

export const clientProfile = (config: ConsoleConfig, clientId: string): ClientProfile => {
  const c = Object.prototype.hasOwnProperty.call(config.clients, clientId) ? config.clients[clientId] : undefined
  const d = config.defaults
  return {
    id: clientId,
    name: c?.name ?? clientId,
    tier: c?.tier ?? d.tier,
    timeZone: c?.timeZone ?? d.timeZone,
    businessHours: c?.businessHours ?? d.businessHours,
    services: c?.services ?? {},
    defaultCriticality: d.serviceCriticality,
    topology: c?.topology ?? [],
    grafanaOrgId: c?.grafanaOrgId ?? null,
    contacts: c?.contacts ?? [],
    configured: c !== undefined,
  }
}

/** Grafana `orgId` → client id, for the ingest adapters' context. */
export const grafanaOrgMap = (config: ConsoleConfig): Record<string, string> =>
  Object.fromEntries(
    Object.entries(config.clients).flatMap(([id, c]) => (c.grafanaOrgId ? [[c.grafanaOrgId, id] as const] : [])),
  )
