import { describe, expect, it } from 'vitest'
import { buildIncidentReport } from './incident-report'
import { HOUR, incident, MIN, reportInput, SEC, T0, timeline } from '../testing/report-kit'
import { estimateOnset, incidentTimes } from './times'
import { incidentReportInput, type TimelineRow } from './types'
import type { Alert } from '@shared/model/alert'

const e = (at: number, kind: TimelineRow['kind'], actor = 'system', text = kind): TimelineRow => ({ incidentId: 'INC-1042', at, actor, kind, text, data: null })

describe('incident report model', () => {
  it('computes detect / acknowledge / resolve times from the fixture timeline', () => {
    const m = buildIncidentReport(reportInput())
    // See testing/report-kit.ts: first event 07:58:30, opened 08:00:00, ack 08:04:30, resolved 09:06:00 (UTC).
    expect(m.times.onsetAt).toBe(T0 - 90 * SEC)
    expect(m.times.ttd).toBe(90_000)
    expect(m.times.tta).toBe(270_000)
    expect(m.times.ttr).toBe(3_960_000)
    expect(m.times.firstAckBy).toBe('alice')
    // The "resolution recorded by alice" entry at 09:20 must not move the resolve time.
    expect(m.times.resolvedAt).toBe(T0 + 66 * MIN)
    expect(m.times.resolvedBy).toBe('system')
    // Resolved by the system, but people acted before: not automated.
    expect(m.times.automated).toBe(false)
    expect(m.times.escalations).toBe(1)
  })

  it('builds the timeline: first event, entries and notifications in time order, offsets from the opening', () => {
    const m = buildIncidentReport(reportInput())
    expect(m.timeline.map((t) => t.kind)).toEqual([
      'first-event',
      'opened',
      'notification',
      'notification',
      'alert-joined',
      'ack',
      'escalate',
      'note',
      'alert-resolved',
      'alert-resolved',
      'resolve',
      'resolve',
      'close',
    ])
    expect(m.timeline[0]).toMatchObject({ offsetMs: -90_000, text: 'first event: HighLatency on db-01 (critical, from alertmanager)' })
    expect(m.timeline[3]).toMatchObject({ actor: 'webhook', status: 'failed', text: 'webhook notification failed to ops-chat: HTTP 502 from ops-chat' })
    expect(m.notifications).toEqual({ sent: 1, failed: 1, other: 0 })
  })

  it('carries priority breakdown, alerts with roles and reasons, cause, solution, tags', () => {
    const m = buildIncidentReport(reportInput())
    expect(m.priority).toMatchObject({ level: 'P1', score: 75, capped: false })
    expect(m.priority.components.map((c) => [c.name, c.points])).toEqual([
      ['tier', 15],
      ['serviceCriticality', 20],
      ['severity', 30],
      ['businessHours', 10],
      ['affectedResources', 0],
      ['blastRadius', 0],
    ])
    expect(m.alerts.map((a) => [a.id, a.role, a.count])).toEqual([
      [1, 'root-cause', 14],
      [2, 'symptom', 5],
    ])
    expect(m.cause).toContain('Runaway report query')
    expect(m.tags).toEqual(['database', 'billing'])
    expect(m.summary.text).toBe(
      'P1 critical incident for Acme Corp (gold): Database latency high on billing. Opened 2025-06-02 10:00:00 Europe/Berlin ' +
        '(1m 30s after the first event), acknowledged after 4m 30s by alice, resolved after 1h 06m. 2 alerts on 2 resources, escalated to level 1.',
    )
  })
})

describe('incidentReportInput', () => {
  it('takes the incidents.get detail shape (alerts carrying their link) as it is', () => {
    const base = reportInput()
    const detail = {
      incident: base.incident,
      timeline: base.timeline,
      problem: null,
      alerts: base.alerts.map(({ role, joinRule, joinReason, joinedAt, ...a }) => ({
        ...(a as unknown as Alert),
        link: { incidentId: 'INC-1042', alertId: a.id, role, rule: joinRule, reason: joinReason, joinedAt },
      })),
    }
    const input = incidentReportInput(detail, { client: base.client, generatedAt: base.generatedAt })
    expect(input.alerts.map((a) => [a.id, a.role, a.joinRule, a.joinedAt])).toEqual([
      [1, 'root-cause', 'new', T0],
      [2, 'symptom', 'scope', T0 + 2 * MIN],
    ])
    expect(buildIncidentReport(input).times.tta).toBe(270_000)
  })
})

describe('incidentTimes edge rules', () => {
  const base = incident({ status: 'open', acknowledgedAt: null, resolvedAt: null, closedAt: null, escalationLevel: 0 })

  it('a re-opened incident resolves at its LAST resolve; the first ack still counts after an un-ack', () => {
    const inc = { ...base, status: 'resolved' as const, resolvedAt: null, acknowledgedAt: null }
    const t = incidentTimes(inc, [
      e(T0, 'opened'),
      e(T0 + 5 * MIN, 'ack', 'alice'),
      e(T0 + 6 * MIN, 'unack', 'alice'),
      e(T0 + 10 * MIN, 'resolve'),
      e(T0 + 20 * MIN, 'reopen'),
      e(T0 + 50 * MIN, 'resolve', 'bob'),
    ])
    expect(t.tta).toBe(5 * MIN)
    expect(t.ttr).toBe(50 * MIN)
    expect(t.resolvedBy).toBe('bob')
    expect(t.automated).toBe(false)
  })

  it('automated = resolved by the system with no operator entry before it', () => {
    const inc = { ...base, status: 'resolved' as const, resolvedAt: T0 + 9 * MIN }
    const t = incidentTimes(inc, [e(T0, 'opened'), e(T0 + 9 * MIN, 'resolve'), e(T0 + HOUR, 'note', 'alice')])
    expect(t).toMatchObject({ automated: true, tta: null, ttr: 9 * MIN })
  })

  it('an open incident has no resolve time; a merged-away one is marked and never resolved', () => {
    expect(incidentTimes(base, timeline()).resolvedAt).toBeNull()
    const merged = incidentTimes({ ...base, status: 'closed', mergedInto: 'INC-1', closedAt: T0 + MIN }, [e(T0, 'opened'), e(T0 + MIN, 'merge', 'alice')])
    expect(merged).toMatchObject({ mergedAway: true, resolvedAt: null, ttr: null })
  })

  it('falls back to the row acknowledgedAt when the timeline lacks the ack entry', () => {
    expect(incidentTimes({ ...base, acknowledgedAt: T0 + 3 * MIN }, []).tta).toBe(3 * MIN)
  })

  it('onset: earliest firstSeen within 24 h before the opening; later joins and old episodes ignored', () => {
    expect(estimateOnset(T0, [{ firstSeen: T0 - 2 * MIN }, { firstSeen: T0 + MIN }, { firstSeen: T0 - 30 * HOUR }])).toBe(T0 - 2 * MIN)
    expect(estimateOnset(T0, [{ firstSeen: T0 - 30 * HOUR }])).toBeNull()
    // An explicit onset from the events journal wins over the estimate.
    expect(buildIncidentReport(reportInput({ onsetAt: T0 - 5 * MIN })).times.ttd).toBe(5 * MIN)
  })
})
