import type { AlertEpisode } from '@shared/model/alert'
import type { NocEvent } from '@shared/model/event'
import type { AlertDraft } from './dedup'

/**
 * Which of two states of one alert is newer: the one recorded, or the one an event brings. An alert's life is a
 * sequence of **episodes** (fired … resolved). Each source says which episode an event belongs to in its own way:
 *
 * | source | episode identity | times and their precision |
 * |---|---|---|
 * | Alertmanager, Grafana | `startsAt` (the fingerprint is the alert) | RFC 3339 as sent: Alertmanager stamps alerts posted without `startsAt` with its own clock in ns, clients often send whole seconds; a precision is read off each string |
 * | Zabbix | problem `EVENT.ID` (a recovery carries its problem's id) | wall clock, whole seconds |
 * | PagerDuty | none: `dedup_key` is the alert, events apply in arrival order | trigger `payload.timestamp` (source clock); acknowledge/resolve carry none → our receive time |
 * | Alerta | none | `createTime` (sender's clock), or receive time |
 * | native / agents | none | `time` (ms number, or RFC 3339), or receive time |
 *
 * Rules, in order:
 * 1. **Keyed episodes** (Zabbix): a recovery of the recorded episode always applies — it is terminal, however its
 *    clock compares; a problem or update for an episode already recovered is stale.
 * 2. **Start-identified episodes** (Alertmanager/Grafana; two starts are the same episode when they are less than
 *    the coarser precision apart):
 *    - a resolve of the current episode always applies (the "resolved in the same second" case: Alertmanager
 *      moves `startsAt` to the second-precision `endsAt` of the resolving post, which may look older than the
 *      millisecond `startsAt` of the fire we recorded);
 *    - a resolve whose episode began *before* the current one is stale only when it is no later than the end we
 *      already recorded for an earlier episode; otherwise it ends the current one (Alertmanager keeps the earliest
 *      `startsAt`, so a resolve stamped by a client whose clock is behind can carry an earlier start);
 *    - a fire for an episode that already ended is stale; a fire with a later start is a new episode.
 * 3. **Times** otherwise. On one clock (both source, or both ours): the older at the coarser precision is stale;
 *    within the same unit a resolve wins over a fire (the same instant cannot be told apart, and a stuck firing
 *    alert is worse than a re-fire that the source's next repeat reports), else the later arrival wins. Across
 *    clocks (a source time against our receive time): older only by more than `CLOCK_TOLERANCE_MS`, else arrival
 *    order decides; a fire no later than the start of an episode that already ended is its late re-send.
 */

/** Two clocks (a source's and ours) agree to within this much: ±2 min covers NTP-less appliances and the ±90 s seen in the field. */
export const CLOCK_TOLERANCE_MS = 120_000

export type Order = { verdict: 'apply' } | { verdict: 'stale'; reason: string }

const APPLY: Order = { verdict: 'apply' }
const stale = (reason: string): Order => ({ verdict: 'stale', reason })

const clock = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z')

/** The event's ordering facts, defaults filled in. */
export const eventEpisode = (ev: NocEvent) => ({
  key: ev.episode?.key ?? null,
  start: ev.episode?.start ?? null,
  basis: ev.timeBasis ?? 'source',
  precisionMs: ev.timePrecisionMs ?? 1,
})

/** A row written before episodes were recorded: its time is a source time to the millisecond, no episode known. */
export const episodeOf = (a: AlertDraft): AlertEpisode =>
  a.episode ?? { key: null, start: null, prevEnd: null, basis: 'source', precisionMs: 1, receivedAt: a.lastSeen }

/** `a` and `b` (ms) fall in the same unit of precision `p` (less than `p` apart). */
const sameUnit = (a: number, b: number, p: number) => Math.abs(a - b) < p

/** -1: `a` older than `b` at precision `p`, 0: same unit, 1: newer. */
const cmp = (a: number, b: number, p: number): number => (sameUnit(a, b, p) ? 0 : a < b ? -1 : 1)

