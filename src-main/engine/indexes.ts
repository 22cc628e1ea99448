import type { ConsoleConfig } from '@shared/model/config'
import { isActive, type IncidentDraft } from '@shared/model/incident'
import type { ProblemDraft } from '@shared/model/problem'
import { Agg, aggPart, applyPart, type AggPart } from './aggregates'
import { CrossIndex, type CrossPart } from './cross-index'
import { ScopeIndex, type ScopeEntry } from './scope-index'
import type { StateTables } from './state-tables'

/**
 * Everything derived from the state tables that the engine looks up instead of scanning: the current
 * incident of an alert, per-incident aggregates, open incidents by client, open problems by key, the scope and
 * cross-client indexes. The tables call `before*` ahead of each primitive write and `after*` with what `before*`
 * returned; in between, each index captures what the affected (incident, alert) pairs contributed and replaces it
 * with what they contribute after the write. Contributions are pure functions of the containers, so the indexes
 * stay exact through any sequence of writes, undo replays included.
 */
type Pair = [incidentId: string, alertId: number]
/** Contributions of the affected pairs before a write; aggregates and the scope index depend on different things. */
interface Snap {
  aggPairs: Pair[]
  agg: (AggPart | null)[]
  scopePairs: Pair[]
  scope: (ScopeEntry[] | null)[]
  /** Alerts whose cross-client points may move (their current incident, firing or fire time changes). */
  crossAlerts: number[]
  cross: (CrossPart | null)[]
}
const NO_PAIRS: Pair[] = []
const NO_ALERTS: number[] = []

export class Indexes {
  private readonly aggs = new Map<string, Agg>()
  readonly scope: ScopeIndex
  readonly cross: CrossIndex
  /** Open or acknowledged incident ids by client. */
  readonly activeByClient = new Map<string, Set<string>>()
  /** Unresolved problem ids by key. */
  readonly openProblems = new Map<string, Set<string>>()

  constructor(private readonly s: StateTables) {
    this.scope = new ScopeIndex(s)
    this.cross = new CrossIndex(s, this)
  }

  /** The key's unresolved problem (the first made, should there be several). */
  openProblem(key: string): string | undefined {
    let best: string | undefined
    for (const id of this.openProblems.get(key) ?? []) if (best === undefined || (this.s.problems.ord(id) ?? 0) < (this.s.problems.ord(best) ?? 0)) best = id
    return best
  }

  /**
   * The incident holding the alert's most recent link (by joinedAt; on a tie the link made later), whatever its
   * status. `currentIncidentOf` is this unless that incident is closed.
   */
  owner(alertId: number): string | undefined {
    let best: string | undefined
    let at = 0
    for (const id of this.s.byAlert.get(alertId) ?? []) {
      const link = this.s.links.get(id)?.get(alertId)
      if (!link || !this.s.incidents.has(id)) continue
      if (best === undefined || link.joinedAt >= at) {
        best = id
        at = link.joinedAt
      }
    }
    return best
  }

  /** The incident's aggregates, built by one walk over its members the first time they are asked for. */
  agg(id: string): Agg {
    let agg = this.aggs.get(id)
    if (!agg) {
      agg = new Agg()
      for (const a of this.s.links.get(id)?.keys() ?? []) applyPart(agg, null, this.aggPartOf(id, a))
      this.aggs.set(id, agg)
    }
    return agg
  }

  private aggPartOf(i: string, a: number): AggPart | null {
    const row = this.s.alerts.get(a)
    if (!row || !this.s.links.get(i)?.has(a)) return null
    return aggPart(row, this.owner(a) === i)
  }

  // ---- pair bookkeeping ----

  private snap(aggPairs: Pair[], scopePairs: Pair[], crossAlerts: number[]): Snap {
    return {
      aggPairs,
      agg: aggPairs.map(([i, a]) => (this.aggs.has(i) ? this.aggPartOf(i, a) : null)),
      scopePairs,
      scope: scopePairs.map(([i, a]) => this.scope.part(i, a)),
      crossAlerts,
      cross: crossAlerts.map((a) => this.cross.part(a)),
    }
  }

  after(snap: Snap | null): void {
    if (!snap) return
    snap.aggPairs.forEach(([i, a], k) => {
      const agg = this.aggs.get(i)
      if (agg) applyPart(agg, snap.agg[k], this.aggPartOf(i, a))
    })
    snap.scopePairs.forEach(([i, a], k) => this.scope.apply(snap.scope[k], this.scope.part(i, a)))
    snap.crossAlerts.forEach((a, k) => this.cross.apply(a, snap.cross[k], this.cross.part(a)))
  }

  /** Pairs of the alert with every incident linking it (plus `also`). */
  private pairsOf(alertId: number, also?: string): Pair[] {
    const ids = this.s.byAlert.get(alertId)
    const pairs: Pair[] = ids ? ids.map((i) => [i, alertId]) : []
    if (also !== undefined && !ids?.includes(also)) pairs.push([also, alertId])
    return pairs
  }

  /** A link moves the alert's current incident (its firing weight may move) and the pair's scope entries. */
  beforeLink(i: string, a: number): Snap {
    return this.snap(this.pairsOf(a, i), [[i, a]], [a])
  }

  /** The order of an alert's incidents breaks joinedAt ties of its current incident. */
  beforeByAlert(a: number, old: string[] | undefined, next: string[] | undefined): Snap {
    const ids = [...new Set([...(old ?? []), ...(next ?? [])])]
    return this.snap(
      ids.map((i) => [i, a]),
      NO_PAIRS,
      [a],
    )
  }

  beforeAlert(a: number): Snap {
    const pairs = this.pairsOf(a)
    return this.snap(pairs, pairs, [a])
  }

