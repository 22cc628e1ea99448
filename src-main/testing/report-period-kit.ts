/**
 * A week of one client's incidents with every time written out (test-only). Period: ISO week 2025-W23 in
 * Europe/Berlin = [2025-06-01T22:00Z, 2025-06-08T22:00Z). Ack SLA (default): P1 15 min, P2 30, P3 4 h, P4 24 h.
 * Generated 2025-06-10T08:00Z.
 *
 * | id     | P  | opened (UTC)     | first ack (tta)         | final resolve (ttr)               | notes                         |
 * |--------|----|------------------|-------------------------|-----------------------------------|-------------------------------|
 * | INC-1  | P1 | 06-02 08:00      | 08:05 (300 s)           | 09:00 by alice (3600 s)           | escalated; SLA met            |
 * | INC-2  | P2 | 06-03 10:00      | 10:45 (2700 s)          | 12:00 by bob (7200 s)             | SLA BREACHED (45 > 30 min)    |
 * | INC-3  | P3 | 06-04 12:00      | never                   | 12:20 by system (1200 s)          | automated; SLA met (resolved) |
 * | INC-4  | P1 | 06-05 23:50      | 06-06 00:30 (2400 s)    | — still acknowledged              | escalated; SLA BREACHED       |
 * | INC-5  | P2 | 05-31 20:00 (before range) | 06-01 23:00 (97200 s) in range | 06-02 01:00 by alice (104400 s) in range | counts in MTTA/MTTR only |
 * | INC-6  | P4 | 06-08 21:00      | never                   | — still open                      | SLA BREACHED (24 h passed)    |
 * | INC-7  | P2 | 06-06 09:00      | —                       | merged into INC-4                 | left out; mergedAway 1        |
 * | INC-8  | P1 | 06-08 22:30 (after range) | 22:35          | —                                 | left out everywhere           |
 * | INC-9  | P1 | 06-03 09:00      | 09:01                   | 09:30                             | other client: left out        |
 * | INC-10 | P3 | 06-07 10:00      | 10:40 by bob (2400 s)   | 10:10 system, reopen 10:30, 11:00 bob (3600 s) | SLA met; not automated |
 *
 * Expected (hand-computed):
 * - opened in range: INC-1,2,3,4,6,10 = 6 (P1 2, P2 1, P3 2, P4 1); status: resolved 4, acknowledged 1, open 1.
 * - MTTA over first acks in range: INC-1 300, INC-2 2700, INC-4 2400, INC-5 97200, INC-10 2400
 *   = 105000 s / 5 = 21000 s (5h 50m); median 2400 s.
 * - MTTR over final resolutions in range: INC-1 3600, INC-2 7200, INC-3 1200, INC-5 104400, INC-10 3600
 *   = 120000 s / 5 = 24000 s (6h 40m); median 3600 s.
 * - Ack SLA: breached INC-2, INC-4, INC-6 → 3 of 6 = 50 %.
 * - Escalation: INC-1, INC-4 → 2 of 6 = 33.3 %. Automation: INC-3 → 1 of 5 resolved = 20 %.
 * - Noise: 1200 events → 40 alerts → 6 incidents: 99.5 % reduction, 200 events per incident.
 */
import type { IncidentStatus } from '@shared/model/incident'
import type { Priority } from '@shared/model/severity'
import type { ClientPeriodInput } from '../report/client-period'
import { periodRange } from '../report/period'
import { breakdown, incident } from './report-kit'
import type { IncidentWithTimeline, TimelineRow } from '../report/types'

const at = (iso: string) => Date.parse(`${iso}:00Z`)

type Step = [string, TimelineRow['kind'], string]

