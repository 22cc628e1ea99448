import { z } from 'zod'
import type { Adapter } from './types'
import { AmAlert, AmBody, convertAmAlerts, groupWarnings } from './am-shape'
import { grafanaOrgClient } from './client'
import { MAX_BATCH, Warnings, firstText, guard, invalid, label, safeUrl } from './common'

/** Grafana unified alerting webhook: the Alertmanager body plus org, title/state/message and per-alert links. */
const GrafanaAlert = AmAlert.extend({
  values: z.record(z.string(), z.unknown()).nullable().optional(),
  valueString: z.string().optional(),
  dashboardURL: z.string().optional(),
  panelURL: z.string().optional(),
  silenceURL: z.string().optional(),
  imageURL: z.string().optional(),
})

const GrafanaBody = AmBody.extend({
  orgId: z.union([z.number().int(), z.string().max(100)]).optional(),
  title: z.string().optional(),
  state: z.string().optional(),
  message: z.string().optional(),
  alerts: z.array(GrafanaAlert).max(MAX_BATCH),
})

export const grafanaAdapter: Adapter = guard('Grafana webhook', (body, ctx) => {
  const parsed = GrafanaBody.safeParse(body)
  if (!parsed.success) return invalid('Grafana webhook', parsed.error)
  const b = parsed.data
  const warnings = new Warnings()
  groupWarnings(b, warnings)
  const events = convertAmAlerts(b, ctx, {
    source: 'grafana',
    defaultClass: 'grafana',
    // One Grafana org per customer is the common MSP layout: the configured org → client map comes after labels.
    extraClients: [grafanaOrgClient(ctx.grafanaOrgs, b.orgId)],
    group: (labels) => label(labels, 'group') ?? label(labels, 'grafana_folder'),
    url: (a) => safeUrl(a.dashboardURL) ?? safeUrl(a.panelURL) ?? safeUrl(a.generatorURL),
    attributes: (a) => ({
      orgId: b.orgId,
      grafanaState: firstText(b.state),
      generatorURL: safeUrl(a.generatorURL),
      panelURL: safeUrl(a.panelURL),
      silenceURL: safeUrl(a.silenceURL),
      imageURL: safeUrl(a.imageURL),
    }),
    freeAttributes: (a) => ({ values: a.values ?? undefined, valueString: firstText(a.valueString) }),
  }, warnings)
  return { ok: true, events, warnings: warnings.toArray() }
})
