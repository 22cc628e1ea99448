import './tile-status.css'
import { memo } from 'react'
import type { Client } from '@shared/model/client'
import { OPEN_SEVERITIES, SEVERITY_SHORT } from '../../components/severity'
import { countdown } from '../../lib/format'
import type { ClientIncidents } from '../../store/incident-order'
import { tileStatus } from './tile-status'

export interface TileMarks {
  /** A source of this client went silent past its timeout (server-side source health). */
  stale: boolean
  /** Peak events per minute of an ongoing storm, 0 when none. */
  storm: number
}

/**
 * One client on the wall. The tile's colour is its worst open severity, and the same fact is written on it
 * in words, so colour is never the only cue. Below the name: open P1/P2 incidents and the time left before
 * the earliest ack SLA breaches (the line an operator across the room needs most), then counts per severity
 * in fixed columns, so the eye finds "critical" in the same place on every tile.
 *
 * Minimum sizes (legible at 5 m, at 56 tiles on 1920×1080): client name 24 px bold, incident/status line
 * 18 px bold, counts 32 px extra-bold, count labels 14 px bold, marks 14 px bold. Larger tiles scale these
 * up with container units (see wall.css).
 */
export const ClientTile = memo(function ClientTile({
  client,
  incidents,
  marks,
  now,
  onOpen,
}: {
  client: Client
  incidents: ClientIncidents | undefined
  marks: TileMarks
  now: number
  onOpen: (id: string) => void
}) {
  // Words and chips from the same data (tile-status.ts): never "All clear" under an open incident's chip.
  const st = tileStatus(client, incidents)
  const status = st.text
  const p1 = incidents?.active.P1 ?? 0
  const p2 = incidents?.active.P2 ?? 0
  const due = incidents?.nextAckDue ?? null
  const left = due === null ? null : due - now
  const urgent = p1 + p2 > 0
  // The countdown is for what is urgent or close: a P4's "23h 59m" on every tile would be noise.
  const showSla = left !== null && (urgent || left < 60 * 60_000)
  const spoken = [
    st.spoken,
    p1 ? `${p1} P1` : '',
    p2 ? `${p2} P2` : '',
    left === null ? '' : left < 0 ? `ack SLA breached ${countdown(-left)} ago` : `ack due in ${countdown(left)}`,
    marks.stale ? 'feed stale' : '',
    marks.storm ? `alert storm, peak ${marks.storm} events a minute` : '',
  ].filter(Boolean)
  return (
    <button
      type="button"
      className={`tile ${st.state === 'recovering' ? 'tile-recovering' : `sev-${client.worst}`}${urgent ? ' has-urgent' : ''}${left !== null && left < 0 ? ' sla-breached' : ''}`}
      data-client={client.id}
      data-severity={client.worst}
      data-state={st.state}
      data-p1={p1}
      data-p2={p2}
      aria-label={`${client.name}: ${spoken.join('; ')}. Open its incidents.`}
      onClick={() => onOpen(client.id)}
    >
      <span className="tile-head">
        <span className="tile-title">
          <span className="tile-name">{client.name}</span>
          {marks.stale && <span className="tile-mark mark-stale">STALE</span>}
          {marks.storm > 0 && <span className="tile-mark mark-storm">STORM</span>}
        </span>
        <span className="tile-status">{status}</span>
        {(urgent || showSla) && (
          <span className="tile-incidents" aria-hidden="true">
            {p1 > 0 && <span className="prio-chip p1">P1 ×{p1}</span>}
            {p2 > 0 && <span className="prio-chip p2">P2 ×{p2}</span>}
            {showSla && left !== null && (
              <span className={`sla${left < 0 ? ' late' : left < 5 * 60_000 ? ' soon' : ''}`} data-sla-left={Math.round(left / 1000)}>
                {left < 0 ? `ACK LATE ${countdown(-left)}` : `ACK ${countdown(left)}`}
              </span>
            )}
          </span>
        )}
      </span>
      <span className="tile-counts" aria-hidden="true">
        {OPEN_SEVERITIES.map((s) => {
          const n = client.open[s] ?? 0
          return (
            <span key={s} className={`tile-count count-${s}${n ? '' : ' zero'}`}>
              <span className="n">{n > 999 ? '999+' : n}</span>
              <span className="l">{SEVERITY_SHORT[s]}</span>
            </span>
          )
        })}
      </span>
    </button>
  )
})
