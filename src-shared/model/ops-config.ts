import { z } from 'zod'
import { Priority, Severity } from './severity'

/**
 * Configuration of what happens after an incident exists: notification channels and rules, escalation policies,
 * maintenance windows, source health, storm detection, runbooks, response actions and retention.
 * Every field has a default, so `{}` stays a valid configuration (see config.ts, which spreads `OPS_CONFIG_SHAPE`).
 * This module must not import config.ts (config.ts imports it; a cycle would break module initialisation).
 */

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }
const DURATION_RE = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|min|m|h|d|w)\s*$/

/** `90s`, `15m`, `2h`, `365d` → milliseconds; undefined when unreadable. */
export const parseDuration = (s: string): number | undefined => {
  const m = DURATION_RE.exec(s)
  return m ? Math.round(Number(m[1]) * UNIT_MS[m[2]]) : undefined
}

/** A duration: `2s`, `15m`, `1h`, `30d`, or a bare number of minutes. Parsed to milliseconds. */
export const Duration = z.union([
  z.number().min(0).transform((min) => Math.round(min * 60_000)),
  z
    .string()
    .regex(DURATION_RE, { message: 'expected a duration such as 2s, 15m, 2h or 30d (a bare number is minutes)' })
    .transform((s) => parseDuration(s) as number),
])

const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz })
    return true
  } catch {
    return false
  }
}
export const TimeZoneName = z.string().min(1).refine(isTimeZone, { message: 'unknown IANA time zone (e.g. "Europe/Berlin", "UTC")' })
export const HHMM = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, { message: 'expected HH:MM between 00:00 and 24:00' })
const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export const WeekdaySpec = z.union([z.number().int().min(1).max(7), z.enum(DAY_NAMES).transform((d) => DAY_NAMES.indexOf(d) + 1)])

/** A weekly recurring window in local time; `end` before `start` runs overnight into the next day. */
export const WeeklySpec = z
  .strictObject({ days: z.array(WeekdaySpec).min(1), start: HHMM, end: HHMM })
  .refine((w) => w.start !== w.end, { message: 'start equals end; use 00:00–24:00 for all day', path: ['end'] })
  .refine((w) => w.start !== '24:00', { message: 'start cannot be 24:00', path: ['start'] })
export type WeeklySpec = z.output<typeof WeeklySpec>

/** An instant: ISO 8601 with offset, or epoch milliseconds. */
export const Instant = z.union([z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)), z.number().int().nonnegative()])

const Name = z.string().trim().min(1).max(100)
const Glob = z.string().min(1).max(200)

/** Which incidents a rule, policy, runbook or response applies to. Every list left out matches anything. */
export const IncidentMatch = z
  .strictObject({
    clients: z.array(Glob).min(1).optional(),
    priorities: z.array(Priority).min(1).optional(),
    severities: z.array(Severity).min(1).optional(),
    services: z.array(Glob).min(1).optional(),
    rules: z.array(Glob).min(1).optional(),
  })
  .prefault({})
export type IncidentMatch = z.output<typeof IncidentMatch>

const HttpUrl = z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' })

const Retry = z.strictObject({
  /** Attempts in all, the first included. */
  maxAttempts: z.number().int().min(1).max(50).default(8),
  /** Wait before the 2nd attempt; doubles for each further one (5 s, 10 s, 20 s …) up to `maxDelay`. */
  initialDelay: Duration.prefault('5s'),
  maxDelay: Duration.prefault('10m'),
})
export type RetryConfig = z.output<typeof Retry>

const httpCommon = {
  timeout: Duration.prefault('10s'),
  retry: Retry.optional(),
  /** Also tell this channel when an incident it was told about is acknowledged / resolved. */
  sendAcknowledged: z.boolean().default(true),
  sendResolved: z.boolean().default(true),
}

export const ChannelConfig = z.discriminatedUnion('type', [
  /** Electron `Notification` in the desktop app; Web Notifications (and a sound) in every connected console. */
  z.strictObject({ type: z.literal('desktop') }),
  /** Slack-compatible incoming webhook (Slack, Mattermost, Rocket.Chat): `{ text, attachments }`. */
  z.strictObject({ type: z.literal('slack'), url: HttpUrl, ...httpCommon }),
  /** PagerDuty Events API v2: trigger / acknowledge / resolve with the incident id as `dedup_key`. */
  z
    .strictObject({
      type: z.literal('pagerduty'),
      url: HttpUrl.default('https://events.pagerduty.com/v2/enqueue'),
      routingKey: z.string().min(1).optional(),
      /** Read the routing key from this environment variable (keeps it out of the file). */
      routingKeyEnv: z.string().min(1).optional(),
      ...httpCommon,
    })
    .refine((c) => (c.routingKey === undefined) !== (c.routingKeyEnv === undefined), { message: 'give either `routingKey` or `routingKeyEnv`' }),
  /** Generic JSON POST, signed: `X-NOC-Signature: sha256=<hex HMAC-SHA256(secret, "<X-NOC-Timestamp>.<body>")>`. */
  z.strictObject({
    type: z.literal('webhook'),
    url: HttpUrl,
    secret: z.string().min(1).optional(),
    secretEnv: z.string().min(1).optional(),
    headers: z.record(z.string().min(1), z.string()).default({}),
    ...httpCommon,
  }),
])
export type ChannelConfig = z.output<typeof ChannelConfig>

