import { memo, useMemo, useRef, useState, type CSSProperties } from 'react'
import { getCoreRowModel, useReactTable, type SortingState } from '@tanstack/react-table'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useColumnFit } from '../../components/column-fit'
import { RowCells, SortableHeaderCell } from '../../components/table-parts'
import { useCommand } from '../../keyboard/commands'
import { useNow } from '../../lib/use-now'
import { useWidth } from '../../lib/use-width'
import { stepSelection } from '../../store/selection-slice'
import { useNoc } from '../../store/store'
import { ALERT_COLUMN_SPECS, alertColumns, sortAlertIds } from './alert-columns'
import { openAlertIncident } from './open-alert-incident'

/** Fixed row height: the virtualizer needs no measuring and scroll position is exact across updates. */
const ROW_HEIGHT = 44

const rowDomId = (id: number) => `alert-row-${id}`

/**
 * The live alert table. TanStack Virtual picks the ~40 rows on screen; TanStack Table renders those rows and
 * owns the header/sorting state. We sort the full list ourselves (`manualSorting`) and hand the table only the
 * visible window, because building TanStack's row model for every row on every delta costs ~25 µs a row
 * (a quarter second at 10 k alerts, ten times a second). Rows are keyed by alert id (getRowId), so a delta
 * keeps the operator's selection on the same alert and the scroll offset where it was. Columns that do not fit
 * the width are left out, least important first (severity and summary always stay).
 */
// Memoised: a keystroke in the filter bar re-renders the view, and the table only when its rows change.
export const AlertTable = memo(function AlertTable({ ids, emptyText }: { ids: readonly number[]; emptyText: string }) {
  const selectedId = useNoc((s) => s.selectedAlertId)
  const selectAlert = useNoc((s) => s.selectAlert)
  const now = useNow(10_000)
  const columns = useMemo(alertColumns, [])
  // Empty sorting = the store's order: worst severity first, newest problem first.
  const [sorting, setSorting] = useState<SortingState>([])
  // Rows are ids (the store's own list when unfiltered); alerts are looked up only for the rows on screen.
  const alertsById = useNoc((s) => s.alertsById)
  const alertsVersion = useNoc((s) => s.alertsVersion)
  const sorted = useMemo(
    () => sortAlertIds(ids, alertsById, sorting),
    [ids, sorting, alertsById, sorting.length ? alertsVersion : 0], // eslint-disable-line react-hooks/exhaustive-deps
  )

  const scrollRef = useRef<HTMLDivElement>(null)
  const fit = useColumnFit(ALERT_COLUMN_SPECS, useWidth(scrollRef, 1200))
  const virtualizer = useVirtualizer({
    count: sorted.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    // No getItemKey: rows have one fixed height, so the measurement cache needs no identity, and a new key
    // function on every render would make the virtualizer re-key all 100 k items each time.
    overscan: 12,
  })
  const items = virtualizer.getVirtualItems()
  const first = items[0]?.index ?? 0
  const windowRows = useMemo(
    () => (items.length ? sorted.slice(first, items[items.length - 1].index + 1).flatMap((id) => alertsById[id] ?? []) : []),
    // The window is identified by its bounds, the list it cuts from, and the alerts' version (updated in place).
    [sorted, first, items.length, alertsById, alertsVersion], // eslint-disable-line react-hooks/exhaustive-deps
  )

  const table = useReactTable({
    data: windowRows,
    columns,
    state: { sorting, columnVisibility: fit.visibility },
    onSortingChange: setSorting,
    manualSorting: true,
    enableMultiSort: false,
    getRowId: (a) => String(a.id),
    getCoreRowModel: getCoreRowModel(),
    meta: { now },
  })
  const rows = table.getRowModel().rows

  // Keyboard movement follows the rows as displayed (after the operator's sort), read at key time.
  const sortedRef = useRef(sorted)
  sortedRef.current = sorted
  const selectedRef = useRef(selectedId)
  selectedRef.current = selectedId
  const move = (step: number | 'first' | 'last') => {
    const list = sortedRef.current
    const next =
      step === 'first' ? (list[0] ?? null) : step === 'last' ? (list[list.length - 1] ?? null) : stepSelection(list, selectedRef.current, step)
    if (next === null) return
    selectAlert(next)
    virtualizer.scrollToIndex(list.indexOf(next), { align: 'auto' })
  }
  useCommand('list.next', () => move(1))
  useCommand('list.prev', () => move(-1))
  useCommand('list.first', () => move('first'))
  useCommand('list.last', () => move('last'))
  // Enter: the selected alert's incident; with nothing selected, the top row's (what the operator is looking at).
  useCommand('list.open', () => {
    const list = sortedRef.current
    const sel = selectedRef.current
    const id = sel !== null && list.includes(sel) ? sel : (list[0] ?? null)
    if (id === null) return
    selectAlert(id)
    void openAlertIncident(id)
  })

  const selectedVisible = useMemo(() => selectedId !== null && sorted.includes(selectedId), [sorted, selectedId])
  const headerGroup = table.getHeaderGroups()[0]

  return (
    <div className="alert-scroller" ref={scrollRef}>
      <table
        className="alert-table"
        role="grid"
        aria-label="Alerts"
        aria-rowcount={sorted.length + 1}
        aria-activedescendant={selectedVisible && selectedId !== null ? rowDomId(selectedId) : undefined}
        tabIndex={0}
        data-hidden-columns={fit.hidden.join(' ')}
        style={{ '--alert-cols': fit.template } as CSSProperties}
      >
        <thead>
          <tr className="alert-row head" aria-rowindex={1}>
            {headerGroup.headers.map((h) => (
              <SortableHeaderCell key={h.id} header={h} />
            ))}
          </tr>
        </thead>
        <tbody style={{ height: virtualizer.getTotalSize() }}>
          {items.map((vi, i) => {
            const row = rows[i]
            if (!row) return null
            const a = row.original
            const selected = a.id === selectedId
            return (
              <tr
                key={row.id}
                id={rowDomId(a.id)}
                className={`alert-row${selected ? ' selected' : ''}${a.status === 'resolved' ? ' resolved' : ''}`}
                data-alert-id={a.id}
                data-severity={a.severity}
                data-status={a.status}
                aria-rowindex={vi.index + 2}
                aria-selected={selected}
                style={{ transform: `translateY(${vi.start}px)` }}
                onClick={() => selectAlert(a.id)}
                onDoubleClick={() => void openAlertIncident(a.id)}
              >
                <RowCells row={row} />
              </tr>
            )
          })}
        </tbody>
      </table>
      {sorted.length === 0 && <p className="empty">{emptyText}</p>}
    </div>
  )
})
