import { memo, useLayoutEffect, useMemo, useRef, type CSSProperties } from 'react'
import { getCoreRowModel, useReactTable, type SortingState } from '@tanstack/react-table'
import { useVirtualizer } from '@tanstack/react-virtual'
import type { Incident } from '@shared/model/incident'
import { useColumnFit } from '../../components/column-fit'
import { RowCells, SortableHeaderCell } from '../../components/table-parts'
import { useCommand } from '../../keyboard/commands'
import { openIncident } from '../../lib/navigate'
import { useNow } from '../../lib/use-now'
import { useWidth } from '../../lib/use-width'
import type { QueueRow } from '../../store/incident-selectors'
import { stepSelection } from '../../store/selection-slice'
import { useNoc } from '../../store/store'
import { INCIDENT_COLUMN_SPECS, incidentColumns } from './incident-columns'

/** Fixed row height: the virtualizer needs no measuring and scroll anchoring is exact arithmetic. */
export const QUEUE_ROW_HEIGHT = 46

const rowDomId = (id: string) => `incident-row-${id}`

/**
 * The incident queue. Like the alert table: TanStack Virtual picks the rows on screen, TanStack Table renders
 * those and owns the header/sort state, and sorting/filtering/grouping run outside it over the whole list.
 * Rows are keyed by incident id, so a delta keeps the selection on the same incident; and when rows are
 * inserted above what the operator is reading, the scroll offset moves with them, so the rows on screen stay
 * put (at the very top, new incidents simply appear).
 */
