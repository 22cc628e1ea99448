import type { Alert } from '@shared/model/alert'
import type { ConsoleConfig } from '@shared/model/config'
import { isFiring } from './alert-state'
import { order, Run, type Cluster, type Point } from './cross-runs'
import type { Indexes } from './indexes'
import type { StateTables } from './state-tables'
import { upstreamsOf } from './upstream'

/**
 * Cross-client keys as maintained runs. For each key an alert can carry — each of its upstreams (upstream.ts:
 * alias labels folded into one value, or its client's topology) and, for an alert with no upstream, its rule when
 * `sameRule` — the alerts `linkProblems` would take as points: firing, with a current incident that is not closed
 * and is either in no problem or in the key's open problem. Kept sorted by fire time in a Run (cross-runs.ts), so
 * "which points lie in this time range" is a binary search. Built on first use, maintained by the store's write
 * hooks, rebuilt when the configuration (object) changes.
 */
export const upstreamKey = (value: string): string => `U\u0000${value}`
export const ruleKey = (rule: string): string => `R\u0000${rule}`

/** The problem keys and index keys of an alert, as `linkProblems` tries them (upstreams first). */
export const crossKeysOf = (config: ConsoleConfig, row: Alert): { keys: string[]; problemKeys: string[] } => {
  const keys: string[] = []
  const problemKeys: string[] = []
  for (const u of upstreamsOf(config, row)) {
    keys.push(upstreamKey(u.value))
    problemKeys.push(`upstream=${u.value}`)
  }
  // A same-rule burst is the evidence for alerts nothing else explains; an alert with an upstream is judged by it.
  if (config.correlation.crossClient.sameRule && keys.length === 0) {
    keys.push(ruleKey(row.rule))
    problemKeys.push(`rule=${row.rule}`)
  }
  return { keys, problemKeys }
}

/** When the alert's current firing began: its latest status change on record, else `firstSeen`. */
export const fireTime = (a: Alert, flaps: readonly number[] | undefined): number =>
  a.status === 'firing' && flaps?.length ? flaps[flaps.length - 1] : a.firstSeen

/**
 * The times an alert began firing: `firstSeen` (when it was first seen firing) and every recorded change to firing.
 * Status changes alternate (firing ⇄ resolved), so counting back from the last one — whose direction is the
 * alert's current status — tells fires from resolves even after old entries fell out of the flapping window.
 * A resolve is not an onset: nothing new started then, so it is no evidence that a new alert belongs with this one.
 */
export const fireTimes = (a: Alert, flaps: readonly number[] | undefined): number[] => {
  const times = [a.firstSeen]
  if (!flaps?.length) return times
  const lastIsFire = isFiring(a)
  for (let i = flaps.length - 1, fire = lastIsFire; i >= 0; i--, fire = !fire) if (fire && !times.includes(flaps[i])) times.push(flaps[i])
  return times
}

/** What one alert contributes: the problem keys it carries, and its points (by index key) where it is accepted. */
export interface CrossPart {
  keys: string[]
  points: Point[]
}

const samePart = (a: CrossPart | null, b: CrossPart | null): boolean => {
  if (a === b) return true
  if (!a || !b || a.keys.length !== b.keys.length || a.points.length !== b.points.length) return false
  if (a.keys.some((k, i) => k !== b.keys[i])) return false
  return a.points.every((p, i) => {
    const q = b.points[i]
    return p.key === q.key && p.t === q.t && p.alertId === q.alertId && p.client === q.client && p.assigned === q.assigned
  })
}

export class CrossIndex {
  private runs: Map<string, Run> | null = null
  /** Alerts carrying each problem key, points or not (to re-evaluate them when the key's open problem changes). */
  private carriers = new Map<string, Set<number>>()
  private config: ConsoleConfig | null = null
  private windowMs = 0

  constructor(
    private readonly s: StateTables,
    private readonly ix: Indexes,
  ) {}

  /** Keys per alert row (rows are replaced, never edited; cleared when the configuration changes). */
  private keyCache = new WeakMap<Alert, { keys: string[]; problemKeys: string[] }>()

  /** Index keys, and the problem keys (`upstream=…`, `rule=…`) problems are found by. */
  private keysOf(row: Alert): { keys: string[]; problemKeys: string[] } {
    let hit = this.keyCache.get(row)
    if (!hit) this.keyCache.set(row, (hit = crossKeysOf(this.config as ConsoleConfig, row)))
    return hit
  }

