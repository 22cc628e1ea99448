import { createColumnHelper, type ColumnDef } from '@tanstack/react-table'
import type { Incident } from '@shared/model/incident'
import { ackSlaLeft } from '@shared/model/sla'
import { PriorityChip, STATUS_LABEL } from '../../components/priority-chip'
import { SeverityBadge } from '../../components/severity-badge'
import { age, countdown } from '../../lib/format'
import { fullTime } from '../../lib/time'
import { INCIDENT_SORT_KEYS } from '../../store/incident-selectors'

declare module '@tanstack/react-table' {
  interface TableMeta<TData> {
    /** Marked (bulk selection) incident ids. */
    marked?: ReadonlySet<string>
  }
}

const col = createColumnHelper<Incident>()
const nowOf = (meta: { now: number } | undefined) => meta?.now ?? Date.now()

const Clipped = ({ text }: { text: string | null }) =>
  text ? <span title={text}>{text}</span> : <span className="none" aria-label="none">—</span>

/** The SLA cell: time left to acknowledge, or how late it is; nothing once acknowledged. */
export const SlaCell = ({ incident, now }: { incident: Incident; now: number }) => {
  const left = ackSlaLeft(incident, now)
  if (left === null) return <span className="none">—</span>
  return (
    <span className={`sla-cell${left < 0 ? ' late' : left < 5 * 60_000 ? ' soon' : ''}`} title={`ack due ${fullTime(now + left)}`}>
      {left < 0 ? `late ${countdown(-left)}` : countdown(left)}
    </span>
  )
}

/**
 * The incident queue's columns. Sorting happens outside TanStack (sortIncidents) on the whole list; the
 * accessors here are the same functions, so the header's sort state and the rows agree.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const incidentColumns = (): ColumnDef<Incident, any>[] => [
  col.display({
    id: 'mark',
    header: () => <span className="sr-only">Marked</span>,
    cell: (c) => (
      <span className="mark-box" aria-hidden="true">
        {c.table.options.meta?.marked?.has(c.row.original.id) ? '✓' : ''}
      </span>
    ),
    meta: { className: 'c-mark' },
  }),
  col.accessor(INCIDENT_SORT_KEYS.priority, { id: 'priority', header: 'Prio', cell: (c) => <PriorityChip priority={c.row.original.priority} />, meta: { className: 'c-prio' } }),
  col.accessor(INCIDENT_SORT_KEYS.client, { id: 'client', header: 'Client', cell: (c) => <Clipped text={c.getValue()} />, meta: { className: 'c-client' } }),
  col.accessor(INCIDENT_SORT_KEYS.title, {
    id: 'title',
    header: 'Title',
    cell: (c) => (
      <span className="title-cell">
        <span className="inc-id">{c.row.original.id}</span>
        <Clipped text={c.getValue()} />
        {c.row.original.flags.map((f) => (
          <span key={f} className="flag">
            {f === 'flapping' ? 'flapping' : 'worse while acked'}
          </span>
        ))}
      </span>
    ),
    meta: { className: 'c-title' },
  }),
  col.accessor(INCIDENT_SORT_KEYS.severity, { id: 'severity', header: 'Severity', cell: (c) => <SeverityBadge severity={c.row.original.severity} />, meta: { className: 'c-severity' } }),
  col.accessor(INCIDENT_SORT_KEYS.status, {
    id: 'status',
    header: 'Status',
    cell: (c) => <span className={`inc-status st-${c.row.original.status}`}>{STATUS_LABEL[c.row.original.status]}</span>,
    meta: { className: 'c-status' },
  }),
  col.accessor(INCIDENT_SORT_KEYS.age, {
    id: 'age',
    header: 'Age',
    cell: (c) => (
      <time dateTime={new Date(c.row.original.openedAt).toISOString()} title={fullTime(c.row.original.openedAt)}>
        {age(nowOf(c.table.options.meta) - c.row.original.openedAt)}
      </time>
    ),
    meta: { className: 'c-time' },
  }),
  col.accessor(INCIDENT_SORT_KEYS.sla, { id: 'sla', header: 'Ack SLA', cell: (c) => <SlaCell incident={c.row.original} now={nowOf(c.table.options.meta)} />, meta: { className: 'c-sla' } }),
  col.accessor(INCIDENT_SORT_KEYS.owner, { id: 'owner', header: 'Owner', cell: (c) => <Clipped text={c.row.original.owner} />, meta: { className: 'c-owner' } }),
  col.accessor(INCIDENT_SORT_KEYS.escalation, {
    id: 'escalation',
    header: 'Esc',
    sortDescFirst: true,
    cell: (c) => (c.getValue() ? <span className="esc-level">L{c.getValue()}</span> : <span className="none">—</span>),
    meta: { className: 'c-num' },
  }),
  col.accessor(INCIDENT_SORT_KEYS.alerts, { id: 'alerts', header: 'Alerts', sortDescFirst: true, meta: { className: 'c-num' } }),
]

/**
 * Widths and what goes first when the queue is narrow (components/column-fit.ts): the mark box, priority,
 * title and status never; at 1280 px the alert count and escalation level step aside first.
 */
export const INCIDENT_COLUMN_SPECS = [
  { id: 'mark', track: '46px', min: 46, priority: 1 },
  { id: 'priority', track: '70px', min: 70, priority: 1 },
  { id: 'client', track: 'minmax(140px, 1fr)', min: 140, priority: 2 },
  { id: 'title', track: 'minmax(320px, 3.2fr)', min: 320, priority: 1 },
  { id: 'severity', track: '124px', min: 124, priority: 3 },
  { id: 'status', track: '160px', min: 160, priority: 1 },
  { id: 'age', track: '84px', min: 84, priority: 3 },
  { id: 'sla', track: '112px', min: 112, priority: 2 },
  { id: 'owner', track: 'minmax(110px, 0.8fr)', min: 110, priority: 4 },
  { id: 'escalation', track: '60px', min: 60, priority: 5 },
  { id: 'alerts', track: '76px', min: 76, priority: 6 },
] as const