// Memoised: a keystroke in the filter bar re-renders the view, and the table only when its rows change.
export const IncidentTable = memo(function IncidentTable({
  rows,
  sorting,
  onSortingChange,
  emptyText,
}: {
  rows: QueueRow[]
  sorting: SortingState
  onSortingChange: (s: SortingState) => void
  emptyText: string
}) {
  const selectedId = useNoc((s) => s.selectedIncidentId)
  const selectIncident = useNoc((s) => s.selectIncident)
  const marked = useNoc((s) => s.marked)
  const markedSet = useMemo(() => new Set(marked), [marked])
  const now = useNow(1000)
  const columns = useMemo(incidentColumns, [])

  const scrollRef = useRef<HTMLDivElement>(null)
  const fit = useColumnFit(INCIDENT_COLUMN_SPECS, useWidth(scrollRef, 1400))
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => QUEUE_ROW_HEIGHT,
    // No getItemKey: fixed row height needs no measurement identity (see alert-table.tsx).
    overscan: 12,
  })

  // Scroll anchoring: remember the first row on screen; after new rows land above it, keep it where it was.
  const anchor = useRef<{ key: string; offset: number } | null>(null)
  useLayoutEffect(() => {
    const el = scrollRef.current
    const a = anchor.current
    if (el && a && el.scrollTop > 0) {
      const at = rows.findIndex((r) => r.key === a.key)
      if (at >= 0) {
        const want = at * QUEUE_ROW_HEIGHT + a.offset
        if (Math.abs(want - el.scrollTop) >= 1) el.scrollTop = want
      }
    }
  }, [rows])
  const onScroll = () => {
    const el = scrollRef.current
    if (!el) return
    const first = Math.floor(el.scrollTop / QUEUE_ROW_HEIGHT)
    const key = rows[first]?.key
    anchor.current = key ? { key, offset: el.scrollTop - first * QUEUE_ROW_HEIGHT } : null
  }

  const items = virtualizer.getVirtualItems()
  const first = items[0]?.index ?? 0
  const last = items.length ? items[items.length - 1].index : -1
  const windowIncidents = useMemo(
    () => rows.slice(first, last + 1).flatMap((r) => (r.type === 'incident' ? [r.incident] : [])),
    [rows, first, last],
  )

  const table = useReactTable<Incident>({
    data: windowIncidents,
    columns,
    state: { sorting, columnVisibility: fit.visibility },
    onSortingChange: (u) => onSortingChange(typeof u === 'function' ? u(sorting) : u),
    manualSorting: true,
    enableMultiSort: false,
    getRowId: (i) => i.id,
    getCoreRowModel: getCoreRowModel(),
    meta: { now, marked: markedSet },
  })

  // Movement follows the rows as displayed (sorted, grouped), read at key time; group headers are skipped.
  const rowsRef = useRef(rows)
  rowsRef.current = rows
  const ids = () => rowsRef.current.flatMap((r) => (r.type === 'incident' ? [r.incident.id] : []))
  const move = (step: number | 'first' | 'last') => {
    const list = ids()
    const sel = selectedRef.current
    const next = step === 'first' ? (list[0] ?? null) : step === 'last' ? (list[list.length - 1] ?? null) : stepSelection(list, sel, step)
    if (next === null) return
    selectIncident(next)
    virtualizer.scrollToIndex(rowsRef.current.findIndex((r) => r.key === next), { align: 'auto' })
  }
  const selectedRef = useRef(selectedId)
  selectedRef.current = selectedId
  useCommand('list.next', () => move(1))
  useCommand('list.prev', () => move(-1))
  useCommand('list.first', () => move('first'))
  useCommand('list.last', () => move('last'))
  // Enter: the selected incident; with nothing selected (a fresh load) the top row — the one that needs someone
  // first — rather than a key press that only selects it.
  useCommand('list.open', () => {
    const list = ids()
    const sel = selectedRef.current
    const id = sel && list.includes(sel) ? sel : list[0]
    if (id) openIncident(id)
  })

  const selectedVisible = selectedId !== null && rows.some((r) => r.key === selectedId)
  const headerGroup = table.getHeaderGroups()[0]

  return (
    <div className="queue-scroller" ref={scrollRef} onScroll={onScroll}>
      <table
        className="queue-table"
        role="grid"
        aria-label="Incidents"
        aria-rowcount={rows.length + 1}
        aria-activedescendant={selectedVisible && selectedId ? rowDomId(selectedId) : undefined}
        tabIndex={0}
        data-hidden-columns={fit.hidden.join(' ')}
        style={{ '--queue-cols': fit.template } as CSSProperties}
      >
        <thead>
          <tr className="queue-row head" aria-rowindex={1}>
            {headerGroup.headers.map((h) => (
              <SortableHeaderCell key={h.id} header={h} sortable={h.column.getCanSort() && h.id !== 'mark'} />
            ))}
          </tr>
        </thead>
        <tbody style={{ height: virtualizer.getTotalSize() }}>
          {items.map((vi) => {
            const r = rows[vi.index]
            if (!r) return null
            const style = { transform: `translateY(${vi.start}px)` }
            if (r.type === 'group') {
              return (
                <tr key={r.key} className="queue-row group-row" data-group={r.client} aria-rowindex={vi.index + 2} style={style}>
                  <td colSpan={columns.length - fit.hidden.length}>
                    <span className="group-name">{r.client}</span>
                    <span className="group-stats">
                      {r.count} incident{r.count === 1 ? '' : 's'}
                      {r.p1 > 0 && <span className="prio prio-P1">P1 ×{r.p1}</span>}
                      {r.p2 > 0 && <span className="prio prio-P2">P2 ×{r.p2}</span>}
                      {r.open > 0 && <span className="group-open">{r.open} not acknowledged</span>}
                    </span>
                  </td>
                </tr>
              )
            }
            const row = table.getRow(r.incident.id, true)
            if (!row) return null
            const i = r.incident
            const selected = i.id === selectedId
            const isMarked = markedSet.has(i.id)
            return (
              <tr
                key={r.key}
                id={rowDomId(i.id)}
                className={`queue-row inc-row${selected ? ' selected' : ''}${isMarked ? ' marked' : ''} st-${i.status}`}
                data-incident-id={i.id}
                data-priority={i.priority}
                data-status={i.status}
                data-severity={i.severity}
                aria-rowindex={vi.index + 2}
                aria-selected={selected}
                style={style}
                onClick={() => selectIncident(i.id)}
                onDoubleClick={() => openIncident(i.id)}
              >
                <RowCells row={row} />
              </tr>
            )
          })}
        </tbody>
      </table>
      {rows.length === 0 && <p className="empty">{emptyText}</p>}
    </div>
  )
})
