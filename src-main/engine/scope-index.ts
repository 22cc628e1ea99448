import type { Alert } from '@shared/model/alert'
import { isActive } from '@shared/model/incident'
import { lowerBound } from './ordered-map'
import type { StateTables } from './state-tables'
import type { ConsoleConfig } from '@shared/model/config'
import { fireTimes } from './cross-index'
import { fieldValue } from './topology'
import { upstreamsOf } from './upstream'

/** The scope "shares an upstream" (correlation.upstreamScope): values are the alert's folded upstreams. */
export const UPSTREAM_SCOPE = '\u0000upstream'

/**
 * The scopes a placement tries, in order: the upstream first — an alert its source attributes to the client's ISP
 * or cloud region is explained by that before a service it happens to share with an unrelated alert — then the
 * configured labels.
 */
export const scopesOf = (config: ConsoleConfig): readonly string[] => {
  let hit = scopeLists.get(config)
  if (!hit) {
    const c = config.correlation
    scopeLists.set(config, (hit = c.upstreamScope ? [UPSTREAM_SCOPE, ...c.scopeLabels] : [...c.scopeLabels]))
  }
  return hit
}
const scopeLists = new WeakMap<ConsoleConfig, readonly string[]>()

/** An alert's values for one scope (none, one, or — for the upstream — several). */
export const scopeValues = (config: ConsoleConfig, alert: Alert, scope: string): string[] => {
  if (scope === UPSTREAM_SCOPE) return upstreamsOf(config, alert).map((u) => u.value)
  const v = fieldValue(alert, scope)
  return v === null || v === '' ? [] : [v]
}

/** The window (ms) within which a shared scope joins: per-scope (`scopeWindowMin`), else `windowMin`. */
export const scopeWindowMs = (config: ConsoleConfig, scope: string): number => {
  const c = config.correlation
  const own = scope === UPSTREAM_SCOPE ? undefined : Object.hasOwn(c.scopeWindowMin, scope) ? c.scopeWindowMin[scope] : undefined
  return Math.min(own ?? c.windowMin, c.windowMin) * 60_000
}

/** How a scope is named in reasons: "service `billing`", "upstream `isp-colt`". */
export const scopeName = (scope: string): string => (scope === UPSTREAM_SCOPE ? 'upstream' : scope)

/**
 * Scope joins as a lookup. For each (client, scope label, value) the index holds one entry per member time
 * (`firstSeen` and each recorded status change) of every member of an open/acknowledged incident of that client,
 * sorted by (time, incident age, join order). The nearest member in time is then a binary search, and the
 * placement tie-breaks of correlate.ts (smaller distance, then the older incident, then the earlier-joined member)
 * are the sort order itself. Built on first use, maintained by the store's write hooks, rebuilt when the
 * configured scope labels change.
 */
export interface ScopeEntry {
  key: string
  t: number
  openedAt: number
  inc: string
  /** The link's join-order ordinal inside its incident. */
  ord: number
  alertId: number
}

const collator = new Intl.Collator('en', { numeric: true })
/** `byAge` of correlate.ts (openedAt, then id in numeric order), then join order. */
export const entryAge = (x: ScopeEntry, y: ScopeEntry): number =>
  x.openedAt - y.openedAt || (x.inc === y.inc ? 0 : collator.compare(x.inc, y.inc) || (x.inc < y.inc ? -1 : 1)) || x.ord - y.ord
const order = (x: ScopeEntry, y: ScopeEntry): number => x.t - y.t || entryAge(x, y)

const keyOf = (client: string, label: string, value: string): string => `${client}\u0000${label}\u0000${value}`

const NONE: ScopeEntry[] = []

const sameEntries = (a: ScopeEntry[] | null, b: ScopeEntry[] | null): boolean => {
  if (a === b) return true
  if (!a || !b || a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i].key !== b[i].key || order(a[i], b[i]) !== 0 || a[i].alertId !== b[i].alertId) return false
  return true
}

export class ScopeIndex {
  private lists: Map<string, ScopeEntry[]> | null = null
  private labels: readonly string[] = []
  private config: ConsoleConfig | null = null

  constructor(private readonly s: StateTables) {}

