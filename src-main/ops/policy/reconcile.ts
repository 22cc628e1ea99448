import type { Incident } from '@shared/model/incident'
import { nextPosition, planIncident, policyNamed, stepKey, stepKeyPrefix, type ChainAction } from '../../engine/escalation'
import { resolveChannels } from '../../engine/notification-rules'
import type { ScheduleEntry } from '../../store/schedule-repo'
import type { OpsBatch, OpsCtx } from '../context'
import { enqueue } from '../delivery/outbox'
import { requestResponses } from './responses'
import { holdReason } from './suppress'

/**
 * The notification layer's reaction to incident changes, inside the group-commit transaction that made them:
 * compare the incident with what was last seen (ops_incidents), schedule / cancel escalation steps and rule
 * notifications (escalation_schedule), enqueue follow-ups (acknowledge, resolve) and fire what is due.
 */

const genOfKey = (key: string): number => Number(key.split(':')[1])

const ago = (ms: number): string => (ms < 90_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`)

const apply = (ctx: OpsCtx, batch: OpsBatch, inc: Incident, gen: number, a: ChainAction): void => {
  const { schedule } = ctx.repos
  const now = ctx.clock()
  switch (a.kind) {
    case 'cancel-pending':
      for (const e of schedule.pending(inc.id)) schedule.cancel(inc.id, e.key, now, a.reason)
      return
    case 'follow-up': {
      const cfg = ctx.config()
      for (const channel of ctx.repos.deliveries.triggeredChannels(inc.id)) {
        const ch = cfg.notifications.channels[channel]
        if (!ch) continue
        // The desktop only hears about new trouble; the operator who acked is looking at the console.
        if (ch.type === 'desktop' && a.event !== 'trigger') continue
        if (ch.type !== 'desktop' && ((a.event === 'acknowledge' && !ch.sendAcknowledged) || (a.event === 'resolve' && !ch.sendResolved))) continue
        enqueue(ctx, batch, { incident: inc, channel, event: a.event, target: null, why: a.why, dedupKey: `${a.event}:${inc.id}:${gen}:${now}:${channel}` })
      }
      return
    }
    case 'schedule-rule':
      schedule.schedule({ incidentId: inc.id, key: a.key, kind: 'rule', ref: a.rule, round: 0, step: 0, notify: a.channels, dueAt: a.dueAt }, now)
      return
    case 'schedule-step':
      schedule.schedule({ incidentId: inc.id, key: a.key, kind: 'step', ref: a.policy, round: a.round, step: a.step, notify: a.notify, dueAt: a.dueAt }, now, a.revive)
      return
  }
}

const reconcileOne = (ctx: OpsCtx, batch: OpsBatch, inc: Incident): void => {
  const { schedule } = ctx.repos
  const prev = schedule.ops(inc.id)
  const lastRow = prev ? schedule.lastStep(inc.id, stepKeyPrefix(prev.gen)) : undefined
  const last = lastRow && { round: lastRow.round, step: lastRow.step, fired: lastRow.firedAt !== null, cancelled: lastRow.cancelledAt !== null }
  const plan = planIncident({ incident: inc, prev, last, config: ctx.config(), now: ctx.clock() })
  for (const a of plan.actions) apply(ctx, batch, inc, plan.next.gen, a)
  if (!prev || prev.status !== plan.next.status || prev.gen !== plan.next.gen || prev.policy !== plan.next.policy)
    schedule.putOps({ incidentId: inc.id, ...plan.next, updatedAt: ctx.clock() })
  if (inc.status === 'open') requestResponses(ctx, batch, inc)
}

/** One due entry: cancel (no longer open), hold (suppressed), or fire — enqueue, escalate, schedule the next step. */
const fireEntry = (ctx: OpsCtx, batch: OpsBatch, e: ScheduleEntry): void => {
  const { schedule } = ctx.repos
  const now = ctx.clock()
  const cfg = ctx.config()
  const inc = ctx.repos.incidents.get(e.incidentId)
  if (!inc || inc.status !== 'open') {
    schedule.cancel(e.incidentId, e.key, now, inc ? inc.status : 'incident deleted')
    return
  }
  const policy = e.kind === 'step' ? policyNamed(cfg, e.ref) : undefined
  if (e.kind === 'step' && !policy) {
    schedule.cancel(e.incidentId, e.key, now, `policy “${e.ref}” is no longer configured`)
    return
  }
  const step = policy?.steps[e.step]
  const held = holdReason(ctx, batch, inc, { ...e, businessHoursOnly: step?.businessHoursOnly })
  if (held) {
    if (e.held !== held) {
      schedule.hold(e.incidentId, e.key, held)
      ctx.repos.incidents.addTimeline({ incidentId: inc.id, at: now, actor: 'system', kind: 'notify', text: `notification held: ${held}`, data: { key: e.key, held } })
    }
    return
  }
  // The idempotency point: only the transaction that flips fired_at goes on to notify.
  if (!schedule.fire(e.incidentId, e.key, now)) return
  const gen = genOfKey(e.key)
  const late = now - e.dueAt
  if (e.kind === 'rule') {
    for (const channel of e.notify)
      enqueue(ctx, batch, { incident: inc, channel, event: 'trigger', target: e.ref, why: `rule ${e.ref}`, dedupKey: `trigger:${inc.id}:${gen}:${channel}` })
    return
  }
  const p = policy!
  const channels = resolveChannels(cfg, e.notify)
  const text =
    `policy “${p.name}” step ${e.step + 1}/${p.steps.length}${e.round ? ` (repeat ${e.round})` : ''}: ` +
    `notified ${e.notify.join(', ')}${channels.length ? ` via ${channels.map((c) => c.channel).join(', ')}` : ' (no channel configured)'}` +
    (late > 1500 ? ` — ${ago(late)} late (caught up after a pause)` : '')
  for (const c of channels)
    enqueue(ctx, batch, { incident: inc, channel: c.channel, event: 'escalate', target: c.via, why: text, dedupKey: `esc:${inc.id}:${e.key}:${c.channel}` })
  if (e.round === 0) {
    // The level rises through the engine (its state holds the incident row); the timeline names the step.
    // A refusal writes nothing (the engine checks before it decides), so catching it keeps the batch intact.
    try {
      batch.engine = ctx.engine.action(batch.engine, { type: 'escalate', id: inc.id, by: 'system', note: text }, batch.applied).state
    } catch (err) {
      ctx.repos.incidents.addTimeline({ incidentId: inc.id, at: now, actor: 'system', kind: 'escalate', text: `${text} (level unchanged: ${(err as Error).message})`, data: { policy: p.name, step: e.step } })
    }
  } else {
    ctx.repos.incidents.addTimeline({ incidentId: inc.id, at: now, actor: 'system', kind: 'escalate', text, data: { policy: p.name, round: e.round, step: e.step } })
  }
  const next = nextPosition(p, e)
  if (next) {
    const s = p.steps[next.step]
    schedule.schedule({ incidentId: inc.id, key: stepKey(gen, next), kind: 'step', ref: p.name, round: next.round, step: next.step, notify: s.notify, dueAt: now + s.after }, now)
  }
}

/** Pending entries of these incidents that are due now. One indexed query for many incidents, not one each. */
const dueOf = (ctx: OpsCtx, incidents: string[], now: number): ScheduleEntry[] => {
  const each = () => incidents.flatMap((id) => ctx.repos.schedule.pending(id)).filter((e) => e.dueAt <= now)
  if (incidents.length <= 4) return each()
  const LIMIT = 500
  const all = ctx.repos.schedule.due(now, LIMIT)
  // At the limit the global answer may leave some of these out: ask per incident then, exactly as before.
  if (all.length >= LIMIT) return each()
  const wanted = new Set(incidents)
  return all.filter((e) => wanted.has(e.incidentId))
}

/** Fire what is due: everything (tick), or only the given incidents' entries (right after they changed). */
export const fireDue = (ctx: OpsCtx, batch: OpsBatch, incidents?: string[]): void => {
  const now = ctx.clock()
  // Loop: a step with a zero delay after the one that fired is due at once.
  for (let pass = 0; pass < 50; pass++) {
    const due = incidents ? dueOf(ctx, incidents, now) : ctx.repos.schedule.due(now)
    const fresh = due.filter((e) => e.held === null || pass === 0)
    if (!fresh.length) return
    let fired = 0
    for (const e of fresh) {
      const before = ctx.repos.schedule.get(e.incidentId, e.key)
      fireEntry(ctx, batch, e)
      if (ctx.repos.schedule.get(e.incidentId, e.key)?.firedAt !== before?.firedAt) fired++
    }
    if (fired === 0) return
  }
}

/** A stable number per configuration object: a reload is a new object, and every incident is reconsidered. */
const configIds = new WeakMap<object, number>()
let nextConfigId = 0
const configId = (c: object): number => {
  let id = configIds.get(c)
  if (id === undefined) configIds.set(c, (id = ++nextConfigId))
  return id
}

/**
 * Everything reconcileOne's decisions depend on besides its own rows (ops_incidents, the schedule): the fields
 * that policies, rules and responses match on and the texts name, and the configuration. An incident whose
 * change left these alone (another alert joined, its count or title moved) has nothing to reconcile.
 */
export const notificationFacts = (ctx: OpsCtx, inc: Incident): string =>
  [configId(ctx.config()), inc.status, inc.priority, inc.severity, inc.service, inc.rule, inc.client, inc.owner].join('\u0000')

/**
 * Reconcile the incidents this batch wrote, then fire what became due for them. Reconciling is skipped for an
 * incident whose notification facts are what it was last reconciled with (committed, or earlier in this batch);
 * its due entries are still fired.
 */
export const settleIncidents = (ctx: OpsCtx, batch: OpsBatch, incidents: Iterable<Incident>): void => {
  const touched: string[] = []
  for (const inc of incidents) {
    if (batch.ops.reconciled.get(inc.id) === inc.seq) continue
    batch.ops.reconciled.set(inc.id, inc.seq)
    touched.push(inc.id)
    const facts = notificationFacts(ctx, inc)
    if ((batch.ops.facts.get(inc.id) ?? ctx.reconciledFacts.get(inc.id)) === facts) continue
    batch.ops.facts.set(inc.id, facts)
    reconcileOne(ctx, batch, inc)
  }
  if (touched.length) fireDue(ctx, batch, touched)
}

/** After COMMIT: what this batch reconciled with becomes the reference (a rolled-back batch's never does). */
export const adoptReconciledFacts = (ctx: OpsCtx, batch: OpsBatch): void => {
  if (!batch.ops.facts.size) return
  // Bounded: forgetting only costs a reconcile that finds nothing to do.
  if (ctx.reconciledFacts.size > 50_000) ctx.reconciledFacts.clear()
  for (const [id, f] of batch.ops.facts) ctx.reconciledFacts.set(id, f)
}
