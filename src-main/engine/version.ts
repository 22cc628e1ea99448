import type { Alert } from '@shared/model/alert'
import type { IncidentAlert, IncidentDraft } from '@shared/model/incident'
import type { ProblemDraft } from '@shared/model/problem'
import type { StateTables, Undo } from './state-tables'
import type { EngineState, Timer } from './types'

/**
 * One immutable version of the engine state (see state-tables.ts). Its EngineState fields are plain-object views built
 * on first read and cached (a version never changes): tests, debugging and `toEqual` see what they always saw,
 * while the engine and the hub read the tables through accessors (state.ts) and never pay for a view.
 * The bookkeeping fields are non-enumerable so that equality and printing only see the views.
 */
interface Views {
  incidents: Record<string, IncidentDraft>
  links: Record<string, IncidentAlert[]>
  alerts: Record<string, Alert>
  problems: Record<string, ProblemDraft>
  flaps: Record<string, number[]>
  timers: Timer[]
  byAlert: Record<string, string[]>
}

const build: { [K in keyof Views]: (s: StateTables) => Views[K] } = {
  incidents: (s) => Object.fromEntries(s.incidents.entries()),
  links: (s) => Object.fromEntries([...s.links.entries()].map(([id, set]) => [id, [...set.values()]])),
  alerts: (s) => Object.fromEntries(s.alerts.entries()),
  problems: (s) => Object.fromEntries(s.problems.entries()),
  flaps: (s) => Object.fromEntries(s.flaps.entries()),
  timers: (s) => [...s.timers.values()],
  byAlert: (s) => Object.fromEntries(s.byAlert.entries()),
}

const view = <K extends keyof Views>(key: K): PropertyDescriptor => ({
  enumerable: true,
  get(this: StateVersion): Views[K] {
    const cache = (this.views ??= {}) as Partial<Views>
    let v = cache[key]
    if (v === undefined) {
      this.tables.checkout(this)
      v = build[key](this.tables)
      cache[key] = v
    }
    return v as Views[K]
  },
})

const VIEWS: PropertyDescriptorMap = Object.fromEntries((Object.keys(build) as (keyof Views)[]).map((k) => [k, view(k)]))

export class StateVersion implements EngineState {
  declare readonly tables: StateTables
  /** Towards the head; null when this is the head. */
  declare next: StateVersion | null
  /** Applied last-to-first on the `next` version's containers, yields this one. */
  declare diff: Undo[] | null
  declare views: Partial<Views> | null
  declare readonly incidents: Views['incidents']
  declare readonly links: Views['links']
  declare readonly alerts: Views['alerts']
  declare readonly problems: Views['problems']
  declare readonly flaps: Views['flaps']
  declare readonly timers: Views['timers']
  declare readonly byAlert: Views['byAlert']

  constructor(tables: StateTables) {
    Object.defineProperties(this, {
      tables: { value: tables },
      next: { value: null, writable: true },
      diff: { value: null, writable: true },
      views: { value: null, writable: true },
      ...VIEWS,
    })
  }
}
