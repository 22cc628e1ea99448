import type { Alert } from '@shared/model/alert'
import { severityRank, SEVERITIES, type Severity } from '@shared/model/severity'
import { isFiring } from './alert-state'

/**
 * Per-incident sums the derived fields need (alert count, worst firing severity, distinct services and resources
 * for the priority), kept up to date by the tables' write hooks so that settling an incident costs O(1) instead
 * of a walk over its members. Built lazily the first time an incident is derived (one walk), maintained after.
 */

/** Distinct values with multiplicity, and the values sorted (as `[...new Set(xs)].sort()` would give them). */
export class Counted {
  private readonly counts = new Map<string, number>()
  readonly sorted: string[] = []

  add(v: string): void {
    const n = this.counts.get(v) ?? 0
    this.counts.set(v, n + 1)
    if (n === 0) this.sorted.splice(this.at(v), 0, v)
  }
  remove(v: string): void {
    const n = this.counts.get(v) ?? 0
    if (n <= 1) {
      this.counts.delete(v)
      const i = this.at(v)
      if (this.sorted[i] === v) this.sorted.splice(i, 1)
    } else this.counts.set(v, n - 1)
  }
  /** First index whose value is not below `v` (code-unit order, as Array#sort). */
  private at(v: string): number {
    let lo = 0
    let hi = this.sorted.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.sorted[mid] < v) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}

export class Agg {
  /** Links whose alert row is known (= membersOf(...).length). */
  known = 0
  /** Firing members whose current incident this is, by severity rank. */
  readonly sev: number[] = SEVERITIES.map(() => 0)
  readonly services = new Counted()
  readonly resources = new Counted()

  firing(): number {
    let n = 0
    for (const c of this.sev) n += c
    return n
  }
  worst(): Severity | undefined {
    const i = this.sev.findIndex((c) => c > 0)
    return i === -1 ? undefined : SEVERITIES[i]
  }
}

/** What one (incident, alert) pair adds to the incident's Agg; null: not a member. */
export interface AggPart {
  service: string | null
  resource: string | null
  /** Severity rank when it counts as firing here, else -1. */
  sev: number
}

export const aggPart = (alert: Alert, owned: boolean): AggPart => ({
  service: alert.service || null,
  resource: alert.resource || null,
  sev: owned && isFiring(alert) ? severityRank(alert.severity) : -1,
})

const samePart = (a: AggPart | null, b: AggPart | null): boolean =>
  a === b || (a !== null && b !== null && a.service === b.service && a.resource === b.resource && a.sev === b.sev)

export const applyPart = (agg: Agg, old: AggPart | null, next: AggPart | null): void => {
  if (samePart(old, next)) return
  if (old) {
    agg.known--
    if (old.service) agg.services.remove(old.service)
    if (old.resource) agg.resources.remove(old.resource)
    if (old.sev >= 0) agg.sev[old.sev]--
  }
  if (next) {
    agg.known++
    if (next.service) agg.services.add(next.service)
    if (next.resource) agg.resources.add(next.resource)
    if (next.sev >= 0) agg.sev[next.sev]++
  }
}
