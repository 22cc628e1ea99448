import { useEffect, useMemo, useState } from 'react'
import { Bar, CartesianGrid, ComposedChart, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { MetricsSummary } from '@shared/model/metrics'
import { transport } from '../../api/instance'
import { useNoc } from '../../store/store'
import { chartRows, clientTable, formatMinutes, formatMs, formatRate, MAX_POINTS, RANGES, rangeQuery, seriesOf, thin, tickLabel, type ChartRow, type RangeId } from './chart-data'
import './metrics.css'

/** Chart colours (literal: SVG attributes), distinguishable for the common colour-vision deficiencies. */
const C = { mttd: '#b39ddb', mtta: '#4fc3f7', mttr: '#ffb74d', events: '#546e7a', incidents: '#ef5350', escalation: '#ff8a65', automation: '#81c784', grid: '#30363d', text: '#a3adb8' }
/** Refresh as often as the finest bucket can change; a year of days does not need reloading every minute (the
 *  query reads every incident of the range, so long ranges cost the server the most). */
const REFRESH_MS: Record<string, number> = { '5min': 30_000, hour: 60_000, day: 300_000 }

const useMetrics = (range: RangeId, client: string | null) => {
  const [data, setData] = useState<MetricsSummary | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    const load = () =>
      transport()
        .call('metrics.summary', rangeQuery(range, Date.now(), client))
        .then((m) => live && (setData(m), setError(null)))
        .catch((e: Error) => live && setError(e.message))
    void load()
    const timer = setInterval(load, REFRESH_MS[RANGES.find((r) => r.id === range)?.bucket ?? 'hour'])
    return () => {
      live = false
      clearInterval(timer)
    }
  }, [range, client])
  return { data, error }
}

const ChartCard = ({ title, note, children }: { title: string; note?: string; children: React.ReactElement }) => (
  <section className="metrics-card">
    <h2>
      {title}
      {note && <span className="metrics-note">{note}</span>}
    </h2>
    <div className="metrics-chart">
      <ResponsiveContainer width="100%" height="100%">
        {children}
      </ResponsiveContainer>
    </div>
  </section>
)

const axis = { stroke: C.text, tick: { fill: C.text, fontSize: 13 } }
const tooltip = { contentStyle: { background: '#1f2630', border: '1px solid #30363d', color: '#e6edf3' }, labelStyle: { color: '#e6edf3' } }

