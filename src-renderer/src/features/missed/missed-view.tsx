import '../settings/settings.css'
import { useEffect, useRef, useState } from 'react'
import { PriorityChip } from '../../components/priority-chip'
import { SeverityBadge } from '../../components/severity-badge'
import { useCommand } from '../../keyboard/commands'
import { keyHint } from '../../keyboard/keymap'
import { age } from '../../lib/format'
import { openIncident } from '../../lib/navigate'
import { fullTime } from '../../lib/time'
import { useNow } from '../../lib/use-now'
import { useNoc } from '../../store/store'

/**
 * "Missed while away": incidents that fired and recovered, unacknowledged, while this console was hidden,
 * idle or paused. They stay here (across reloads) until someone marks them seen, so a short outage at 03:00
 * is still news at 07:00.
 */
export const MissedView = () => {
  const missed = useNoc((s) => s.missed)
  const clearMissed = useNoc((s) => s.clearMissed)
  const [at, setAt] = useState(0)
  const listRef = useRef<HTMLOListElement>(null)
  const now = useNow(10_000)
  const current = Math.min(at, missed.length - 1)

  const focusRow = (n: number) => {
    setAt(n)
    requestAnimationFrame(() => listRef.current?.querySelectorAll<HTMLElement>('li')[n]?.scrollIntoView({ block: 'nearest' }))
  }
  useCommand('list.next', () => focusRow(Math.min(missed.length - 1, current + 1)))
  useCommand('list.prev', () => focusRow(Math.max(0, current - 1)))
  useCommand('list.first', () => focusRow(0))
  useCommand('list.last', () => focusRow(missed.length - 1))
  useCommand('list.open', () => missed[current] && openIncident(missed[current].id))
  useCommand('missed.seen', () => missed[current] && clearMissed([missed[current].id]))
  useEffect(() => {
    if (at >= missed.length && missed.length) setAt(missed.length - 1)
  }, [missed.length, at])

  return (
    <section className="missed-view" aria-label="Missed while away">
      <div className="missed-head">
        <h2>Missed while away</h2>
        <p className="dim">
          Incidents that fired and recovered without an acknowledgement while this console was hidden, idle, paused or in wall mode. j/k select, Enter opens,{' '}
          <kbd>{keyHint('missed.seen')}</kbd> marks one seen.
        </p>
        {missed.length > 0 && (
          <button type="button" className="action-button" onClick={() => clearMissed()}>
            Mark all {missed.length} seen
          </button>
        )}
      </div>
      {missed.length === 0 ? (
        <p className="empty">Nothing was missed.</p>
      ) : (
        <ol className="missed-list" ref={listRef}>
          {missed.map((m, n) => (
            <li key={m.id} className={n === current ? 'selected' : ''} aria-selected={n === current} data-incident-id={m.id} onClick={() => setAt(n)} onDoubleClick={() => openIncident(m.id)}>
              <PriorityChip priority={m.priority} />
              <SeverityBadge severity={m.severity} />
              <span className="inc-id">{m.id}</span>
              <span className="missed-client">{m.client}</span>
              <span className="missed-title">{m.title}</span>
              <span className="dim" title={`${fullTime(m.openedAt)} – ${fullTime(m.resolvedAt)}`}>
                lasted {age(m.resolvedAt - m.openedAt)}, recovered {age(now - m.resolvedAt)} ago
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
