/** The incident report laid out as a document (see doc.ts); md/html/pdf print this. */
import { DocBuilder, iso, toneOf, type Doc, type Tone } from './doc'
import { formatClock, formatDate, formatDuration, formatOffset, formatTime, plural } from './format'
import type { ReportModel, ReportTimelineEntry } from './incident-report'

const COMPONENT_LABELS: Record<string, string> = {
  tier: 'Client tier',
  serviceCriticality: 'Service criticality',
  severity: 'Severity',
  businessHours: 'Business hours',
  affectedResources: 'Affected resources',
  blastRadius: 'Blast radius',
}

const KIND_TONES: Partial<Record<ReportTimelineEntry['kind'], Tone>> = {
  'first-event': 'warning',
  opened: 'major',
  worsened: 'critical',
  escalate: 'major',
  ack: 'info',
  resolve: 'ok',
  close: 'ok',
  reopen: 'major',
  'alert-resolved': 'ok',
  'alert-refired': 'major',
}

const entryTone = (e: ReportTimelineEntry): Tone | undefined =>
  e.kind === 'notification' ? (e.status === 'failed' ? 'critical' : undefined) : KIND_TONES[e.kind]

export const incidentReportDoc = (m: ReportModel): Doc => {
  const tz = m.client.timeZone
  const s = m.summary
  const t = m.times
  const d = new DocBuilder()

  d.badges([
    { label: s.priority, tone: toneOf(s.priority) },
    { label: s.severity, tone: toneOf(s.severity) },
    { label: s.status, tone: s.status === 'resolved' || s.status === 'closed' ? 'ok' : 'neutral' },
    ...s.flags.map((f) => ({ label: f, tone: 'neutral' as Tone })),
  ])
  d.paragraph(s.text)

  d.heading('Overview')
  d.facts([
    { label: 'Client', value: `${iso(m.client.name)} (${iso(m.client.id)}), tier ${m.client.tier}` },
    { label: 'Status', value: s.status },
    { label: 'Priority', value: `${s.priority} (score ${m.priority.score})`, tone: toneOf(s.priority) },
    { label: 'Severity', value: s.severity, tone: toneOf(s.severity) },
    { label: 'Owner', value: s.owner ?? 'unassigned' },
    { label: 'Escalation level', value: String(s.escalationLevel) },
    { label: 'Scope', value: [s.service && `service ${iso(s.service)}`, s.resource && `resource ${iso(s.resource)}`, `rule ${iso(s.rule)}`].filter(Boolean).join(', ') },
    { label: 'Alerts', value: `${s.alertCount} (${s.firingCount} firing) on ${plural(s.resourceCount, 'resource')}` },
    s.problem && { label: 'Problem', value: 'key' in s.problem ? `${s.problem.id}: ${s.problem.reason} (clients: ${s.problem.clients.join(', ')})` : s.problem.id },
    s.mergedInto !== null && { label: 'Merged into', value: s.mergedInto },
    { label: 'Opened', value: formatTime(s.openedAt, tz) },
    { label: 'Acknowledged', value: t.firstAckAt !== null ? `${formatTime(t.firstAckAt, tz)}${t.firstAckBy ? ` by ${t.firstAckBy}` : ''}` : 'never' },
    { label: 'Resolved', value: t.resolvedAt !== null ? `${formatTime(t.resolvedAt, tz)}${t.automated ? ' (automatically)' : t.resolvedBy && t.resolvedBy !== 'system' ? ` by ${t.resolvedBy}` : ''}` : 'not resolved' },
    s.closedAt !== null && { label: 'Closed', value: formatTime(s.closedAt, tz) },
  ])

  d.heading('Response times')
  d.facts([
    { label: 'Time to detect', value: t.ttd !== null ? `${formatDuration(t.ttd)} (first event ${formatTime(t.onsetAt, tz)})` : 'unknown (no first-event time)' },
    { label: 'Time to acknowledge', value: t.tta !== null ? formatDuration(t.tta) : 'not acknowledged' },
    { label: 'Time to resolve', value: t.ttr !== null ? formatDuration(t.ttr) : 'not resolved' },
    { label: 'Escalations', value: String(t.escalations) },
  ])

  d.heading('Priority breakdown')
  d.table(
    [
      { title: 'Component', width: 3 },
      { title: 'Value', width: 2 },
      { title: 'Points', width: 1.3, align: 'right' },
      { title: 'Note', width: 6 },
    ],
    m.priority.components.map((c) => [COMPONENT_LABELS[c.name] ?? c.name, String(c.value), `${c.points} / ${c.max}`, c.note]),
  )
  const th = m.priority.thresholds
  d.paragraph(
    `Score ${m.priority.score} → ${m.priority.uncapped} (thresholds P1 ≥ ${th.P1}, P2 ≥ ${th.P2}, P3 ≥ ${th.P3})` +
      (m.priority.capped ? `, capped to ${m.priority.level} by the severity cap.` : '.'),
    true,
  )

  d.heading(`Timeline (${m.timeline.length})`)
  let lastDate = ''
  d.table(
    [
      { title: 'Time', width: 2.2 },
      { title: 'Since open', width: 1.8, align: 'right' },
      { title: 'Who', width: 1.8 },
      { title: 'Event', width: 1.9 },
      { title: 'Details', width: 7 },
    ],
    m.timeline.map((e) => {
      // The date only where it changes: most incidents live within a day, and the column stays readable.
      const date = formatDate(e.at, tz)
      const time = date === lastDate ? formatClock(e.at, tz) : `${date} ${formatClock(e.at, tz)}`
      lastDate = date
      const tone = entryTone(e)
      return [time, formatOffset(e.offsetMs), e.actor, tone ? { text: e.kind, tone } : e.kind, e.text]
    }),
    'no entries',
  )
  d.paragraph(`Times in ${tz}.`, true)

  d.heading(`Alerts (${m.alerts.length})`)
  d.table(
    [
      { title: 'Alert', width: 5 },
      { title: 'Severity', width: 1.6 },
      { title: 'Status', width: 1.5 },
      { title: 'Count', width: 1.1, align: 'right' },
      { title: 'First / last seen', width: 3 },
      { title: 'Role and reason', width: 5 },
    ],
    m.alerts.map((a) => [
      `${iso(a.rule)}${a.resource ? ` on ${iso(a.resource)}` : ''}${a.summary ? ` — ${iso(a.summary)}` : ''}`,
      { text: a.severity, tone: toneOf(a.severity) },
      a.status,
      String(a.count),
      `${formatTime(a.firstSeen, tz, false)} / ${formatTime(a.lastSeen, tz, false)}`,
      `${a.role}: ${a.joinReason}`,
    ]),
    'no alerts',
  )

  const n = m.notifications
  if (n.sent + n.failed + n.other > 0) d.paragraph(`Notifications: ${n.sent} sent, ${n.failed} failed, ${n.other} other.`, true)

  d.heading('Cause')
  d.paragraph(m.cause ?? 'not recorded', !m.cause)
  d.heading('Solution')
  d.paragraph(m.solution ?? 'not recorded', !m.solution)
  d.heading('Tags')
  d.paragraph(m.tags.length ? m.tags.join(', ') : 'none', !m.tags.length)

  const generated = formatTime(m.generatedAt, tz)
  return d.build(`${s.id}: ${iso(s.title)}`, `Incident report · ${iso(m.client.name)} · generated ${generated}`, `${s.id} · ${iso(m.client.name)} · generated ${generated}`)
}
