import type { Alert } from '@shared/model/alert'
import type { NocEvent } from '@shared/model/event'
import { alertOf, mergeEvent, type AlertDraft, type MergeOutcome } from '../engine/dedup'
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
  /**
   * The same alerts by (client, fingerprint): a later request of the batch merges onto what an earlier one wrote.
   * (The repeat cache learns of a batch only after its COMMIT, so it still holds the state from before it.)
   */
  latest: Map<string, Alert>
  /** Repeats of alerts already written in this batch: their counters, written once per alert by `flush`. */
  counters: Map<number, Alert>
}

export const newBatchOutcome = (): BatchOutcome => ({ accepted: 0, alerts: new Map(), outcomes: [], clients: new Set(), latest: new Map(), counters: new Map() })

/**
 * What a repeat may change without a full row rewrite (alerts-repo `updateCounters` writes exactly these). `episode`
 * and `ignored` are the merge decision's bookkeeping (engine/dedup): a repeat keeps the episode object unless it
 * moved, a stale event only counts and notes itself in `ignored` — neither needs the row rewritten.
 */
const COUNTER_FIELDS = new Set<string>(['count', 'firstSeen', 'lastSeen', 'stateTime', 'resolvedAt', 'episode', 'ignored'])

/** Structural equality of JSON-shaped values (label maps, component lists). */
const sameJson = (a: unknown, b: unknown): boolean => {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const ka = Object.keys(a)
  if (ka.length !== Object.keys(b).length) return false
  for (const k of ka) if (!Object.hasOwn(b, k) || !sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false
  return true
}

/**
 * True when `next` differs from `prev` in its counters only. Equal label maps etc. are replaced by `prev`'s own
 * objects on the way, so a rewrite reuses their JSON text (alerts-repo) and memory holds one copy. Generic over
 * the draft's fields, so a field the merge decision adds later is compared too, never silently left unwritten.
 */
const onlyCountersChanged = (prev: Alert, next: AlertDraft): boolean => {
  const n = next as unknown as Record<string, unknown>
  const p = prev as unknown as Record<string, unknown>
  let same = true
  for (const k of Object.keys(n)) {
    if (n[k] === p[k]) continue
    if (typeof n[k] === 'object' && n[k] !== null && sameJson(n[k], p[k])) n[k] = p[k]
    else if (!COUNTER_FIELDS.has(k)) same = false
  }
  return same
}

/**
 * Apply events to journal + alerts + clients. Must run inside the caller's transaction (the group commit),
 * so a batch is all-or-nothing and a 2xx is sent only after it is on disk.
 *
 * Every occurrence is journaled (one `events` row) and counted. What the alert row costs depends on what the
 * occurrence changed: a new alert is inserted; a state or content change rewrites the row; a repeat (same state,
 * same content — Alertmanager's re-sends) updates only its counters, and when the alert was already written
 * earlier in the same batch not even that: its counters are written once, by `flush`, before COMMIT.
 * With `into` the caller owns the batch and must call `flush(into)` inside the transaction before it commits.
 */
export const ingestWriter = (repos: { alerts: AlertsRepo; events: EventsRepo; clients: ClientsRepo }, seq: SeqCounter, cache?: AlertCache) => {
  const flush = (batch: BatchOutcome): void => {
    for (const a of batch.counters.values()) {
      // Written earlier in this very transaction, so the row exists (retention never deletes a just-seen alert);
      // should it be gone all the same, the alert is recorded afresh rather than lose its occurrences.
      if (repos.alerts.updateCounters(a)) continue
      const again = repos.alerts.insert({ ...a, count: 1 }, a.seq)
      batch.alerts.delete(a.id)
      batch.alerts.set(again.id, again)
      batch.latest.set(`${a.client}\u0000${a.fingerprint}`, again)
    }
    batch.counters.clear()
  }

  const write = (events: NocEvent[], into?: BatchOutcome): BatchOutcome => {
    const out = into ?? newBatchOutcome()
    for (const ev of events) {
      const key = `${ev.client}\u0000${ev.fingerprint}`
      const inBatch = out.latest.get(key)
      const prev = inBatch ?? cache?.get(key) ?? repos.alerts.getByKey(ev.client, ev.fingerprint)
      const { next, outcome } = mergeEvent(prev, ev)
      const s = seq.next()
      let alert: Alert | undefined
      if (!prev) alert = repos.alerts.insert(next, s)
      else if (onlyCountersChanged(prev, next)) {
        alert = alertOf(next, prev.id, s)
        if (inBatch) out.counters.set(alert.id, alert)
        else if (!repos.alerts.updateCounters(alert)) alert = undefined
      } else {
        out.counters.delete(prev.id)
        alert = repos.alerts.update(prev.id, next, s)
      }
      // A cached row may have been deleted by retention housekeeping since: then the update touched nothing and the
      // alert is recorded afresh, as on first sight.
      alert ??= repos.alerts.insert(mergeEvent(undefined, ev).next, s)
      out.latest.set(key, alert)
      repos.events.append(ev, alert.id)
      if (!out.clients.has(ev.client)) {
        repos.clients.touch(ev.client, ev.receivedAt, seq.next())
        out.clients.add(ev.client)
      }
      out.alerts.set(alert.id, alert)
      out.outcomes.push({ alert, previous: prev ?? null, outcome, event: ev })
      out.accepted++
    }
    if (!into) flush(out)
    return out
  }

  return Object.assign(write, { flush })
}
export type IngestWriter = ReturnType<typeof ingestWriter>
