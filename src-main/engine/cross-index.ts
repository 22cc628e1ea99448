import type { Alert } from '@shared/model/alert'
import { isFiring } from './alert-state'
import { order, Run, type Cluster, type Point } from './cross-runs'
import type { Indexes } from './indexes'
import type { StateTables } from './state-tables'
import { fieldValue } from './topology'

/**
 * Cross-client keys as maintained runs. For each key an alert can carry (`label=value` for the configured upstream
 * labels, and its rule when `sameRule`), the alerts `linkProblems` would take as points of a cluster: firing,
 * with a current incident that is not closed and is either in no problem or in the key's open problem. Kept in
 * a Run (cross-runs.ts) so that deciding whether a cluster raises or extends a problem costs a few binary
 * searches; the run is only walked when a problem is written. Built on first use, maintained by the tables' write
 * hooks, rebuilt when the cross-client settings or the window change.
 */
export const labelKey = (label: string, value: string): string => `L\u0000${label}\u0000${value}`
export const ruleKey = (rule: string): string => `R\u0000${rule}`

/** When the alert's current firing began: its latest status change on record, else `firstSeen`. */
export const fireTime = (a: Alert, flaps: readonly number[] | undefined): number =>
  a.status === 'firing' && flaps?.length ? flaps[flaps.length - 1] : a.firstSeen

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
  private labels: readonly string[] = []
  private sameRule = false
  private windowMs = 0

  constructor(
    private readonly s: StateTables,
    private readonly ix: Indexes,
  ) {}

  /** Keys per alert row (rows are replaced, never edited; cleared when the settings change). */
  private keyCache = new WeakMap<Alert, { keys: string[]; problemKeys: string[] }>()

  /** Index keys, and the problem keys (`label=value`, `rule=…`) problems are found by. */
  private keysOf(row: Alert): { keys: string[]; problemKeys: string[] } {
    let hit = this.keyCache.get(row)
    if (!hit) this.keyCache.set(row, (hit = this.computeKeys(row)))
    return hit
  }

  private computeKeys(row: Alert): { keys: string[]; problemKeys: string[] } {
    const keys: string[] = []
    const problemKeys: string[] = []
    for (const label of this.labels) {
      const v = fieldValue(row, label)
      if (!v) continue
      keys.push(labelKey(label, v))
      problemKeys.push(`${label}=${v}`)
    }
    if (this.sameRule) {
      keys.push(ruleKey(row.rule))
      problemKeys.push(`rule=${row.rule}`)
    }
    return { keys, problemKeys }
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
    keys.forEach((key, i) => {
      const pk = problemKeys[i]
      const problem = problemFor?.key === pk ? problemFor.id : this.ix.openProblem(pk)
      if (inc.problemId !== null && inc.problemId !== problem) return
      points.push({ key, t, alertId: a, client: inc.client, assigned: inc.problemId !== null })
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

  use(labels: readonly string[], sameRule: boolean, windowMs: number): void {
    const same = this.runs && sameRule === this.sameRule && windowMs === this.windowMs && labels.length === this.labels.length && labels.every((l, i) => l === this.labels[i])
    if (same) return
    this.labels = [...labels]
    this.sameRule = sameRule
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
