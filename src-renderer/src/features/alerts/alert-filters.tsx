import { SEVERITIES, type Severity } from '@shared/model/severity'
import { SEVERITY_LABEL } from '../../components/severity'
import { useFilterBar } from '../../components/use-filter-bar'
import { keysFor } from '../../keyboard/keymap'
import { defaultFilters, type StatusFilter } from '../../store/filters-slice'
import type { AlertLoad } from '../../store/feed-state'
import { useNoc } from '../../store/store'

const STATUS_LABEL: Record<StatusFilter, string> = { firing: 'Firing', resolved: 'Resolved (last hour)', all: 'Firing and resolved' }

export const AlertFilters = ({ shown, total, loading }: { shown: number; total: number; loading: AlertLoad | null }) => {
  const filters = useNoc((s) => s.filters)
  const setFilters = useNoc((s) => s.setFilters)
  const clearFilters = useNoc((s) => s.clearFilters)
  const { textRef, clients } = useFilterBar()
  const filtered = JSON.stringify(filters) !== JSON.stringify(defaultFilters)

  return (
    <div className="filters" role="search" aria-label="Filter alerts">
      <label className="filter filter-text">
        <span className="filter-label">
          Filter <kbd className="hint">{keysFor('filter.focus')[0]}</kbd>
        </span>
        <input
          ref={textRef}
          type="search"
          value={filters.text}
          placeholder="words in summary, client, resource, rule…"
          onChange={(e) => setFilters({ text: e.target.value })}
          spellCheck={false}
          autoComplete="off"
        />
      </label>
      <label className="filter">
        <span className="filter-label">Client</span>
        <select value={filters.client ?? ''} onChange={(e) => setFilters({ client: e.target.value || null })}>
          <option value="">All clients</option>
          {clients.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
          {filters.client !== null && !clients.some((c) => c.id === filters.client) && <option value={filters.client}>{filters.client}</option>}
        </select>
      </label>
      <label className="filter">
        <span className="filter-label">Severity</span>
        <select value={filters.severity ?? ''} onChange={(e) => setFilters({ severity: (e.target.value || null) as Severity | null })}>
          <option value="">All severities</option>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {SEVERITY_LABEL[s]}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span className="filter-label">Status</span>
        <select value={filters.status} onChange={(e) => setFilters({ status: e.target.value as StatusFilter })}>
          {(Object.keys(STATUS_LABEL) as StatusFilter[]).map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
        </select>
      </label>
      <span className="filter-count" aria-live="polite" data-shown={shown}>
        {shown === total ? `${total} alert${total === 1 ? '' : 's'}` : `${shown} of ${total} alerts`}
        {loading && (
          <span className="load-progress" data-loading={loading.loaded}>
            {' '}
            · loading {loading.loaded.toLocaleString()} of {loading.total.toLocaleString()}
          </span>
        )}
      </span>
      {filtered && (
        <button type="button" className="header-button" onClick={clearFilters}>
          Clear filters
        </button>
      )}
    </div>
  )
}
