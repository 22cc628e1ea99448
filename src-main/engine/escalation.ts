import type { ConsoleConfig } from '@shared/model/config'
import type { EscalationPolicy } from '@shared/model/ops-config'
import { matchesIncident, rulesFor, type IncidentFacts } from './notification-rules'

/**
 * Escalation chains as due times (pure). How a chain runs:
 * - When an incident is first seen `open`, the first policy whose `match` fits it is chosen and step 1 is due
 *   `steps[0].after` later. Each step, when it fires, notifies its targets and schedules the next one
 *   `after` later — counted from when the step actually fired, so a restart or a held step shifts the rest of the
 *   chain instead of firing several steps at once. After the last step the chain runs again `repeat` times.
 * - Acknowledging (or resolving) cancels what is pending. Back to `open` from acknowledged (unack, expired ack):
 *   the chain resumes — a step cancelled before it fired is due again, counted from now. Back to `open` from
 *   resolved/closed: a new episode (`gen` + 1) with a fresh chain and fresh notification rules.
 * - Steps and rule notifications are keyed `(incident, key)`; the store fires a key at most once.
 */

export interface ChainState {
  status: string
  gen: number
  policy: string | null
}

export interface Position {
  round: number
  step: number
}

export interface LastStep extends Position {
  fired: boolean
  cancelled: boolean
}

export type ChainAction =
  | { kind: 'cancel-pending'; reason: string }
  | { kind: 'follow-up'; event: 'acknowledge' | 'resolve' | 'trigger'; why: string }
  | { kind: 'schedule-rule'; key: string; rule: string; channels: string[]; dueAt: number }
  | { kind: 'schedule-step'; key: string; policy: string; round: number; step: number; notify: string[]; dueAt: number; revive: boolean }

export const stepKey = (gen: number, p: Position): string => `step:${gen}:${p.round}:${p.step}`
export const stepKeyPrefix = (gen: number): string => `step:${gen}:`
export const ruleKey = (gen: number, rule: string): string => `rule:${gen}:${rule}`

export const selectPolicy = (config: ConsoleConfig, i: IncidentFacts): EscalationPolicy | undefined =>
  config.escalation.policies.find((p) => matchesIncident(p.match, i))

export const policyNamed = (config: ConsoleConfig, name: string | null): EscalationPolicy | undefined =>
  name === null ? undefined : config.escalation.policies.find((p) => p.name === name)

/** The step after `p`: next in the round, else the first of the next round while repeats are left. */
export const nextPosition = (policy: EscalationPolicy, p: Position): Position | null => {
  if (p.step + 1 < policy.steps.length) return { round: p.round, step: p.step + 1 }
  if (p.round < policy.repeat) return { round: p.round + 1, step: 0 }
  return null
}

const scheduleStep = (gen: number, policy: EscalationPolicy, p: Position, from: number, revive: boolean): ChainAction => {
  const s = policy.steps[p.step]
  return { kind: 'schedule-step', key: stepKey(gen, p), policy: policy.name, round: p.round, step: p.step, notify: s.notify, dueAt: from + s.after, revive }
}

const isClosedState = (s: string | undefined) => s === 'resolved' || s === 'closed'

/**
 * What to do about an incident whose status (or priority) may have changed since the notification layer last saw
 * it. `prev` is that last view (undefined: first sight); `last` the furthest step of the current episode's chain.
 */
export const planIncident = (input: {
  incident: IncidentFacts & { owner: string | null }
  prev: ChainState | undefined
  last: LastStep | undefined
  config: ConsoleConfig
  now: number
}): { next: ChainState; actions: ChainAction[] } => {
  const { incident: inc, prev, config, now } = input
  const actions: ChainAction[] = []
  const was = prev?.status
  const is = inc.status
  let gen = prev?.gen ?? 0
  let policy = prev?.policy ?? null
  let last = input.last
  let resume = false

  if (was !== is) {
    if (is === 'acknowledged') {
      actions.push({ kind: 'cancel-pending', reason: `acknowledged${inc.owner ? ` by ${inc.owner}` : ''}` })
      if (was !== undefined) actions.push({ kind: 'follow-up', event: 'acknowledge', why: `acknowledged${inc.owner ? ` by ${inc.owner}` : ''}` })
    } else if (isClosedState(is)) {
      actions.push({ kind: 'cancel-pending', reason: is })
      if (was === 'open' || was === 'acknowledged') actions.push({ kind: 'follow-up', event: 'resolve', why: is })
    } else if (is === 'open') {
      // gen 0: first seen acknowledged (acked in the batch that opened it), now open for the first time.
      if (was === undefined || isClosedState(was) || gen === 0) {
        // A new episode: fresh rules, fresh chain, policy chosen again for what the incident is now.
        gen += 1
        policy = null
        last = undefined
      } else if (was === 'acknowledged') {
        resume = true
        actions.push({ kind: 'follow-up', event: 'trigger', why: 'back to open (acknowledgement withdrawn or expired)' })
      }
    }
  }

  if (is === 'open' && gen > 0) {
    for (const r of rulesFor(config, inc))
      actions.push({ kind: 'schedule-rule', key: ruleKey(gen, r.name), rule: r.name, channels: r.channels, dueAt: now + r.delay })
    const chosen = policyNamed(config, policy)
    if (!chosen) {
      // No chain yet (or its policy left the configuration): start one if a policy fits the incident now.
      const p = selectPolicy(config, inc)
      if (p && (policy === null || last === undefined)) {
        policy = p.name
        actions.push(scheduleStep(gen, p, { round: 0, step: 0 }, now, false))
      }
    } else if (resume) {
      const pos = last === undefined ? { round: 0, step: 0 } : last.fired ? nextPosition(chosen, last) : last
      if (pos) actions.push(scheduleStep(gen, chosen, pos, now, true))
    }
  }
  return { next: { status: is, gen, policy }, actions }
}
