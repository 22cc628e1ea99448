import { firingCount } from '../store/feed-state'
import { useNoc } from '../store/store'
import type { View } from '../store/ui-slice'
import { runCommand } from '../keyboard/commands'
import { keyHint, type CommandId } from '../keyboard/keymap'
import { clockTime } from '../lib/time'
import { navigate } from '../lib/navigate'
import { useNow } from '../lib/use-now'
import { ConnectionPill } from './connection-banner'

const NAV: { view: View; label: string; command: CommandId }[] = [
  { view: 'wall', label: 'Wall', command: 'view.wall' },
  { view: 'incidents', label: 'Incidents', command: 'view.incidents' },
  { view: 'heatmap', label: 'Heatmap', command: 'view.heatmap' },
  { view: 'alerts', label: 'Alerts', command: 'view.alerts' },
  { view: 'missed', label: 'Missed', command: 'view.missed' },
  { view: 'metrics', label: 'Metrics', command: 'view.metrics' },
  { view: 'reports', label: 'Reports', command: 'view.reports' },
  { view: 'settings', label: 'Settings', command: 'view.settings' },
]

/** Active incidents, and how many of them nobody has acknowledged: the tab says both. */
const useCounts = () => {
  const active = useNoc((s) => {
    let n = 0
    for (const c of Object.values(s.incidentsByClient)) n += c.active.P1 + c.active.P2 + c.active.P3 + c.active.P4
    return n
  })
  const unacked = useNoc((s) => {
    let n = 0
    for (const c of Object.values(s.incidentsByClient)) n += c.unacked
    return n
  })
  const firing = useNoc(firingCount)
  const missed = useNoc((s) => s.missed.length)
  return { active, unacked, firing, missed }
}

export const Header = () => {
  const view = useNoc((s) => s.view)
  const demo = useNoc((s) => s.demo)
  const paused = useNoc((s) => s.paused)
  const muted = useNoc((s) => s.settings.muted)
  const soundBlocked = useNoc((s) => s.soundBlocked)
  const counts = useCounts()
  const now = useNow(10_000)
  const current = view === 'incident' ? 'incidents' : view

  const badge = (v: View) => {
    if (v === 'incidents')
      return counts.active ? (
        <span className={`nav-count${counts.unacked ? ' hot' : ''}`} title={`${counts.active} active, ${counts.unacked} not acknowledged`}>
          {counts.unacked ? `${counts.unacked}/${counts.active}` : counts.active}
        </span>
      ) : null
    if (v === 'alerts') return <span className="nav-count">{counts.firing}</span>
    if (v === 'missed') return counts.missed ? <span className="nav-count warn">{counts.missed}</span> : null
    return null
  }

  return (
    <header className="app-header">
      <span className="brand">NOC</span>
      <nav className="nav" aria-label="Views">
        {NAV.map((n) => (
          <button
            key={n.view}
            type="button"
            className="nav-tab"
            data-view={n.view}
            aria-current={current === n.view ? 'page' : undefined}
            onClick={() => navigate(n.view)}
          >
            {n.label}
            {badge(n.view)}
            <kbd className="hint">{keyHint(n.command)}</kbd>
          </button>
        ))}
      </nav>
      <span className="header-spacer" />
      {demo && (
        <span className="demo-badge" title="The server is running its built-in simulator: these are not real alerts.">
          DEMO DATA
        </span>
      )}
      <button
        type="button"
        className={`header-button sound${muted ? ' muted' : ''}${soundBlocked && !muted ? ' blocked' : ''}`}
        onClick={() => runCommand('sound.toggleMute')}
        data-sound={muted ? 'muted' : soundBlocked ? 'blocked' : 'on'}
        aria-pressed={!muted}
        title={soundBlocked && !muted ? 'The browser blocks sound until you press a key or click once' : undefined}
      >
        {muted ? 'Muted' : soundBlocked ? 'No sound' : 'Sound'} <kbd className="hint">{keyHint('sound.toggleMute')}</kbd>
      </button>
      <ConnectionPill />
      <button type="button" className={`header-button${paused ? ' active' : ''}`} onClick={() => runCommand('feed.togglePause')}>
        {paused ? 'Resume' : 'Pause'} <kbd className="hint">{keyHint('feed.togglePause')}</kbd>
      </button>
      <button type="button" className="header-button" onClick={() => runCommand('palette.toggle')} aria-label="Command palette" title="Command palette: every command, client and incident">
        <kbd className="hint">{keyHint('palette.toggle')}</kbd>
      </button>
      <button type="button" className="header-button" onClick={() => runCommand('help.toggle')} aria-label="Keyboard help">
        Keys <kbd className="hint">?</kbd>
      </button>
      <time className="clock" dateTime={new Date(now).toISOString()}>
        {clockTime(now)}
      </time>
    </header>
  )
}
