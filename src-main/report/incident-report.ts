/**
 * The incident report: one incident, its alerts, timeline and notifications → a `ReportModel` that every format
 * (Markdown, HTML, PDF, JSON) prints. Pure: the API layer loads the rows and passes them in.
 */
import type { AlertRole, IncidentFlag, IncidentStatus, JoinRule, PriorityComponentName } from '@shared/model/incident'
import { PRIORITY_COMPONENTS } from '@shared/model/incident'
import type { Priority, Severity } from '@shared/model/severity'
import { formatDuration, formatTime, plural } from './format'
import { estimateOnset, incidentTimes, sortTimeline, type IncidentTimes } from './times'
import type { IncidentReportInput, ReportAlertInput, ReportClient } from './types'

export const REPORT_VERSION = 1

/** What the timeline of a report shows: the incident's own entries, notifications, and the first event. */
export type ReportTimelineKind = IncidentReportInput['timeline'][number]['kind'] | 'first-event' | 'notification'

export interface ReportTimelineEntry {
  at: number
  /** Milliseconds since the incident opened (negative for the first event before it). */
  offsetMs: number
  actor: string
  kind: ReportTimelineKind
  text: string
  /** Notification status for `notification` entries (`sent`, `failed` …). */
  status?: string
}

export interface ReportModel {
  kind: 'incident-report'
  version: typeof REPORT_VERSION
  generatedAt: number
  summary: {
    id: string
    title: string
    status: IncidentStatus
    severity: Severity
    priority: Priority
    owner: string | null
    escalationLevel: number
    alertCount: number
    firingCount: number
    resourceCount: number
    service: string | null
    resource: string | null
    rule: string
    flags: IncidentFlag[]
    problem: { id: string; key: string; reason: string; clients: string[] } | { id: string } | null
    mergedInto: string | null
    openedAt: number
    closedAt: number | null
    /** One sentence for the top of the report. */
    text: string
  }
  client: Required<ReportClient>
  priority: {
    level: Priority
    score: number
    uncapped: Priority
    /** The severity cap lowered the level (an info/warning cannot page as P1). */
    capped: boolean
    thresholds: { P1: number; P2: number; P3: number }
    components: { name: PriorityComponentName; value: string | number | boolean; points: number; max: number; note: string }[]
  }
  times: IncidentTimes
  timeline: ReportTimelineEntry[]
  alerts: {
    id: number
    rule: string
    resource: string | null
    service: string | null
    severity: Severity
    status: 'firing' | 'resolved'
    count: number
    firstSeen: number
    lastSeen: number
    resolvedAt: number | null
    role: AlertRole
    joinRule: JoinRule
    joinReason: string
    joinedAt: number
    summary: string
    source: string
  }[]
  notifications: { sent: number; failed: number; other: number }
  cause: string | null
  solution: string | null
  tags: string[]
}

const alertLabel = (a: Pick<ReportAlertInput, 'rule' | 'resource'>): string => `${a.rule}${a.resource ? ` on ${a.resource}` : ''}`

/** The report timeline: first event (when known), the incident's entries, notification attempts — in time order. */
const buildTimeline = (input: IncidentReportInput, times: IncidentTimes): ReportTimelineEntry[] => {
  const { incident } = input
  const at0 = incident.openedAt
  const rows: ReportTimelineEntry[] = []
  if (times.onsetAt !== null) {
    const first = [...input.alerts].sort((a, b) => a.firstSeen - b.firstSeen).find((a) => a.firstSeen === times.onsetAt)
    const what = first ? `${alertLabel(first)} (${first.severity}, from ${first.source})` : 'from the source'
    rows.push({ at: times.onsetAt, offsetMs: times.onsetAt - at0, actor: 'source', kind: 'first-event', text: `first event: ${what}` })
  }
  for (const e of sortTimeline(input.timeline)) rows.push({ at: e.at, offsetMs: e.at - at0, actor: e.actor, kind: e.kind, text: e.text })
  for (const d of input.deliveries ?? []) {
    const to = d.target ? ` to ${d.target}` : ''
    const err = d.error ? `: ${d.error}` : ''
    rows.push({ at: d.at, offsetMs: d.at - at0, actor: d.channel, kind: 'notification', text: `${d.channel} notification ${d.status}${to}${err}`, status: d.status })
  }
  // Stable sort: equal times keep first event → timeline (by id) → notifications.
  return rows.map((r, i) => ({ r, i })).sort((a, b) => a.r.at - b.r.at || a.i - b.i).map((x) => x.r)
}

