import './heatmap.css'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { Heatmap, HeatmapRange, ServiceMatrix } from '@shared/model/views'
import { transport } from '../../api/instance'
import { SEVERITY_LABEL } from '../../components/severity'
import { useCommand } from '../../keyboard/commands'
import { keyHint } from '../../keyboard/keymap'
import { openClientQueue } from '../../lib/navigate'
import { clockTime } from '../../lib/time'
import { useNoc } from '../../store/store'

type Grid = 'time' | 'service'
interface Focus {
  grid: Grid
  row: number
  col: number
}

const REFRESH_MS = 15_000

const useHeatmaps = (range: HeatmapRange) => {
  const paused = useNoc((s) => s.paused)
  const live = useNoc((s) => s.link.state === 'open')
  const [data, setData] = useState<{ time: Heatmap | null; services: ServiceMatrix | null; at: number | null; error: string | null }>({ time: null, services: null, at: null, error: null })
  useEffect(() => {
    // Paused means frozen: the heatmap keeps what it showed, like the wall.
    if (paused || !live) return
    let alive = true
    const load = async () => {
      try {
        const [time, services] = await Promise.all([transport().call('heatmap.get', { range }), transport().call('heatmap.services', { range })])
        if (alive) setData({ time, services, at: Date.now(), error: null })
      } catch (e) {
        if (alive) setData((d) => ({ ...d, error: (e as Error).message }))
      }
    }
    void load()
    const t = setInterval(load, REFRESH_MS)
    return () => {
      alive = false
      clearInterval(t)
    }
  }, [range, paused, live])
  return data
}

const cellClass = (worst: string | null, count: number) => (worst ? `hm-cell sev-${worst}` : count > 0 ? 'hm-cell quiet' : 'hm-cell hm-none')

/**
 * Two severity heatmaps: clients × time buckets (last hour in 2-minute buckets, or 24 h in 30-minute ones),
 * coloured by the worst severity that fired in each bucket with its event count; and clients × services,
 * coloured by the worst open severity with open alerts and events. Every cell is a button that drills into
 * the incident queue filtered to that client and time range (or service). Keys: j/k rows, h/l columns,
 * Enter opens, Tab switches between the two grids, v switches the range.
 */
