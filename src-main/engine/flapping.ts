import type { CorrelationConfig } from '@shared/model/config'

/**
 * Flapping: an alert whose status (firing ⇄ resolved) changed at least `changes` times within `windowMin`.
 * Times are the alerts' source `stateTime`s, so a late delivery counts where it happened, not when it arrived.
 * The first sighting is not a change (nothing → firing); severity changes are not status changes.
 * The window is inclusive: a change exactly `windowMin` before the latest one still counts.
 */

/** Add a status-change time, keep the list sorted and drop what fell out of the window. */
export const recordTransition = (history: readonly number[], at: number, flapping: CorrelationConfig['flapping']): number[] => {
  const all = [...history, at].sort((a, b) => a - b)
  const latest = all[all.length - 1]
  return all.filter((t) => t >= latest - flapping.windowMin * 60_000)
}

/** Changes counted in the window ending at `at`. */
export const changesInWindow = (history: readonly number[], at: number, flapping: CorrelationConfig['flapping']): number => {
  const from = at - flapping.windowMin * 60_000
  return history.filter((t) => t >= from && t <= at).length
}

export const isFlapping = (history: readonly number[], at: number, flapping: CorrelationConfig['flapping']): boolean =>
  changesInWindow(history, at, flapping) >= flapping.changes
