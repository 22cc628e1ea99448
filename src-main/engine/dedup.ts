import type { Alert, AlertEpisode } from '@shared/model/alert'
import type { NocEvent } from '@shared/model/event'
import { episodeOf, eventEpisode, orderEvent } from './episode'

/** An alert row before the store gives it an id and a change sequence. */
export type AlertDraft = Omit<Alert, 'id' | 'seq'>

/**
 * What an occurrence did to its alert:
 * - `new`: first occurrence of this fingerprint for this client;
 * - `changed`: status or severity moved;
 * - `repeat`: same state again (duplicate delivery, Alertmanager's repeat_interval re-send);
 * - `stale`: older than the state already recorded (episode.ts decides) — counted and noted on the alert
 *   (`ignored`), but it cannot roll the state back.
 */
export type MergeOutcome = 'new' | 'changed' | 'repeat' | 'stale'

const firstEpisode = (ev: NocEvent): AlertEpisode => {
  const e = eventEpisode(ev)
  return {
    key: e.key,
    start: ev.status === 'firing' ? (e.start ?? ev.time) : e.start,
    prevEnd: null,
    basis: e.basis,
    precisionMs: e.precisionMs,
    receivedAt: ev.receivedAt,
  }
}

/** The episode record after `ev` applied over `prev`. */
const nextEpisode = (prev: AlertDraft, ev: NocEvent): AlertEpisode => {
  const cur = episodeOf(prev)
  const e = eventEpisode(ev)
  const firing = ev.status === 'firing'
  const wasFiring = prev.status === 'firing'
  let start = cur.start
  let prevEnd = cur.prevEnd
  if (firing && !wasFiring) {
    // A new episode: the previous one ended with the recorded resolve.
    start = e.start ?? ev.time
    prevEnd = prev.stateTime
  } else if (firing) {
    if (e.start !== null && cur.start !== null && e.start - cur.start >= Math.max(e.precisionMs, cur.precisionMs)) prevEnd = e.start // missed a resolve
    start = e.start ?? cur.start ?? ev.time
  } else {
    start = e.start ?? cur.start
  }
  const next = { key: e.key, start, prevEnd, basis: e.basis, precisionMs: e.precisionMs, receivedAt: ev.receivedAt }
  // A repeat decides nothing new: keep the recorded episode as it is (same object), so the row need not be rewritten.
  const same = prev.episode && prev.status === ev.status && next.key === cur.key && next.start === cur.start && next.prevEnd === cur.prevEnd &&
    next.basis === cur.basis && next.precisionMs === cur.precisionMs
  return same ? (prev.episode as AlertEpisode) : next
}

/**
 * Fold one event into its alert. Pure.
 *
 * Ordering follows the source's episodes and times (episode.ts), not arrival, so a late "firing" re-send cannot
 * undo a newer resolve, a resolve of the current episode is never lost to clock precision or skew, and a resolve
 * that arrives before its fire leaves a resolved alert that the older fire will not reopen. Every occurrence
 * counts (`count`), stale and duplicate ones included: "how often did we hear about this" is what the count tells
 * an operator. An event ignored as older changes nothing but the counts and `ignored`.
 */
export const mergeEvent = (prev: AlertDraft | undefined, ev: NocEvent): { next: AlertDraft; outcome: MergeOutcome } => {
  if (!prev) {
    const resolved = ev.status === 'resolved'
    return {
      outcome: 'new',
      next: {
        fingerprint: ev.fingerprint,
        fingerprintKind: ev.fingerprintKind,
        client: ev.client,
        source: ev.source,
        class: ev.class,
        ems: ev.ems,
        rule: ev.rule,
        group: ev.group ?? null,
        components: ev.components,
        resource: ev.resource ?? null,
        service: ev.service ?? null,
        // A clear with no earlier state has nothing to inherit: record it as `ok`.
        severity: ev.severity,
        status: ev.status,
        count: 1,
        firstSeen: Math.min(ev.time, ev.receivedAt),
        lastSeen: ev.receivedAt,
        stateTime: ev.time,
        resolvedAt: resolved ? ev.time : null,
        summary: ev.summary,
        description: ev.description ?? null,
        labels: ev.labels,
        annotations: ev.annotations ?? {},
        url: ev.url ?? null,
        runbookUrl: ev.runbookUrl ?? null,
        episode: firstEpisode(ev),
        ignored: null,
      },
    }
  }

  const firing = ev.status === 'firing'
  const base: AlertDraft = {
    ...prev,
    count: prev.count + 1,
    // The earliest time we know it existed, on either clock (a clear at t means it existed by t): a minimum over
    // every occurrence, so the result does not depend on delivery order, even when a source clock runs ahead.
    firstSeen: Math.min(prev.firstSeen, ev.time, ev.receivedAt),
    lastSeen: Math.max(prev.lastSeen, ev.receivedAt),
  }
  const order = orderEvent(prev, ev)
  if (order.verdict === 'stale') {
    const ignored = {
      count: (prev.ignored?.count ?? 0) + 1,
      last: { receivedAt: ev.receivedAt, time: ev.time, status: ev.status, severity: ev.severity, source: ev.source, reason: order.reason },
    }
    return { next: { ...base, ignored }, outcome: 'stale' }
  }

  // The state's time never moves back (a resolve stamped by a slower clock can carry an earlier time than the fire).
  const stateTime = Math.max(prev.stateTime, ev.time)
  const episode = nextEpisode(prev, ev)
  const keepSeverity = ev.sparse || (ev.status === 'resolved' && ev.severity === 'ok')
  const severity = keepSeverity ? prev.severity : ev.severity
  const resolvedAt = firing ? null : stateTime
  if (ev.sparse) {
    const next: AlertDraft = { ...base, status: ev.status, severity, stateTime, resolvedAt, episode }
    return { next, outcome: next.status !== prev.status ? 'changed' : 'repeat' }
  }
  const next: AlertDraft = {
    ...base,
    status: ev.status,
    severity,
    stateTime,
    resolvedAt,
    // Descriptive fields follow the newest applied occurrence (summaries often carry the current value). A clear's
    // text ("RESOLVED: …") may land here; incident titles never take it (roles.ts: only a firing root cause names one).
    summary: ev.summary || prev.summary,
    description: ev.description ?? prev.description,
    labels: ev.labels,
    annotations: ev.annotations ?? prev.annotations,
    url: ev.url ?? prev.url,
    runbookUrl: ev.runbookUrl ?? prev.runbookUrl,
    resource: ev.resource ?? prev.resource,
    service: ev.service ?? prev.service,
    group: ev.group ?? prev.group,
    episode,
  }
  const changed = next.status !== prev.status || next.severity !== prev.severity
  return { next, outcome: changed ? 'changed' : 'repeat' }
}