export const orderEvent = (prev: AlertDraft, ev: NocEvent): Order => {
  const cur = episodeOf(prev)
  const e = eventEpisode(ev)
  const p = Math.max(cur.precisionMs, e.precisionMs)
  const firing = ev.status === 'firing'
  const wasFiring = prev.status === 'firing'

  // 1. Keyed episodes.
  if (e.key !== null && cur.key !== null && e.key === cur.key) {
    if (!firing) return APPLY
    if (!wasFiring) return stale(`episode ${e.key} already recovered at ${clock(prev.stateTime)}`)
    return byTime(prev, cur, ev, e, p)
  }
  if (e.key !== null && cur.key !== null && e.start !== null && cur.start !== null) {
    // Another episode of a key-overridden fingerprint: the later-starting one is current.
    const c = cmp(e.start, cur.start, p)
    if (c < 0) return stale(`episode ${e.key} began at ${clock(e.start)}, before the recorded episode ${cur.key} (${clock(cur.start)})`)
    if (c > 0) return APPLY
  }

  // 2. Start-identified episodes.
  if (e.key === null && cur.key === null && e.start !== null && cur.start !== null) {
    const c = cmp(e.start, cur.start, p)
    if (!firing) {
      if (!wasFiring) return c > 0 && cmp(ev.time, prev.stateTime, p) > 0 ? APPLY : byTime(prev, cur, ev, e, p)
      if (c >= 0) return APPLY
      if (cur.prevEnd !== null && cmp(ev.time, cur.prevEnd, p) <= 0) {
        return stale(`resolve of an earlier episode (began ${clock(e.start)}, ended ${clock(ev.time)}), already recorded`)
      }
      return APPLY
    }
    if (wasFiring) {
      if (c < 0 && cur.prevEnd !== null && cmp(e.start, cur.prevEnd, p) <= 0) {
        return stale(`fire of an episode that began at ${clock(e.start)} and ended by ${clock(cur.prevEnd)}`)
      }
      // A later start: a new episode (we missed the resolve). The same or an earlier one: the same episode, whose
      // start Alertmanager moved earlier when it merged in an earlier-starting copy (an HA Prometheus pair).
      return APPLY
    }
    // Recorded resolved: a fire of the episode that ended, or of one that began before it ended, is a re-send.
    if (c <= 0 || cmp(e.start, prev.stateTime, p) <= 0) {
      return stale(`fire of the episode that began at ${clock(e.start)}, which already ended at ${clock(prev.stateTime)}`)
    }
    return APPLY
  }

  // 3. Times.
  return byTime(prev, cur, ev, e, p)
}

const byTime = (prev: AlertDraft, cur: AlertEpisode, ev: NocEvent, e: ReturnType<typeof eventEpisode>, p: number): Order => {
  const firing = ev.status === 'firing'
  const older = `older than the recorded state (${clock(ev.time)} < ${clock(prev.stateTime)})`
  if (e.basis === cur.basis) {
    const c = cmp(ev.time, prev.stateTime, p)
    if (c < 0) return stale(older)
    // Same unit: a resolve wins over a fire, whichever came first.
    if (c === 0 && firing && prev.status === 'resolved') return stale(`a fire in the same ${p >= 1000 ? 'second' : 'instant'} as the recorded resolve`)
    return APPLY
  }
  if (ev.time < prev.stateTime - CLOCK_TOLERANCE_MS) return stale(`${older}, beyond the ${CLOCK_TOLERANCE_MS / 1000} s clock tolerance`)
  if (firing && prev.status === 'resolved' && cur.start !== null && e.basis === 'source' && ev.time <= cur.start) {
    return stale(`fire at ${clock(ev.time)}, not after the start of the episode that ended (${clock(cur.start)})`)
  }
  return APPLY
}
