/**
 * Fixtures for the report tests (imported by *.test.ts only). Every time is written out explicitly so the
 * expected numbers in the tests can be checked by hand.
 */
import type { PriorityBreakdown } from '@shared/model/incident'
import type { Delivery, IncidentReportInput, IncidentRow, ReportAlertInput, TimelineRow } from '../report/types'

export const SEC = 1000
export const MIN = 60 * SEC
export const HOUR = 60 * MIN
export const DAY = 24 * HOUR

/** Monday 2 June 2025, 08:00:00 UTC (10:00 in Europe/Berlin). */
export const T0 = Date.UTC(2025, 5, 2, 8, 0, 0)

export const HOSTILE = '<img src=x onerror=alert(1)>'

export const breakdown = (priority: 'P1' | 'P2' | 'P3' | 'P4' = 'P1', score = 75): PriorityBreakdown => ({
  formula: 'v1',
  score,
  priority,
  uncapped: priority,
  thresholds: { P1: 70, P2: 50, P3: 30 },
  components: {
    tier: { value: 'gold', points: 15, max: 20, note: 'Acme Corp' },
    serviceCriticality: { value: 'critical', points: 20, max: 20, note: 'billing: critical' },
    severity: { value: 'critical', points: 30, max: 30, note: 'worst firing alert' },
    businessHours: { value: true, points: 10, max: 10, note: 'Mon 10:00 Europe/Berlin; hours Mon–Fri 08:00–18:00' },
    affectedResources: { value: 2, points: 0, max: 10, note: 'db-01, db-02' },
    blastRadius: { value: 1, points: 0, max: 10, note: 'no cross-client problem' },
  },
})

export const incident = (over: Partial<IncidentRow> = {}): IncidentRow => ({
  id: 'INC-1042',
  client: 'acme',
  title: 'Database latency high on billing',
  status: 'closed',
  priority: 'P1',
  priorityBreakdown: breakdown(),
  severity: 'critical',
  openedAt: T0,
  acknowledgedAt: T0 + 4 * MIN + 30 * SEC,
  resolvedAt: T0 + 66 * MIN,
  closedAt: T0 + 90 * MIN,
  owner: 'alice',
  escalationLevel: 1,
  alertCount: 2,
  problemId: null,
  mergedInto: null,
  flags: [],
  service: 'billing',
  resource: 'db-01',
  rule: 'HighLatency',
  cause: 'Runaway report query locked the orders table.',
  solution: 'Killed the query; added an index on orders(created_at).',
  tags: ['database', 'billing'],
  seq: 7,
  ...over,
})

let nextId = 1
const entry = (at: number, kind: TimelineRow['kind'], text: string, actor = 'system', data: Record<string, unknown> | null = null): TimelineRow => ({
  id: nextId++,
  incidentId: 'INC-1042',
  at,
  actor,
  kind,
  text,
  data,
})

/**
 * The fixture incident's life (UTC):
 * 07:58:30 first event of HighLatency on db-01 (alert firstSeen)      → time to detect 1m 30s
 * 08:00:00 opened                                                       (openedAt = T0)
 * 08:02:00 alert HighLatency on db-02 joins
 * 08:04:30 ack by alice                                                 → time to acknowledge 4m 30s = 270 s
 * 08:10:00 escalated to level 1 by alice
 * 08:12:00 note by bob (hostile text)
 * 09:00:00 / 09:04:00 both alerts resolve
 * 09:06:00 resolved by the system after the hold                        → time to resolve 66m = 3960 s
 * 09:20:00 resolution recorded by alice (does not move the resolve time)
 * 09:30:00 closed by alice
 */
export const timeline = (): TimelineRow[] => {
  nextId = 1
  return [
    entry(T0, 'opened', 'opened by alert `HighLatency` on db-01 (critical)', 'system', { alertId: 1 }),
    entry(T0 + 2 * MIN, 'alert-joined', 'joined INC-1042: same client and service `billing` within 5 min', 'system', { alertId: 2 }),
    entry(T0 + 4 * MIN + 30 * SEC, 'ack', 'acknowledged by alice', 'alice'),
    entry(T0 + 10 * MIN, 'escalate', 'escalated to level 1 by alice: DBA on call', 'alice', { level: 1 }),
    entry(T0 + 12 * MIN, 'note', `customer says checkout is slow ${HOSTILE}`, 'bob'),
    entry(T0 + 60 * MIN, 'alert-resolved', 'alert `HighLatency` on db-01 resolved (1 still firing)'),
    entry(T0 + 64 * MIN, 'alert-resolved', 'alert `HighLatency` on db-02 resolved (0 still firing)'),
    entry(T0 + 66 * MIN, 'resolve', 'resolved: all 2 alerts resolved and none re-fired for 120 s'),
    entry(T0 + 80 * MIN, 'resolve', 'resolution recorded by alice: cause: Runaway report query', 'alice'),
    entry(T0 + 90 * MIN, 'close', 'closed by alice', 'alice'),
  ]
}

export const alerts = (): ReportAlertInput[] => [
  {
    id: 1,
    rule: 'HighLatency',
    resource: 'db-01',
    service: 'billing',
    severity: 'critical',
    status: 'resolved',
    count: 14,
    firstSeen: T0 - 90 * SEC,
    lastSeen: T0 + 60 * MIN,
    resolvedAt: T0 + 60 * MIN,
    summary: `p99 latency 2.3 s ${HOSTILE}`,
    source: 'alertmanager',
    role: 'root-cause',
    joinRule: 'new',
    joinReason: 'opened the incident',
    joinedAt: T0,
  },
  {
    id: 2,
    rule: 'HighLatency',
    resource: 'db-02',
    service: 'billing',
    severity: 'major',
    status: 'resolved',
    count: 5,
    firstSeen: T0 + 110 * SEC,
    lastSeen: T0 + 64 * MIN,
    resolvedAt: T0 + 64 * MIN,
    summary: 'p99 latency 900 ms',
    source: 'alertmanager',
    role: 'symptom',
    joinRule: 'scope',
    joinReason: 'joined INC-1042: same client and service `billing` within 5 min',
    joinedAt: T0 + 2 * MIN,
  },
]

export const deliveries = (): Delivery[] => [
  { channel: 'desktop', status: 'sent', at: T0 + 5 * SEC, target: 'console' },
  { channel: 'webhook', status: 'failed', at: T0 + 6 * SEC, error: 'HTTP 502 from ops-chat', target: 'ops-chat' },
]

export const reportInput = (over: Partial<IncidentReportInput> = {}): IncidentReportInput => ({
  incident: incident(),
  alerts: alerts(),
  timeline: timeline(),
  deliveries: deliveries(),
  client: { id: 'acme', name: 'Acme Corp', tier: 'gold', timeZone: 'Europe/Berlin' },
  generatedAt: T0 + 2 * DAY,
  ...over,
})
