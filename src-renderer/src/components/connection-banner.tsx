import { useNoc } from '../store/store'
import { selectConnection } from '../store/selectors'
import { pendingFrames } from '../store/feed'
import { clockTime } from '../lib/time'
import { useNow } from '../lib/use-now'
import { keysFor } from '../keyboard/keymap'

const LABEL = { connecting: 'Connecting', live: 'Live', reconnecting: 'Reconnecting', paused: 'Paused' } as const

/** Compact state pill for the header: always visible, text + shape, never colour alone. */
export const ConnectionPill = () => {
  const state = useNoc(selectConnection)
  return (
    <span className={`conn-pill conn-${state}`} data-connection={state} role="status" aria-live="polite">
      <span className="conn-dot" aria-hidden="true" />
      {LABEL[state]}
    </span>
  )
}

/**
 * A full-width strip whenever the console is NOT live: what an operator across the room must not miss is
 * that the screen is frozen or stale, and since when.
 */
export const ConnectionStrip = () => {
  const state = useNoc(selectConnection)
  const link = useNoc((s) => s.link)
  const waiting = useNoc(pendingFrames)
  const lastLiveAt = useNoc((s) => s.lastLiveAt)
  const syncError = useNoc((s) => s.syncError)
  const hasData = useNoc((s) => s.seq >= 0)
  const now = useNow(1000)
  if (state === 'live') return null

  let text: string
  if (state === 'paused') {
    text = `Paused — the view is frozen. ${waiting} update${waiting === 1 ? '' : 's'} waiting. Press ${keysFor('feed.togglePause')[0]} to resume.`
  } else if (state === 'reconnecting' || (state === 'connecting' && link.state !== 'open' && hasData)) {
    const retry = link.retryAt ? Math.max(0, Math.ceil((link.retryAt - now) / 1000)) : 0
    text = `Connection lost${lastLiveAt ? ` — showing data as of ${clockTime(lastLiveAt, true)}` : ''}. ${retry > 0 ? `Retrying in ${retry} s.` : 'Reconnecting now…'}`
  } else if (syncError) {
    text = `Connected, but ${syncError}. Retrying…`
  } else {
    text = link.state === 'open' ? 'Loading current alerts…' : 'Connecting to the NOC server…'
  }
  return (
    <div className={`conn-strip conn-${state}`} role="alert">
      {text}
    </div>
  )
}
