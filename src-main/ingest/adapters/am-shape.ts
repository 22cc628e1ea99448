import { z } from 'zod'
import type { NocEvent, Source } from '@shared/model/event'
import type { AdapterContext } from './types'
import { clientCandidates, resolveClient } from './client'
import {
  MAX_BATCH, SUMMARY_MAX, Warnings, attributesOf, chooseFingerprint, clip, compact, component, components,
  firstText, hostOf, label, safeUrl, toLabels,
} from './common'
import { mapLabelSeverity } from './severity-map'
import { eventTimeInfo, isZeroTime, parseTimestamp, precisionOf } from './time'

/**
 * The Alertmanager webhook shape (v4), shared with Grafana unified alerting which sends the same body plus a few
 * fields. Unknown fields are ignored; the ones we read are checked.
 */
const StringMap = z.record(z.string(), z.string())

export const AmAlert = z.object({
  status: z.enum(['firing', 'resolved']),
  labels: StringMap,
  annotations: StringMap.optional(),
  startsAt: z.string().optional(),
  endsAt: z.string().optional(),
  generatorURL: z.string().optional(),
  fingerprint: z.string().max(200).optional(),
})

export const AmBody = z.object({
  version: z.union([z.string(), z.number()]).optional(),
  groupKey: z.string().optional(),
  truncatedAlerts: z.number().int().nonnegative().optional(),
  status: z.string().optional(),
  receiver: z.string().optional(),
  groupLabels: StringMap.optional(),
  commonLabels: StringMap.optional(),
  commonAnnotations: StringMap.optional(),
  externalURL: z.string().optional(),
  alerts: z.array(AmAlert).max(MAX_BATCH),
})
export type AmBody = z.infer<typeof AmBody>
export type AmAlert = z.infer<typeof AmAlert>

/** Labels that name the affected thing, in identity order (used for components and the Tap In fallback). */
const COMPONENT_LABELS = ['namespace', 'pod', 'container', 'node', 'instance', 'host', 'hostname', 'device', 'mountpoint']
const RESOURCE_LABELS = ['instance', 'host', 'hostname', 'resource', 'pod', 'node']

/** What differs between Alertmanager and Grafana. */
export interface AmFlavor<A extends AmAlert> {
  source: Extract<Source, 'alertmanager' | 'grafana'>
  defaultClass: string
  /** Client candidates after the payload's labels (Grafana: orgId mapping). */
  extraClients: unknown[]
  group: (labels: Record<string, string>) => string | undefined
  url: (alert: A) => string | undefined
  /** Our own small facts about the alert (URLs, ids). */
  attributes: (alert: A) => Record<string, unknown>
  /** The sender's free-form data, kept under size bounds. */
  freeAttributes?: (alert: A) => Record<string, unknown>
}

export const convertAmAlerts = <A extends AmAlert>(
  body: Omit<AmBody, 'alerts'> & { alerts: A[] },
  ctx: AdapterContext,
  flavor: AmFlavor<A>,
  warnings: Warnings,
): NocEvent[] => {
  const ems = hostOf(body.externalURL) ?? firstText(body.receiver) ?? flavor.source
  const common = body.commonLabels ?? {}
  return body.alerts.map((a, i): NocEvent => {
    const at = `alerts[${i}]`
    const labels = toLabels(a.labels, warnings, `${at}.labels`)
    const annotations = toLabels({ ...body.commonAnnotations, ...a.annotations }, warnings, `${at}.annotations`)
    const client = resolveClient(ctx.clientOverride, ...clientCandidates(labels), ...clientCandidates(common), ...flavor.extraClients)

    const rule = clip(label(labels, 'alertname') ?? label(body.groupLabels, 'alertname') ?? 'unnamed alert', 200)
    const cls = clip(label(labels, 'job') ?? flavor.defaultClass, 200)
    const comps = components(...COMPONENT_LABELS.map((n) => component(n, label(labels, n))))
    const resource = firstText(...RESOURCE_LABELS.map((n) => label(labels, n)))

    const sev = mapLabelSeverity(label(labels, 'severity'))
    const rawSev = label(labels, 'severity')
    if (rawSev !== undefined && !sev.known) warnings.add(`${at}.labels.severity "${clip(rawSev, 40)}" is not a known severity, mapped to warning`)

    // Firing: when it started. Resolved: when it ended (Go's zero time means "not set"). The episode is the
    // alert's `startsAt`, which resolved notifications carry too (engine/episode.ts).
    const timeField = a.status === 'firing' ? 'startsAt' : 'endsAt'
    const rawTime = a[timeField]
    const timing = eventTimeInfo(isZeroTime(rawTime) ? undefined : rawTime, ctx, warnings, `${at}.${timeField}`)
    const rawStart = isZeroTime(a.startsAt) ? undefined : a.startsAt
    const start = rawStart === undefined ? undefined : parseTimestamp(rawStart)
    const precision = start === undefined ? timing.timePrecisionMs : Math.max(timing.timePrecisionMs, precisionOf(rawStart))

    const { fingerprint, fingerprintKind } = chooseFingerprint(ctx, warnings, {
      client, labels, sourceKey: firstText(a.fingerprint), class: cls, ems, rule, components: comps,
    })

    return compact({
      source: flavor.source,
      client,
      fingerprint,
      fingerprintKind,
      class: cls,
      ems,
      rule,
      group: flavor.group(labels),
      components: comps,
      resource,
      service: label(labels, 'service'),
      severity: sev.severity,
      status: a.status,
      summary: clip(
        firstText(annotations.summary, annotations.title, annotations.message) ?? (resource ? `${rule} on ${resource}` : rule),
        SUMMARY_MAX,
      ),
      description: firstText(annotations.description),
      time: timing.time,
      timeBasis: timing.timeBasis,
      timePrecisionMs: precision,
      episode: start === undefined ? undefined : { start },
      receivedAt: ctx.receivedAt,
      labels,
      annotations,
      attributes: attributesOf(
        { receiver: body.receiver, groupKey: body.groupKey, ...flavor.attributes(a) },
        flavor.freeAttributes?.(a),
        warnings,
        at,
      ),
      url: flavor.url(a),
      runbookUrl: safeUrl(annotations.runbook_url) ?? safeUrl(annotations.runbook),
    })
  })
}

/** Shared warnings about the group as a whole. */
export const groupWarnings = (body: AmBody, warnings: Warnings): void => {
  if (body.truncatedAlerts !== undefined && body.truncatedAlerts > 0) {
    warnings.add(
      `${body.truncatedAlerts} alert(s) of this group were truncated by the sender (max_alerts); only ${body.alerts.length} were received`,
    )
  }
}
