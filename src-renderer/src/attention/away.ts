/**
 * "Was nobody looking at some moment within [from, to]?" — the question behind the "missed while away" list.
 * Pure (the clock comes in with every call); ./attention feeds it key/mouse input, page visibility, pauses and
 * wall mode.
 *
 * Pauses, wall mode and hidden pages are kept as periods, not only read as the current state: an incident's
 * last delta can reach the console after it was un-paused (the hub throttles deltas to one per 80 ms, and the
 * browser runs a key press before a queued socket message), and an incident that recovered during the pause was
 * missed all the same. The periods are in this machine's clock and the incident's times in the hub's; the
 * caller also counts a change that arrives while paused or on the wall as unseen, whatever the clocks say.
 */
import { createPresence, type Presence } from './diff'

export interface AwayTracker {
  /** Someone pressed a key or touched the mouse. */
  input(now: number): void
  /** The page became hidden (true) or visible again (false). */
  hidden(hidden: boolean, now: number): void
  /** The feed was frozen (true) or resumed (false). */
  paused(paused: boolean, now: number): void
  /** Wall mode: a wall is watched by nobody in particular, so everything it shows while on counts as unseen. */
  wall(on: boolean, now: number): void
  wasAway(from: number, to: number, now: number): boolean
}

export const createAwayTracker = (opts: { awayMs: () => number; lastInput: number; keepMs?: number }): AwayTracker => {
  const hidden = createPresence(opts.keepMs)
  const paused = createPresence(opts.keepMs)
  const wall = createPresence(opts.keepMs)
  const idle = createPresence(opts.keepMs)
  let lastInput = opts.lastInput
  const toggle = (p: Presence, on: boolean, now: number) => (on ? p.away(now) : p.back(now))
  return {
    input(now) {
      // An idle gap is only known once it ends: record it afterwards.
      if (now - lastInput > opts.awayMs()) idle.add(lastInput + opts.awayMs(), now)
      lastInput = now
    },
    hidden: (on, now) => toggle(hidden, on, now),
    paused: (on, now) => toggle(paused, on, now),
    wall: (on, now) => toggle(wall, on, now),
    wasAway(from, to, now) {
      // Idle right now, and the idle gap began before the end of the interval.
      if (now - lastInput > opts.awayMs() && lastInput + opts.awayMs() <= to) return true
      return [hidden, paused, wall, idle].some((p) => p.wasAway(from, to))
    },
  }
}
