import type { Severity } from '@shared/model/severity'
import type { Msp } from './msp'
import type { SimEvent, SimFormat } from './types'

/**
 * SimEvents → the exact bodies each real tool would post. Pure and deterministic (no clock, no randomness): the same
 * events always render to the same bytes. Field choices follow docs/ingest.md and the tools' own documentation.
 */

export interface Rendered {
  path: string
  pathClient?: string
  body: unknown
}

const iso = (t: number) => new Date(t).toISOString()
/** A time as the sending tool writes it: on its own (possibly skewed) clock. */
const own = (e: SimEvent, t: number) => t + (e.clockSkewMs ?? 0)
/** Whole seconds, as clients that post to Alertmanager often write `endsAt`. */
const isoSec = (t: number) => new Date(Math.floor(t / 1000) * 1000).toISOString().replace('.000Z', 'Z')
const GO_ZERO_TIME = '0001-01-01T00:00:00Z'

/** FNV-1a 64-bit, hex: Alertmanager-style fingerprints derived from the identity labels. */
export const fnv64 = (s: string): string => {
  let h = 0xcbf29ce484222325n
  for (let i = 0; i < s.length; i++) {
    h ^= BigInt(s.charCodeAt(i))
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn
  }
  return h.toString(16).padStart(16, '0')
}

const amLabels = (e: SimEvent, withClient: boolean): Record<string, string> => ({
  alertname: e.check,
  ...(withClient ? { client: e.client } : {}),
  instance: e.resource,
  ...(e.service ? { service: e.service } : {}),
  job: 'node',
  ...e.labels,
  severity: e.severity,
})

/**
 * Identity = every label but `severity`: the simulated rules template their severity (a disk at 86% then 96%) and
 * the alert stays one alert, as it does for a Prometheus rule with a templated severity label routed by fingerprint
 * override. Keeps the sim's truth (one alert, one problem) unambiguous.
 */
const amFingerprint = (labels: Record<string, string>, client: string) =>
  fnv64(client + '\u0000' + Object.keys(labels).filter((k) => k !== 'severity').sort().map((k) => `${k}=${labels[k]}`).join('\u0001'))

const amAlert = (e: SimEvent, withClient: boolean) => {
  const labels = amLabels(e, withClient)
  // Posted without startsAt: Alertmanager stamps the fire itself (its clock, ns); the resolving post's whole-second
  // endsAt (client clock) becomes startsAt too, the earliest start winning when Alertmanager merges the two.
  const stamped = e.amStampMs !== undefined
  const endsAt = isoSec(own(e, e.at))
  const stamp = e.since + (e.amStampMs ?? 0)
  const stampIso = new Date(stamp).toISOString().replace('Z', '123456Z')
  const earlier = Math.floor(own(e, e.at) / 1000) * 1000 < stamp
  const startsAt = !stamped ? iso(own(e, e.since)) : e.status === 'resolved' && earlier ? endsAt : stampIso
  return {
    status: e.status,
    labels,
    annotations: { summary: e.text, ...(e.severity === 'critical' ? { runbook_url: `https://runbooks.noc-msp.example/${e.check}` } : {}) },
    startsAt,
    endsAt: e.status === 'resolved' ? (stamped ? endsAt : iso(own(e, e.at))) : GO_ZERO_TIME,
    generatorURL: `https://prometheus.noc-msp.example/graph?g0.expr=${encodeURIComponent(e.check)}`,
    fingerprint: amFingerprint(labels, e.client),
  }
}

const alertmanager = (events: SimEvent[]): Rendered => {
  const e0 = events[0]
  return {
    path: '/webhook/alertmanager',
    body: {
      version: '4', receiver: 'noc-console', status: events.some((e) => e.status === 'firing') ? 'firing' : 'resolved',
      groupKey: `{}:{alertname="${e0.check}", client="${e0.client}"}`, truncatedAlerts: 0,
      groupLabels: { alertname: e0.check, client: e0.client }, commonLabels: { alertname: e0.check, client: e0.client }, commonAnnotations: {},
      externalURL: 'https://alertmanager.noc-msp.example', alerts: events.map((e) => amAlert(e, true)),
    },
  }
}

