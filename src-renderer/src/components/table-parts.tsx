import { flexRender, type Header, type Row } from '@tanstack/react-table'

/** A header cell that sorts on click and says its direction to screen readers (`aria-sort`) and eyes (▲/▼). */
export const SortableHeaderCell = <T,>({ header, sortable = true }: { header: Header<T, unknown>; sortable?: boolean }) => {
  const dir = header.column.getIsSorted()
  const label = flexRender(header.column.columnDef.header, header.getContext())
  return (
    <th className={header.column.columnDef.meta?.className} aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}>
      {sortable ? (
        <button type="button" className="sort-button" onClick={header.column.getToggleSortingHandler()}>
          {label}
          <span className="sort-mark" aria-hidden="true">
            {dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : ''}
          </span>
        </button>
      ) : (
        label
      )}
    </th>
  )
}

/** The cells of one (virtualised) row, each with its column's class. */
export const RowCells = <T,>({ row }: { row: Row<T> }) => (
  <>
    {row.getVisibleCells().map((cell) => (
      <td key={cell.id} className={cell.column.columnDef.meta?.className}>
        {flexRender(cell.column.columnDef.cell, cell.getContext())}
      </td>
    ))}
  </>
)
