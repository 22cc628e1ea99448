import './wall.css'
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties } from 'react'
import { useCommand } from '../../keyboard/commands'
import { useNow } from '../../lib/use-now'
import { wallClients } from '../../store/selectors'
import { useNoc } from '../../store/store'
import { staleClients, stormingClients } from '../../store/wall-selectors'
import { ClientTile } from './client-tile'
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
        <div className="wall-grid" ref={gridRef} style={{ '--wall-cols': grid.columns, '--wall-row': `${grid.rowHeight}px` } as CSSProperties}>
          {shown.map((c) => (
            <ClientTile
              key={c.id}
              client={c}
              incidents={incidentsByClient[c.id]}
              marks={{ stale: stale.has(c.id), storm: storms.get(c.id) ?? 0 }}
              // Only tiles with a countdown need the ticking clock: the rest do not re-render every second.
              now={incidentsByClient[c.id]?.nextAckDue != null ? now : 0}
              onOpen={onOpenClient}
            />
          ))}
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
