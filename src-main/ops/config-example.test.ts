import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { parseConfig } from '@shared/model/config'

/** The configuration example given for the README (notifications, escalation, suppression, health, retention). */
export const EXAMPLE_YAML = `
clients:
  acme:
    name: Acme Corp
    timeZone: Europe/Berlin
    contacts:
      - { name: Dana Fischer, phone: "+49 30 1234567", role: team_lead }
      - { name: Lee Wong, email: lee@acme.example, role: manager }

notifications:
  channels:                       # \`desktop\` always exists
    ops-chat: { type: slack, url: "https://hooks.slack.com/services/T000/B000/XXXX" }
    pagerduty: { type: pagerduty, routingKeyEnv: PD_ROUTING_KEY }
    ticketing:
      type: webhook
      url: "https://tickets.example.com/hooks/noc"
      secretEnv: NOC_WEBHOOK_SECRET # X-NOC-Signature: sha256=HMAC(secret, "<X-NOC-Timestamp>.<body>")
      retry: { maxAttempts: 10, initialDelay: 5s, maxDelay: 10m }
  targets:                        # escalation roles → channels
    team_lead: [desktop, ops-chat]
    manager: [ops-chat, pagerduty]
    director: [pagerduty]
  rules:                          # which new incidents notify whom (first episode and every re-open)
    - { name: page-p1, match: { priorities: [P1] }, channels: [desktop, pagerduty] }
    - { name: chat-p2, match: { priorities: [P2] }, channels: [desktop, ops-chat] }
    - { name: ticket-if-still-open, match: { priorities: [P1, P2, P3] }, channels: [ticketing], delay: 5m }

escalation:
  policies:                       # first match wins; \`after\` counts from the previous step
    - name: platinum-24x7
      match: { clients: [acme], priorities: [P1, P2] }
      repeat: 1
      steps:
        - { after: 15m, notify: [team_lead] }
        - { after: 15m, notify: [manager] }
        - { after: 15m, notify: [director] }
    - name: office-hours
      match: { priorities: [P3] }
      steps:
        - { after: 30m, notify: [team_lead], businessHoursOnly: true }

maintenance:                      # more can be created in the console / POST /api/v1/maintenance
  - { name: Saturday patching, client: acme, service: "web*", weekly: { days: [sat], start: "02:00", end: "04:00" } }
  - { name: DC move, resource: "rack-12-*", start: "2026-12-05T22:00:00+01:00", end: "2026-12-06T06:00:00+01:00" }

sourceHealth:
  heartbeatTimeout: 5m            # heartbeat senders that do not say otherwise
  staleSeverity: major
  sources:
    alertmanager/acme: { timeout: 10m }   # Alertmanager's Watchdog repeats every 5 min
    zabbix-proxy-berlin: { timeout: 3m, client: acme }

storm: { alpha: 0.1, factor: 4, minEventsPerMin: 30, warmupMin: 10 }

runbooks:
  - { match: { rules: ["Disk*"] }, url: "https://wiki.example.com/runbooks/{rule}?client={client}", title: Disk runbook }

responses:
  - name: restart-web
    match: { rules: [HttpDown], services: ["web*"] }
    url: "https://automation.example.com/hooks/restart-web"
    secretEnv: NOC_ACTION_SECRET
    autoApprove: [P1]             # other priorities wait for an operator's approval
    retries: 0

retention: { critical: 365d, major: 365d, minor: 182d, warning: 182d, info: 91d, ok: 91d, housekeeping: 90d, batchRows: 500, interval: 1h }
`

describe('README configuration example', () => {
  it('is valid and means what it says', () => {
    const r = parseConfig(parse(EXAMPLE_YAML))
    if (!r.ok) throw new Error(JSON.stringify(r.issues))
    expect(r.warnings).toEqual([])
    const c = r.config
    expect(Object.keys(c.notifications.channels)).toEqual(['desktop', 'ops-chat', 'pagerduty', 'ticketing'])
    expect(c.escalation.policies.map((p) => [p.name, p.steps.length, p.repeat])).toEqual([
      ['platinum-24x7', 3, 1],
      ['office-hours', 1, 0],
    ])
    expect(c.notifications.rules[2].delay).toBe(300_000)
    expect(c.maintenance[1]).toMatchObject({ start: Date.parse('2026-12-05T21:00:00Z'), end: Date.parse('2026-12-06T05:00:00Z') })
    expect(c.sourceHealth.sources['alertmanager/acme'].timeout).toBe(600_000)
  })
})
