import type { Alert } from '@shared/model/alert'
import type { IncidentAlert, IncidentDraft } from '@shared/model/incident'
import type { ProblemDraft } from '@shared/model/problem'
import { Indexes } from './indexes'
import { lowerBound, OrderedMap } from './ordered-map'
import type { Timer } from './types'
import { StateVersion } from './version'

/**
 * The containers behind every EngineState, shared by all versions of one lineage (Baker's trick for persistent
 * arrays, applied to the whole state). The tables hold exactly one version — the head — in mutable Maps; every
 * other version is an undo log pointing towards the head. A call on the head (the hub's steady case) mutates the
 * Maps and records what it overwrote, so its cost is proportional to what changed, not to the size of the state.
 * Reading an older version (the hub after a rolled-back batch, a test comparing before and after) first walks the
 * logs back, reversing them, so every version stays valid and immutable to its holders.
 *
 * All writes go through the setters below: they journal the old value and keep the indexes (indexes.ts) in step,
 * including while logs are replayed, so indexes are never rebuilt after a rollback. Reading two versions in turn
 * pays a rewind each time; the hub reads the newest one only, except right after a rollback.
 */

/** Links of one incident by alert id, in join order. */
export type LinkSet = OrderedMap<number, IncidentAlert>

export type Undo =
  | { c: 'incident'; k: string; v: IncidentDraft | undefined; o: number | undefined }
  | { c: 'linkset'; k: string; v: LinkSet | undefined; o: number | undefined }
  | { c: 'link'; i: string; k: number; v: IncidentAlert | undefined; o: number | undefined }
  | { c: 'alert'; k: number; v: Alert | undefined }
  | { c: 'problem'; k: string; v: ProblemDraft | undefined; o: number | undefined }
  | { c: 'flaps'; k: number; v: number[] | undefined }
  | { c: 'timer'; k: string; v: Timer | undefined; o: number | undefined }
  | { c: 'byAlert'; k: number; v: string[] | undefined }
  | { c: 'onsets'; k: string; v: number[] | undefined }
  /** One onset added (`add`) or removed in place: a rule's list grows by one per fire, so it is not copied. */
  | { c: 'onset'; k: string; t: number; add: boolean }

export const timerKey = (incidentId: string, what: string): string => `${incidentId}\u001f${what}`

export class StateTables {
  readonly incidents = new OrderedMap<string, IncidentDraft>()
  /** Link sets by incident id; a set stays (possibly empty) once an incident had a link, as the old Record did. */
  readonly links = new OrderedMap<string, LinkSet>()
  readonly alerts = new Map<number, Alert>()
  readonly problems = new OrderedMap<string, ProblemDraft>()
  /** Status-change times per alert id (see types.ts). */
  readonly flaps = new Map<number, number[]>()
  readonly timers = new OrderedMap<string, Timer>()
  /** Incident ids holding a link of the alert, in the order the links were first made. */
  readonly byAlert = new Map<number, string[]>()
  /** Recent onsets (source times) per rule, any client: each rule's cross-client rate (rule-baseline.ts). */
  readonly onsets = new Map<string, number[]>()
  readonly ix: Indexes
  /** Where overwritten values go while a unit of work (or a replay) runs; null otherwise. */
  journal: Undo[] | null = null
  head: StateVersion

  constructor() {
    this.ix = new Indexes(this)
    this.head = new StateVersion(this)
  }

  // ---- writes (journaled, indexed) ----

  putIncident(id: string, row: IncidentDraft | undefined, ord?: number): void {
    const old = this.incidents.get(id)
    if (old === row) return
    this.journal?.push({ c: 'incident', k: id, v: old, o: this.incidents.ord(id) })
    const pairs = this.ix.beforeIncident(id, old, row)
    if (row) this.incidents.set(id, row, ord)
    else this.incidents.delete(id)
    this.ix.afterIncident(id, old, row, pairs)
  }

  putLinkSet(id: string, set: LinkSet | undefined, ord?: number): void {
    const old = this.links.get(id)
    if (old === set) return
    this.journal?.push({ c: 'linkset', k: id, v: old, o: this.links.ord(id) })
    if (set) this.links.set(id, set, ord)
    else this.links.delete(id)
  }