/** Grafana: one org per customer; its contact point posts to `/webhook/grafana/<client>`. */
const grafana = (events: SimEvent[], msp: Msp): Rendered => {
  const e0 = events[0]
  const org = msp.byId.get(e0.client)?.grafanaOrgId ?? 1
  const firing = events.filter((e) => e.status === 'firing').length
  const alerts = events.map((e) => {
    const a = amAlert(e, false)
    const labels = { ...a.labels, grafana_folder: e.service ?? 'infrastructure' }
    return {
      ...a, labels, fingerprint: amFingerprint(labels, e.client),
      generatorURL: `https://grafana.noc-msp.example/alerting/grafana/${fnv64(e.check).slice(0, 8)}/view?orgId=${org}`,
      dashboardURL: `https://grafana.noc-msp.example/d/${fnv64(e.resource).slice(0, 8)}?orgId=${org}`,
      silenceURL: `https://grafana.noc-msp.example/alerting/silence/new?orgId=${org}`,
      values: { A: 1 }, valueString: `[ var='A' labels={instance=${e.resource}} value=1 ]`,
    }
  })
  return {
    path: `/webhook/grafana/${e0.client}`,
    pathClient: e0.client,
    body: {
      receiver: 'noc-console', status: firing ? 'firing' : 'resolved', orgId: org, alerts,
      groupLabels: { alertname: e0.check }, commonLabels: { alertname: e0.check }, commonAnnotations: {},
      externalURL: 'https://grafana.noc-msp.example/', version: '1', groupKey: `{}:{alertname="${e0.check}"}`, truncatedAlerts: 0,
      title: `[${firing ? 'FIRING' : 'RESOLVED'}:${events.length}] ${e0.check}`, state: firing ? 'alerting' : 'ok',
      message: events.map((e) => e.text).join('\n'),
    },
  }
}

const ZBX_SEV: Record<Severity, [string, string]> = {
  critical: ['5', 'Disaster'], major: ['4', 'High'], minor: ['3', 'Average'], warning: ['2', 'Warning'], info: ['1', 'Information'], ok: ['0', 'Not classified'],
}
const zbxDate = (t: number) => iso(t).slice(0, 10).replace(/-/g, '.')
const zbxTime = (t: number) => iso(t).slice(11, 19)

/** Our media type's body (macro names as keys). Even-indexed clients have a media per client (path client). */
const zabbix = (e: SimEvent, msp: Msp): Rendered => {
  const idx = msp.clients.findIndex((c) => c.id === e.client)
  const perClientMedia = idx % 2 === 0
  const tags = [['client', e.client], ...(e.service ? [['service', e.service]] : []), ...Object.entries(e.labels ?? {})]
  const [nsev, sevName] = ZBX_SEV[e.severity]
  const recovery = e.status === 'resolved'
  const update = !recovery && e.at !== e.since
  const trigger = Number.parseInt(fnv64(`${e.client}/${e.resource}/${e.check}`).slice(0, 7), 16)
  return {
    path: perClientMedia ? `/webhook/zabbix/${e.client}` : '/webhook/zabbix',
    pathClient: perClientMedia ? e.client : undefined,
    body: {
      'EVENT.ID': String(e.zabbixEventId),
      'EVENT.VALUE': recovery ? '0' : '1',
      'EVENT.NSEVERITY': nsev,
      'EVENT.SEVERITY': sevName,
      'EVENT.NAME': recovery ? e.text.replace(/^RESOLVED: /, '') : e.text,
      'EVENT.STATUS': recovery ? 'RESOLVED' : 'PROBLEM',
      'EVENT.TAGS': tags.map(([k, v]) => `${k}:${v}`).join(', '),
      'EVENT.TAGSJSON': JSON.stringify(tags.map(([tag, value]) => ({ tag, value }))),
      'EVENT.DATE': zbxDate(own(e, e.since)),
      'EVENT.TIME': zbxTime(own(e, e.since)),
      'EVENT.TZ': 'UTC',
      ...(recovery ? { 'EVENT.RECOVERY.DATE': zbxDate(own(e, e.at)), 'EVENT.RECOVERY.TIME': zbxTime(own(e, e.at)) } : {}),
      // A severity change on an open problem arrives as an update (Zabbix 6: "change severity" operation).
      ...(update ? { 'EVENT.UPDATE.STATUS': '1', 'EVENT.UPDATE.DATE': zbxDate(own(e, e.at)), 'EVENT.UPDATE.TIME': zbxTime(own(e, e.at)) } : { 'EVENT.UPDATE.STATUS': '0' }),
      'EVENT.ACK.STATUS': 'No',
      'EVENT.OPDATA': '',
      'HOST.HOST': e.resource,
      'HOST.NAME': e.resource,
      'HOST.IP': `10.${idx}.${trigger % 250}.${(trigger >> 8) % 250}`,
      'TRIGGER.ID': String(trigger),
      'TRIGGER.DESCRIPTION': e.check,
      'ZABBIX.URL': 'https://zabbix.noc-msp.example',
    },
  }
}

const PD_SEV: Record<Severity, string> = { critical: 'critical', major: 'error', minor: 'warning', warning: 'warning', info: 'info', ok: 'info' }

