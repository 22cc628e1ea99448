import type { Alert } from '@shared/model/alert'
import { isActive, type IncidentDraft } from '@shared/model/incident'
import { severityRank } from '@shared/model/severity'
import { correlateAlert, firedAt, minutesText } from './correlate'
import { MAX_ONSETS, OBSERVED_FROM } from './rule-baseline'
import { linkProblems } from './cross-client'
import { changesInWindow, isFlapping, recordTransition } from './flapping'
import type { AlertChange } from './types'
import { alertName, isFiring, type Work } from './work'

/**
 * What one alert change does to incidents.
 * - Arrives resolved and was never firing (resolve before fire): nothing.
 * - Changes nothing we act on (same status and severity — a duplicate delivery, an Alertmanager repeat): nothing.
 *   Duplicates never open incidents; to adopt alerts that were firing before the engine ran, pass them with
 *   `previous: null`.
 * - Fires (new, or resolved → firing):
 *   - its incident is open/acknowledged → stays there (a pending resolve is cancelled);
 *   - its incident is resolved → re-opened if the re-fire comes within `reopenWindowMin` of the resolve (our
 *     clock, inclusive) and the alert is not flapping; a flapping alert leaves it resolved (flagged `flapping`).
 *     After the window the alert is correlated afresh (flapping or not: it is a new occurrence by then);
 *   - no incident (or only a closed one) → correlated (join or open).
 * - Severity changes while firing → the incident's severity/priority follow. Without an active incident only a
 *   worsening counts, and it is treated like a re-fire (re-open rules above); an improvement is not news.
 * - Resolves → timeline entry; when every alert of the incident is resolved the resolve hold starts
 *   (`resolveHoldSec`, a timer); a re-fire during the hold cancels it.
 */
export const processChange = (w: Work, { alert, previous }: AlertChange): void => {
  const cfg = w.config.correlation
  w.setAlert(alert)
  const firing = isFiring(alert)
  const wasFiring = previous !== null && isFiring(previous)
  const statusChanged = previous !== null && firing !== wasFiring
  const severityChanged = previous !== null && previous.severity !== alert.severity
  let history = w.flaps(alert.id)
  if (statusChanged) {
    history = recordTransition(history, alert.stateTime, cfg.flapping)
    w.setFlaps(alert.id, history)
  }
  const flapping = isFlapping(history, alert.stateTime, cfg.flapping)
  const current = w.current(alert.id)
  if (firing && !wasFiring) recordOnset(w, alert)

  if (!firing) {
    if (!current || !isActive(current.status) || !statusChanged) return
    // The alert itself no longer fires, so every firing member is another one.
    const rest = w.firingCount(current.id)
    w.log(current.id, 'alert-resolved', `alert ${alertName(alert)} resolved (${rest} still firing)`, { data: { alertId: alert.id, stillFiring: rest } })
    w.checkResolve(current.id)
    syncFlapping(w, current, alert, flapping, history)
    return
  }

  if (current && isActive(current.status)) {
    if (!statusChanged && !severityChanged) return
    if (statusChanged) w.log(current.id, 'alert-refired', `alert ${alertName(alert)} fired again (${alert.severity})`, { data: { alertId: alert.id } })
    w.touch(current.id)
    syncFlapping(w, current, alert, flapping, history)
    if (statusChanged) linkProblems(w, alert, current.id)
    return
  }

  const worsened = previous !== null && severityRank(alert.severity) < severityRank(previous.severity)
  if (previous !== null && !statusChanged && !worsened) return

  const since = current?.status === 'resolved' ? w.now - (current.resolvedAt ?? w.now) : Infinity
  if (current && since <= cfg.reopenWindowMin * 60_000) {
    // Flapping only stops re-opening; after the window a flapping alert opens or joins like any other.
    syncFlapping(w, current, alert, flapping, history)
    if (flapping) return
    w.patchIncident(current.id, { status: 'open', resolvedAt: null, acknowledgedAt: null })
    w.log(current.id, 'reopen', `re-opened: alert ${alertName(alert)} fired again ${minutesText(Math.round(since / 6000) / 10)} after the incident resolved`, {
      data: { alertId: alert.id, sinceResolveMs: since },
    })
    linkProblems(w, alert, current.id)
    return
  }
  const id = correlateAlert(w, alert)
  if (flapping) syncFlapping(w, w.incident(id) as IncidentDraft, alert, flapping, history)
  linkProblems(w, alert, id)
}