export const HeatmapView = () => {
  const [range, setRange] = useState<HeatmapRange>('1h')
  const { time, services, at, error } = useHeatmaps(range)
  const [focus, setFocus] = useState<Focus>({ grid: 'time', row: 0, col: -1 })
  const rootRef = useRef<HTMLElement>(null)

  useCommand('heatmap.range', () => setRange((r) => (r === '1h' ? '24h' : '1h')))

  const dims = useCallback(
    (g: Grid) => (g === 'time' ? { rows: time?.rows.length ?? 0, cols: time ? time.rows[0]?.cells.length ?? 0 : 0 } : { rows: services?.rows.length ?? 0, cols: services?.services.length ?? 0 }),
    [time, services],
  )
  const moveTo = (f: Focus) => {
    const d = dims(f.grid)
    if (!d.rows || !d.cols) return
    const next = { grid: f.grid, row: Math.max(0, Math.min(d.rows - 1, f.row)), col: Math.max(0, Math.min(d.cols - 1, f.col)) }
    setFocus(next)
    requestAnimationFrame(() => rootRef.current?.querySelector<HTMLElement>(`[data-grid="${next.grid}"][data-row="${next.row}"][data-col="${next.col}"]`)?.focus())
  }
  // First move lands on the newest bucket of the top row: where something is most likely happening.
  const start = (g: Grid): Focus => ({ grid: g, row: 0, col: g === 'time' ? dims('time').cols - 1 : 0 })
  const step = (dr: number, dc: number) => moveTo(focus.col < 0 ? start(focus.grid) : { ...focus, row: focus.row + dr, col: focus.col + dc })
  useCommand('list.next', () => step(1, 0))
  useCommand('list.prev', () => step(-1, 0))
  useCommand('grid.left', () => step(0, -1))
  useCommand('grid.right', () => step(0, 1))
  useCommand('list.first', () => moveTo({ ...focus, row: 0, col: Math.max(0, focus.col) }))
  useCommand('list.last', () => moveTo({ ...focus, row: dims(focus.grid).rows - 1, col: Math.max(0, focus.col) }))
  useCommand('list.open', () => (focus.col < 0 ? moveTo(start(focus.grid)) : drill(focus)))

  const drill = (f: Focus) => {
    if (f.grid === 'time' && time) {
      const r = time.rows[f.row]
      if (!r) return
      const from = time.from + f.col * time.bucketMs
      openClientQueue(r.client, { status: 'all', range: { from, to: from + time.bucketMs } })
    } else if (f.grid === 'service' && services) {
      const r = services.rows[f.row]
      const svc = services.services[f.col]
      if (!r || !svc) return
      openClientQueue(r.client, { status: (r.cells[svc]?.open ?? 0) > 0 ? 'active' : 'all', service: svc })
    }
  }

  const focused = describe(focus, time, services)
  const tabIndex = (g: Grid, row: number, col: number) => {
    const f = focus.grid === g && focus.col >= 0 ? focus : start(g)
    return f.row === row && f.col === col ? 0 : -1
  }

  return (
    <section className="heatmap-view" aria-label="Severity heatmaps" ref={rootRef}>
      <div className="hm-toolbar">
        <div className="hm-range" role="group" aria-label="Range">
          {(['1h', '24h'] as const).map((r) => (
            <button key={r} type="button" className="action-button" aria-pressed={range === r} onClick={() => setRange(r)}>
              {r === '1h' ? 'Last hour' : 'Last 24 hours'}
            </button>
          ))}
          <kbd className="hint">{keyHint('heatmap.range')}</kbd>
        </div>
        <Legend />
        <span className="hm-status" aria-live="polite">
          {focused ?? 'j/k/h/l or arrows move, Enter opens the matching incidents'}
        </span>
        <span className="dim small">{error ? `update failed: ${error}` : at ? `updated ${clockTime(at, true)}` : 'loading…'}</span>
      </div>

      <h2 className="hm-title">Clients × time — worst severity fired, events per {time ? (time.bucketMs >= 3_600_000 ? `${time.bucketMs / 3_600_000} h` : `${time.bucketMs / 60_000} min`) : '…'}</h2>
      {time && time.rows.length === 0 && <p className="empty">No events in this range.</p>}
      {time && time.rows.length > 0 && (
        <div className="hm-grid hm-time" role="grid" aria-label="Clients by time" style={{ '--hm-cols': time.rows[0].cells.length } as React.CSSProperties}>
          <div className="hm-row hm-axis" role="row">
            <span className="hm-label" role="columnheader" />
            {time.rows[0].cells.map((_, c) => {
              const t = time.from + c * time.bucketMs
              const every = time.rows[0].cells.length > 40 ? 4 : 5
              return (
                <span key={c} className="hm-tick" role="columnheader">
                  {c % every === 0 ? clockTime(t) : ''}
                </span>
              )
            })}
          </div>
          {time.rows.map((r, row) => (
            <div key={r.client} className="hm-row" role="row" data-client={r.client}>
              <button type="button" className="hm-label link-button" role="rowheader" tabIndex={-1} onClick={() => openClientQueue(r.client)}>
                {r.name}
              </button>
              {r.cells.map((cell, col) => {
                const from = time.from + col * time.bucketMs
                return (
                  <button
                    key={col}
                    type="button"
                    role="gridcell"
                    className={cellClass(cell.worst, cell.events)}
                    data-grid="time"
                    data-row={row}
                    data-col={col}
                    data-severity={cell.worst ?? 'none'}
                    data-events={cell.events}
                    tabIndex={tabIndex('time', row, col)}
                    aria-label={`${r.name}, ${clockTime(from)} to ${clockTime(from + time.bucketMs)}: ${cell.events} events${cell.worst ? `, worst ${SEVERITY_LABEL[cell.worst]}` : ''}`}
                    title={`${r.name} ${clockTime(from)}–${clockTime(from + time.bucketMs)}: ${cell.events} events${cell.worst ? `, worst ${cell.worst}` : ''}`}
                    onFocus={() => setFocus({ grid: 'time', row, col })}
                    onClick={() => drill({ grid: 'time', row, col })}
                  >
                    {cell.events > 0 ? (cell.events > 999 ? '1k+' : cell.events) : ''}
                  </button>
                )
              })}
            </div>
          ))}
        </div>
      )}

      <h2 className="hm-title">Clients × services — worst open severity, open alerts (events in range)</h2>
      {services && services.rows.length === 0 && <p className="empty">No alerts yet.</p>}
      {services && services.rows.length > 0 && (
        <div className="hm-grid hm-services" role="grid" aria-label="Clients by service" style={{ '--hm-cols': services.services.length } as React.CSSProperties}>
          <div className="hm-row hm-axis" role="row">
            <span className="hm-label" role="columnheader" />
            {services.services.map((s) => (
              <span key={s} className="hm-svc" role="columnheader" title={s}>
                {s}
              </span>
            ))}
          </div>
          {services.rows.map((r, row) => (
            <div key={r.client} className="hm-row" role="row" data-client={r.client}>
              <button type="button" className="hm-label link-button" role="rowheader" tabIndex={-1} onClick={() => openClientQueue(r.client)}>
                {r.name}
              </button>
              {services.services.map((svc, col) => {
                const cell = r.cells[svc]
                return (
                  <button
                    key={svc}
                    type="button"
                    role="gridcell"
                    className={cellClass(cell?.worst ?? null, cell?.events ?? 0)}
                    data-grid="service"
                    data-row={row}
                    data-col={col}
                    data-service={svc}
                    data-severity={cell?.worst ?? 'none'}
                    tabIndex={tabIndex('service', row, col)}
                    aria-label={`${r.name}, ${svc}: ${cell ? `${cell.open} open, ${cell.events} events${cell.worst ? `, worst ${SEVERITY_LABEL[cell.worst]}` : ''}` : 'nothing'}`}
                    onFocus={() => setFocus({ grid: 'service', row, col })}
                    onClick={() => drill({ grid: 'service', row, col })}
                  >
                    {cell && (cell.open > 0 || cell.events > 0) && (
                      <>
                        <b>{cell.open || ''}</b>
                        {cell.events > 0 && <small>{cell.events}</small>}
                      </>
                    )}
                  </button>
                )
              })}
            </div>
          ))}
        </div>
      )}
    </section>
  )
}

