import './incidents.css'
import { useEffect, useRef, useState } from 'react'
import type { IncidentDetail } from '@shared/api/contract'
import { ackSlaLeft } from '@shared/model/sla'
import { transport } from '../../api/instance'
import { PriorityChip, STATUS_LABEL } from '../../components/priority-chip'
import { SeverityBadge } from '../../components/severity-badge'
import { runCommand, useCommand } from '../../keyboard/commands'
import { keyHint, type CommandId } from '../../keyboard/keymap'
import { age, countdown } from '../../lib/format'
import { navigate } from '../../lib/navigate'
import { fullTime } from '../../lib/time'
import { useNow } from '../../lib/use-now'
import { useNoc } from '../../store/store'
import { AlertsPanel, NotesPanel, NotifyPanel, PriorityPanel, RunbooksPanel, SimilarPanel, TimelineList, useOps } from './detail-panels'
import { ProblemPanel } from './problem-panel'
import { TimelineChart } from './timeline-chart'
import { useIncidentCommands } from './use-incident-commands'
import { act, onActed } from './actions'

/** Load `incidents.get`, again whenever the store's copy of the incident changes (its seq) and every 30 s. */
const useDetail = (id: string | null) => {
  const version = useNoc((s) => (id ? (s.incidentsById[id]?.seq ?? 0) : 0))
  const [state, setState] = useState<{ id: string | null; detail: IncidentDetail | null; error: string | null }>({ id: null, detail: null, error: null })
  const [tick, setTick] = useState(0)
  useEffect(() => {
    const t = setInterval(() => setTick((n) => n + 1), 30_000)
    const off = onActed((ids) => id && ids.includes(id) && setTick((n) => n + 1))
    return () => {
      clearInterval(t)
      off()
    }
  }, [id])
  useEffect(() => {
    if (!id) return
    let live = true
    transport()
      .call('incidents.get', { id })
      .then((detail) => live && setState({ id, detail, error: null }))
      .catch((e: Error) => live && setState((s) => ({ id, detail: s.id === id ? s.detail : null, error: e.message })))
    return () => {
      live = false
    }
  }, [id, version, tick])
  return { ...(state.id === id ? state : { detail: null, error: null }), version: version * 1000 + tick }
}

const ACTIONS: { command: CommandId; label: string; when?: (status: string) => boolean }[] = [
  { command: 'incident.ack', label: 'Acknowledge', when: (s) => s === 'open' },
  { command: 'incident.unack', label: 'Un-ack', when: (s) => s === 'acknowledged' },
  { command: 'incident.escalate', label: 'Escalate', when: (s) => s === 'open' || s === 'acknowledged' },
  { command: 'incident.resolve', label: 'Resolve…', when: (s) => s === 'open' || s === 'acknowledged' },
  { command: 'incident.note', label: 'Note…' },
  { command: 'incident.take', label: 'Take' },
  { command: 'incident.silence', label: 'Silence…' },
  { command: 'incident.export', label: 'Report…' },
]