const make = (
  id: string,
  priority: Priority,
  opened: string,
  status: IncidentStatus,
  steps: Step[],
  over: { client?: string; rule?: string; resource?: string; mergedInto?: string; escalationLevel?: number } = {},
): IncidentWithTimeline => {
  const timeline: TimelineRow[] = [[opened, 'opened', 'system'] as Step, ...steps].map(([t, kind, actor], i) => ({
    id: i + 1,
    incidentId: id,
    at: at(t),
    actor,
    kind,
    text: `${kind} by ${actor}`,
    data: null,
  }))
  const last = (k: string) => [...timeline].reverse().find((e) => e.kind === k)?.at ?? null
  const resolved = status === 'resolved' || status === 'closed'
  return {
    incident: incident({
      id,
      client: over.client ?? 'acme',
      priority,
      priorityBreakdown: breakdown(priority),
      status,
      openedAt: at(opened),
      acknowledgedAt: last('ack'),
      resolvedAt: resolved && !over.mergedInto ? last('resolve') : null,
      closedAt: status === 'closed' ? (last('close') ?? last('merge')) : null,
      escalationLevel: over.escalationLevel ?? 0,
      mergedInto: over.mergedInto ?? null,
      rule: over.rule ?? 'HighLatency',
      resource: over.resource ?? 'db-01',
      title: `${id} title`,
    }),
    timeline,
  }
}

export const periodIncidents = (): IncidentWithTimeline[] => [
  make('INC-1', 'P1', '2025-06-02T08:00', 'resolved', [['2025-06-02T08:05', 'ack', 'alice'], ['2025-06-02T08:20', 'escalate', 'alice'], ['2025-06-02T09:00', 'resolve', 'alice']], { escalationLevel: 1 }),
  make('INC-2', 'P2', '2025-06-03T10:00', 'resolved', [['2025-06-03T10:45', 'ack', 'bob'], ['2025-06-03T12:00', 'resolve', 'bob']]),
  make('INC-3', 'P3', '2025-06-04T12:00', 'resolved', [['2025-06-04T12:20', 'resolve', 'system']], { rule: 'DiskFull', resource: 'fs-01' }),
  make('INC-4', 'P1', '2025-06-05T23:50', 'acknowledged', [['2025-06-06T00:30', 'ack', 'carol'], ['2025-06-06T01:00', 'escalate', 'carol']], { rule: 'NodeDown', resource: 'node-7', escalationLevel: 1 }),
  make('INC-5', 'P2', '2025-05-31T20:00', 'resolved', [['2025-06-01T23:00', 'ack', 'alice'], ['2025-06-02T01:00', 'resolve', 'alice']]),
  make('INC-6', 'P4', '2025-06-08T21:00', 'open', [], { rule: 'Ping', resource: 'sw-3' }),
  make('INC-7', 'P2', '2025-06-06T09:00', 'closed', [['2025-06-06T09:10', 'merge', 'carol']], { mergedInto: 'INC-4' }),
  make('INC-8', 'P1', '2025-06-08T22:30', 'acknowledged', [['2025-06-08T22:35', 'ack', 'bob']]),
  make('INC-9', 'P1', '2025-06-03T09:00', 'resolved', [['2025-06-03T09:01', 'ack', 'zed'], ['2025-06-03T09:30', 'resolve', 'zed']], { client: 'globex' }),
  make('INC-10', 'P3', '2025-06-07T10:00', 'resolved', [['2025-06-07T10:10', 'resolve', 'system'], ['2025-06-07T10:30', 'reopen', 'system'], ['2025-06-07T10:40', 'ack', 'bob'], ['2025-06-07T11:00', 'resolve', 'bob']], { rule: 'DiskFull', resource: 'fs-01' }),
]

export const PERIOD = periodRange('week', Date.UTC(2025, 5, 4, 12), 'Europe/Berlin')

export const PERIOD_DAILY_EVENTS = [100, 300, 150, 250, 200, 120, 80]

export const periodInput = (over: Partial<ClientPeriodInput> = {}): ClientPeriodInput => ({
  client: { id: 'acme', name: 'Acme Corp', tier: 'gold', timeZone: 'Europe/Berlin' },
  period: PERIOD,
  generatedAt: Date.UTC(2025, 5, 10, 8),
  incidents: periodIncidents(),
  events: {
    total: 1200,
    alerts: 40,
    byRule: [
      { key: 'HighLatency', events: 700, alerts: 10 },
      { key: 'DiskFull', events: 400, alerts: 20 },
      { key: 'Ping', events: 100, alerts: 10 },
    ],
    byResource: [
      { key: 'db-01', events: 650 },
      { key: 'fs-01', events: 420 },
    ],
  },
  // The same 1200 events per local day (noon): 100, 300, 150, 250, 200, 120, 80.
  eventSlots: PERIOD_DAILY_EVENTS.map((n, day) => ({ t: PERIOD.from + day * 86_400_000 + 12 * 3_600_000, n })),
  ...over,
})