const NotificationRule = z.strictObject({
  name: Name,
  match: IncidentMatch,
  channels: z.array(Name).min(1),
  /** Send only if the incident is still unacknowledged this long after it opened (0 = at once). */
  delay: Duration.prefault(0),
})
export type NotificationRule = z.output<typeof NotificationRule>

const DEFAULT_TARGETS = { team_lead: ['desktop'], manager: ['desktop'], director: ['desktop'] }

const Notifications = z.strictObject({
  /** Named channels; `desktop` always exists. */
  channels: z
    .record(Name, ChannelConfig)
    .default({})
    .transform((c): Record<string, ChannelConfig> => ({ desktop: { type: 'desktop' }, ...c })),
  /** Escalation targets (roles) → channel names. Roles left out keep their defaults (all → desktop). */
  targets: z
    .record(Name, z.array(Name).min(1))
    .default({})
    .transform((t): Record<string, string[]> => ({ ...DEFAULT_TARGETS, ...t })),
  /** Which new incidents notify which channels. Default: new P1/P2 → desktop. */
  rules: z.array(NotificationRule).default(() => [{ name: 'new-p1-p2', match: { priorities: ['P1', 'P2'] as Priority[] }, channels: ['desktop'], delay: 0 }]),
  retry: Retry.prefault({}),
})

const EscalationStep = z.strictObject({
  /** Wait after the previous step fired (the first step: after the incident opened) with nobody acknowledging. */
  after: Duration,
  /** Targets (see `notifications.targets`) or channel names. */
  notify: z.array(Name).min(1),
  /** Outside the client's business hours this step waits until they begin. */
  businessHoursOnly: z.boolean().default(false),
})

const EscalationPolicy = z.strictObject({
  name: Name,
  match: IncidentMatch,
  steps: z.array(EscalationStep).min(1).max(20),
  /** Run the whole chain this many more times after its last step (same targets, level unchanged). */
  repeat: z.number().int().min(0).max(10).default(0),
})
export type EscalationPolicy = z.output<typeof EscalationPolicy>

const DEFAULT_POLICIES: z.input<typeof EscalationPolicy>[] = [
  {
    name: 'default',
    match: { priorities: ['P1', 'P2'] },
    steps: [
      { after: '15m', notify: ['team_lead'] },
      { after: '15m', notify: ['manager'] },
      { after: '15m', notify: ['director'] },
    ],
  },
]

const Escalation = z.strictObject({
  /** First match wins; an incident keeps the policy it started with. */
  policies: z.array(EscalationPolicy).default(() => DEFAULT_POLICIES.map((p) => EscalationPolicy.parse(p))),
})

/** A maintenance window as written in the file or posted to the API (one-off `start`/`end`, or `weekly`). */
export const MaintenanceSpec = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    /** Scope; left out = every client / service / resource. `*` wildcards allowed in service and resource. */
    client: z.string().min(1).max(200).optional(),
    service: Glob.optional(),
    resource: Glob.optional(),
    start: Instant.optional(),
    end: Instant.optional(),
    weekly: WeeklySpec.optional(),
    /** Zone of a weekly window; default: the client's time zone. */
    timeZone: TimeZoneName.optional(),
  })
  .superRefine((m, ctx) => {
    const once = m.start !== undefined || m.end !== undefined
    if (once === (m.weekly !== undefined)) ctx.addIssue({ code: 'custom', message: 'give either `start` and `end` (one-off) or `weekly`' })
    else if (once && (m.start === undefined || m.end === undefined)) ctx.addIssue({ code: 'custom', message: 'a one-off window needs both `start` and `end`' })
    else if (once && (m.end as number) <= (m.start as number)) ctx.addIssue({ code: 'custom', message: '`end` must be after `start`', path: ['end'] })
  })
export type MaintenanceSpec = z.output<typeof MaintenanceSpec>

const SourceHealthConfig = z.strictObject({
  /** Heartbeat sources that do not state their own timeout go stale after this long without one. */
  heartbeatTimeout: Duration.prefault('5m'),
  /** Severity of the "stale feed" alert. */
  staleSeverity: Severity.exclude(['ok']).default('major'),
  /** Per source id (`alertmanager/acme` for a webhook feed, or a heartbeat name): timeout and client. */
  sources: z.record(z.string().min(1).max(200), z.strictObject({ timeout: Duration, client: z.string().min(1).optional() })).default({}),
})

