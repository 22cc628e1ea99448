import { useEffect, useState } from 'react'
import type { IncidentDetail } from '@shared/api/contract'
import { PRIORITY_COMPONENTS, type PriorityBreakdown, type PriorityComponentName, type TimelineEntry } from '@shared/model/incident'
import { SeverityBadge } from '../../components/severity-badge'
import type { IncidentOps } from '@shared/model/ops'
import { transport } from '../../api/instance'
import { clockTime, fullTime, relativeTime } from '../../lib/time'
import { nocStore } from '../../store/store'
import { openIncident } from '../../lib/navigate'
import { kindLabel } from './timeline-chart'

const COMPONENT_LABEL: Record<PriorityComponentName, string> = {
  tier: 'Client tier',
  serviceCriticality: 'Service criticality',
  severity: 'Severity',
  businessHours: 'Business hours',
  affectedResources: 'Affected resources',
  blastRadius: 'Blast radius',
}

/** Why this priority: each input's points out of its maximum, with the engine's own words for it. */
export const PriorityPanel = ({ b }: { b: PriorityBreakdown }) => (
  <section className="panel" aria-labelledby="prio-h">
    <h3 id="prio-h">
      Priority {b.priority} — score {b.score}
      {b.uncapped !== b.priority && <span className="dim"> (would be {b.uncapped}; capped by severity)</span>}
    </h3>
    <p className="dim small">
      P1 ≥ {b.thresholds.P1} · P2 ≥ {b.thresholds.P2} · P3 ≥ {b.thresholds.P3} · else P4
    </p>
    <dl className="prio-breakdown">
      {PRIORITY_COMPONENTS.map((name) => {
        const c = b.components[name]
        return (
          <div key={name} className="prio-row" data-component={name}>
            <dt>{COMPONENT_LABEL[name]}</dt>
            <dd>
              <span className="bar" aria-hidden="true">
                <span className="fill" style={{ width: `${c.max ? (100 * c.points) / c.max : 0}%` }} />
              </span>
              <span className="pts">
                {c.points}/{c.max}
              </span>
              <span className="note">{c.note || String(c.value)}</span>
            </dd>
          </div>
        )
      })}
    </dl>
  </section>
)

const ROLE_LABEL = { 'root-cause': 'Root cause', symptom: 'Symptom', member: 'Member' } as const

/** Dedup ignored an event as older than the alert's state (engine/episode.ts): say so, with why. */
const IgnoredNote = ({ ignored }: { ignored: NonNullable<IncidentDetail['alerts'][number]['ignored']> }) => {
  const l = ignored.last
  const more = ignored.count > 1 ? ` (${ignored.count} so far)` : ''
  return (
    <div className="alert-ignored small" data-ignored={ignored.count}>
      ignored an older state from {l.source} at {fullTime(l.receivedAt)}{more}: {l.status} at source time {fullTime(l.time)} — {l.reason}
    </div>
  )
}

