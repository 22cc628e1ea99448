/** The client period report as a document (md/html/pdf) and as CSV (one row per incident opened in the period). */
import { chartRows, formatMinutes, tickLabel } from '@shared/lib/metrics-chart'
import type { Priority } from '@shared/model/severity'
import { buildChart, MINUTE_STEPS } from './chart'
import type { ClientPeriodReport, SlaState, Stat } from './client-period'
import { toCsv, type CsvOptions } from './csv'
import { DocBuilder, iso, toneOf, type Doc } from './doc'
import { formatDuration, formatPct, formatTime, isoTime, plural } from './format'

const statText = (s: Stat): string =>
  s.n ? `${formatDuration(s.meanMs)} (median ${formatDuration(s.medianMs)}, ${plural(s.n, 'incident')})` : '— (no incidents)'

const slaMin = (min: number): string => (min % 60 === 0 ? `${min / 60} h` : `${min} min`)

const slaCell = (s: SlaState): string => (s === 'n/a' ? '' : s)

/** Print colours (the console's chart colours are for a dark background). */
const CHART_COLORS = { mtta: '#0277bd', mttr: '#e65100', events: '#90a4ae', incidents: '#c62828' }

/** MTTA/MTTR trend and events vs incidents, one point per local day: the console's metrics series. */
const periodCharts = (d: DocBuilder, m: ClientPeriodReport): void => {
  const rows = chartRows(m.series)
  const xLabels = rows.map((r) => tickLabel(r.t, 'day', m.client.timeZone))
  const count = (v: number) => v.toLocaleString('en')
  d.heading('Trends')
  d.chart(
    buildChart({
      title: 'Response times',
      note: 'daily mean: MTTA by first acknowledgement, MTTR by final resolution',
      xLabels,
      series: [
        { name: 'MTTA', kind: 'line', axis: 'left', color: CHART_COLORS.mtta, values: rows.map((r) => r.mtta) },
        { name: 'MTTR', kind: 'line', axis: 'left', color: CHART_COLORS.mttr, values: rows.map((r) => r.mttr) },
      ],
      left: { title: 'minutes', format: formatMinutes, steps: MINUTE_STEPS },
    }),
  )
  d.chart(
    buildChart({
      title: 'Events vs incidents',
      note: 'events received per day (bars, left) and incidents opened (line, right)',
      xLabels,
      series: [
        { name: 'Events', kind: 'bar', axis: 'left', color: CHART_COLORS.events, values: rows.map((r) => r.events) },
        { name: 'Incidents', kind: 'line', axis: 'right', color: CHART_COLORS.incidents, values: rows.map((r) => r.incidents) },
      ],
      left: { title: 'events', format: count, integer: true },
      right: { title: 'incidents', format: count, integer: true },
    }),
  )
}

