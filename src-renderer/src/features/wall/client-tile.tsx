import { memo } from 'react'
import type { Client } from '@shared/model/client'
import { OPEN_SEVERITIES, SEVERITY_LABEL, SEVERITY_SHORT } from '../../components/severity'
import { openTotal } from '../../store/feed'

/**
 * One client on the wall. The tile's colour is its worst open severity, and the same fact is written on it
 * in words ("CRITICAL · 4 open"), so colour is never the only cue. Counts are per severity in fixed columns,
 * so the eye finds "critical" in the same place on every tile.
 *
 * Minimum sizes (legible at 5 m): client name 24 px bold, counts 32 px bold, status line 18 px,
 * column heads 14 px. Larger tiles scale these up with container units (see wall.css).
 */
export const ClientTile = memo(function ClientTile({ client, onOpen }: { client: Client; onOpen: (id: string) => void }) {
  const total = openTotal(client)
  const status = client.worst === 'ok' ? 'All clear' : `${SEVERITY_LABEL[client.worst]} · ${total} open`
  const spoken = OPEN_SEVERITIES.filter((s) => (client.open[s] ?? 0) > 0)
    .map((s) => `${client.open[s]} ${SEVERITY_LABEL[s].toLowerCase()}`)
    .join(', ')
  return (
    <button
      type="button"
      className={`tile sev-${client.worst}`}
      data-client={client.id}
      data-severity={client.worst}
      aria-label={`${client.name}: ${client.worst === 'ok' ? 'all clear' : spoken}. Open its alerts.`}
      onClick={() => onOpen(client.id)}
    >
      <span className="tile-head">
        <span className="tile-name">{client.name}</span>
        <span className="tile-status">{status}</span>
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
