import { useState, type FormEvent } from 'react'
import type { MaintenanceWindow, Silence } from '@shared/model/ops'
import { transport } from '../../api/instance'
import { useNow } from '../../lib/use-now'
import { useQuery } from '../../lib/use-query'
import { clockTime, fullTime, relativeTime } from '../../lib/time'
import { nocStore, useNoc } from '../../store/store'

const DAY = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
const days = (d: number[]) => (d.length === 7 ? 'every day' : d.length === 5 && d.join() === '1,2,3,4,5' ? 'Mon–Fri' : d.map((x) => DAY[x]).join(' '))

const Status = ({ loading, error }: { loading: boolean; error: string | null }) =>
  error ? <p className="error-text">Could not load: {error}</p> : loading ? <p className="dim">Loading…</p> : null

const run = async (what: string, fn: () => Promise<unknown>, done: () => void) => {
  const s = nocStore.getState()
  try {
    await fn()
    s.notify(what)
    done()
  } catch (e) {
    s.notify(`${what} failed: ${(e as Error).message}`, 'error')
  }
}

export const ClientsSection = () => {
  const q = useQuery('clients.profiles', {})
  const now = useNow(60_000)
  return (
    <section className="panel settings-section" aria-labelledby="clients-h">
      <h2 id="clients-h">Clients</h2>
      <Status loading={q.loading && !q.data} error={q.error} />
      {q.data && (
        <table className="settings-table" data-table="clients">
          <thead>
            <tr>
              <th>Client</th>
              <th>Tier</th>
              <th>Business hours</th>
              <th>Services (criticality)</th>
              <th>Last event</th>
            </tr>
          </thead>
          <tbody>
            {q.data.map((c) => (
              <tr key={c.id} data-client={c.id}>
                <td>
                  <b>{c.name}</b>
                  {c.name !== c.id && <span className="dim small"> {c.id}</span>}
                  {!c.configured && <span className="dim small"> (defaults)</span>}
                </td>
                <td>{c.tier}</td>
                <td>
                  {days(c.businessHours.days)} {c.businessHours.start}–{c.businessHours.end} <span className="dim small">{c.timeZone}</span>
                </td>
                <td className="services">
                  {c.services.length === 0 ? (
                    <span className="none">—</span>
                  ) : (
                    c.services.map((s) => (
                      <span key={s.name} className={`svc crit-${s.criticality}${s.configured ? '' : ' seen'}`} title={s.configured ? 'configured' : 'seen on alerts (default criticality)'}>
                        {s.name} <small>{s.criticality}</small>
                      </span>
                    ))
                  )}
                </td>
                <td title={c.lastSeen ? fullTime(c.lastSeen) : undefined}>{c.lastSeen ? relativeTime(c.lastSeen, now) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

const dur = (ms: number) => (ms >= 3_600_000 ? `${ms / 3_600_000} h` : ms >= 60_000 ? `${ms / 60_000} min` : `${ms / 1000} s`)
const matchText = (m: Record<string, string[]>) => {
  const parts = Object.entries(m).map(([k, v]) => `${k}: ${v.join(', ')}`)
  return parts.length ? parts.join(' · ') : 'everything'
}

export const PoliciesSection = () => {
  const q = useQuery('policies.list', {})
  const p = q.data
  return (
    <section className="panel settings-section" aria-labelledby="policies-h">
      <h2 id="policies-h">Escalation policies and notification rules</h2>
      <Status loading={q.loading && !p} error={q.error} />
      {p && (
        <div className="policies">
          {p.policies.length === 0 && <p className="dim">No escalation policies configured.</p>}
          {p.policies.map((pol) => (
            <div key={pol.name} className="policy" data-policy={pol.name}>
              <h3>
                {pol.name} <span className="dim small">for {matchText(pol.match)}{pol.repeat ? ` · repeats ${pol.repeat}×` : ''}</span>
              </h3>
              <ol>
                {pol.steps.map((st, n) => (
                  <li key={n}>
                    after <b>{dur(st.afterMs)}</b> → {st.notify.join(', ')} <span className="dim">via {st.channels.join(', ') || 'their channels'}</span>
                    {st.businessHoursOnly && <span className="dim"> (business hours only)</span>}
                  </li>
                ))}
              </ol>
            </div>
          ))}
          <h3>Rules for new incidents</h3>
          <ul>
            {p.rules.map((r) => (
              <li key={r.name}>
                <b>{r.name}</b>: {matchText(r.match)} → {r.channels.join(', ')}
                {r.delayMs ? <span className="dim"> after {dur(r.delayMs)}</span> : null}
              </li>
            ))}
          </ul>
          <h3>Channels</h3>
          <ul className="inline-list">
            {p.channels.map((c) => (
              <li key={c.name}>
                <b>{c.name}</b> <span className="dim">{c.type}{c.destination ? ` · ${c.destination}` : ''}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  )
}

const DURATIONS = [30, 60, 120, 240, 480, 1440]
const durLabel = (m: number) => (m < 60 ? `${m} minutes` : m === 60 ? '1 hour' : `${m / 60} hours`)

const ClientSelect = ({ value, onChange, field }: { value: string; onChange: (v: string) => void; field: string }) => {
  const ids = useNoc((s) => s.clientOrder)
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)} data-field={field}>
      <option value="">All clients</option>
      {[...ids].sort().map((id) => (
        <option key={id} value={id}>
          {id}
        </option>
      ))}
    </select>
  )
}

const windowText = (w: MaintenanceWindow) =>
  w.schedule.kind === 'once'
    ? `${fullTime(w.schedule.start)} – ${clockTime(w.schedule.end)}${w.schedule.end - w.schedule.start > 86_400_000 ? ` (${fullTime(w.schedule.end).slice(0, 10)})` : ''}`
    : `weekly ${days(w.schedule.days)} ${w.schedule.start}–${w.schedule.end}${w.schedule.timeZone ? ` ${w.schedule.timeZone}` : ''}`

export const MaintenanceSection = () => {
  const q = useQuery('maintenance.list', { includeEnded: false })
  const [name, setName] = useState('')
  const [client, setClient] = useState('')
  const [service, setService] = useState('')
  const [minutes, setMinutes] = useState(60)
  const create = (e: FormEvent) => {
    e.preventDefault()
    const by = nocStore.getState().settings.operator
    void run(
      `Maintenance window “${name || 'maintenance'}” created`,
      () => transport().call('maintenance.create', { by, name: name.trim() || `maintenance by ${by}`, durationMin: minutes, ...(client ? { client } : {}), ...(service.trim() ? { service: service.trim() } : {}) }),
      () => {
        setName('')
        setService('')
        q.reload()
      },
    )
  }
  const remove = (w: MaintenanceWindow) =>
    void run(`Maintenance window “${w.name}” deleted`, () => transport().call('maintenance.delete', { id: w.id, by: nocStore.getState().settings.operator }), q.reload)
  return (
    <section className="panel settings-section" aria-labelledby="maint-h">
      <h2 id="maint-h">Maintenance windows</h2>
      <p className="dim small">Alerts in a window stay out of incidents and notifications; they are still recorded.</p>
      <Status loading={q.loading && !q.data} error={q.error} />
      {q.data && q.data.length === 0 && <p className="dim">No current or upcoming windows.</p>}
      {q.data && q.data.length > 0 && (
        <table className="settings-table" data-table="maintenance">
          <thead>
            <tr>
              <th>Name</th>
              <th>Scope</th>
              <th>When</th>
              <th>State</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {q.data.map((w) => (
              <tr key={w.id} data-maintenance={w.id}>
                <td>
                  <b>{w.name}</b> <span className="dim small">by {w.createdBy}</span>
                </td>
                <td>{[w.client ?? 'all clients', w.service, w.resource].filter(Boolean).join(' · ')}</td>
                <td>{windowText(w)}</td>
                <td>{w.active ? <b className="active-mark">ACTIVE</b> : 'scheduled'}</td>
                <td>
                  {w.origin === 'api' ? (
                    <button type="button" className="action-button small" onClick={() => remove(w)}>
                      Delete
                    </button>
                  ) : (
                    <span className="dim small">from config</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="inline-form" onSubmit={create} aria-label="New maintenance window">
        <label className="field">
          <span>Name</span>
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} placeholder="patching db01" data-field="maint-name" />
        </label>
        <label className="field">
          <span>Client</span>
          <ClientSelect value={client} onChange={setClient} field="maint-client" />
        </label>
        <label className="field">
          <span>Service (optional, * wildcards)</span>
          <input type="text" value={service} onChange={(e) => setService(e.target.value)} data-field="maint-service" />
        </label>
        <label className="field">
          <span>From now, for</span>
          <select value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} data-field="maint-duration">
            {DURATIONS.map((m) => (
              <option key={m} value={m}>
                {durLabel(m)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="action-button primary">
          Start window
        </button>
      </form>
    </section>
  )
}

const matchersText = (s: Silence) => s.matchers.map((m) => `${m.name}${m.op}${m.value}`).join(', ')

export const SilencesSection = () => {
  const q = useQuery('silences.list', { includeExpired: false })
  const now = useNow(10_000)
  const [client, setClient] = useState('')
  const [rule, setRule] = useState('')
  const [resource, setResource] = useState('')
  const [minutes, setMinutes] = useState(60)
  const [comment, setComment] = useState('')
  const create = (e: FormEvent) => {
    e.preventDefault()
    const matchers = [
      client && { name: 'client', value: client, op: '=' as const },
      rule.trim() && { name: 'rule', value: rule.trim(), op: '=' as const },
      resource.trim() && { name: 'resource', value: resource.trim(), op: '=' as const },
    ].filter((m): m is { name: string; value: string; op: '=' } => Boolean(m))
    if (!matchers.length) return nocStore.getState().notify('A silence needs at least one of client, rule or resource.', 'error')
    void run(
      'Silence created',
      () => transport().call('silences.create', { by: nocStore.getState().settings.operator, matchers, durationMin: minutes, comment }),
      () => {
        setRule('')
        setResource('')
        setComment('')
        q.reload()
      },
    )
  }
  const expire = (s: Silence) => void run(`Silence ${s.id} ended`, () => transport().call('silences.delete', { id: s.id, by: nocStore.getState().settings.operator }), q.reload)
  return (
    <section className="panel settings-section" aria-labelledby="silences-h">
      <h2 id="silences-h">Silences</h2>
      <Status loading={q.loading && !q.data} error={q.error} />
      {q.data && q.data.length === 0 && <p className="dim">No active silences. Press s on an incident to silence its alerts.</p>}
      {q.data && q.data.length > 0 && (
        <table className="settings-table" data-table="silences">
          <thead>
            <tr>
              <th>Matches</th>
              <th>Until</th>
              <th>By · why</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {q.data.map((s) => (
              <tr key={s.id} data-silence={s.id}>
                <td>
                  <code>{matchersText(s)}</code>
                  {s.incidentId && <span className="dim small"> from {s.incidentId}</span>}
                </td>
                <td title={fullTime(s.endsAt)}>
                  {clockTime(s.endsAt)} <span className="dim small">({relativeTime(s.endsAt, now)})</span>
                  {s.state === 'pending' && <span className="dim small"> starts {clockTime(s.startsAt)}</span>}
                </td>
                <td>
                  {s.createdBy}
                  {s.comment && <span className="dim"> · {s.comment}</span>}
                </td>
                <td>
                  <button type="button" className="action-button small" onClick={() => expire(s)}>
                    End now
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="inline-form" onSubmit={create} aria-label="New silence">
        <label className="field">
          <span>Client</span>
          <ClientSelect value={client} onChange={setClient} field="silence-client" />
        </label>
        <label className="field">
          <span>Rule</span>
          <input type="text" value={rule} onChange={(e) => setRule(e.target.value)} placeholder="NodeDown" data-field="silence-rule" />
        </label>
        <label className="field">
          <span>Resource</span>
          <input type="text" value={resource} onChange={(e) => setResource(e.target.value)} data-field="silence-resource" />
        </label>
        <label className="field">
          <span>For</span>
          <select value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} data-field="silence-duration">
            {DURATIONS.map((m) => (
              <option key={m} value={m}>
                {durLabel(m)}
              </option>
            ))}
          </select>
        </label>
        <label className="field grow">
          <span>Why</span>
          <input type="text" value={comment} onChange={(e) => setComment(e.target.value)} data-field="silence-comment" />
        </label>
        <button type="submit" className="action-button primary">
          Silence
        </button>
      </form>
    </section>
  )
}

export const SourcesSection = () => {
  const q = useQuery('sources.list', {})
  const now = useNow(10_000)
  return (
    <section className="panel settings-section" aria-labelledby="sources-h">
      <h2 id="sources-h">Sources</h2>
      <Status loading={q.loading && !q.data} error={q.error} />
      {q.data && q.data.length === 0 && <p className="dim">No source has sent anything yet.</p>}
      {q.data && q.data.length > 0 && (
        <table className="settings-table" data-table="sources">
          <thead>
            <tr>
              <th>Source</th>
              <th>Client</th>
              <th>Last seen</th>
              <th>Timeout</th>
              <th>Events</th>
              <th>State</th>
            </tr>
          </thead>
          <tbody>
            {[...q.data]
              .sort((a, b) => Number(b.stale) - Number(a.stale) || a.id.localeCompare(b.id))
              .map((s) => (
                <tr key={s.id} className={s.stale ? 'stale' : ''} data-source={s.id}>
                  <td>
                    <b>{s.id}</b> <span className="dim small">{s.kind}</span>
                  </td>
                  <td>{s.client ?? '—'}</td>
                  <td title={fullTime(s.lastSeen)}>{relativeTime(s.lastSeen, now)}</td>
                  <td>{s.timeoutMs ? dur(s.timeoutMs) : '—'}</td>
                  <td className="num">{s.events}</td>
                  <td>{s.stale ? <b className="stale-mark">STALE since {s.staleSince ? clockTime(s.staleSince) : '?'}</b> : 'OK'}</td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
