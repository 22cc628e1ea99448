import type { ClientProfile } from '@shared/model/config'
import type { Incident } from '@shared/model/incident'
import type { ChannelType, DeliveryEvent } from '@shared/model/ops'
import type { Severity } from '@shared/model/severity'

/**
 * Message bodies per channel type, built when a delivery is enqueued (what the incident looked like when we
 * decided to notify) and stored in the outbox. Secrets — PagerDuty routing keys, HMAC signatures — are added at
 * send time and never stored.
 */

export interface MessageInput {
  incident: Incident
  event: DeliveryEvent
  /** Target (role) or rule that caused it. */
  target: string | null
  /** Extra words for the text: "policy default step 2/3", "acknowledged by alice". */
  why: string
  client: ClientProfile
  at: number
}

const PD_SEVERITY: Record<Severity, 'critical' | 'error' | 'warning' | 'info'> = {
  critical: 'critical',
  major: 'error',
  minor: 'warning',
  warning: 'warning',
  info: 'info',
  ok: 'info',
}

const SLACK_COLOR: Record<Severity, string> = {
  critical: '#d32f2f',
  major: '#f57c00',
  minor: '#fbc02d',
  warning: '#fdd835',
  info: '#1e88e5',
  ok: '#43a047',
}

const HEAD: Record<DeliveryEvent, string> = {
  trigger: 'New',
  escalate: 'Escalation',
  acknowledge: 'Acknowledged',
  resolve: 'Resolved',
  response: 'Response',
}

/** "[P1] INC-1042 Acme Corp: db02 down" */
export const incidentLine = (i: Incident, client: ClientProfile): string => `[${i.priority}] ${i.id} ${client.name}: ${i.title}`

export const headline = (m: MessageInput): string =>
  `${HEAD[m.event]}${m.event === 'escalate' && m.target ? ` → ${m.target}` : ''}: ${incidentLine(m.incident, m.client)}`

/** Who to call at this client for a role (contacts whose `role` equals the target). */
const contactsFor = (m: MessageInput) => (m.target ? m.client.contacts.filter((c) => c.role === m.target) : [])

const incidentSummary = (i: Incident) => ({
  id: i.id,
  client: i.client,
  title: i.title,
  status: i.status,
  priority: i.priority,
  severity: i.severity,
  openedAt: new Date(i.openedAt).toISOString(),
  acknowledgedAt: i.acknowledgedAt === null ? null : new Date(i.acknowledgedAt).toISOString(),
  owner: i.owner,
  escalationLevel: i.escalationLevel,
  alertCount: i.alertCount,
  service: i.service,
  resource: i.resource,
  rule: i.rule,
})

const desktop = (m: MessageInput) => ({
  title: headline(m),
  body: [m.why, `${m.incident.severity}, ${m.incident.alertCount} alert${m.incident.alertCount === 1 ? '' : 's'}`, m.incident.resource ?? m.incident.service ?? '']
    .filter(Boolean)
    .join(' · '),
  severity: m.incident.severity,
  priority: m.incident.priority,
  event: m.event,
})

const slack = (m: MessageInput) => {
  const i = m.incident
  const who = contactsFor(m).map((c) => `${c.name}${c.phone ? ` (${c.phone})` : ''}`)
  return {
    text: `${headline(m)}${m.why ? ` — ${m.why}` : ''}`,
    attachments: [
      {
        color: m.event === 'resolve' ? SLACK_COLOR.ok : SLACK_COLOR[i.severity],
        fields: [
          { title: 'Client', value: m.client.name, short: true },
          { title: 'Priority', value: i.priority, short: true },
          { title: 'Severity', value: i.severity, short: true },
          { title: 'Status', value: i.status, short: true },
          ...(i.resource ? [{ title: 'Resource', value: i.resource, short: true }] : []),
          ...(i.service ? [{ title: 'Service', value: i.service, short: true }] : []),
          ...(who.length ? [{ title: `Call (${m.target})`, value: who.join(', '), short: false }] : []),
        ],
        footer: `NOC console · ${i.id}`,
        ts: Math.floor(m.at / 1000),
      },
    ],
  }
}

/** PagerDuty Events v2 without `routing_key` (added at send time). The incident id is the dedup_key. */
const pagerduty = (m: MessageInput) => {
  const i = m.incident
  if (m.event === 'acknowledge' || m.event === 'resolve') return { event_action: m.event, dedup_key: i.id }
  return {
    event_action: 'trigger',
    dedup_key: i.id,
    payload: {
      summary: `${incidentLine(i, m.client)}${m.why ? ` (${m.why})` : ''}`.slice(0, 1024),
      source: i.resource ?? `noc-console/${i.client}`,
      severity: PD_SEVERITY[i.severity],
      timestamp: new Date(m.at).toISOString(),
      component: i.resource ?? undefined,
      group: i.service ?? undefined,
      class: i.rule,
      custom_details: { ...incidentSummary(i), target: m.target, contacts: contactsFor(m) },
    },
    client: 'NOC console',
  }
}

const webhook = (m: MessageInput) => ({
  version: 1,
  event: m.event,
  at: new Date(m.at).toISOString(),
  target: m.target,
  reason: m.why || null,
  incident: incidentSummary(m.incident),
  client: { id: m.client.id, name: m.client.name, tier: m.client.tier },
  contacts: contactsFor(m),
})

export const buildPayload = (type: ChannelType, m: MessageInput): unknown => {
  switch (type) {
    case 'desktop':
      return desktop(m)
    case 'slack':
      return slack(m)
    case 'pagerduty':
      return pagerduty(m)
    case 'webhook':
    case 'response':
      return webhook(m)
  }
}
