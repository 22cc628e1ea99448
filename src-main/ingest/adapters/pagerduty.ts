import { z } from 'zod'
import type { Adapter } from './types'
import { clientCandidates, resolveClient } from './client'
import {
  SUMMARY_MAX, Warnings, attributesOf, chooseFingerprint, clip, compact, component, components, firstText, guard,
  invalid, label, refuse, safeUrl, toLabels,
} from './common'
import { mapPagerDutySeverity } from './severity-map'
import type { Severity } from '@shared/model/severity'
import { eventTimeInfo } from './time'

/** PagerDuty Events API v2 (`POST /v2/enqueue` body). */
const lowerEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.string().transform((s) => s.trim().toLowerCase()).pipe(z.enum(values))

const Payload = z.object({
  summary: z.string().min(1).max(1024),
  source: z.string().min(1).max(255),
  severity: lowerEnum(['critical', 'error', 'warning', 'info']),
  timestamp: z.union([z.string(), z.number()]).optional(),
  component: z.string().max(255).optional(),
  group: z.string().max(255).optional(),
  class: z.string().max(255).optional(),
  custom_details: z.unknown().optional(),
})

const PagerDutyBody = z.object({
  // routing_key is an integration secret: checked for type, never copied into the event.
  routing_key: z.string().optional(),
  event_action: lowerEnum(['trigger', 'acknowledge', 'resolve']),
  dedup_key: z.string().min(1).max(255).optional(),
  payload: z.unknown().optional(),
  client: z.string().optional(),
  client_url: z.string().optional(),
  links: z.array(z.object({ href: z.string(), text: z.string().optional() })).max(50).optional(),
  images: z.array(z.unknown()).optional(),
})

export const pagerdutyAdapter: Adapter = guard('PagerDuty event', (body, ctx) => {
  const parsed = PagerDutyBody.safeParse(body)
  if (!parsed.success) return invalid('PagerDuty event', parsed.error)
  const b = parsed.data
  const action = b.event_action
  const warnings = new Warnings()
  const dedupKey = firstText(b.dedup_key)

  // A trigger must describe the alert; acknowledge/resolve only need the key (PagerDuty ignores their payload).
  let payload: Partial<z.infer<typeof Payload>> = {}
  if (action === 'trigger') {
    const p = Payload.safeParse(b.payload)
    if (!p.success) return invalid('PagerDuty event', p.error, 'payload')
    payload = p.data
  } else {
    if (dedupKey === undefined) {
      return refuse(`PagerDuty ${action} without dedup_key cannot be matched to an alert`, 'dedup_key', `required for event_action "${action}"`)
    }
    if (b.payload !== undefined) {
      const p = Payload.partial().safeParse(b.payload)
      if (p.success) payload = p.data
      else warnings.add(`payload of a ${action} event does not fit the trigger payload shape and was ignored`)
    }
  }

  const details = payload.custom_details
  const detailObject = details !== null && typeof details === 'object' && !Array.isArray(details) ? details : undefined
  const labels = toLabels(detailObject, warnings, 'payload.custom_details')
  const client = resolveClient(ctx.clientOverride, ...clientCandidates(labels))

  const source = firstText(payload.source)
  const comp = firstText(payload.component)
  const summary = firstText(payload.summary)
  const cls = clip(firstText(payload.class) ?? 'pagerduty', 200)
  const ems = clip(firstText(b.client) ?? 'pagerduty', 200)
  const rule = clip(summary ?? `PagerDuty ${dedupKey ?? 'event'}`, 200)
  const comps = components(component('Source', source), component('Component', comp))

  // Without dedup_key, PagerDuty would open a new alert per trigger; we derive a stable key from summary + source +
  // component (through the Tap In fingerprint) so that repeats de-duplicate.
  const { fingerprint, fingerprintKind } = chooseFingerprint(ctx, warnings, {
    client, labels, sourceKey: dedupKey, class: cls, ems, rule, components: comps,
  })

  let severity: Severity
  let severityUnknown = false
  if (payload.severity !== undefined) severity = mapPagerDutySeverity(payload.severity).severity
  else if (action === 'resolve') severity = 'ok'
  else {
    // An acknowledge carries no severity: say so, so the engine can keep the alert's current one.
    severity = 'warning'
    severityUnknown = true
  }
  if (action === 'acknowledge') warnings.add('acknowledged at the source; the alert stays firing here (acknowledge it in the console)')

  const firstLink = b.links?.map((l) => safeUrl(l.href)).find((u) => u !== undefined)
  // Build the event before reading the warnings: building it may add some.
  const event = compact({
    source: 'pagerduty' as const,
    client,
    fingerprint,
    fingerprintKind,
    class: cls,
    ems,
    rule,
    group: firstText(payload.group),
    components: comps,
    resource: source,
    service: label(labels, 'service'),
    severity,
    status: action === 'resolve' ? ('resolved' as const) : ('firing' as const),
    summary: clip(summary ?? `PagerDuty ${action} for ${dedupKey ?? 'event'}`, SUMMARY_MAX),
    description: typeof details === 'string' && details.trim() ? clip(details, SUMMARY_MAX) : undefined,
    // Only triggers carry payload.timestamp; acknowledge/resolve are dated by their arrival (our clock, so
    // engine/episode.ts compares them with a trigger's source time within a tolerance, in arrival order).
    ...eventTimeInfo(payload.timestamp, ctx, warnings, 'payload.timestamp', { warnIfMissing: action === 'trigger' }),
    receivedAt: ctx.receivedAt,
    sparse: summary === undefined || undefined,
    labels,
    attributes: attributesOf(
      {
        eventAction: action,
        sourceAcknowledged: action === 'acknowledge' || undefined,
        severityUnknown: severityUnknown || undefined,
        monitoringClient: firstText(b.client),
        clientUrl: safeUrl(b.client_url),
      },
      { customDetails: detailObject, links: b.links?.filter((l) => safeUrl(l.href)).slice(0, 10) },
      warnings,
      'payload.custom_details',
    ),
    url: firstLink ?? safeUrl(b.client_url),
  })
  return { ok: true, events: [event], warnings: warnings.toArray() }
})
