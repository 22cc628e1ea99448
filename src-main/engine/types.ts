/**
 * The engine's input and output, stated once. The engine is pure: state + change + context in, decisions out.
 * The store applies `Decision[]` in array order inside the same SQLite transaction as the batch that caused them;
 * `applyDecisions` (state.ts) is the executable definition of what each decision means.
 */
import type { Alert } from '@shared/model/alert'
import type { ConsoleConfig } from '@shared/model/config'
import type { IncidentAlert, IncidentDraft, TimelineDraft } from '@shared/model/incident'
import type { ProblemDraft } from '@shared/model/problem'

/** Persisted due-times (a table `incident_timers(incident_id, what, due_at)`), never setTimeout chains. */
export type TimerKind = 'resolve' | 'ack-expire'
export interface Timer {
  incidentId: string
  what: TimerKind
  dueAt: number
}

/**
 * What the engine needs to see. The hub can keep it in memory (load at start with `buildState`, then
 * `result.state` after each commit; `pruneState` keeps it small) or rebuild it per batch from the store.
 * It must hold at least:
 * - every incident that is `open` or `acknowledged`, and every `resolved` one whose resolvedAt is within the
 *   re-open window (closed ones may be left out);
 * - all links of those incidents, and every alert those links point at (current rows);
 * - open problems; flap histories of those alerts; pending timers of those incidents.
 *
 * A state is an immutable version (state-tables.ts, version.ts): the engine's entry points return a successor and leave
 * their input readable as it was. Working on the newest version costs what changes; reading an older one (after a
 * rolled-back batch) first rewinds the shared containers. The fields below are views built on first read — for
 * tests and debugging; code that runs per event uses the accessors of state.ts (`currentIncidentOf`,
 * `incidentOf`, `membersOf`, `timerOf`).
 */
export interface EngineState {
  readonly incidents: Record<string, IncidentDraft>
  /** Links by incident id, in join order. */
  readonly links: Record<string, IncidentAlert[]>
  /** Alert rows by `String(alert.id)`. */
  readonly alerts: Record<string, Alert>
  readonly problems: Record<string, ProblemDraft>
  /** Status-change times (alert stateTime) per alert id: those within the flapping window, the latest always. */
  readonly flaps: Record<string, number[]>
  readonly timers: Timer[]
  /** Derived index alert id → incident ids (maintained by the state tables; never stored). */
  readonly byAlert: Record<string, string[]>
}

/**
 * Id allocation is injected rather than returned as placeholders: reasons and timeline texts name the incident
 * ("joined INC-1042: …"), so the id must be known when the text is written. The store backs it with a counter
 * row updated inside the same transaction (a rollback returns the number). Tests pass a plain counter.
 */
export interface IdAllocator {
  incident(): string
  problem(): string
}

export interface EngineContext {
  now: number
  config: ConsoleConfig
  ids: IdAllocator
}

/** One alert row after dedup applied this batch's events, and the row as it was before (null: first sight). */
export interface AlertChange {
  alert: Alert
  previous: Alert | null
}

/**
 * Rows to write. Apply in order: put-problem, put-incident, drop-link, put-link, timeline, timer, flap-history
 * (the engine emits them in that order, so FK-style dependencies hold). `put-*` are upserts of the full row;
 * no-op writes are never emitted (a duplicate delivery produces `[]`).
 */
export type Decision =
  | { kind: 'put-problem'; problem: ProblemDraft; created: boolean }
  | { kind: 'put-incident'; incident: IncidentDraft; created: boolean }
  /** Delete the link (incidentId, alertId): an alert moved out by merge or split. */
  | { kind: 'drop-link'; incidentId: string; alertId: number }
  /** Upsert by (incidentId, alertId): a join, or a role change (a topology parent arrived). */
  | { kind: 'put-link'; link: IncidentAlert }
  | { kind: 'timeline'; entry: TimelineDraft }
  /** Upsert by (incidentId, what); `dueAt: null` deletes the timer. */
  | { kind: 'timer'; incidentId: string; what: TimerKind; dueAt: number | null }
  /** Replace the alert's flap history (empty array: delete). */
  | { kind: 'flap-history'; alertId: number; transitions: number[] }

export interface EngineResult {
  decisions: Decision[]
  /** `state` with the decisions applied (and the changed alert rows stored). */
  state: EngineState
}

export type ActionErrorCode = 'not-found' | 'invalid-transition' | 'invalid-input'

export type ActionResult =
  | ({ ok: true; incident: IncidentDraft } & EngineResult)
  | { ok: false; code: ActionErrorCode; error: string }
