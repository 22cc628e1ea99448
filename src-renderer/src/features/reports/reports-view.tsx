import { useEffect, useMemo, useState } from 'react'
import type { FileOutput } from '@shared/api/file-output'
import type { TableFormat } from '@shared/model/report'
import { transport } from '../../api/instance'
import { useNoc } from '../../store/store'
import { formatMs, formatRate } from '../metrics/chart-data'
import { download } from './download'
import { describeFilter, exportInput } from './list-export'
import { clientReportInput, customValid, isoDate, parsePreview, PERIOD_CHOICES, type PeriodChoice, type PeriodPreview } from './period-preview'
import '../metrics/metrics.css'
import './reports.css'

const FORMATS: readonly { format: TableFormat; label: string }[] = [
  { format: 'pdf', label: 'PDF' },
  { format: 'html', label: 'HTML' },
  { format: 'md', label: 'Markdown' },
  { format: 'csv', label: 'CSV' },
  { format: 'json', label: 'JSON' },
]

const DAY = 86_400_000

/** Load the period report's JSON for the on-screen summary (the same numbers the files print). */
const usePreview = (client: string, choice: PeriodChoice, custom: { from: string; to: string }) => {
  const [state, setState] = useState<{ data: PeriodPreview | null; error: string | null; loading: boolean }>({ data: null, error: null, loading: false })
  const ready = client !== '' && (choice !== 'custom' || customValid(custom))
  useEffect(() => {
    if (!ready) return setState({ data: null, error: null, loading: false })
    let live = true
    setState((s) => ({ ...s, loading: true }))
    transport()
      .call('reports.client', clientReportInput(client, choice, 'json', custom))
      .then((f: FileOutput) => live && setState({ data: parsePreview(f.body), error: null, loading: false }))
      .catch((e: Error) => live && setState({ data: null, error: e.message, loading: false }))
    return () => {
      live = false
    }
  }, [client, choice, custom.from, custom.to, ready])
  return { ...state, ready }
}

const Kpi = ({ label, value, sub }: { label: string; value: string; sub?: string }) => (
  <div className="report-kpi" data-kpi={label}>
    <dt>{label}</dt>
    <dd>{value}</dd>
    {sub && <span className="hint">{sub}</span>}
  </div>
)

