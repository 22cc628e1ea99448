import { createColumnHelper, type ColumnDef, type SortingState } from '@tanstack/react-table'
import { severityRank } from '@shared/model/severity'
import { SeverityBadge } from '../../components/severity-badge'
import { fullTime, relativeTime } from '../../lib/time'
import type { AlertRow } from '../../store/alert-row'
import { sortIdsByKey } from '../../store/sort-by-key'

declare module '@tanstack/react-table' {
  interface TableMeta<TData> {
    /** Current time from the shared 10 s ticker, so "3m ago" cells advance together. */
    now: number
  }
  interface ColumnMeta<TData, TValue> {
    /** CSS class for the cells of this column (alignment, width behaviour). */
    className?: string
  }
}

/**
 * What each sortable column sorts by — the one definition used both as the column's accessor and by
 * `sortAlertIds`. Severity sorts by rank, so ascending = worst first.
 */
export const SORT_KEYS = {
  severity: (a: AlertRow) => severityRank(a.severity),
  client: (a: AlertRow) => a.client,
  summary: (a: AlertRow) => a.summary,
  resource: (a: AlertRow) => a.resource,
  count: (a: AlertRow) => a.count,
  firstSeen: (a: AlertRow) => a.firstSeen,
  lastSeen: (a: AlertRow) => a.lastSeen,
  status: (a: AlertRow) => a.status,
} satisfies Record<string, (a: AlertRow) => string | number>
export type SortKey = keyof typeof SORT_KEYS

/**
 * The (filtered) ids in the operator's column order; empty sorting keeps the store's order (worst first, newest
 * problem first), which is also the tie-break.
 */
export const sortAlertIds = (ids: readonly number[], byId: Record<number, AlertRow>, sorting: SortingState): readonly number[] => {
  const s = sorting[0]
  const key = s && SORT_KEYS[s.id as SortKey]
  if (!key) return ids
  return sortIdsByKey(ids, (id) => byId[id], key, s.desc)
}

const col = createColumnHelper<AlertRow>()

const When = ({ ts, now }: { ts: number; now: number }) => (
  <time dateTime={new Date(ts).toISOString()} title={fullTime(ts)}>
    {relativeTime(ts, now)}
  </time>
)

/** Text cut by its column keeps the whole of it in a tooltip (title is an attribute: still text, never markup). */
const Clipped = ({ text }: { text: string }) =>
  text ? <span title={text}>{text}</span> : <span className="none" aria-label="none">—</span>

const nowOf = (meta: { now: number } | undefined) => meta?.now ?? Date.now()

/**
 * The alert table's columns. Built once (callers wrap in useMemo). Every cell renders text through React,
 * so whatever a source put in a summary is shown, never interpreted.
 */
// `any` value type: the accessors return different types, which TanStack's column arrays model this way.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const alertColumns = (): ColumnDef<AlertRow, any>[] => [
  col.accessor(SORT_KEYS.severity, {
    id: 'severity',
    header: 'Severity',
    cell: (c) => <SeverityBadge severity={c.row.original.severity} />,
    sortDescFirst: false, // first click: worst first
    meta: { className: 'c-severity' },
  }),
  col.accessor(SORT_KEYS.client, { id: 'client', header: 'Client', cell: (c) => <Clipped text={c.getValue()} />, meta: { className: 'c-client' } }),
  col.accessor(SORT_KEYS.summary, { id: 'summary', header: 'Summary', cell: (c) => <Clipped text={c.getValue()} />, meta: { className: 'c-summary' } }),
  col.accessor(SORT_KEYS.resource, { id: 'resource', header: 'Resource', cell: (c) => <Clipped text={c.getValue()} />, meta: { className: 'c-resource' } }),
  col.accessor(SORT_KEYS.count, { id: 'count', header: 'Count', sortDescFirst: true, meta: { className: 'c-num' } }),
  col.accessor(SORT_KEYS.firstSeen, {
    id: 'firstSeen',
    header: 'First seen',
    sortDescFirst: true,
    cell: (c) => <When ts={c.getValue()} now={nowOf(c.table.options.meta)} />,
    meta: { className: 'c-time' },
  }),
  col.accessor(SORT_KEYS.lastSeen, {
    id: 'lastSeen',
    header: 'Last seen',
    sortDescFirst: true,
    cell: (c) => <When ts={c.getValue()} now={nowOf(c.table.options.meta)} />,
    meta: { className: 'c-time' },
  }),
  col.accessor(SORT_KEYS.status, {
    id: 'status',
    header: 'Status',
    cell: (c) => <span className={`status status-${c.getValue()}`}>{c.getValue() === 'firing' ? 'Firing' : 'Resolved'}</span>,
    meta: { className: 'c-status' },
  }),
]

/** Widths and what goes first when the table is narrow (components/column-fit.ts): severity and summary never. */
export const ALERT_COLUMN_SPECS = [
  { id: 'severity', track: '128px', min: 128, priority: 1 },
  { id: 'client', track: 'minmax(120px, 1fr)', min: 120, priority: 2 },
  { id: 'summary', track: 'minmax(280px, 3fr)', min: 280, priority: 1 },
  { id: 'resource', track: 'minmax(150px, 1.4fr)', min: 150, priority: 4 },
  { id: 'count', track: '96px', min: 96, priority: 5 },
  { id: 'firstSeen', track: '120px', min: 120, priority: 6 },
  { id: 'lastSeen', track: '120px', min: 120, priority: 3 },
  { id: 'status', track: '108px', min: 108, priority: 3 },
] as const