/** Service metrics: MTTD / MTTA / MTTR trends, events vs incidents, escalation and automation rates, per client. */
export const MetricsView = () => {
  const [range, setRange] = useState<RangeId>('7d')
  const [client, setClient] = useState<string | null>(null)
  const clientsById = useNoc((s) => s.clientsById)
  const { data, error } = useMetrics(range, client)
  const nameOf = (id: string) => clientsById[id]?.name ?? id

  const rows = useMemo(() => {
    const s = data && seriesOf(data, client)
    return s ? chartRows(s) : []
  }, [data, client])
  const times = useMemo(() => thin(rows, (r) => r.mttr ?? r.mtta), [rows])
  const volume = useMemo(() => thin(rows, (r) => r.events), [rows])
  const rates = useMemo(() => thin(rows, (r) => r.escalation), [rows])
  const table = useMemo(() => (data ? clientTable(data) : []), [data])
  const totals = data ? seriesOf(data, client)?.totals : undefined
  const tick = (t: number) => (data ? tickLabel(t, data.bucket, data.timeZone) : '')
  const thinned = rows.length > MAX_POINTS ? `${MAX_POINTS} of ${rows.length} points (LTTB)` : undefined
  const x = <XAxis dataKey="t" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={tick} minTickGap={40} {...axis} />
  const label = (t: unknown) => tick(Number(t))
  // A series with few known values gets a dot on each (a lone bucket between gaps is otherwise invisible).
  const dot = (data: ChartRow[], key: keyof ChartRow) => (data.filter((r) => r[key] !== null).length <= 60 ? { r: 3 } : false)

  return (
    <div className="metrics-view" data-testid="metrics-view">
      <div className="metrics-bar">
        <h1>Service metrics</h1>
        <label>
          Range{' '}
          <select value={range} onChange={(e) => setRange(e.target.value as RangeId)} aria-label="Range">
            {RANGES.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Client{' '}
          <select value={client ?? ''} onChange={(e) => setClient(e.target.value || null)} aria-label="Client">
            <option value="">All clients</option>
            {table.map((c) => (
              <option key={c.client} value={c.client}>
                {nameOf(c.client)}
              </option>
            ))}
          </select>
        </label>
        {totals && (
          <dl className="metrics-kpis">
            <div><dt>Incidents</dt><dd>{totals.incidents}</dd></div>
            <div><dt>Events</dt><dd>{totals.events.toLocaleString('en')}</dd></div>
            <div><dt>MTTD</dt><dd>{formatMs(totals.mttdMs)}</dd></div>
            <div><dt>MTTA</dt><dd>{formatMs(totals.mttaMs)}</dd></div>
            <div><dt>MTTR</dt><dd>{formatMs(totals.mttrMs)}</dd></div>
            <div><dt>Escalated</dt><dd>{formatRate(totals.escalationRate)}</dd></div>
            <div><dt>Automated</dt><dd>{formatRate(totals.automationRate)}</dd></div>
          </dl>
        )}
        {data && <span className="hint">{`${{ day: 'daily', hour: 'hourly', '5min': 'every 5 minutes' }[data.bucket]} · ${data.timeZone}`}</span>}
      </div>
      {error && <p className="metrics-error" role="alert">Could not load metrics: {error}</p>}
      {!data && !error && <p className="empty">Loading metrics…</p>}
      {data && (
        <div className="metrics-grid">
          <ChartCard title={`Response times${client ? ` · ${nameOf(client)}` : ''}`} note={thinned ?? 'mean minutes per bucket'}>
            <LineChart data={times} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
              <CartesianGrid stroke={C.grid} strokeDasharray="3 3" />
              {x}
              <YAxis {...axis} tickFormatter={(v: number) => formatMinutes(v)} width={64} />
              <Tooltip {...tooltip} labelFormatter={label} formatter={(v) => formatMinutes(v as number)} />
              <Legend />
              <Line type="linear" dataKey="mttd" name="MTTD" stroke={C.mttd} dot={dot(times, 'mttd')} connectNulls isAnimationActive={false} />
              <Line type="linear" dataKey="mtta" name="MTTA" stroke={C.mtta} strokeWidth={2} dot={dot(times, 'mtta')} connectNulls isAnimationActive={false} />
              <Line type="linear" dataKey="mttr" name="MTTR" stroke={C.mttr} strokeWidth={2} dot={dot(times, 'mttr')} connectNulls isAnimationActive={false} />
            </LineChart>
          </ChartCard>
          <ChartCard title="Events vs incidents" note={thinned ?? 'noise the correlation absorbed'}>
            <ComposedChart data={volume} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid stroke={C.grid} strokeDasharray="3 3" />
              {x}
              <YAxis yAxisId="events" {...axis} width={64} />
              <YAxis yAxisId="incidents" orientation="right" {...axis} allowDecimals={false} width={48} />
              <Tooltip {...tooltip} labelFormatter={label} />
              <Legend />
              <Bar yAxisId="events" dataKey="events" name="Events" fill={C.events} isAnimationActive={false} />
              <Line yAxisId="incidents" type="linear" dataKey="incidents" name="Incidents" stroke={C.incidents} strokeWidth={2} dot={dot(volume, 'incidents')} isAnimationActive={false} />
            </ComposedChart>
          </ChartCard>
          <ChartCard title="Escalation and automation" note={thinned ?? 'percent of opened / resolved'}>
            <LineChart data={rates} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
              <CartesianGrid stroke={C.grid} strokeDasharray="3 3" />
              {x}
              <YAxis {...axis} domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} width={64} />
              <Tooltip {...tooltip} labelFormatter={label} formatter={(v) => `${v}%`} />
              <Legend />
              <Line type="linear" dataKey="escalation" name="Escalation rate" stroke={C.escalation} strokeWidth={2} dot={dot(rates, 'escalation')} connectNulls isAnimationActive={false} />
              <Line type="linear" dataKey="automation" name="Automation rate" stroke={C.automation} strokeWidth={2} dot={dot(rates, 'automation')} connectNulls isAnimationActive={false} />
            </LineChart>
          </ChartCard>
          <ClientTable rows={table} selected={client} onSelect={setClient} nameOf={nameOf} />
        </div>
      )}
    </div>
  )
}

const ClientTable = ({ rows, selected, onSelect, nameOf }: { rows: ReturnType<typeof clientTable>; selected: string | null; onSelect: (c: string | null) => void; nameOf: (id: string) => string }) => (
  <section className="metrics-card metrics-clients">
    <h2>
      Per client <span className="metrics-note">select a row to chart that client</span>
    </h2>
    <div className="metrics-table-wrap">
      <table className="metrics-table">
        <thead>
          <tr>
            <th>Client</th>
            <th className="num">Incidents</th>
            <th className="num">Events</th>
            <th className="num">MTTD</th>
            <th className="num">MTTA</th>
            <th className="num">MTTR</th>
            <th className="num">Escalated</th>
            <th className="num">Automated</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.client} aria-selected={selected === r.client} data-client={r.client}>
              <td>
                <button type="button" className="metrics-client" onClick={() => onSelect(selected === r.client ? null : r.client)}>
                  {nameOf(r.client)}
                </button>
              </td>
              <td className="num">{r.incidents}</td>
              <td className="num">{r.events.toLocaleString('en')}</td>
              <td className="num">{formatMs(r.mttdMs)}</td>
              <td className="num">{formatMs(r.mttaMs)}</td>
              <td className="num">{formatMs(r.mttrMs)}</td>
              <td className="num">{formatRate(r.escalationRate)}</td>
              <td className="num">{formatRate(r.automationRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  </section>
)