export const IncidentDetailView = () => {
  const id = useNoc((s) => s.detailId)
  const live = useNoc((s) => (id ? s.incidentsById[id] : undefined))
  const operator = useNoc((s) => s.settings.operator)
  const { detail, error, version } = useDetail(id)
  const ops = useOps(id ?? '', version)
  const now = useNow(1000)
  const [selectedAlert, setSelectedAlert] = useState(0)
  const headRef = useRef<HTMLHeadingElement>(null)
  const incident = live ?? detail?.incident

  useIncidentCommands(() => (id ? [id] : []))
  useCommand('escape', () => navigate('incidents'))
  const alertCount = detail?.alerts.length ?? 0
  useCommand('list.next', () => setSelectedAlert((n) => Math.min(alertCount - 1, n + 1)))
  useCommand('list.prev', () => setSelectedAlert((n) => Math.max(0, n - 1)))
  useCommand('list.open', () => {
    const a = detail?.alerts[selectedAlert]
    const url = a?.runbookUrl ?? a?.url
    if (url) window.open(url, '_blank', 'noopener,noreferrer')
  })

  // Focus lands on the title, so a screen reader announces the incident and Tab starts at the actions.
  useEffect(() => headRef.current?.focus(), [id])

  if (!id) return <p className="empty">No incident selected. Press g i for the queue.</p>
  if (!incident) return <p className="empty">{error ? `Could not load ${id}: ${error}` : `Loading ${id}…`}</p>

  const left = ackSlaLeft(incident, now)
  const active = incident.status === 'open' || incident.status === 'acknowledged'

  return (
    <section className="detail" aria-label={`Incident ${incident.id}`} data-incident-id={incident.id} data-status={incident.status}>
      <div className="detail-head">
        <button type="button" className="header-button" onClick={() => navigate('incidents')}>
          ← Queue <kbd className="hint">Esc</kbd>
        </button>
        <PriorityChip priority={incident.priority} />
        <SeverityBadge severity={incident.severity} />
        <span className={`inc-status big st-${incident.status}`} data-status={incident.status}>
          {STATUS_LABEL[incident.status]}
        </span>
        <h2 ref={headRef} tabIndex={-1} className="detail-title">
          <span className="inc-id">{incident.id}</span> {incident.title}
        </h2>
      </div>
      <div className="detail-facts">
        <span>
          <b>{incident.client}</b>
        </span>
        {incident.service && <span>service {incident.service}</span>}
        {incident.resource && <span>resource {incident.resource}</span>}
        <span title={fullTime(incident.openedAt)}>opened {age(now - incident.openedAt)} ago</span>
        {left !== null && <span className={`sla-cell${left < 0 ? ' late' : left < 5 * 60_000 ? ' soon' : ''}`}>{left < 0 ? `ack SLA breached ${countdown(-left)} ago` : `ack due in ${countdown(left)}`}</span>}
        <span>owner {incident.owner ?? <i>nobody</i>}</span>
        <span>escalation L{incident.escalationLevel}</span>
        <span>{incident.alertCount} alert{incident.alertCount === 1 ? '' : 's'}</span>
        {incident.flags.map((f) => (
          <span key={f} className="flag">
            {f}
          </span>
        ))}
        {incident.mergedInto && (
          <button type="button" className="link-button" onClick={() => navigate('incident', incident.mergedInto)}>
            merged into {incident.mergedInto}
          </button>
        )}
      </div>
      <div className="detail-actions" role="toolbar" aria-label="Actions">
        {ACTIONS.filter((a) => !a.when || a.when(incident.status)).map((a) => (
          <button key={a.command} type="button" className="action-button" data-action={a.command} onClick={() => runCommand(a.command)}>
            {a.label} <kbd>{keyHint(a.command)}</kbd>
          </button>
        ))}
        {!active && (
          <button type="button" className="action-button" onClick={() => void act('reopen', [incident.id])}>
            Re-open
          </button>
        )}
        <span className="dim small acting-as">acting as {operator}</span>
      </div>

      {detail ? (
        <>
          <section className="panel timeline-panel" aria-labelledby="tl-h">
            <h3 id="tl-h">Timeline</h3>
            <TimelineChart incident={incident} entries={detail.timeline} now={now} />
          </section>
          <div className="detail-columns">
            <div className="detail-main">
              <AlertsPanel alerts={detail.alerts} selected={selectedAlert} />
              {(incident.cause || incident.solution) && (
                <section className="panel">
                  <h3>Resolution</h3>
                  {incident.cause && (
                    <p>
                      <b>Cause:</b> {incident.cause}
                    </p>
                  )}
                  {incident.solution && (
                    <p>
                      <b>Solution:</b> {incident.solution}
                    </p>
                  )}
                </section>
              )}
              <NotesPanel timeline={detail.timeline} now={now} />
              <section className="panel" aria-labelledby="tll-h">
                <h3 id="tll-h">All timeline entries ({detail.timeline.length})</h3>
                <TimelineList timeline={detail.timeline} />
              </section>
            </div>
            <div className="detail-side">
              <RunbooksPanel ops={ops.ops} />
              <PriorityPanel b={incident.priorityBreakdown} />
              {detail.problem && <ProblemPanel problem={detail.problem} />}
              <SimilarPanel similar={detail.similar} />
              <NotifyPanel ops={ops.ops} error={ops.error} />
            </div>
          </div>
        </>
      ) : (
        <p className="empty">{error ? `Could not load the details: ${error}` : 'Loading details…'}</p>
      )}
    </section>
  )
}