  /** What the (incident, alert) pair contributes; null while the index is not built. */
  part(i: string, a: number): ScopeEntry[] | null {
    if (!this.lists) return null
    const inc = this.s.incidents.get(i)
    if (!inc || !isActive(inc.status)) return NONE
    const ord = this.s.links.get(i)?.ord(a)
    const row = this.s.alerts.get(a)
    if (ord === undefined || !row || row.client !== inc.client) return NONE
    const times = fireTimes(row, this.s.flaps.get(a))
    const out: ScopeEntry[] = []
    for (const label of this.labels) {
      for (const v of scopeValues(this.config as ConsoleConfig, row, label)) {
        const key = keyOf(inc.client, label, v)
        for (const t of times) out.push({ key, t, openedAt: inc.openedAt, inc: i, ord, alertId: a })
      }
    }
    return out
  }

  apply(old: ScopeEntry[] | null, next: ScopeEntry[] | null): void {
    if (!this.lists || sameEntries(old, next)) return
    for (const e of old ?? NONE) this.remove(e)
    for (const e of next ?? NONE) this.insert(e)
  }

  /** Build (or rebuild for another configuration) before a lookup. */
  use(config: ConsoleConfig): void {
    const labels = scopesOf(config)
    const same = labels.length === this.labels.length && labels.every((l, i) => l === this.labels[i])
    // Upstream values depend on the configuration (aliases, topology); label values do not.
    if (this.lists && same && (this.config === config || !labels.includes(UPSTREAM_SCOPE))) {
      this.config = config
      return
    }
    this.config = config
    this.labels = [...labels]
    const lists = new Map<string, ScopeEntry[]>()
    this.lists = lists
    for (const [i, inc] of this.s.incidents.entries()) {
      if (!isActive(inc.status)) continue
      for (const a of this.s.links.get(i)?.keys() ?? []) {
        for (const e of this.part(i, a) ?? NONE) {
          const list = lists.get(e.key)
          if (list) list.push(e)
          else lists.set(e.key, [e])
        }
      }
    }
    for (const list of lists.values()) list.sort(order)
  }

  /**
   * The member nearest in time to `t` among those sharing `label`=`value` with the client's open incidents,
   * excluding the alert itself; ties go to the older incident, then the earlier-joined member. Null when none is
   * within `windowMs`.
   */
  nearest(client: string, alertId: number, t: number, label: string, value: string, windowMs: number): { e: ScopeEntry; dt: number } | null {
    const list = this.lists?.get(keyOf(client, label, value))
    if (!list) return null
    const p = lowerBound(list, (x) => x.t - t)
    let r = p
    while (r < list.length && list[r].alertId === alertId) r++
    let l = p - 1
    while (l >= 0 && list[l].alertId === alertId) l--
    const dr = r < list.length ? list[r].t - t : Infinity
    const dl = l >= 0 ? t - list[l].t : Infinity
    const dt = Math.min(dl, dr)
    if (!(dt <= windowMs)) return null
    let best = dr === dt ? list[r] : null
    if (dl === dt) {
      // The left run's first member (the sort puts older incidents first), not the one nearest to `p`.
      let q = lowerBound(list, (x) => x.t - (t - dt))
      while (list[q].alertId === alertId) q++
      if (!best || entryAge(list[q], best) < 0) best = list[q]
    }
    return { e: best as ScopeEntry, dt }
  }

  /** For tests: lists as plain data, join ordinals as positions in the incident. */
  snapshot(): unknown {
    const pos = (inc: string, alertId: number) => [...(this.s.links.get(inc)?.keys() ?? [])].indexOf(alertId)
    return [...(this.lists ?? [])].sort().map(([key, list]) => [key, list.map((e) => [e.t, e.openedAt, e.inc, pos(e.inc, e.alertId), e.alertId])])
  }

  private insert(e: ScopeEntry): void {
    const lists = this.lists as Map<string, ScopeEntry[]>
    const list = lists.get(e.key)
    if (!list) return void lists.set(e.key, [e])
    list.splice(
      lowerBound(list, (x) => order(x, e)),
      0,
      e,
    )
  }

  private remove(e: ScopeEntry): void {
    const lists = this.lists as Map<string, ScopeEntry[]>
    const list = lists.get(e.key)
    if (!list) return
    const i = lowerBound(list, (x) => order(x, e))
    if (i < list.length && order(list[i], e) === 0 && list[i].alertId === e.alertId) list.splice(i, 1)
    if (list.length === 0) lists.delete(e.key)
  }
}
