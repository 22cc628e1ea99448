import './wall.css'
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties } from 'react'
import { useCommand } from '../../keyboard/commands'
import { useNow } from '../../lib/use-now'
import { wallClients } from '../../store/selectors'
import { useNoc } from '../../store/store'
import { staleClients, stormingClients } from '../../store/wall-selectors'
import { useVirtualizer } from '@tanstack/react-virtual'
import { ClientTile, type TileMarks } from './client-tile'
import { wallGrid, wallPages } from './wall-grid'

const useElementSize = (ref: React.RefObject<HTMLElement | null>) => {
  const [size, setSize] = useState({ width: 0, height: 0 })
  useLayoutEffect(() => {
    const el = ref.current
    if (!el) return
    const measure = () => setSize({ width: el.clientWidth, height: el.clientHeight })
    measure()
    const ro = new ResizeObserver(measure)
    ro.observe(el)
    return () => ro.disconnect()
  }, [ref])
  return size
}


/**
 * Every client, by business impact, sized to fill the screen. Clicking (or Enter on) a tile opens the
 * client's incidents. In wall mode the clients that do not fit one screen at the legible minimum are split
 * into pages that rotate on their own (`rotateSec`), so nobody has to touch the display; `[` and `]` page by hand.
 */
export const ClientWall = ({ onOpenClient, wallMode }: { onOpenClient: (clientId: string) => void; wallMode: boolean }) => {
  // Two plain selects and a memo: a shallow compare of 300 tiles on every store change costs more than it saves.
  const clientOrder = useNoc((s) => s.clientOrder)
  const clientsById = useNoc((s) => s.clientsById)
  const clients = useMemo(() => wallClients({ clientOrder, clientsById }), [clientOrder, clientsById])
  const incidentsByClient = useNoc((s) => s.incidentsByClient)
  const synced = useNoc((s) => s.seq >= 0)
  const sourcesById = useNoc((s) => s.sourcesById)
  const stormsById = useNoc((s) => s.stormsById)
  const stale = useMemo(() => staleClients(sourcesById), [sourcesById])
  const storms = useMemo(() => stormingClients(stormsById), [stormsById])
  // One marks object per client while its marks stay the same, so the memoised tiles of untouched clients
  // do not re-render on every delta (a fresh object literal per render would defeat memo for all 300).
  const marksCache = useRef(new Map<string, TileMarks>())
  const marksOf = (id: string): TileMarks => {
    const st = stale.has(id)
    const storm = storms.get(id) ?? 0
    const prev = marksCache.current.get(id)
    if (prev && prev.stale === st && prev.storm === storm) return prev
    const next = { stale: st, storm }
    marksCache.current.set(id, next)
    return next
  }
  const rotateSec = useNoc((s) => s.settings.rotateSec)
  const now = useNow(1000)
  const ref = useRef<HTMLDivElement>(null)
  const { width, height } = useElementSize(ref)
  const pad = 24
  const pages = wallMode ? wallPages(clients.length, width - pad, height - pad) : 1
  const [page, setPage] = useState(0)
  const current = Math.min(page, pages - 1)
  const perPage = Math.ceil(clients.length / pages)
  const shown = pages > 1 ? clients.slice(current * perPage, (current + 1) * perPage) : clients
  const grid = wallGrid(shown.length, width - pad, height - pad)
  // Outside wall mode hundreds of clients scroll: only the rows on screen (and two either side) are rendered,
  // so a delta that reorders 300 clients re-renders ~60 tiles, not 300. Wall mode pages instead; all shown fit.
  const gap = 10
  const rowCount = Math.ceil(shown.length / grid.columns)
  const virtualizer = useVirtualizer({
    count: wallMode ? 0 : rowCount,
    getScrollElement: () => ref.current,
    estimateSize: () => grid.rowHeight + gap,
    overscan: 2,
  })
  const rows = virtualizer.getVirtualItems()
  const firstRow = wallMode ? 0 : (rows[0]?.index ?? 0)
  const lastRow = wallMode ? rowCount - 1 : (rows[rows.length - 1]?.index ?? -1)
  const visible = wallMode ? shown : shown.slice(firstRow * grid.columns, (lastRow + 1) * grid.columns)
  useLayoutEffect(() => virtualizer.measure(), [grid.rowHeight, grid.columns]) // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (pages <= 1 || rotateSec <= 0) return
    const t = setInterval(() => setPage((p) => (p + 1) % pages), rotateSec * 1000)
    return () => clearInterval(t)
  }, [pages, rotateSec])
  // Keyboard: arrows / h j k l move between tiles (focus is the selection), Enter opens the focused tile.
  const gridRef = useRef<HTMLDivElement>(null)
  const moveFocus = (step: 'left' | 'right' | 'up' | 'down') => {
    const tiles = [...(gridRef.current?.querySelectorAll<HTMLButtonElement>('button.tile') ?? [])]
    if (!tiles.length) return
    const at = tiles.indexOf(document.activeElement as HTMLButtonElement)
    const d = { left: -1, right: 1, up: -grid.columns, down: grid.columns }[step]
    const next = at < 0 ? 0 : Math.min(tiles.length - 1, Math.max(0, at + d))
    tiles[next].focus()
  }
  useCommand('list.next', () => moveFocus('down'))
  useCommand('list.prev', () => moveFocus('up'))
  useCommand('grid.left', () => moveFocus('left'))
  useCommand('grid.right', () => moveFocus('right'))
  useCommand('list.first', () => gridRef.current?.querySelector<HTMLButtonElement>('button.tile')?.focus())
  useCommand('wall.nextPage', () => setPage((p) => (Math.min(p, pages - 1) + 1) % pages), pages > 1)
  useCommand('wall.prevPage', () => setPage((p) => (Math.min(p, pages - 1) - 1 + pages) % pages), pages > 1)

  return (
    <section className={`wall${wallMode ? ' wall-mode' : ''}`} ref={ref} aria-label="Client wall" data-page={current + 1} data-pages={pages}>
      {clients.length === 0 ? (
        <p className="empty wall-empty">{synced ? 'No clients yet — tiles appear with the first event from each client.' : 'Connecting…'}</p>
      ) : (
        <div className="wall-rows" style={wallMode ? undefined : { height: virtualizer.getTotalSize() }}>
          <div
            className="wall-grid"
            ref={gridRef}
            data-first-row={firstRow}
            style={
              {
                '--wall-cols': grid.columns,
                '--wall-row': `${grid.rowHeight}px`,
                transform: wallMode ? undefined : `translateY(${rows[0]?.start ?? 0}px)`,
              } as CSSProperties
            }
          >
            {visible.map((c) => (
              <ClientTile
                key={c.id}
                client={c}
                incidents={incidentsByClient[c.id]}
                marks={marksOf(c.id)}
                // Only tiles with a countdown need the ticking clock: the rest do not re-render every second.
                now={incidentsByClient[c.id]?.nextAckDue != null ? now : 0}
                onOpen={onOpenClient}
              />
            ))}
          </div>
        </div>
      )}
      {pages > 1 && (
        <div className="wall-pages" aria-label={`Page ${current + 1} of ${pages}`}>
          {Array.from({ length: pages }, (_, n) => (
            <span key={n} className={`wall-page-dot${n === current ? ' current' : ''}`} />
          ))}
        </div>
      )}
    </section>
  )
}
