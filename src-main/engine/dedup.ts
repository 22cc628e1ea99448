import type { Alert, AlertEpisode } from '@shared/model/alert'
import type { NocEvent } from '@shared/model/event'
import { episodeOf, eventEpisode, orderEvent } from './episode'

/** An alert row before the store gives it an id and a change sequence. */
export type AlertDraft = Omit<Alert, 'id' | 'seq'>

/**
 * A copy of the draft fields of `a`, always in this one order. Every alert row the writer makes comes from here (or
 * from the first-sight literal below, in the same order), so they all share one hidden class: a spread of a stored
 * Alert also carried its id and seq, and a spread of that spread made yet another shape — on the re-send path the
 * copies were an eighth of the writer's time (bench/writer.ts profile).
 */
const copyDraft = (a: AlertDraft): AlertDraft => ({
  fingerprint: a.fingerprint,
  fingerprintKind: a.fingerprintKind,
  client: a.client,
  source: a.source,
  class: a.class,
  ems: a.ems,
  rule: a.rule,
  group: a.group,
  components: a.components,
  resource: a.resource,
  service: a.service,
  severity: a.severity,
  status: a.status,
  count: a.count,
  firstSeen: a.firstSeen,
  lastSeen: a.lastSeen,
  stateTime: a.stateTime,
  resolvedAt: a.resolvedAt,
  summary: a.summary,
  description: a.description,
  labels: a.labels,
  annotations: a.annotations,
  url: a.url,
  runbookUrl: a.runbookUrl,
  episode: a.episode,
  ignored: a.ignored,
})

/** The stored alert: the draft with the id and change sequence the store gave it (a new object; the draft is left as it is). */
export const alertOf = (d: AlertDraft, id: number, seq: number): Alert => {
  const a = copyDraft(d) as Alert
  a.id = id
  a.seq = seq
  return a
}

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
  // One copy, then the fields this occurrence moves (assignments keep the copy's shape).
  const next = copyDraft(prev)
  next.count = prev.count + 1
  // The earliest time we know it existed, on either clock (a clear at t means it existed by t): a minimum over
  // every occurrence, so the result does not depend on delivery order, even when a source clock runs ahead.
  next.firstSeen = Math.min(prev.firstSeen, ev.time, ev.receivedAt)
  next.lastSeen = Math.max(prev.lastSeen, ev.receivedAt)
  const order = orderEvent(prev, ev)
  if (order.verdict === 'stale') {
    next.ignored = {
      count: (prev.ignored?.count ?? 0) + 1,
      last: { receivedAt: ev.receivedAt, time: ev.time, status: ev.status, severity: ev.severity, source: ev.source, reason: order.reason },
    }
    return { next, outcome: 'stale' }
  }

  // The state's time never moves back (a resolve stamped by a slower clock can carry an earlier time than the fire).
  const stateTime = Math.max(prev.stateTime, ev.time)
  const keepSeverity = ev.sparse || (ev.status === 'resolved' && ev.severity === 'ok')
  next.episode = nextEpisode(prev, ev)
  next.status = ev.status
  next.severity = keepSeverity ? prev.severity : ev.severity
  next.stateTime = stateTime
  next.resolvedAt = firing ? null : stateTime
  if (ev.sparse) return { next, outcome: next.status !== prev.status ? 'changed' : 'repeat' }
  // Descriptive fields follow the newest applied occurrence (summaries often carry the current value). A clear's
  // text ("RESOLVED: …") may land here; incident titles never take it (roles.ts: only a firing root cause names one).
  next.summary = ev.summary || prev.summary
  next.description = ev.description ?? prev.description
  next.labels = ev.labels
  next.annotations = ev.annotations ?? prev.annotations
  next.url = ev.url ?? prev.url
  next.runbookUrl = ev.runbookUrl ?? prev.runbookUrl
  next.resource = ev.resource ?? prev.resource
  next.service = ev.service ?? prev.service
  next.group = ev.group ?? prev.group
  const changed = next.status !== prev.status || next.severity !== prev.severity
  return { next, outcome: changed ? 'changed' : 'repeat' }
}