const summaryText = (input: IncidentReportInput, times: IncidentTimes, resourceCount: number, tz: string): string => {
  const inc = input.incident
  const head = `${inc.priority} ${inc.severity} incident for ${input.client.name} (${input.client.tier}): ${inc.title}.`
  const detect = times.ttd !== null ? ` (${formatDuration(times.ttd)} after the first event)` : ''
  const ack = times.tta !== null ? `acknowledged after ${formatDuration(times.tta)}${times.firstAckBy ? ` by ${times.firstAckBy}` : ''}` : 'never acknowledged'
  const by = times.automated ? ' automatically' : times.resolvedBy && times.resolvedBy !== 'system' ? ` by ${times.resolvedBy}` : ''
  const end = times.ttr !== null ? `resolved after ${formatDuration(times.ttr)}${by}` : inc.mergedInto ? `merged into ${inc.mergedInto}` : `still ${inc.status}`
  const life = `Opened ${formatTime(inc.openedAt, tz)}${detect}, ${ack}, ${end}.`
  const scope = `${plural(input.alerts.length, 'alert')} on ${plural(resourceCount, 'resource')}${times.escalated ? `, escalated to level ${times.escalations}` : ''}.`
  return `${head} ${life} ${scope}`
}

export const buildIncidentReport = (input: IncidentReportInput): ReportModel => {
  const inc = input.incident
  const tz = input.client.timeZone ?? 'UTC'
  const onset = input.onsetAt ?? estimateOnset(inc.openedAt, input.alerts)
  const times = incidentTimes(inc, input.timeline, onset)
  const resources = new Set(input.alerts.map((a) => a.resource).filter((r): r is string => !!r))
  const pb = inc.priorityBreakdown
  const deliveries = input.deliveries ?? []
  const problem = input.problem
    ? { id: input.problem.id, key: input.problem.key, reason: input.problem.reason, clients: input.problem.clients }
    : inc.problemId
      ? { id: inc.problemId }
      : null
  return {
    kind: 'incident-report',
    version: REPORT_VERSION,
    generatedAt: input.generatedAt,
    summary: {
      id: inc.id,
      title: inc.title,
      status: inc.status,
      severity: inc.severity,
      priority: inc.priority,
      owner: inc.owner,
      escalationLevel: inc.escalationLevel,
      alertCount: input.alerts.length || inc.alertCount,
      firingCount: input.alerts.filter((a) => a.status === 'firing' && a.severity !== 'ok').length,
      resourceCount: resources.size,
      service: inc.service,
      resource: inc.resource,
      rule: inc.rule,
      flags: inc.flags,
      problem,
      mergedInto: inc.mergedInto,
      openedAt: inc.openedAt,
      closedAt: inc.closedAt,
      text: summaryText(input, times, resources.size, tz),
    },
    client: { id: input.client.id, name: input.client.name, tier: input.client.tier, timeZone: tz },
    priority: {
      level: pb.priority,
      score: pb.score,
      uncapped: pb.uncapped,
      capped: pb.uncapped !== pb.priority,
      thresholds: pb.thresholds,
      components: PRIORITY_COMPONENTS.map((name) => ({ name, ...pb.components[name] })),
    },
    times,
    timeline: buildTimeline(input, times),
    alerts: [...input.alerts]
      .sort((a, b) => a.joinedAt - b.joinedAt || a.id - b.id)
      .map((a) => ({
        id: a.id,
        rule: a.rule,
        resource: a.resource,
        service: a.service,
        severity: a.severity,
        status: a.status,
        count: a.count,
        firstSeen: a.firstSeen,
        lastSeen: a.lastSeen,
        resolvedAt: a.resolvedAt,
        role: a.role,
        joinRule: a.joinRule,
        joinReason: a.joinReason,
        joinedAt: a.joinedAt,
        summary: a.summary,
        source: a.source,
      })),
    notifications: {
      sent: deliveries.filter((d) => d.status === 'sent').length,
      failed: deliveries.filter((d) => d.status === 'failed').length,
      other: deliveries.filter((d) => d.status !== 'sent' && d.status !== 'failed').length,
    },
    cause: inc.cause,
    solution: inc.solution,
    tags: inc.tags,
  }
}