/**
 * A monitoring tool speaking PagerDuty Events v2 (Site24x7, Uptime Kuma…). Its resolves carry only the dedup key,
 * not the client, so each client's account posts to its own URL (`/webhook/pagerduty/<client>`): sent to the bare
 * endpoint, a resolve would land in `default` and never clear the trigger.
 */
const pagerduty = (e: SimEvent): Rendered => ({
  path: `/webhook/pagerduty/${e.client}`,
  pathClient: e.client,
  body:
    e.status === 'resolved'
      ? { routing_key: 'R0SIMULATEDINTEGRATIONKEY00000', event_action: 'resolve', dedup_key: e.alertKey }
      : {
          routing_key: 'R0SIMULATEDINTEGRATIONKEY00000',
          event_action: 'trigger',
          dedup_key: e.alertKey,
          payload: {
            summary: e.text, source: e.resource, severity: PD_SEV[e.severity], timestamp: iso(own(e, e.at)), component: e.check,
            group: e.service, class: e.labels?.job ?? 'synthetic', custom_details: { client: e.client, service: e.service, ...e.labels },
          },
          client: 'Site24x7',
          client_url: `https://www.site24x7.example/monitor/${fnv64(e.alertKey).slice(0, 10)}`,
        },
})

const ALERTA_SEV: Record<Severity, string> = { critical: 'critical', major: 'major', minor: 'minor', warning: 'warning', info: 'informational', ok: 'normal' }

const alerta = (e: SimEvent): Rendered => ({
  path: '/webhook/alerta',
  body: {
    resource: e.resource, event: e.check, environment: 'Production',
    severity: e.status === 'resolved' ? 'normal' : ALERTA_SEV[e.severity],
    service: e.service ? [e.service] : [], group: e.labels?.job ?? 'Network', value: e.status === 'resolved' ? 'OK' : 'FAIL', text: e.text,
    tags: Object.entries(e.labels ?? {}).map(([k, v]) => `${k}=${v}`),
    attributes: { moreInfo: `https://alerta.noc-msp.example/alerts?resource=${encodeURIComponent(e.resource)}` },
    origin: `alerta-checks/${e.client}`, type: 'exceptionAlert', createTime: iso(own(e, e.at)), timeout: 86400, customer: e.client,
  },
})

/** Tap In event model: the agent/collector names the class; resolves send severity `ok`. */
export const nativeEvent = (e: SimEvent) => ({
  client: e.client,
  class: e.format === 'ws' ? (e.resource.startsWith('i-') ? 'TI_EC2_Agent' : 'TI_Collector') : 'TI_Linux_Agent',
  ems: e.format === 'ws' ? `tapin-${e.client}` : 'tapin-ms-01',
  rule: e.check,
  group: e.labels?.job,
  components: [{ type: e.resource.startsWith('i-') ? 'Instance ID' : 'Host name', name: e.resource }],
  // A resolve clears with `ok`; lifecycle notes are sent as already-resolved info (history, not an open alert).
  severity: e.status === 'resolved' ? (e.check === 'InstanceLifecycle' ? 'info' : 'ok') : e.severity,
  ...(e.status === 'resolved' ? { status: 'resolved' } : {}),
  text: e.text,
  time: iso(own(e, e.at)),
  service: e.service,
  attributes: { ...e.labels },
})

/** Render one group (same time, client, format and group key) of events. */
export const render = (format: SimFormat, events: SimEvent[], msp: Msp): Rendered => {
  switch (format) {
    case 'alertmanager':
      return alertmanager(events)
    case 'grafana':
      return grafana(events, msp)
    case 'zabbix':
      return zabbix(events[0], msp)
    case 'pagerduty':
      return pagerduty(events[0])
    case 'alerta':
      return alerta(events[0])
    case 'native':
      return { path: '/api/v1/events', body: events.map(nativeEvent) }
    case 'ws':
      return { path: '/ws', body: events.map(nativeEvent) }
  }
}

/** When the event's request reaches the console. */
export const deliveredAt = (e: SimEvent): number => e.deliverAt ?? e.at

/**
 * Which events may share one request: Alertmanager/Grafana group by alertname; agents batch; others one by one.
 * Events delivered late or out of order go alone (a retry, a delayed queue), as do skewed or stamped ones.
 */
export const groupKey = (e: SimEvent, i: number): string => {
  const at = deliveredAt(e)
  if (e.deliverAt !== undefined || e.clockSkewMs !== undefined || e.amStampMs !== undefined) return `${at}|${e.format}|#${i}`
  switch (e.format) {
    case 'alertmanager':
    case 'grafana':
      return `${at}|${e.format}|${e.client}|${e.check}`
    case 'native':
    case 'ws':
      return `${at}|${e.format}|${e.client}`
    default:
      return `${at}|${e.format}|#${i}`
  }
}
