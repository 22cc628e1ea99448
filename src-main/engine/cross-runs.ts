import { lowerBound } from './ordered-map'

/**
 * The points of one cross-client key that `linkProblems` would accept (see cross-index.ts), sorted by (fire
 * time, alert id) as `clusterAround` sorts them, with what a cluster query needs kept alongside: the points that
 * start a cluster (gap to the previous point wider than the window), and the points by client, by "in the key's
 * problem" and "in no problem". A cluster is then the run between two starts, and "how many clients", "does it
 * touch the problem", "does it hold an incident without one" are binary searches, not a walk over the run.
 */
export interface Point {
  key: string
  t: number
  alertId: number
  /** Client of the alert's current incident. */
  client: string
  /** The current incident is in the key's open problem (else it is in none). */
  assigned: boolean
}

export const order = (x: { t: number; alertId: number }, y: { t: number; alertId: number }): number => x.t - y.t || x.alertId - y.alertId

const put = (list: Point[], e: Point): void => {
  list.splice(
    lowerBound(list, (x) => order(x, e)),
    0,
    e,
  )
}
const drop = (list: Point[], e: Point): void => {
  const i = lowerBound(list, (x) => order(x, e))
  if (i < list.length && list[i].alertId === e.alertId) list.splice(i, 1)
}
/** Some point of `list` lies in [from, to) (to undefined: open end). */
const within = (list: Point[] | undefined, from: Point, to: Point | undefined): boolean => {
  if (!list) return false
  const i = lowerBound(list, (x) => order(x, from))
  return i < list.length && (to === undefined || order(list[i], to) < 0)
}

export interface Cluster {
  clientCount(atLeast: number): number
  touchesProblem(): boolean
  hasUnassigned(): boolean
  points(): Point[]
}

export class Run {
  readonly all: Point[] = []
  private readonly starts: Point[] = []
  private readonly assigned: Point[] = []
  private readonly unassigned: Point[] = []
  private readonly byClient = new Map<string, Point[]>()

  constructor(private readonly windowMs: number) {}

  insert(e: Point): void {
    const i = lowerBound(this.all, (x) => order(x, e))
    const prev = this.all[i - 1]
    const next = this.all[i]
    // `next` stays a start only if the gap to `e` is still too wide; `e` starts one after a wide gap.
    if (next && (!prev || next.t - prev.t > this.windowMs) && !(next.t - e.t > this.windowMs)) drop(this.starts, next)
    if (!prev || e.t - prev.t > this.windowMs) put(this.starts, e)
    this.all.splice(i, 0, e)
    put(e.assigned ? this.assigned : this.unassigned, e)
    const mine = this.byClient.get(e.client)
    if (mine) put(mine, e)
    else this.byClient.set(e.client, [e])
  }

  remove(e: Point): void {
    const i = lowerBound(this.all, (x) => order(x, e))
    if (this.all[i]?.alertId !== e.alertId) return
    const prev = this.all[i - 1]
    const next = this.all[i + 1]
    if (!prev || e.t - prev.t > this.windowMs) drop(this.starts, e)
    if (next && !(next.t - e.t > this.windowMs) && (!prev || next.t - prev.t > this.windowMs)) put(this.starts, next)
    this.all.splice(i, 1)
    drop(e.assigned ? this.assigned : this.unassigned, e)
    const mine = this.byClient.get(e.client) as Point[]
    drop(mine, e)
    if (mine.length === 0) this.byClient.delete(e.client)
  }

  /** For tests: every list as alert ids (clients sorted). */
  snapshot(): unknown {
    const ids = (list: Point[]) => list.map((p) => `${p.alertId}@${p.t}/${p.client}/${p.assigned ? 'a' : 'u'}`)
    return {
      all: ids(this.all),
      starts: ids(this.starts),
      assigned: ids(this.assigned),
      unassigned: ids(this.unassigned),
      byClient: [...this.byClient].sort().map(([c, list]) => [c, ids(list)]),
    }
  }

  /** Distinct clients with a point whose t is in [from, to], counting no further than `atLeast`. */
  clientsIn(from: number, to: number, atLeast: number): number {
    let n = 0
    for (const list of this.byClient.values()) {
      const i = lowerBound(list, (x) => (x.t < from ? -1 : 1))
      if (i < list.length && list[i].t <= to && ++n >= atLeast) break
    }
    return n
  }

  /** Some point in the key's problem has t in [from, to]. */
  assignedIn(from: number, to: number): boolean {
    const i = lowerBound(this.assigned, (x) => (x.t < from ? -1 : 1))
    return i < this.assigned.length && this.assigned[i].t <= to
  }

  /** Points with t in [from, to], in order. */
  range(from: number, to: number): Point[] {
    const lo = lowerBound(this.all, (x) => (x.t < from ? -1 : 1))
    const hi = lowerBound(this.all, (x) => (x.t <= to ? -1 : 1))
    return this.all.slice(lo, hi)
  }

  get size(): number {
    return this.all.length
  }

  /** The cluster holding the point of `alertId` at time `t`; null when that alert is not a point. */
  cluster(alertId: number, t: number): Cluster | null {
    const at = lowerBound(this.all, (x) => order(x, { t, alertId }))
    if (this.all[at]?.alertId !== alertId) return null
    const s = lowerBound(this.starts, (x) => (order(x, { t, alertId }) <= 0 ? -1 : 1)) - 1
    const from = this.starts[s]
    const to = this.starts[s + 1] as Point | undefined
    return {
      clientCount: (atLeast) => {
        let n = 0
        for (const list of this.byClient.values()) if (within(list, from, to) && ++n >= atLeast) break
        return n
      },
      touchesProblem: () => within(this.assigned, from, to),
      hasUnassigned: () => within(this.unassigned, from, to),
      points: () => {
        const lo = lowerBound(this.all, (x) => order(x, from))
        const hi = to === undefined ? this.all.length : lowerBound(this.all, (x) => order(x, to))
        return this.all.slice(lo, hi)
      },
    }
  }
}