/** The member alerts: role, why each joined, and where to read more (runbook, source link). */
export const AlertsPanel = ({ alerts, selected }: { alerts: IncidentDetail['alerts']; selected: number }) => (
  <section className="panel" aria-labelledby="alerts-h">
    <h3 id="alerts-h">Alerts ({alerts.length})</h3>
    <table className="detail-alerts">
      <thead>
        <tr>
          <th>Role</th>
          <th>Severity</th>
          <th>Alert</th>
          <th>Why it is here</th>
          <th>Runbook</th>
        </tr>
      </thead>
      <tbody>
        {alerts.map((a, n) => (
          <tr key={a.id} className={`${n === selected ? 'selected' : ''}${a.status === 'resolved' ? ' resolved' : ''}`} data-alert-id={a.id} aria-selected={n === selected}>
            <td>
              <span className={`role role-${a.link.role}`}>{ROLE_LABEL[a.link.role]}</span>
            </td>
            <td>
              <SeverityBadge severity={a.severity} />
              {a.status === 'resolved' && <span className="dim small"> resolved</span>}
            </td>
            <td>
              <div className="alert-summary">{a.summary}</div>
              <div className="dim small">
                {[a.resource, a.service, a.rule, a.source].filter(Boolean).join(' · ')} · ×{a.count} · last {fullTime(a.lastSeen)}
              </div>
              {a.ignored && <IgnoredNote ignored={a.ignored} />}
            </td>
            <td className="reason">
              <span className="join-rule">{a.link.rule}</span> {a.link.reason}
            </td>
            <td>
              {a.runbookUrl ? (
                <a href={a.runbookUrl} target="_blank" rel="noreferrer noopener">
                  Runbook
                </a>
              ) : a.url ? (
                <a href={a.url} target="_blank" rel="noreferrer noopener">
                  Source
                </a>
              ) : (
                <span className="none">—</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  </section>
)

export const SimilarPanel = ({ similar }: { similar: IncidentDetail['similar'] }) => (
  <section className="panel" aria-labelledby="similar-h">
    <h3 id="similar-h">Similar past incidents</h3>
    {similar.length === 0 ? (
      <p className="dim">None closed for this client that look like this one.</p>
    ) : (
      <ul className="similar">
        {similar.map((s) => (
          <li key={s.id}>
            <button type="button" className="link-button" onClick={() => openIncident(s.id)}>
              {s.id}
            </button>{' '}
            {s.title} <span className="dim small">({Math.round(s.score * 100)}% · {s.matched.join(', ')})</span>
            {(s.cause || s.solution) && (
              <div className="learned">
                {s.cause && (
                  <div>
                    <b>Cause:</b> {s.cause}
                  </div>
                )}
                {s.solution && (
                  <div>
                    <b>Solution:</b> {s.solution}
                  </div>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
    )}
  </section>
)

export const NotesPanel = ({ timeline, now }: { timeline: TimelineEntry[]; now: number }) => {
  const notes = timeline.filter((t) => t.kind === 'note' || (t.kind === 'resolve' && t.text))
  return (
    <section className="panel" aria-labelledby="notes-h">
      <h3 id="notes-h">Notes ({notes.length})</h3>
      {notes.length === 0 ? (
        <p className="dim">No notes yet — press n to add one.</p>
      ) : (
        <ul className="notes">
          {notes.map((n) => (
            <li key={n.id}>
              <div className="note-head">
                <b>{n.actor}</b> <span className="dim">{relativeTime(n.at, now)}</span>
              </div>
              <div className="note-text">{n.text}</div>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

export const TimelineList = ({ timeline }: { timeline: TimelineEntry[] }) => (
  <ol className="timeline-list">
    {timeline.map((t) => (
      <li key={t.id} data-kind={t.kind}>
        <time dateTime={new Date(t.at).toISOString()}>{fullTime(t.at).slice(11)}</time>
        <span className={`tl-kind k-${t.kind}`}>{kindLabel(t.kind)}</span>
        <span className="tl-actor">{t.actor}</span>
        <span className="tl-text">{t.text}</span>
      </li>
    ))}
  </ol>
)

/** Escalation chain, notification deliveries, response actions and runbooks (`incidents.ops`). */
export const useOps = (incidentId: string, version: number) => {
  const [state, setState] = useState<{ id: string; ops: IncidentOps | null; error: string | null }>({ id: incidentId, ops: null, error: null })
  useEffect(() => {
    if (!incidentId) return
    let live = true
    transport()
      .call('incidents.ops', { id: incidentId })
      .then((ops) => live && setState({ id: incidentId, ops, error: null }))
      .catch((e: Error) => live && setState((s) => ({ id: incidentId, ops: s.id === incidentId ? s.ops : null, error: e.message })))
    return () => {
      live = false
    }
  }, [incidentId, version])
  return state.id === incidentId ? state : { ops: null, error: null }
}

export const RunbooksPanel = ({ ops }: { ops: IncidentOps | null }) => (
  <section className="panel" aria-labelledby="runbooks-h">
    <h3 id="runbooks-h">Runbooks</h3>
    {!ops ? (
      <p className="dim">Loading…</p>
    ) : ops.runbooks.length === 0 ? (
      <p className="dim">No runbook linked (annotate alerts with runbook_url, or map one in the config).</p>
    ) : (
      <ul className="runbooks">
        {ops.runbooks.map((r) => (
          <li key={`${r.url}-${r.alertId}`}>
            <a href={r.url} target="_blank" rel="noreferrer noopener">
              {r.title || r.url}
            </a>{' '}
            <span className="dim small">({r.source === 'config' ? 'from the config' : `alert ${r.alertId}`})</span>
          </li>
        ))}
      </ul>
    )}
  </section>
)

const stepState = (s: IncidentOps['escalation'][number]) =>
  s.cancelledAt !== null ? `cancelled${s.cancelReason ? `: ${s.cancelReason}` : ''}` : s.firedAt !== null ? `sent ${clockTime(s.firedAt)}` : s.held ? `held: ${s.held}` : `due ${clockTime(s.dueAt)}`

/** Who is (or was) told, through which channel, and whether it arrived. */
export const NotifyPanel = ({ ops, error }: { ops: IncidentOps | null; error: string | null }) => (
  <section className="panel" aria-labelledby="notify-h">
    <h3 id="notify-h">Escalation and notifications{ops?.policy ? ` — policy ${ops.policy}` : ''}</h3>
    {error && !ops && <p className="error-text">{error}</p>}
    {!ops ? (
      !error && <p className="dim">Loading…</p>
    ) : (
      <>
        {ops.held && <p className="held">Notifications held: {ops.held}</p>}
        {ops.escalation.length > 0 && (
          <ol className="steps">
            {ops.escalation.map((st) => (
              <li key={`${st.kind}-${st.ref}-${st.round}-${st.step}`} className={st.firedAt ? 'fired' : st.cancelledAt ? 'cancelled' : ''}>
                <b>{st.kind === 'step' ? `Step ${st.step + 1}${st.round ? ` (repeat ${st.round})` : ''}` : `Rule ${st.ref}`}</b> → {st.notify.join(', ') || '—'}{' '}
                <span className="dim">· {stepState(st)}</span>
              </li>
            ))}
          </ol>
        )}
        <h4>Deliveries ({ops.deliveries.length})</h4>
        {ops.deliveries.length === 0 ? (
          <p className="dim">Nothing sent for this incident.</p>
        ) : (
          <ul className="deliveries">
            {ops.deliveries.map((d) => (
              <li key={d.id} data-delivery-status={d.status}>
                <span className={`delivery st-${d.status}`}>{d.status}</span> <b>{d.channel}</b> ({d.channelType}) · {d.event}
                {d.target ? ` → ${d.target}` : ''} <span className="dim">· {clockTime(d.sentAt ?? d.updatedAt)}{d.attempts > 1 ? ` · ${d.attempts} attempts` : ''}</span>
                {d.error && <div className="error-text small">{d.error}</div>}
              </li>
            ))}
          </ul>
        )}
        {ops.responses.length > 0 && (
          <>
            <h4>Response actions</h4>
            <ul className="responses">
              {ops.responses.map((r) => (
                <li key={r.id}>
                  <b>{r.action}</b> · {r.status}
                  {r.status === 'awaiting-approval' && (
                    <button type="button" className="action-button small" onClick={() => void approveResponse(r.id)}>
                      Approve
                    </button>
                  )}
                  {r.result && <div className="dim small">{r.result}</div>}
                </li>
              ))}
            </ul>
          </>
        )}
      </>
    )}
  </section>
)

const approveResponse = async (id: number) => {
  const s = nocStore.getState()
  try {
    await transport().call('responses.approve', { id, by: s.settings.operator })
    s.notify(`Approved response ${id}`)
  } catch (e) {
    s.notify(`Could not approve response ${id}: ${(e as Error).message}`, 'error')
  }
}
