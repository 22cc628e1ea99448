import { z } from 'zod'
import type { Labels } from '@shared/model/event'
import type { Adapter } from './types'
import { clientCandidates, own, resolveClient } from './client'
import {
  SUMMARY_MAX, Warnings, attributesOf, chooseFingerprint, clip, compact, component, components, firstText, guard,
  invalid, safeUrl, toLabels,
} from './common'
import { mapAlertaSeverity } from './severity-map'
import { eventTimeInfo } from './time'

/** Alerta `POST /alert` body. Only `resource` and `event` are mandatory (Alerta's own rule). */
const name = z.string().min(1).max(500)
const AlertaBody = z.object({
  resource: name,
  event: name,
  environment: z.string().max(200).optional(),
  severity: z.string().max(100).optional(),
  correlate: z.array(z.string().max(500)).max(100).optional(),
  status: z.string().max(100).optional(),
  service: z.array(z.string().max(500)).max(100).optional(),
  group: z.string().max(500).optional(),
  value: z.union([z.string(), z.number(), z.boolean()]).optional(),
  text: z.string().optional(),
  tags: z.array(z.string().max(1000)).max(200).optional(),
  attributes: z.record(z.string(), z.unknown()).optional(),
  origin: z.string().max(500).optional(),
  type: z.string().max(200).optional(),
  createTime: z.union([z.string(), z.number()]).optional(),
  timeout: z.number().optional(),
  customer: z.string().max(500).optional(),
})
type AlertaBody = z.infer<typeof AlertaBody>

/**
 * The event part of Alerta's de-duplication key. Alerta treats events listed together in `correlate` as states of
 * one alert (HttpServerError ↔ HttpServerOK), so when the event is part of its correlate set we key on the set's
 * first name (sorted): both states then share one fingerprint and the OK clears the error.
 */
export const alertaKeyEvent = (event: string, correlate: string[] | undefined): string => {
  if (!correlate || !correlate.includes(event)) return event
  return [...new Set(correlate)].sort()[0] ?? event
}

/** Tags "key=value" become labels; plain tags are kept together under `tags`. */
const tagLabels = (tags: string[] | undefined): Labels => {
  const out: Labels = {}
  const plain: string[] = []
  for (const t of tags ?? []) {
    const eq = t.indexOf('=')
    const k = eq > 0 ? t.slice(0, eq).trim() : ''
    if (k && k !== '__proto__') out[k] = t.slice(eq + 1).trim()
    else if (t.trim()) plain.push(t.trim())
  }
  if (plain.length > 0) out.tags = plain.join(',')
  return out
}

const statusOf = (b: AlertaBody, clears: boolean): 'firing' | 'resolved' => {
  const s = b.status?.trim().toLowerCase()
  return clears || s === 'closed' || s === 'expired' ? 'resolved' : 'firing'
}

export const alertaAdapter: Adapter = guard('Alerta alert', (body, ctx) => {
  const parsed = AlertaBody.safeParse(body)
  if (!parsed.success) return invalid('Alerta alert', parsed.error)
  const b = parsed.data
  const warnings = new Warnings()

  // Alerta's default severity is "normal", which clears: follow it, but say so (a forgotten field is likelier).
  const sev = mapAlertaSeverity(b.severity ?? 'normal')
  if (b.severity === undefined) warnings.add('no severity given: Alerta\'s default "normal" clears the alert')
  else if (!sev.known) warnings.add(`severity "${clip(b.severity, 40)}" is not an Alerta severity, mapped to warning`)
  const status = statusOf(b, sev.severity === 'ok')

  const labels = toLabels(
    { ...toLabels(b.attributes), ...tagLabels(b.tags), environment: firstText(b.environment), group: firstText(b.group) },
    warnings,
    'attributes',
  )
  const client = resolveClient(ctx.clientOverride, b.customer, ...clientCandidates(b.attributes))

  const environment = b.environment?.trim() ?? ''
  const resource = b.resource.trim() || b.resource
  const keyEvent = alertaKeyEvent(b.event, b.correlate)
  // Alerta's key is environment + resource + event (+ customer); we keep the customer as sent, before normalizing.
  const sourceKey = [environment, resource, keyEvent, b.customer?.trim() ?? ''].join('|')

  const cls = clip(firstText(b.type) ?? 'alerta', 200)
  const ems = clip(firstText(b.origin) ?? 'alerta', 200)
  const rule = clip(b.event, 200)
  const comps = components(component('Resource', resource))
  const { fingerprint, fingerprintKind } = chooseFingerprint(ctx, warnings, {
    client, labels, sourceKey, class: cls, ems, rule, components: comps,
  })

  const ack = b.status?.trim().toLowerCase() === 'ack'
  if (ack && status === 'firing') warnings.add('acknowledged at the source; the alert stays firing here (acknowledge it in the console)')
  const value = b.value === undefined ? undefined : firstText(String(b.value))
  const moreInfo = own(b.attributes, 'moreInfo')
  // Build the event before reading the warnings: building it may add some.
  const event = compact({
    source: 'alerta' as const,
    client,
    fingerprint,
    fingerprintKind,
    class: cls,
    ems,
    rule,
    group: firstText(b.group),
    components: comps,
    resource: clip(resource, 500),
    service: firstText(b.service?.[0]),
    severity: sev.severity,
    status,
    summary: clip(firstText(b.text) ?? `${b.event} on ${resource}${value ? `: ${value}` : ''}`, SUMMARY_MAX),
    description: value ? clip(`Value: ${value}`, SUMMARY_MAX) : undefined,
    // Alerta itself dates an alert without createTime at arrival, so a missing one is not worth a warning.
    ...eventTimeInfo(b.createTime, ctx, warnings, 'createTime', { warnIfMissing: false }),
    receivedAt: ctx.receivedAt,
    labels,
    attributes: attributesOf(
      {
        environment: firstText(b.environment),
        alertaStatus: firstText(b.status),
        sourceAcknowledged: ack || undefined,
        correlate: b.correlate?.slice(0, 20),
        services: b.service?.slice(0, 20),
        value,
        timeoutSec: b.timeout,
      },
      b.attributes,
      warnings,
      'attributes',
    ),
    url: safeUrl(moreInfo),
  })
  return { ok: true, events: [event], warnings: warnings.toArray() }
})
