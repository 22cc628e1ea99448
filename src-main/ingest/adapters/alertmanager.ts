import type { Adapter } from './types'
import { AmBody, convertAmAlerts, groupWarnings } from './am-shape'
import { Warnings, guard, invalid, label, safeUrl } from './common'

/**
 * Prometheus Alertmanager webhook (`version: "4"`). Each request is a group snapshot re-sent every
 * repeat_interval; every alert becomes one event keyed by the alert's own `fingerprint`, with its own status.
 */
export const alertmanagerAdapter: Adapter = guard('Alertmanager webhook', (body, ctx) => {
  const parsed = AmBody.safeParse(body)
  if (!parsed.success) return invalid('Alertmanager webhook', parsed.error)
  const b = parsed.data
  const warnings = new Warnings()
  if (b.version !== undefined && String(b.version) !== '4') {
    warnings.add(`Alertmanager webhook version "${String(b.version).slice(0, 20)}" is not 4; accepted because the shape fits`)
  }
  groupWarnings(b, warnings)
  const events = convertAmAlerts(b, ctx, {
    source: 'alertmanager',
    defaultClass: 'prometheus',
    extraClients: [],
    group: (labels) => label(labels, 'group'),
    url: (a) => safeUrl(a.generatorURL),
    attributes: (a) => ({ externalURL: safeUrl(b.externalURL), generatorURL: safeUrl(a.generatorURL) }),
  }, warnings)
  return { ok: true, events, warnings: warnings.toArray() }
})
