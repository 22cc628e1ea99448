import type { Alert } from '@shared/model/alert'
import type { NocEvent } from '@shared/model/event'

/** An alert row before the store gives it an id and a change sequence. */
export type AlertDraft = Omit<Alert, 'id' | 'seq'>

/**
 * What an occurrence did to its alert:
 * - `new`: first occurrence of this fingerprint for this client;
 * - `changed`: status or severity moved;
 * - `repeat`: same state again (duplicate delivery, Alertmanager's repeat_interval re-send);
 * - `stale`: older (by source time) than the state already recorded — counted, but it cannot roll state back.
 */
export type MergeOutcome = 'new' | 'changed' | 'repeat' | 'stale'

/**
 * Fold one event into its alert. Pure.
 *
 * Ordering is by the source's own time (`stateTime`), not by arrival, so a late "firing" re-send cannot undo a
 * newer resolve, and a resolve that arrives before its fire leaves a resolved alert that the older fire will not
 * reopen. Equal times: the later arrival wins. Every occurrence counts (`count`), including stale and duplicate ones,
 * because "how often did we hear about this" is what the count tells an operator.
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
      },
    }
  }

  const base: AlertDraft = {
    ...prev,
    count: prev.count + 1,
    firstSeen: Math.min(prev.firstSeen, ev.time),
    lastSeen: Math.max(prev.lastSeen, ev.receivedAt),
  }
  if (ev.time < prev.stateTime) return { next: base, outcome: 'stale' }

  const keepSeverity = ev.sparse || (ev.status === 'resolved' && ev.severity === 'ok')
  const severity = keepSeverity ? prev.severity : ev.severity
  if (ev.sparse) {
    const next: AlertDraft = { ...base, status: ev.status, severity, stateTime: ev.time, resolvedAt: ev.status === 'resolved' ? ev.time : null }
    return { next, outcome: next.status !== prev.status ? 'changed' : 'repeat' }
  }
  const next: AlertDraft = {
    ...base,
    status: ev.status,
    severity,
    stateTime: ev.time,
    resolvedAt: ev.status === 'resolved' ? ev.time : null,
    // Descriptive fields follow the newest occurrence (summaries often carry the current value).
    summary: ev.summary || prev.summary,
    description: ev.description ?? prev.description,
    labels: ev.labels,
    annotations: ev.annotations ?? prev.annotations,
    url: ev.url ?? prev.url,
    runbookUrl: ev.runbookUrl ?? prev.runbookUrl,
    resource: ev.resource ?? prev.resource,
    service: ev.service ?? prev.service,
    group: ev.group ?? prev.group,
  }
  const changed = next.status !== prev.status || next.severity !== prev.severity
  return { next, outcome: changed ? 'changed' : 'repeat' }
}