const StormConfig = z.strictObject({
  /** EWMA smoothing of the per-client events/minute baseline. */
  alpha: z.number().gt(0).max(1).default(0.1),
  /** A minute with more than `factor` × baseline events (and at least `minEventsPerMin`) is a storm. */
  factor: z.number().gt(1).default(4),
  minEventsPerMin: z.number().int().min(1).default(30),
  /** Minutes of history before a baseline is trusted. */
  warmupMin: z.number().int().min(0).default(10),
})

const Runbook = z.strictObject({
  match: IncidentMatch,
  /** `{client}`, `{rule}`, `{service}`, `{resource}` are replaced (URL-encoded). */
  url: z.url(),
  title: z.string().max(200).optional(),
})

const ResponseAction = z.strictObject({
  name: Name,
  match: IncidentMatch,
  url: HttpUrl,
  headers: z.record(z.string().min(1), z.string()).default({}),
  /** Signs the request like a webhook channel when set. */
  secret: z.string().min(1).optional(),
  secretEnv: z.string().min(1).optional(),
  /** Priorities whose incidents run this action without an operator's approval. */
  autoApprove: z.array(Priority).default([]),
  /** Extra attempts on 5xx/network errors (0: an action runs at most once). */
  retries: z.number().int().min(0).max(10).default(0),
  timeout: Duration.prefault('10s'),
})
export type ResponseActionConfig = z.output<typeof ResponseAction>

const Retention = z.strictObject({
  /** How long events, alerts and closed incidents are kept, by severity. */
  critical: Duration.prefault('365d'),
  major: Duration.prefault('365d'),
  minor: Duration.prefault('182d'),
  warning: Duration.prefault('182d'),
  info: Duration.prefault('91d'),
  ok: Duration.prefault('91d'),
  /** Expired silences, ended maintenance windows and storms, sources not seen, deliveries without an incident. */
  housekeeping: Duration.prefault('90d'),
  /** Rows deleted per commit, so housekeeping never holds the writer for long. */
  batchRows: z.number().int().min(10).max(10_000).default(500),
  interval: Duration.prefault('1h'),
})
export type RetentionConfig = z.output<typeof Retention>

/** The top-level keys this module adds to ConsoleConfig. */
export const OPS_CONFIG_SHAPE = {
  notifications: Notifications.prefault({}),
  escalation: Escalation.prefault({}),
  maintenance: z.array(MaintenanceSpec).default([]),
  sourceHealth: SourceHealthConfig.prefault({}),
  storm: StormConfig.prefault({}),
  runbooks: z.array(Runbook).default([]),
  responses: z.array(ResponseAction).default([]),
  retention: Retention.prefault({}),
}

type OpsShape = { [K in keyof typeof OPS_CONFIG_SHAPE]: z.output<(typeof OPS_CONFIG_SHAPE)[K]> }

/** Names used across sections must exist: a typo in a channel name must not silently page nobody. */
export const checkOpsRefs = (c: OpsShape, ctx: z.RefinementCtx): void => {
  const channels = c.notifications.channels
  const targets = c.notifications.targets
  const unique = (names: string[], path: (string | number)[], what: string) => {
    const seen = new Set<string>()
    names.forEach((n, i) => {
      if (seen.has(n)) ctx.addIssue({ code: 'custom', path: [...path, i, 'name'], message: `duplicate ${what} name \`${n}\`` })
      seen.add(n)
    })
  }
  for (const [t, list] of Object.entries(targets))
    list.forEach((ch, i) => {
      if (!channels[ch]) ctx.addIssue({ code: 'custom', path: ['notifications', 'targets', t, i], message: `unknown channel \`${ch}\`` })
    })
  c.notifications.rules.forEach((r, i) =>
    r.channels.forEach((ch, j) => {
      if (!channels[ch]) ctx.addIssue({ code: 'custom', path: ['notifications', 'rules', i, 'channels', j], message: `unknown channel \`${ch}\`` })
    }),
  )
  c.escalation.policies.forEach((p, i) =>
    p.steps.forEach((s, j) =>
      s.notify.forEach((n, k) => {
        if (!targets[n] && !channels[n])
          ctx.addIssue({ code: 'custom', path: ['escalation', 'policies', i, 'steps', j, 'notify', k], message: `\`${n}\` is neither a target nor a channel` })
      }),
    ),
  )
  unique(c.notifications.rules.map((r) => r.name), ['notifications', 'rules'], 'rule')
  unique(c.escalation.policies.map((p) => p.name), ['escalation', 'policies'], 'policy')
  unique(c.responses.map((r) => r.name), ['responses'], 'response')
}