const Legend = () => (
  <span className="hm-legend" aria-label="Colours">
    {(['critical', 'major', 'minor', 'warning', 'info'] as const).map((s) => (
      <span key={s} className={`hm-key sev-${s}`}>
        {SEVERITY_LABEL[s]}
      </span>
    ))}
    <span className="hm-key quiet">events, nothing firing</span>
  </span>
)

const describe = (f: Focus, time: Heatmap | null, services: ServiceMatrix | null): string | null => {
  if (f.col < 0) return null
  if (f.grid === 'time' && time) {
    const r = time.rows[f.row]
    const c = r?.cells[f.col]
    if (!r || !c) return null
    const from = time.from + f.col * time.bucketMs
    return `${r.name} · ${clockTime(from)}–${clockTime(from + time.bucketMs)} · ${c.events} events${c.worst ? ` · worst ${SEVERITY_LABEL[c.worst]}` : ''} — Enter opens`
  }
  if (f.grid === 'service' && services) {
    const r = services.rows[f.row]
    const svc = services.services[f.col]
    const c = r?.cells[svc]
    if (!r) return null
    return `${r.name} · ${svc} · ${c ? `${c.open} open, ${c.events} events${c.worst ? ` · worst ${SEVERITY_LABEL[c.worst]}` : ''}` : 'nothing'} — Enter opens`
  }
  return null
}