/** An onset of the alert's rule (for the rule's cross-client baseline, rule-baseline.ts). */
const recordOnset = (w: Work, alert: Alert): void => {
  const t = firedAt(w.st, alert)
  w.st.stepOnset(alert.rule, t, true)
  const list = w.st.onsets.get(alert.rule) as number[]
  if (list.length > MAX_ONSETS) w.st.stepOnset(alert.rule, list[0], false)
  const first = w.st.onsets.get(OBSERVED_FROM)?.[0]
  if (first === undefined || t < first) w.st.putOnsets(OBSERVED_FROM, [t])
}

/** Set the `flapping` flag when an alert starts flapping; clear it when no member flaps any more. */
const syncFlapping = (w: Work, inc: IncidentDraft, alert: Alert, flapping: boolean, history: number[]): void => {
  const cur = w.incident(inc.id) as IncidentDraft
  const has = cur.flags.includes('flapping')
  const { flapping: f } = w.config.correlation
  if (flapping && !has) {
    w.patchIncident(inc.id, { flags: [...cur.flags, 'flapping'] })
    const n = changesInWindow(history, alert.stateTime, f)
    w.log(inc.id, 'flapping', `alert ${alertName(alert)} is flapping: ${n} status changes in ${minutesText(f.windowMin)}; its re-fires will not re-open this incident`, {
      data: { alertId: alert.id, changes: n },
    })
  } else if (!flapping && has) {
    const others = w.members(inc.id).some((m) => m.alert.id !== alert.id && isFlapping(w.flaps(m.alert.id), alert.stateTime, f))
    if (others) return
    w.patchIncident(inc.id, { flags: cur.flags.filter((x) => x !== 'flapping') })
    w.log(inc.id, 'flapping', `alert ${alertName(alert)} stopped flapping`, { data: { alertId: alert.id, changes: changesInWindow(history, alert.stateTime, f) } })
  }
}

/**
 * Clock-driven work: due timers (resolve after the hold; expiring acks), then a priority refresh of every active
 * incident (business hours start and end with nobody touching the incident; a reloaded configuration re-weighs
 * them). Call every ~30 s and at start-up.
 */
export const processTimers = (w: Work): void => {
  const due = [...w.st.timers.values()].filter((t) => t.dueAt <= w.now).sort((a, b) => a.dueAt - b.dueAt)
  for (const t of due) {
    w.setTimer(t.incidentId, t.what, null)
    const inc = w.incident(t.incidentId)
    if (!inc) continue
    if (t.what === 'resolve') {
      const members = w.memberCount(inc.id)
      if (!isActive(inc.status) || members === 0 || w.firingCount(inc.id) > 0) continue
      w.patchIncident(inc.id, { status: 'resolved', resolvedAt: w.now })
      w.log(inc.id, 'resolve', `resolved: all ${members} alert${members === 1 ? '' : 's'} resolved and none re-fired for ${w.config.correlation.resolveHoldSec} s`)
    } else if (inc.status === 'acknowledged') {
      w.patchIncident(inc.id, { status: 'open', acknowledgedAt: null })
      w.log(inc.id, 'unack', `acknowledgement${inc.owner ? ` by ${inc.owner}` : ''} expired; back to open`)
    }
    w.settle()
  }
  // Settling an active incident nobody touched only matters when that would change it (see Work.stale).
  for (const inc of w.st.incidents.values()) if (isActive(inc.status) && w.stale(inc.id)) w.touch(inc.id)
  w.settle()
}
