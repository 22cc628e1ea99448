/**
 * The response times of one incident, derived from its timeline. One definition, used by the incident report,
 * the client period report and the metrics, so the three never disagree. Defined in docs/reports.md.
 */
import type { IncidentRow, TimelineRow } from './types'

/** Alert rows live for months (one per client+fingerprint): a firstSeen older than this before the opening
 *  belongs to an earlier episode of the alert, not to this incident. */
export const ONSET_LOOKBACK_MS = 24 * 60 * 60_000

export interface IncidentTimes {
  openedAt: number
  /** Source time of the first event of the episode; null when unknown. */
  onsetAt: number | null
  /** The first `ack` entry (a later un-ack or re-open does not erase that someone reacted). */
  firstAckAt: number | null
  firstAckBy: string | null
  /** Final resolution: the resolve that left the incident resolved (re-opened ones count from their last resolve). */
  resolvedAt: number | null
  resolvedBy: string | null
  /** openedAt − onsetAt (detection delay), ≥ 0. */
  ttd: number | null
  /** firstAckAt − openedAt. */
  tta: number | null
  /** resolvedAt − openedAt. */
  ttr: number | null
  escalations: number
  escalated: boolean
  /** Resolved by the system with no operator entry (ack, note, assign, …) before the resolution. */
  automated: boolean
  /** Merged into another incident: counted there, not here. */
  mergedAway: boolean
}

/** Entries in the order they happened; ids break ties within one millisecond (one engine step). */
export const sortTimeline = <T extends TimelineRow>(timeline: readonly T[]): T[] =>
  timeline
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.at - b.e.at || (a.e.id ?? a.i) - (b.e.id ?? b.i) || a.i - b.i)
    .map((x) => x.e)

/**
 * Onset estimate from member alerts: the earliest `firstSeen` within ONSET_LOOKBACK_MS before the opening.
 * A later firstSeen (an alert that joined after the opening) is not an onset; an older one is a previous episode.
 */
export const estimateOnset = (openedAt: number, alerts: readonly { firstSeen: number }[]): number | null => {
  let onset: number | null = null
  for (const a of alerts) {
    if (a.firstSeen > openedAt || a.firstSeen < openedAt - ONSET_LOOKBACK_MS) continue
    if (onset === null || a.firstSeen < onset) onset = a.firstSeen
  }
  return onset
}

const nonNeg = (ms: number): number => Math.max(0, ms)

export const incidentTimes = (incident: IncidentRow, timeline: readonly TimelineRow[], onsetAt: number | null = null): IncidentTimes => {
  const entries = sortTimeline(timeline)
  let firstAck: TimelineRow | undefined
  let escalations = 0
  // Walk the lifecycle: a `resolve` entry while active is the transition; one while already resolved only
  // records cause/solution ("resolution recorded by …") and must not move the resolution time.
  let active = true
  let resolve: TimelineRow | null = null
  for (const e of entries) {
    if (e.kind === 'ack' && !firstAck) firstAck = e
    else if (e.kind === 'escalate') escalations++
    else if (e.kind === 'resolve' && active) {
      active = false
      resolve = e
    } else if (e.kind === 'reopen') {
      active = true
      resolve = null
    }
  }
  const mergedAway = incident.mergedInto !== null
  const isResolved = (incident.status === 'resolved' || incident.status === 'closed') && !mergedAway
  // The incident row is authoritative; the timeline fills in when the row lacks it (old rows, trimmed timelines).
  const resolvedAt = isResolved ? (incident.resolvedAt ?? resolve?.at ?? null) : null
  const resolvedBy = isResolved ? (resolve?.actor ?? null) : null
  const firstAckAt = firstAck?.at ?? incident.acknowledgedAt ?? null
  const operatorBefore = (t: number) => entries.some((e) => e.actor !== 'system' && e.at <= t)
  const openedAt = incident.openedAt
  return {
    openedAt,
    onsetAt,
    firstAckAt,
    firstAckBy: firstAck?.actor ?? null,
    resolvedAt,
    resolvedBy,
    ttd: onsetAt === null ? null : nonNeg(openedAt - onsetAt),
    tta: firstAckAt === null ? null : nonNeg(firstAckAt - openedAt),
    ttr: resolvedAt === null ? null : nonNeg(resolvedAt - openedAt),
    escalations: Math.max(escalations, incident.escalationLevel),
    escalated: escalations > 0 || incident.escalationLevel > 0,
    automated: resolvedAt !== null && resolvedBy === 'system' && !operatorBefore(resolvedAt),
    mergedAway,
  }
}
