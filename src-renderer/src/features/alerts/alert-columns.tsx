import { createColumnHelper, type ColumnDef, type SortingState } from '@tanstack/react-table'
import type { Alert } from '@shared/model/alert'
import { severityRank } from '@shared/model/severity'
import { SeverityBadge } from '../../components/severity-badge'
import { fullTime, relativeTime } from '../../lib/time'
import { resourceOf } from '../../store/selectors'

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
 * `sortAlerts`. Severity sorts by rank, so ascending = worst first.
 */
export const SORT_KEYS = {
  severity: (a: Alert) => severityRank(a.severity),
  client: (a: Alert) => a.client,
  summary: (a: Alert) => a.summary,
  resource: resourceOf,
  count: (a: Alert) => a.count,
  firstSeen: (a: Alert) => a.firstSeen,
  lastSeen: (a: Alert) => a.lastSeen,
  status: (a: Alert) => a.status,
} satisfies Record<string, (a: Alert) => string | number>
export type SortKey = keyof typeof SORT_KEYS

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

/**
 * Sort the whole (filtered) list by the operator's column; empty sorting keeps the store's order (worst
 * first, newest problem first), which is also the tie-break because Array#sort is stable. Keys are computed
 * once per alert, not once per comparison.
 */
export const sortAlerts = (list: Alert[], sorting: SortingState): Alert[] => {
  const s = sorting[0]
  const key = s && SORT_KEYS[s.id as SortKey]
  if (!key) return list
  const dir = s.desc ? -1 : 1
  const keyed = list.map((a) => ({ a, k: key(a) }))
  keyed.sort((x, y) => dir * (typeof x.k === 'number' && typeof y.k === 'number' ? x.k - y.k : collator.compare(String(x.k), String(y.k))))
  return keyed.map((e) => e.a)
}

const col = createColumnHelper<Alert>()

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
export const alertColumns = (): ColumnDef<Alert, any>[] => [
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