  /** Status-change times move scope entries and fire times, not aggregates. */
  beforeFlaps(a: number): Snap {
    return this.snap(NO_PAIRS, this.pairsOf(a), [a])
  }

  beforeIncident(id: string, old: IncidentDraft | undefined, row: IncidentDraft | undefined): Snap | null {
    // Existence decides whether the incident can be an alert's current one (aggregates of every incident of its
    // alerts); status, age and client decide its scope entries; closing, client and problem its alerts' points.
    const exists = (old === undefined) !== (row === undefined)
    const both = old !== undefined && row !== undefined
    const scoped = exists || (both && (isActive(old.status) !== isActive(row.status) || old.openedAt !== row.openedAt || old.client !== row.client))
    const crossed = exists || (both && ((old.status === 'closed') !== (row.status === 'closed') || old.problemId !== row.problemId || old.client !== row.client))
    if (!scoped && !crossed) return null
    const members = [...(this.s.links.get(id)?.keys() ?? [])]
    return this.snap(
      exists ? members.flatMap((a) => this.pairsOf(a, id)) : NO_PAIRS,
      scoped ? members.map((a) => [id, a]) : NO_PAIRS,
      crossed ? members : NO_ALERTS,
    )
  }

  afterIncident(id: string, old: IncidentDraft | undefined, row: IncidentDraft | undefined, snap: Snap | null): void {
    if (old && isActive(old.status) && !(row && isActive(row.status) && row.client === old.client)) {
      const set = this.activeByClient.get(old.client)
      set?.delete(id)
      if (set?.size === 0) this.activeByClient.delete(old.client)
    }
    if (row && isActive(row.status)) {
      const set = this.activeByClient.get(row.client)
      if (set) set.add(id)
      else this.activeByClient.set(row.client, new Set([id]))
    }
    this.after(snap)
    if (!row) this.aggs.delete(id)
  }

  /**
   * A key's open problem decides which of its carriers are points: remember it when the open set may move. Whether a
   * problem is suspected decides whether its incidents' alerts are points under other keys: snap those when it moves.
   */
  beforeProblem(old: ProblemDraft | undefined, row: ProblemDraft | undefined): { moved: { key: string; was: string | undefined }[]; snap: Snap | null } {
    const suspect = (p: ProblemDraft | undefined) => p?.status === 'suspected'
    let snap: Snap | null = null
    if (suspect(old) !== suspect(row)) {
      const alerts = new Set<number>()
      for (const iid of new Set([...(old?.incidentIds ?? []), ...(row?.incidentIds ?? [])])) for (const a of this.s.links.get(iid)?.keys() ?? []) alerts.add(a)
      snap = this.snap(NO_PAIRS, NO_PAIRS, [...alerts])
    }
    const openOld = old !== undefined && old.resolvedAt === null
    const openNew = row !== undefined && row.resolvedAt === null
    if (openOld && openNew && old.key === row.key) return { moved: [], snap }
    const keys = new Set<string>()
    if (openOld) keys.add(old.key)
    if (openNew) keys.add(row.key)
    return { moved: [...keys].map((key) => ({ key, was: this.openProblem(key) })), snap }
  }

  afterProblem(id: string, old: ProblemDraft | undefined, row: ProblemDraft | undefined, before: { moved: { key: string; was: string | undefined }[]; snap: Snap | null }): void {
    this.problemChanged(id, old, row)
    this.after(before.snap)
    for (const { key, was } of before.moved) {
      if (this.openProblem(key) === was) continue
      for (const a of this.cross.carriersOf(key)) this.cross.apply(a, this.cross.part(a, { key, id: was }), this.cross.part(a))
    }
  }

  /**
   * The indexes as plain data, all built (for `config`), with join-order ordinals as positions: tests compare a
   * long-lived tables' indexes with those of a state rebuilt from the same rows.
   */
  snapshot(config: ConsoleConfig): unknown {
    this.scope.use(config)
    this.cross.use(config)
    const sets = (m: Map<string, Set<string>>) => [...m].map(([k, v]) => [k, [...v].sort()]).sort()
    return {
      aggs: [...this.s.incidents.keys()].sort().map((id) => {
        const a = this.agg(id)
        return [id, a.known, a.sev, a.services.sorted, a.resources.sorted]
      }),
      active: sets(this.activeByClient),
      problems: sets(this.openProblems),
      listing: sets(this.problemsListing),
      scope: this.scope.snapshot(),
      cross: this.cross.snapshot(),
    }
  }

  /**
   * Open problems listing each incident (`incidentIds`), whatever the incident's own `problemId` says: a dismissed
   * problem keeps its incidents listed, unlinked, and must still resolve with them.
   */
  readonly problemsListing = new Map<string, Set<string>>()

  private problemChanged(id: string, old: ProblemDraft | undefined, row: ProblemDraft | undefined): void {
    if (old && old.resolvedAt === null) {
      const set = this.openProblems.get(old.key)
      set?.delete(id)
      if (set?.size === 0) this.openProblems.delete(old.key)
      for (const iid of old.incidentIds) {
        const listed = this.problemsListing.get(iid)
        listed?.delete(id)
        if (listed?.size === 0) this.problemsListing.delete(iid)
      }
    }
    if (row && row.resolvedAt === null) {
      const set = this.openProblems.get(row.key)
      if (set) set.add(id)
      else this.openProblems.set(row.key, new Set([id]))
      for (const iid of row.incidentIds) {
        const listed = this.problemsListing.get(iid)
        if (listed) listed.add(id)
        else this.problemsListing.set(iid, new Set([id]))
      }
    }
  }
}