  /** `problemFor` overrides a problem key's open problem (to recompute what an alert contributed before it moved). */
  part(a: number, problemFor?: { key: string; id: string | undefined }): CrossPart | null {
    if (!this.runs) return null
    const row = this.s.alerts.get(a)
    if (!row) return { keys: [], points: [] }
    const { keys, problemKeys } = this.keysOf(row)
    const owner = isFiring(row) ? this.ix.owner(a) : undefined
    const inc = owner === undefined ? undefined : this.s.incidents.get(owner)
    if (!inc || inc.status === 'closed') return { keys: problemKeys, points: [] }
    const t = fireTime(row, this.s.flaps.get(a))
    const points: Point[] = []
    // An incident in a suspected problem is free for evidence under another key (cross-client.ts moves it).
    const free = inc.problemId === null || this.s.problems.get(inc.problemId)?.status === 'suspected'
    keys.forEach((key, i) => {
      const pk = problemKeys[i]
      const problem = problemFor?.key === pk ? problemFor.id : this.ix.openProblem(pk)
      const mine = inc.problemId !== null && inc.problemId === problem
      if (!mine && !free) return
      points.push({ key, t, alertId: a, client: inc.client, assigned: mine })
    })
    return { keys: problemKeys, points }
  }

  apply(a: number, old: CrossPart | null, next: CrossPart | null): void {
    if (!this.runs || samePart(old, next)) return
    for (const key of old?.keys ?? []) {
      if (next?.keys.includes(key)) continue
      const set = this.carriers.get(key)
      set?.delete(a)
      if (set?.size === 0) this.carriers.delete(key)
    }
    for (const key of next?.keys ?? []) {
      const set = this.carriers.get(key)
      if (set) set.add(a)
      else this.carriers.set(key, new Set([a]))
    }
    for (const p of old?.points ?? []) {
      const run = this.runs.get(p.key)
      run?.remove(p)
      if (run?.size === 0) this.runs.delete(p.key)
    }
    for (const p of next?.points ?? []) {
      let run = this.runs.get(p.key)
      if (!run) this.runs.set(p.key, (run = new Run(this.windowMs)))
      run.insert(p)
    }
  }

  /** Alerts carrying problem key `key` (a copy: re-evaluating them changes the index). */
  carriersOf(key: string): number[] {
    return [...(this.carriers.get(key) ?? [])]
  }

  use(config: ConsoleConfig): void {
    if (this.runs && this.config === config) return
    const windowMs = config.correlation.windowMin * 60_000
    this.config = config
    this.windowMs = windowMs
    this.runs = new Map()
    this.carriers = new Map()
    this.keyCache = new WeakMap()
    const byKey = new Map<string, Point[]>()
    for (const a of this.s.alerts.keys()) {
      const part = this.part(a) as CrossPart
      this.apply(a, null, { keys: part.keys, points: [] })
      for (const p of part.points) {
        const list = byKey.get(p.key)
        if (list) list.push(p)
        else byKey.set(p.key, [p])
      }
    }
    // Inserting in time order keeps each insert at the end of its run.
    for (const [key, points] of byKey) {
      const run = new Run(windowMs)
      for (const p of points.sort(order)) run.insert(p)
      this.runs.set(key, run)
    }
  }

  /** Distinct clients among the key's points in [from, to] (stops counting at `atLeast`). */
  clientsIn(key: string, from: number, to: number, atLeast: number): number {
    return this.runs?.get(key)?.clientsIn(from, to, atLeast) ?? 0
  }

  /** Some point of the key's open problem lies in [from, to]. */
  assignedIn(key: string, from: number, to: number): boolean {
    return this.runs?.get(key)?.assignedIn(from, to) ?? false
  }

  /** The key's points with fire times in [from, to], in time order. */
  range(key: string, from: number, to: number): Point[] {
    return this.runs?.get(key)?.range(from, to) ?? []
  }

  /** For tests: runs and carriers as plain data. */
  snapshot(): unknown {
    return {
      runs: [...(this.runs ?? [])].sort().map(([key, run]) => [key, run.snapshot()]),
      carriers: [...this.carriers].filter(([, set]) => set.size).map(([key, set]) => [key, [...set].sort((a, b) => a - b)]).sort(),
    }
  }

  /** The cluster of `alert` under `key`; null when the alert is not one of the key's points. */
  cluster(key: string, alert: Alert): Cluster | null {
    return this.runs?.get(key)?.cluster(alert.id, fireTime(alert, this.s.flaps.get(alert.id))) ?? null
  }
}