  /** Hooked single writes (undo replays come through here); `link`/`unlink` batch the two below under one hook. */
  putLinkRow(incidentId: string, alertId: number, link: IncidentAlert | undefined, ord?: number): void {
    const snap = this.ix.beforeLink(incidentId, alertId)
    this.writeLinkRow(incidentId, alertId, link, ord)
    this.ix.after(snap)
  }

  putByAlert(alertId: number, ids: string[] | undefined): void {
    const snap = this.ix.beforeByAlert(alertId, this.byAlert.get(alertId), ids)
    this.writeByAlert(alertId, ids)
    this.ix.after(snap)
  }

  private writeLinkRow(incidentId: string, alertId: number, link: IncidentAlert | undefined, ord?: number): void {
    let set = this.links.get(incidentId)
    if (!set) {
      set = new OrderedMap()
      this.putLinkSet(incidentId, set)
    }
    const old = set.get(alertId)
    if (old === link) return
    this.journal?.push({ c: 'link', i: incidentId, k: alertId, v: old, o: set.ord(alertId) })
    if (link) set.set(alertId, link, ord)
    else set.delete(alertId)
  }

  private writeByAlert(alertId: number, ids: string[] | undefined): void {
    const old = this.byAlert.get(alertId)
    if (old === ids) return
    this.journal?.push({ c: 'byAlert', k: alertId, v: old })
    if (ids) this.byAlert.set(alertId, ids)
    else this.byAlert.delete(alertId)
  }

  putAlert(id: number, row: Alert | undefined): void {
    const old = this.alerts.get(id)
    if (old === row) return
    this.journal?.push({ c: 'alert', k: id, v: old })
    const pairs = this.ix.beforeAlert(id)
    if (row) this.alerts.set(id, row)
    else this.alerts.delete(id)
    this.ix.after(pairs)
  }

  putFlaps(id: number, list: number[] | undefined): void {
    const old = this.flaps.get(id)
    if (old === list) return
    this.journal?.push({ c: 'flaps', k: id, v: old })
    const pairs = this.ix.beforeFlaps(id)
    if (list) this.flaps.set(id, list)
    else this.flaps.delete(id)
    this.ix.after(pairs)
  }

  /** Not indexed and not a decision: rebuilt from the alerts table at start (engine-host.ts). */
  putOnsets(rule: string, list: number[] | undefined): void {
    const old = this.onsets.get(rule)
    if (old === list) return
    this.journal?.push({ c: 'onsets', k: rule, v: old })
    if (list) this.onsets.set(rule, list)
    else this.onsets.delete(rule)
  }

  /** Add (or remove) one onset of `rule` in place, keeping the list sorted; journaled as the opposite step. */
  stepOnset(rule: string, t: number, add: boolean): void {
    let list = this.onsets.get(rule)
    if (!list) {
      if (!add) return
      this.putOnsets(rule, (list = []))
    }
    // Added after its equals (a storm's onsets share one time: inserting before them moved the whole run each time).
    const i = add ? lowerBound(list, (x) => (x <= t ? -1 : 1)) : lowerBound(list, (x) => x - t)
    if (add) list.splice(i, 0, t)
    else if (list[i] === t) list.splice(i, 1)
    else return
    this.journal?.push({ c: 'onset', k: rule, t, add: !add })
  }

  putProblem(id: string, row: ProblemDraft | undefined, ord?: number): void {
    const old = this.problems.get(id)
    if (old === row) return
    this.journal?.push({ c: 'problem', k: id, v: old, o: this.problems.ord(id) })
    const moved = this.ix.beforeProblem(old, row)
    if (row) this.problems.set(id, row, ord)
    else this.problems.delete(id)
    this.ix.afterProblem(id, old, row, moved)
  }

