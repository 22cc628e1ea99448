/**
 * Random engine traffic driven the way the hub drives it — each result's state feeds the next call, no replays
 * of older versions — for tests of the state tables and their indexes (imported by *.test.ts only).
 */
import type { Alert } from '@shared/model/alert'
import { ConsoleConfig, type ConsoleConfigInput } from '@shared/model/config'
import type { NocEvent } from '@shared/model/event'
import type { IncidentAction } from '@shared/model/incident'
import { mergeEvent } from '../engine/dedup'
import { processChanges, runAction, tick } from '../engine/incidents'
import { emptyState, pruneState } from '../engine/state'
import { StateTables } from '../engine/state-tables'
import type { AlertChange, EngineContext, EngineState } from '../engine/types'

/** Small deterministic PRNG (mulberry32) so a failure replays. */
export const rng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

const MIN = 60_000

export class Traffic {
  state: EngineState = emptyState()
  now = Date.UTC(2025, 5, 2, 10)
  readonly config: ConsoleConfig
  private readonly r: () => number
  private readonly rows = new Map<string, Alert>()
  private seq = 0
  private inc = 1000
  private prb = 0

  constructor(
    seed: number,
    config: ConsoleConfigInput = {},
    private readonly size = { alerts: 40, clients: 4 },
  ) {
    this.r = rng(seed)
    this.config = ConsoleConfig.parse(config)
  }

  ctx(): EngineContext {
    return { now: this.now, config: this.config, ids: { incident: () => `INC-${++this.inc}`, problem: () => `PRB-${++this.prb}` } }
  }

  /** A context whose ids start at `from` (to give two calls the same ids). */
  ctxFrom(from: number): EngineContext {
    let n = from
    return { now: this.now, config: this.config, ids: { incident: () => `INC-${++n}`, problem: () => `PRB-${++n}` } }
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)]
  }

  /** Alert changes of one batch: fires and resolves among a fixed set of alerts, times up to 4 min in the past. */
  changes(): AlertChange[] {
    const out: AlertChange[] = []
    for (let k = 0, n = 1 + Math.floor(this.r() * 6); k < n; k++) {
      const f = Math.floor(this.r() * this.size.alerts)
      const client = `c${f % this.size.clients}`
      const ev: NocEvent = {
        source: 'native',
        client,
        fingerprint: `fp${f}`,
        fingerprintKind: 'source',
        class: 'x',
        ems: 'e',
        rule: `R${f % 5}`,
        components: [],
        severity: this.pick(['critical', 'major', 'warning', 'info'] as const),
        status: this.r() < 0.65 ? 'firing' : 'resolved',
        summary: `s${f}`,
        time: this.now - Math.floor(this.r() * 4 * MIN),
        receivedAt: this.now,
        labels: { ...(this.r() < 0.3 ? { provider: this.pick(['p1', 'p2']) } : {}), ...(f % 4 === 0 ? { host: `h${f}` } : {}) },
        service: this.pick(['web', 'db', undefined] as const),
        group: this.pick(['g1', undefined] as const),
        resource: f % 7 === 0 ? 'fw' : this.pick([`r${f}`, `r${f % 3}`, undefined]),
      }
      const key = `${client}\u001f${ev.fingerprint}`
      const prev = this.rows.get(key)
      const { next, outcome } = mergeEvent(prev, ev)
      const alert: Alert = { ...next, id: prev?.id ?? ++this.seq, seq: (prev?.seq ?? 0) + 1 }
      this.rows.set(key, alert)
      if (outcome === 'new' || outcome === 'changed') out.push({ alert, previous: prev ?? null })
    }
    return out
  }

  action(): IncidentAction | null {
    const ids = Object.keys(this.state.incidents)
    if (!ids.length) return null
    const id = this.pick(ids)
    const by = this.pick(['alice', 'bob'])
    const type = this.pick(['ack', 'unack', 'assign', 'note', 'escalate', 'resolve', 'close', 'reopen', 'merge', 'split'] as const)
    const alertIds = (this.state.links[id] ?? []).map((l) => l.alertId)
    if (type === 'merge') return { type, into: id, from: this.pick(ids), by }
    if (type === 'split') return { type, id, by, alertId: alertIds.length ? this.pick(alertIds) : 1 }
    if (type === 'assign') return { type, id, by, to: this.pick(['carol', null]) }
    if (type === 'note') return { type, id, by, text: 'n' }
    if (type === 'ack') return { type, id, by, timeoutMin: this.r() < 0.3 ? 5 : undefined }
    return { type, id, by }
  }

  /** One random step: a batch, an operator action, or time passing with a tick (and now and then a prune). */
  step(): void {
    const roll = this.r()
    if (roll < 0.7) this.state = processChanges(this.state, this.changes(), this.ctx()).state
    else if (roll < 0.85) {
      const a = this.action()
      const r = a && runAction(this.state, a, this.ctx())
      if (r?.ok) this.state = r.state
    } else {
      this.now += Math.floor(this.r() * 3 * MIN)
      this.state = tick(this.state, this.ctx()).state
      if (this.r() < 0.3) this.state = pruneState(this.state, this.now, this.config)
    }
  }

  get random(): () => number {
    return this.r
  }
}

/** Tables holding the same rows as `st`, its indexes built from scratch when first asked. */
export const rebuilt = (st: StateTables): StateTables => {
  const fresh = new StateTables()
  for (const [id, inc] of st.incidents.entries()) fresh.putIncident(id, inc)
  for (const [id, a] of st.alerts) fresh.putAlert(id, a)
  for (const [id, p] of st.problems.entries()) fresh.putProblem(id, p)
  for (const [id, f] of st.flaps) fresh.putFlaps(id, f)
  for (const [k, t] of st.timers.entries()) fresh.putTimer(k, t)
  for (const [rule, list] of st.onsets) fresh.putOnsets(rule, [...list]) // lists grow in place: never shared
  for (const set of st.links.values()) for (const l of set.values()) fresh.link(l)
  // The alerts' incident order (it breaks joinedAt ties) as the long-lived tables have it.
  for (const [id, ids] of st.byAlert) fresh.putByAlert(id, ids)
  return fresh
}
