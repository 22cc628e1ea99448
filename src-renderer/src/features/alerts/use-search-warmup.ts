import { useEffect } from 'react'
import { searchIndexFor } from '../../store/alert-search'
import { nocStore } from '../../store/store'

/** One idle slice: long enough to re-join a few dozen chunks, short enough never to delay a frame. */
const SLICE_MS = 8
const MIN_SLICE_MS = 4

type Idle = (cb: (d: { timeRemaining(): number }) => void, opts?: { timeout: number }) => number
const onIdle: Idle =
  typeof requestIdleCallback === 'function'
    ? (cb, opts) => requestIdleCallback(cb, opts)
    : (cb) => window.setTimeout(() => cb({ timeRemaining: () => SLICE_MS }), 50) as unknown as number
const cancelIdle = (h: number) => (typeof cancelIdleCallback === 'function' ? cancelIdleCallback(h) : clearTimeout(h))

/**
 * Join the alert search index's text (store/alert-search.ts) while the console is idle, so the operator's first
 * keystroke in the alert filter does not pay for 100 k rows at once (~100 ms) and later ones not for what the
 * deltas changed. Off on a bare wall display: it never filters.
 */
export const useSearchWarmup = (enabled: boolean): void => {
  useEffect(() => {
    if (!enabled) return
    let handle = 0
    const step = (deadline: { timeRemaining(): number }) => {
      const s = nocStore.getState()
      const status = s.filters.status
      const lists = status === 'firing' ? [s.firingIds] : status === 'resolved' ? [s.resolvedIds] : [s.firingIds, s.resolvedIds]
      const src = { lists, all: [s.firingIds, s.resolvedIds], byId: s.alertsById, version: s.alertsVersion }
      // A callback run by its timeout (a busy console is never idle) has no time left: take a short slice anyway.
      const until = performance.now() + Math.max(MIN_SLICE_MS, Math.min(SLICE_MS, deadline.timeRemaining()))
      handle = searchIndexFor(s.alertsById).warm(src, () => until - performance.now()) ? 0 : onIdle(step, { timeout: 2000 })
    }
    const schedule = () => {
      if (!handle) handle = onIdle(step, { timeout: 2000 })
    }
    schedule()
    // A store subscription, not a selector: the app must not re-render on every delta for this.
    const stop = nocStore.subscribe((s, prev) => {
      if (s.alertsVersion !== prev.alertsVersion) schedule()
    })
    return () => {
      stop()
      if (handle) cancelIdle(handle)
    }
  }, [enabled])
}
