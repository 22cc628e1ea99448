import './wall.css'
import { useLayoutEffect, useRef, useState, type CSSProperties } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { wallClients } from '../../store/selectors'
import { useNoc } from '../../store/store'
import { ClientTile } from './client-tile'
import { wallGrid } from './wall-grid'

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

/** Every client, worst first, sized to fill the screen. Clicking (or Enter on) a tile opens its alerts. */
export const ClientWall = ({ onOpenClient }: { onOpenClient: (clientId: string) => void }) => {
  const clients = useNoc(useShallow(wallClients))
  const synced = useNoc((s) => s.seq >= 0)
  const ref = useRef<HTMLDivElement>(null)
  const { width, height } = useElementSize(ref)
  // The wall element has padding; the grid lays out inside the content box.
  const grid = wallGrid(clients.length, width - 24, height - 24)

  return (
    <section className="wall" ref={ref} aria-label="Client wall">
      {clients.length === 0 ? (
        <p className="empty wall-empty">{synced ? 'No clients yet — tiles appear with the first event from each client.' : 'Connecting…'}</p>
      ) : (
        <div
          className="wall-grid"
          style={{ '--wall-cols': grid.columns, '--wall-row': `${grid.rowHeight}px` } as CSSProperties}
        >
          {clients.map((c) => (
            <ClientTile key={c.id} client={c} onOpen={onOpenClient} />
          ))}
        </div>
      )}
    </section>
  )
}
