import { ConnectionPill } from '../../components/connection-banner'
import { clockTime } from '../../lib/time'
import { useNow } from '../../lib/use-now'
import { firingCount } from '../../store/feed-state'
import { useNoc } from '../../store/store'

/**
 * Wall mode's only chrome: what the room needs at a glance (urgent incidents, unacknowledged ones, the link
 * state and the time), in type readable across it. No buttons: nobody clicks a wall.
 */
export const WallHeader = () => {
  const demo = useNoc((s) => s.demo)
  const muted = useNoc((s) => s.settings.muted)
  const soundBlocked = useNoc((s) => s.soundBlocked)
  const totals = useNoc((s) => {
    let p1 = 0
    let p2 = 0
    let unacked = 0
    for (const c of Object.values(s.incidentsByClient)) {
      p1 += c.active.P1
      p2 += c.active.P2
      unacked += c.unacked
    }
    return `${p1}|${p2}|${unacked}|${firingCount(s)}`
  })
  const [p1, p2, unacked, firing] = totals.split('|').map(Number)
  const now = useNow(1000)
  return (
    <header className="wall-header">
      <span className="brand">NOC</span>
      <span className={`wall-total${p1 ? ' p1' : ''}`} data-total="p1">
        <b>{p1}</b> P1
      </span>
      <span className={`wall-total${p2 ? ' p2' : ''}`} data-total="p2">
        <b>{p2}</b> P2
      </span>
      <span className={`wall-total${unacked ? ' unacked' : ''}`} data-total="unacked">
        <b>{unacked}</b> not acknowledged
      </span>
      <span className="wall-total" data-total="firing">
        <b>{firing}</b> alerts firing
      </span>
      <span className="header-spacer" />
      {demo && <span className="demo-badge">DEMO DATA</span>}
      {(muted || soundBlocked) && <span className="wall-sound">{muted ? 'SOUND OFF' : 'SOUND BLOCKED'}</span>}
      <ConnectionPill />
      <time className="wall-clock" dateTime={new Date(now).toISOString()}>
        {clockTime(now, true)}
      </time>
    </header>
  )
}