/** Client period report (week / month / custom): pick, read the numbers, download md / html / pdf / csv / json. */
export const ReportsView = () => {
  const clientsById = useNoc((s) => s.clientsById)
  const clientOrder = useNoc((s) => s.clientOrder)
  const incidentFilters = useNoc((s) => s.incidentFilters)
  const clients = useMemo(
    () => clientOrder.map((id) => clientsById[id]).filter(Boolean).sort((a, b) => a.name.localeCompare(b.name)),
    [clientOrder, clientsById],
  )
  const [client, setClient] = useState('')
  const [choice, setChoice] = useState<PeriodChoice>('this-week')
  const [custom, setCustom] = useState(() => ({ from: isoDate(Date.now() - 7 * DAY), to: isoDate(Date.now() - DAY) }))
  const [busy, setBusy] = useState<string | null>(null)
  useEffect(() => {
    if (client === '' && clients.length) setClient(clients[0].id)
  }, [client, clients])
  const preview = usePreview(client, choice, custom)
  const p = preview.data

  const run = async (key: string, fn: () => Promise<unknown>) => {
    setBusy(key)
    await fn()
    setBusy(null)
  }
  const list = exportInput(incidentFilters, 'csv')

  return (
    <div className="reports-view" data-testid="reports-view">
      <section className="report-panel">
        <h1>Client report</h1>
        <div className="report-form">
          <label>
            Client{' '}
            <select value={client} onChange={(e) => setClient(e.target.value)} aria-label="Client">
              {clients.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <div className="report-periods" role="radiogroup" aria-label="Period">
            {PERIOD_CHOICES.map((c) => (
              <label key={c.id} className="report-period">
                <input type="radio" name="period" value={c.id} checked={choice === c.id} onChange={() => setChoice(c.id)} />
                {c.label}
              </label>
            ))}
          </div>
          {choice === 'custom' && (
            <div className="report-custom">
              <label>
                From <input type="date" value={custom.from} max={custom.to} onChange={(e) => setCustom((c) => ({ ...c, from: e.target.value }))} />
              </label>
              <label>
                To (inclusive) <input type="date" value={custom.to} min={custom.from} onChange={(e) => setCustom((c) => ({ ...c, to: e.target.value }))} />
              </label>
            </div>
          )}
        </div>
        <div className="report-downloads">
          <span className="report-label">Download</span>
          {FORMATS.map((f) => (
            <button
              key={f.format}
              type="button"
              className="report-download"
              data-format={f.format}
              disabled={!preview.ready || busy !== null}
              onClick={() => void run(`client-${f.format}`, () => download('reports.client', clientReportInput(client, choice, f.format, custom)))}
            >
              {busy === `client-${f.format}` ? 'Preparing…' : f.label}
            </button>
          ))}
        </div>
        {preview.error && <p className="metrics-error" role="alert">Could not load the report: {preview.error}</p>}
        {!p && preview.loading && <p className="hint">Loading…</p>}
        {p && <PreviewBody p={p} />}
      </section>

      <aside className="report-side">
        <section className="report-panel">
          <h2>Incident list</h2>
          <p className="hint">The queue’s filter: {describeFilter(incidentFilters) || 'everything'}{list.unsent.length ? ` (without its ${list.unsent.join(' and ')})` : ''}.</p>
          <div className="report-downloads">
            {(['csv', 'json'] as const).map((format) => (
              <button key={format} type="button" className="report-download" data-format={`list-${format}`} disabled={busy !== null} onClick={() => void run(`list-${format}`, () => download('incidents.export', exportInput(incidentFilters, format).input))}>
                {format.toUpperCase()}
              </button>
            ))}
          </div>
        </section>
        <section className="report-panel">
          <h2>Resource inventory</h2>
          <p className="hint">Every resource seen in the last 7 days, per client and group: first and last seen, active per day.</p>
          <div className="report-downloads">
            {FORMATS.map((f) => (
              <button key={f.format} type="button" className="report-download" data-format={`inventory-${f.format}`} disabled={busy !== null} onClick={() => void run(`inv-${f.format}`, () => download('reports.inventory', { format: f.format }))}>
                {f.label}
              </button>
            ))}
          </div>
        </section>
      </aside>
    </div>
  )
}

/** The period's dates as the client reads them (the report's own zone, not the console's). */
const localDate = (t: number, timeZone: string): string => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(t)

const EmptyRow = ({ cols }: { cols: number }) => (
  <tr>
    <td colSpan={cols} className="hint">
      nothing in this period
    </td>
  </tr>
)

const PreviewBody = ({ p }: { p: PeriodPreview }) => (
  <div className="report-preview" data-testid="report-preview">
    <p className="report-period-line">
      <strong>{p.client.name}</strong> · {p.period.label}
      {p.period.kind !== 'custom' && ` · ${localDate(Date.parse(p.period.from), p.client.timeZone)} – ${localDate(Date.parse(p.period.to) - 1, p.client.timeZone)}`} · times in {p.client.timeZone}
    </p>
    <dl className="report-kpis">
      <Kpi label="Incidents" value={String(p.incidents.opened)} sub={['P1', 'P2', 'P3', 'P4'].map((k) => `${k} ${p.incidents.byPriority[k] ?? 0}`).join(' · ')} />
      <Kpi label="MTTA" value={formatMs(p.mtta.meanMs)} sub={`median ${formatMs(p.mtta.medianMs)} · n ${p.mtta.n}`} />
      <Kpi label="MTTR" value={formatMs(p.mttr.meanMs)} sub={`median ${formatMs(p.mttr.medianMs)} · n ${p.mttr.n}`} />
      <Kpi label="MTTD" value={formatMs(p.mttd.meanMs)} sub={`n ${p.mttd.n}`} />
      <Kpi label="Ack SLA breaches" value={`${p.sla.breaches} / ${p.sla.evaluated}`} sub={p.sla.pending ? `${p.sla.pending} pending` : formatRate(p.sla.rate)} />
      <Kpi label="Escalated" value={formatRate(p.escalation.rate)} sub={`${p.escalation.escalated} of ${p.escalation.opened}`} />
      <Kpi label="Automated" value={formatRate(p.automation.rate)} sub={`${p.automation.automated} of ${p.automation.resolved} resolved`} />
      <Kpi label="Noise reduction" value={formatRate(p.noise.reduction)} sub={`${p.noise.events.toLocaleString('en')} events → ${p.noise.incidents} incidents`} />
    </dl>
    <div className="report-tables">
      <table className="metrics-table">
        <caption>Noisiest rules</caption>
        <thead>
          <tr>
            <th>Rule</th>
            <th className="num">Events</th>
            <th className="num">Incidents</th>
          </tr>
        </thead>
        <tbody>
          {!p.noisyRules.length && <EmptyRow cols={3} />}
          {p.noisyRules.slice(0, 8).map((r) => (
            <tr key={r.key}>
              <td>{r.key}</td>
              <td className="num">{r.events.toLocaleString('en')}</td>
              <td className="num">{r.incidents}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="metrics-table">
        <caption>Incidents opened ({p.rows.length > 12 ? `first 12 of ${p.rows.length}; the files list all` : p.rows.length})</caption>
        <thead>
          <tr>
            <th>Incident</th>
            <th>Priority</th>
            <th>Status</th>
            <th className="num">TTA</th>
            <th className="num">TTR</th>
            <th>Ack SLA</th>
          </tr>
        </thead>
        <tbody>
          {!p.rows.length && <EmptyRow cols={6} />}
          {p.rows.slice(0, 12).map((r) => (
            <tr key={r.id}>
              <td className="report-title-cell" title={r.title}>
                {r.id} {r.title}
              </td>
              <td>{r.priority}</td>
              <td>{r.status}</td>
              <td className="num">{formatMs(r.ttaMs)}</td>
              <td className="num">{formatMs(r.ttrMs)}</td>
              <td data-sla={r.ackSla}>{r.ackSla}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  </div>
)
