import { useNoc } from '../store/store'
import type { View } from '../store/ui-slice'
import { keysFor } from '../keyboard/keymap'
import { clockTime } from '../lib/time'
import { useNow } from '../lib/use-now'
import { ConnectionPill } from './connection-banner'

const NAV: { view: View; label: string; command: 'view.wall' | 'view.alerts' }[] = [
  { view: 'wall', label: 'Wall', command: 'view.wall' },
  { view: 'alerts', label: 'Alerts', command: 'view.alerts' },
]

export const Header = ({ onNavigate }: { onNavigate: (view: View) => void }) => {
  const view = useNoc((s) => s.view)
  const demo = useNoc((s) => s.demo)
  const paused = useNoc((s) => s.paused)
  const togglePaused = useNoc((s) => s.togglePaused)
  const setHelpOpen = useNoc((s) => s.setHelpOpen)
  const firing = useNoc((s) => s.firingIds.length)
  const now = useNow(10_000)

  return (
    <header className="app-header">
      <span className="brand">NOC</span>
      <nav className="nav" aria-label="Views">
        {NAV.map((n) => (
          <button
            key={n.view}
            type="button"
            className="nav-tab"
            aria-current={view === n.view ? 'page' : undefined}
            onClick={() => onNavigate(n.view)}
          >
            {n.label}
            {n.view === 'alerts' && <span className="nav-count">{firing}</span>}
            <kbd className="hint">{keysFor(n.command)[0]}</kbd>
          </button>
        ))}
      </nav>
      <span className="header-spacer" />
      {demo && (
        <span className="demo-badge" title="The server is running its built-in simulator: these are not real alerts.">
          DEMO DATA
        </span>
      )}
      <ConnectionPill />
      <button type="button" className={`header-button${paused ? ' active' : ''}`} onClick={togglePaused}>
        {paused ? 'Resume' : 'Pause'} <kbd className="hint">{keysFor('feed.togglePause')[0]}</kbd>
      </button>
      <button type="button" className="header-button" onClick={() => setHelpOpen(true)} aria-label="Keyboard help">
        Keys <kbd className="hint">?</kbd>
      </button>
      <time className="clock" dateTime={new Date(now).toISOString()}>
        {clockTime(now)}
      </time>
    </header>
  )
}