  /** A timer moves to the end when set again, as `filter` + `push` on the old array did. */
  putTimer(key: string, t: Timer | undefined, ord?: number): void {
    const old = this.timers.get(key)
    if (old === undefined && t === undefined) return
    this.journal?.push({ c: 'timer', k: key, v: old, o: this.timers.ord(key) })
    this.timers.delete(key)
    if (t) this.timers.set(key, t, ord)
  }

  /**
   * Upsert a link and record the incident under its alert. One index update for both writes: the pairs affected
   * by the byAlert change (the alert's incidents plus this one) are those of the link change.
   */
  link(l: IncidentAlert): void {
    const snap = this.ix.beforeLink(l.incidentId, l.alertId)
    this.writeLinkRow(l.incidentId, l.alertId, l)
    const ids = this.byAlert.get(l.alertId) ?? []
    if (!ids.includes(l.incidentId)) this.writeByAlert(l.alertId, [...ids, l.incidentId])
    this.ix.after(snap)
  }

  unlink(incidentId: string, alertId: number): void {
    const snap = this.ix.beforeLink(incidentId, alertId)
    this.writeLinkRow(incidentId, alertId, undefined)
    const old = this.byAlert.get(alertId)
    if (old?.includes(incidentId)) {
      const ids = old.filter((x) => x !== incidentId)
      this.writeByAlert(alertId, ids.length ? ids : undefined)
    }
    this.ix.after(snap)
  }

  setTimer(incidentId: string, what: Timer['what'], dueAt: number | null): void {
    this.putTimer(timerKey(incidentId, what), dueAt === null ? undefined : { incidentId, what, dueAt })
  }

  private replay(u: Undo): void {
    switch (u.c) {
      case 'incident':
        return this.putIncident(u.k, u.v, u.o)
      case 'linkset':
        return this.putLinkSet(u.k, u.v, u.o)
      case 'link':
        return this.putLinkRow(u.i, u.k, u.v, u.o)
      case 'alert':
        return this.putAlert(u.k, u.v)
      case 'problem':
        return this.putProblem(u.k, u.v, u.o)
      case 'flaps':
        return this.putFlaps(u.k, u.v)
      case 'timer':
        return this.putTimer(u.k, u.v, u.o)
      case 'byAlert':
        return this.putByAlert(u.k, u.v)
      case 'onsets':
        return this.putOnsets(u.k, u.v)
      case 'onset':
        return this.stepOnset(u.k, u.t, u.add)
    }
  }

  // ---- versions ----

  /** Make the containers hold version `v` (reversing the logs between it and the head). */
  checkout(v: StateVersion): void {
    if (this.head === v) return
    if (this.journal) throw new Error('engine state: a version was read while another one is being written')
    const path: StateVersion[] = []
    for (let x: StateVersion | null = v; x !== this.head; x = x.next) {
      if (!x) throw new Error('engine state: version is not of these tables')
      path.push(x)
    }
    for (let i = path.length - 1; i >= 0; i--) {
      const x = path[i]
      const y = x.next as StateVersion
      const log = x.diff as Undo[]
      const inverse: Undo[] = []
      this.journal = inverse
      try {
        for (let j = log.length - 1; j >= 0; j--) this.replay(log[j])
      } finally {
        this.journal = null
      }
      y.diff = inverse
      y.next = x
      x.diff = null
      x.next = null
      this.head = x
    }
  }

  /** Start writing a successor of `v`. */
  begin(v: StateVersion): void {
    this.checkout(v)
    this.journal = []
  }

  /** Seal the writes since `begin` as a new head version (the old head keeps the undo log). */
  commit(): StateVersion {
    const log = this.journal as Undo[]
    this.journal = null
    if (log.length === 0) return this.head
    const next = new StateVersion(this)
    this.head.diff = log
    this.head.next = next
    this.head = next
    return next
  }

  /** Undo the writes since `begin` (a refused action, an exception). */
  abort(): void {
    const log = this.journal
    this.journal = null
    if (log) for (let j = log.length - 1; j >= 0; j--) this.replay(log[j])
  }

  /** The writes since `begin`, oldest first (for the diff). */
  get pending(): readonly Undo[] {
    return this.journal ?? []
  }
}
