import { clientProfile } from '@shared/model/config'
import type { Incident } from '@shared/model/incident'
import type { ResponseRun } from '@shared/model/ops'
import { ContractError, notFound } from '@shared/api/errors'
import { matchesIncident } from '../../engine/notification-rules'
import type { OutboxRow } from '../../store/deliveries-repo'
import type { OpsBatch, OpsCtx } from '../context'
import type { SendResult } from '../delivery/http-send'
import { buildPayload } from '../delivery/messages'

/**
 * Response actions: an outbound HTTP call per configured rule, requested when an incident opens. It waits for an
 * operator's approval unless the incident's priority is auto-approved; it runs through the outbox (so it is
 * persisted and, if allowed, retried) and its result lands on the incident's timeline.
 */

const push = (batch: OpsBatch, r: ResponseRun) => batch.ops.changes.responses.set(r.id, r)

const log = (ctx: OpsCtx, incidentId: string, text: string, data: Record<string, unknown>, actor = 'system') =>
  ctx.repos.incidents.addTimeline({ incidentId, at: ctx.clock(), actor, kind: 'response', text, data })

const run = (ctx: OpsCtx, batch: OpsBatch, r: ResponseRun, inc: Incident): void => {
  const now = ctx.clock()
  const cfg = ctx.config()
  const body = {
    ...(buildPayload('response', { incident: inc, event: 'response', target: r.action, why: '', client: clientProfile(cfg, inc.client), at: now }) as object),
    action: r.action,
    responseId: r.id,
    approvedBy: r.approvedBy,
  }
  const d = ctx.repos.deliveries.enqueue(
    { incidentId: inc.id, channel: r.action, channelType: 'response', event: 'response', target: r.approvedBy, dedupKey: `response:${r.id}`, payload: body },
    now,
    () => ctx.seq.next(),
  )
  if (!d) return
  batch.ops.changes.deliveries.set(d.id, d)
  ctx.repos.responses.link(r.id, d.id, ctx.seq.next())
  const linked = ctx.repos.responses.get(r.id)
  if (linked) push(batch, linked)
}

/** Request every configured action that fits this open incident (once per incident and action). */
export const requestResponses = (ctx: OpsCtx, batch: OpsBatch, inc: Incident): void => {
  for (const a of ctx.config().responses) {
    if (!matchesIncident(a.match, inc)) continue
    const auto = a.autoApprove.includes(inc.priority)
    const r = ctx.repos.responses.request({ incidentId: inc.id, action: a.name, auto, now: ctx.clock() }, ctx.seq.next())
    if (!r) continue
    push(batch, r)
    log(
      ctx,
      inc.id,
      auto ? `response action “${a.name}” runs automatically (${inc.priority} is auto-approved)` : `response action “${a.name}” awaits an operator's approval`,
      { responseId: r.id, action: a.name, autoApproved: auto },
    )
    if (auto) run(ctx, batch, r, inc)
  }
}

/** An operator approves a waiting action: it runs now. */
export const approveResponse = (ctx: OpsCtx, batch: OpsBatch, id: number, by: string): ResponseRun => {
  const r = ctx.repos.responses.get(id)
  if (!r) throw notFound(`response ${id}`)
  if (r.status !== 'awaiting-approval') throw new ContractError(409, `response ${id} is ${r.status}, not awaiting approval`, [])
  const inc = ctx.repos.incidents.get(r.incidentId)
  if (!inc) throw notFound(`incident ${r.incidentId}`)
  ctx.repos.responses.approve(id, by, ctx.clock(), ctx.seq.next())
  const approved = ctx.repos.responses.get(id)!
  push(batch, approved)
  log(ctx, inc.id, `response action “${r.action}” approved by ${by}`, { responseId: id, action: r.action }, by)
  run(ctx, batch, approved, inc)
  return ctx.repos.responses.get(id)!
}

/** The outbox reports an attempt; `final` when no retry follows. */
export const responseResult = (ctx: OpsCtx, batch: OpsBatch, row: OutboxRow, res: SendResult, final: boolean): void => {
  const r = ctx.repos.responses.byDelivery(row.id)
  if (!r || (!res.ok && !final)) return
  const text = res.ok ? `HTTP ${res.code}` : res.error
  const done = ctx.repos.responses.finish(r.id, res.ok ? 'succeeded' : 'failed', res.code, text, ctx.clock(), ctx.seq.next())
  push(batch, done)
  log(ctx, r.incidentId, `response action “${r.action}” ${res.ok ? 'succeeded' : 'failed'}: ${text}`, { responseId: r.id, action: r.action, ok: res.ok, code: res.code })
}