export const clientPeriodDoc = (m: ClientPeriodReport): Doc => {
  const tz = m.client.timeZone
  const d = new DocBuilder()
  const p = m.period

  d.facts([
    { label: 'Client', value: `${iso(m.client.name)} (${iso(m.client.id)}), tier ${m.client.tier}` },
    { label: 'Period', value: `${p.label}: ${formatTime(p.from, tz)} to ${formatTime(p.to, tz)} (end exclusive)` },
  ])

  d.heading('Summary')
  d.facts([
    { label: 'Incidents opened', value: `${m.incidents.opened}${m.incidents.mergedAway ? ` (plus ${m.incidents.mergedAway} merged into others)` : ''}` },
    { label: 'MTTA', value: statText(m.mtta) },
    { label: 'MTTR', value: statText(m.mttr) },
    { label: 'MTTD', value: m.mttd.n ? statText(m.mttd) : '— (no first-event times)' },
    {
      label: 'Ack SLA breaches',
      value: `${m.sla.breaches} of ${m.sla.evaluated} (${formatPct(m.sla.rate)})${m.sla.pending ? `, ${m.sla.pending} pending` : ''}`,
      tone: m.sla.breaches ? 'critical' : undefined,
    },
    { label: 'Escalation rate', value: `${formatPct(m.escalation.rate)} (${m.escalation.escalated} of ${m.escalation.opened})` },
    { label: 'Automation rate', value: `${formatPct(m.automation.rate)} (${m.automation.automated} of ${m.automation.resolved} resolved without operator action)` },
    {
      label: 'Noise reduction',
      value: `${m.noise.events} events${m.noise.alerts !== null ? ` → ${m.noise.alerts} alerts` : ''} → ${m.noise.incidents} incidents (${formatPct(m.noise.reduction)} fewer items to handle)`,
    },
  ])

  periodCharts(d, m)

  d.heading('Incidents by priority')
  d.table(
    [
      { title: 'Priority', width: 1.3 },
      { title: 'Opened', width: 1.2, align: 'right' },
      { title: 'MTTA', width: 1.8, align: 'right' },
      { title: 'MTTR', width: 1.8, align: 'right' },
      { title: 'Ack SLA', width: 1.4, align: 'right' },
      { title: 'Breaches', width: 1.3, align: 'right' },
    ],
    m.byPriority.map((r) => [
      { text: r.priority, tone: toneOf(r.priority) },
      String(r.opened),
      formatDuration(r.mtta.meanMs),
      formatDuration(r.mttr.meanMs),
      slaMin(r.ackSlaMin),
      String(r.ackBreaches),
    ]),
  )
  d.paragraph(
    `By status now: ${Object.entries(m.incidents.byStatus)
      .map(([s, n]) => `${n} ${s}`)
      .join(', ')}.`,
    true,
  )

  const breached = m.rows.filter((r) => r.ackSla === 'breached')
  d.heading(`SLA breaches (${breached.length})`)
  d.table(
    [
      { title: 'Incident', width: 1.6 },
      { title: 'Priority', width: 1 },
      { title: 'Opened', width: 2.6 },
      { title: 'Ack SLA', width: 1.2, align: 'right' },
      { title: 'Acknowledged after', width: 1.8, align: 'right' },
      { title: 'Title', width: 4 },
    ],
    breached.map((r) => [
      r.id,
      { text: r.priority, tone: toneOf(r.priority) },
      formatTime(r.openedAt, tz, false),
      slaMin(r.ackSlaMin),
      r.ttaMs !== null ? formatDuration(r.ttaMs) : 'not acknowledged',
      r.title,
    ]),
    'no breaches',
  )

  const noiseTable = (title: string, rows: ClientPeriodReport['noisyRules']) => {
    d.heading(title)
    d.table(
      [
        { title: 'Name', width: 5 },
        { title: 'Events', width: 1.2, align: 'right' },
        { title: 'Alerts', width: 1.2, align: 'right' },
        { title: 'Incidents', width: 1.3, align: 'right' },
      ],
      rows.map((r) => [r.key, String(r.events), r.alerts === null ? '—' : String(r.alerts), String(r.incidents)]),
      'no events',
    )
  }
  noiseTable('Noisiest rules', m.noisyRules)
  noiseTable('Noisiest resources', m.noisyResources)

  d.heading(`Incidents (${m.rows.length})`)
  d.table(
    [
      { title: 'Incident', width: 1.5 },
      { title: 'P', width: 0.7 },
      { title: 'Opened', width: 2.4 },
      { title: 'TTA', width: 1.3, align: 'right' },
      { title: 'TTR', width: 1.3, align: 'right' },
      { title: 'Status', width: 1.6 },
      { title: 'Title', width: 4 },
    ],
    m.rows.map((r) => [
      r.id,
      { text: r.priority, tone: toneOf(r.priority) },
      formatTime(r.openedAt, tz, false),
      formatDuration(r.ttaMs),
      formatDuration(r.ttrMs),
      r.status + (r.ackSla === 'breached' ? ' (SLA)' : ''),
      r.title,
    ]),
    'no incidents',
  )

  d.heading('Definitions', 3)
  d.paragraph(
    'MTTA: mean time from an incident opening to its first acknowledgement, over incidents first acknowledged in the period. ' +
      'MTTR: mean time from opening to final resolution, over incidents resolved in the period. ' +
      'MTTD: mean time from the first event to the incident opening. ' +
      `Ack SLA (${(Object.entries(m.sla.ackMin) as [Priority, number][]).map(([k, v]) => `${k} ${slaMin(v)}`).join(', ')}): breached when the first acknowledgement came later, ` +
      'or never came and the incident had not resolved by the deadline. Escalation rate: share of incidents opened in the period that were escalated. ' +
      'Automation rate: share of resolved incidents that resolved on their own with no operator action. ' +
      `Times in ${tz}.`,
    true,
  )

  const generated = formatTime(m.generatedAt, tz)
  return d.build(
    `Service report: ${iso(m.client.name)}, ${p.label}`,
    `Client period report · ${p.kind} · generated ${generated}`,
    `${iso(m.client.name)} · ${p.label} · generated ${generated}`,
  )
}

export const CLIENT_PERIOD_CSV_COLUMNS = [
  'id',
  'priority',
  'severity',
  'status',
  'title',
  'opened',
  'first_acknowledged',
  'resolved',
  'tta_seconds',
  'ttr_seconds',
  'ack_sla_minutes',
  'ack_sla',
  'resolve_sla',
  'escalated',
  'automated',
] as const

const secs = (ms: number | null): number | null => (ms === null ? null : Math.round(ms / 1000))

export const clientPeriodCsv = (m: ClientPeriodReport, opts: CsvOptions = {}): string =>
  toCsv(
    CLIENT_PERIOD_CSV_COLUMNS,
    m.rows.map((r) => [
      r.id,
      r.priority,
      r.severity,
      r.status,
      r.title,
      isoTime(r.openedAt),
      isoTime(r.firstAckAt),
      isoTime(r.resolvedAt),
      secs(r.ttaMs),
      secs(r.ttrMs),
      r.ackSlaMin,
      slaCell(r.ackSla),
      slaCell(r.resolveSla),
      r.escalated ? 'yes' : 'no',
      r.automated ? 'yes' : 'no',
    ]),
    opts,
  )
