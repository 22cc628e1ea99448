import { PRIORITIES, SEVERITIES, type Priority, type Severity } from '@shared/model/severity'
import { SEVERITY_LABEL } from '../../components/severity'
import { useFilterBar } from '../../components/use-filter-bar'
import { keyHint } from '../../keyboard/keymap'
import { clockTime } from '../../lib/time'
import { defaultIncidentFilters, type IncidentStatusFilter } from '../../store/filters-slice'
import { useNoc } from '../../store/store'

const STATUS_LABEL: Record<IncidentStatusFilter, string> = {
  active: 'Needs attention (open + acked)',
  open: 'Open (not acknowledged)',
  acknowledged: 'Acknowledged',
  resolved: 'Resolved / closed',
  all: 'All',
}

export const IncidentFilterBar = ({ shown, total }: { shown: number; total: number }) => {
  const f = useNoc((s) => s.incidentFilters)
  const set = useNoc((s) => s.setIncidentFilters)
  const clear = useNoc((s) => s.clearIncidentFilters)
  const { textRef, clients } = useFilterBar()
  const { groupByClient: _g, ...rest } = f
  const { groupByClient: _d, ...restDefault } = defaultIncidentFilters
  const filtered = JSON.stringify(rest) !== JSON.stringify(restDefault)

  return (
    <div className="filters" role="search" aria-label="Filter incidents">
      <label className="filter filter-text">
        <span className="filter-label">
          Filter <kbd className="hint">{keyHint('filter.focus')}</kbd>
        </span>
        <input
          ref={textRef}
          type="search"
          value={f.text}
          placeholder="words in title, id, client, owner, service…"
          onChange={(e) => set({ text: e.target.value })}
          spellCheck={false}
          autoComplete="off"
          data-filter="text"
        />
      </label>
      <label className="filter">
        <span className="filter-label">Client</span>
        <select value={f.client ?? ''} onChange={(e) => set({ client: e.target.value || null })} data-filter="client">
          <option value="">All clients</option>
          {clients.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
          {f.client !== null && !clients.some((c) => c.id === f.client) && <option value={f.client}>{f.client}</option>}
        </select>
      </label>
      <label className="filter">
        <span className="filter-label">Priority</span>
        <select value={f.priority ?? ''} onChange={(e) => set({ priority: (e.target.value || null) as Priority | null })} data-filter="priority">
          <option value="">All</option>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span className="filter-label">Status</span>
        <select value={f.status} onChange={(e) => set({ status: e.target.value as IncidentStatusFilter })} data-filter="status">
          {(Object.keys(STATUS_LABEL) as IncidentStatusFilter[]).map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span className="filter-label">Severity</span>
        <select value={f.severity ?? ''} onChange={(e) => set({ severity: (e.target.value || null) as Severity | null })} data-filter="severity">
          <option value="">All</option>
          {SEVERITIES.filter((s) => s !== 'ok').map((s) => (
            <option key={s} value={s}>
              {SEVERITY_LABEL[s]}
            </option>
          ))}
        </select>
      </label>
      <label className="filter filter-check">
        <input type="checkbox" checked={f.groupByClient} onChange={(e) => set({ groupByClient: e.target.checked })} />
        <span>
          Group by client <kbd className="hint">{keyHint('filter.group')}</kbd>
        </span>
      </label>
      {f.service !== null && (
        <button type="button" className="chip-button" onClick={() => set({ service: null })} title="Remove this filter">
          service: {f.service} ✕
        </button>
      )}
      {f.range !== null && (
        <button type="button" className="chip-button" onClick={() => set({ range: null })} title="Remove this filter">
          {clockTime(f.range.from)}–{clockTime(f.range.to)} ✕
        </button>
      )}
      <span className="filter-count" aria-live="polite" data-shown={shown}>
        {shown === total ? `${total} incident${total === 1 ? '' : 's'}` : `${shown} of ${total} incidents`}
      </span>
      {filtered && (
        <button type="button" className="header-button" onClick={clear}>
          Clear filters
        </button>
      )}
    </div>
  )
}
