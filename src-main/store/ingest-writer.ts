import type { Alert } from '@shared/model/alert'
import type { NocEvent } from '@shared/model/event'
import { mergeEvent, type MergeOutcome } from '../engine/dedup'
import type { AlertsRepo } from './alerts-repo'
import type { ClientsRepo } from './clients-repo'
import type { EventsRepo } from './events-repo'
import type { AlertCache } from './alert-cache'

/** The monotonic change counter every written row is stamped with (consoles resume from it). */
export interface SeqCounter {
  next(): number
  readonly current: number
}

export const seqCounter = (start: number): SeqCounter => {
  let s = start
  return {
    next: () => ++s,
    get current() {
      return s
    },
  }
}

export interface BatchOutcome {
  accepted: number
  /** The alerts this batch touched, latest state, keyed by id. */
  alerts: Map<number, Alert>
  outcomes: { alert: Alert; previous: Alert | null; outcome: MergeOutcome; event: NocEvent }[]
  clients: Set<string>
}

/**
 * Apply events to journal + alerts + clients. Must run inside the caller's transaction (the group commit),
 * so a batch is all-or-nothing and a 2xx is sent only after it is on disk.
 */
export const ingestWriter = (repos: { alerts: AlertsRepo; events: EventsRepo; clients: ClientsRepo }, seq: SeqCounter, cache?: AlertCache) =>
  (events: NocEvent[], into?: BatchOutcome): BatchOutcome => {
    const out: BatchOutcome = into ?? { accepted: 0, alerts: new Map(), outcomes: [], clients: new Set() }
    // Within one transaction the same fingerprint often repeats (Alertmanager snapshots): keep the latest row
    // in hand instead of re-reading and re-parsing it.
    const seen = new Map<string, Alert>()
    for (const ev of events) {
      const key = `${ev.client}\u0000${ev.fingerprint}`
      const prev = seen.get(key) ?? cache?.get(key) ?? repos.alerts.getByKey(ev.client, ev.fingerprint)
      const { next, outcome } = mergeEvent(prev, ev)
      const s = seq.next()
      // A cached row may have been deleted by retention housekeeping since: then the update touches nothing and the
      // alert is recorded afresh, as on first sight.
      const alert = (prev && repos.alerts.update(prev.id, next, s)) || repos.alerts.insert(prev ? mergeEvent(undefined, ev).next : next, s)
      seen.set(key, alert)
      repos.events.append(ev, alert.id)
      if (!out.clients.has(ev.client)) {
        repos.clients.touch(ev.client, ev.receivedAt, seq.next())
        out.clients.add(ev.client)
      }
      out.alerts.set(alert.id, alert)
      out.outcomes.push({ alert, previous: prev ?? null, outcome, event: ev })
      out.accepted++
    }
    return out
  }
