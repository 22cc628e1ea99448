import type { Method, OutputOf, ParsedInputOf } from '@shared/api/contract'
import type { IncidentOps } from '@shared/model/ops'
import { MaintenanceSpec, Instant } from '@shared/model/ops-config'
import type { SilenceMatcher } from '@shared/model/ops'
import { effectiveTimeout } from '../engine/source-health'
import { matcherRegex } from '../engine/suppression'
import type { Core } from '../app/compose'
import { newOpsBatch } from '../ops/context'
import { approveResponse } from '../ops/policy/responses'
import { configWindows, holdReason, windowOf } from '../ops/policy/suppress'
import { maintenanceView, policiesView, runbooksFor, silenceView, storedMaintenanceView } from '../ops/policy/views'
import { emptyApplied } from '../store/apply-decisions'
import { badInput, ContractError, notFound } from '@shared/api/errors'

type In<M extends Method> = ParsedInputOf<M>

const invalid = (path: string, message: string) => new ContractError(400, 'invalid input', [{ path, message }])

/** What an operator silences from an incident: its client, rule, and resource (or service). */
const incidentMatchers = (inc: { client: string; rule: string; resource: string | null; service: string | null }): SilenceMatcher[] => [
  { name: 'client', value: inc.client, op: '=' },
  { name: 'rule', value: inc.rule, op: '=' },
  ...(inc.resource ? [{ name: 'resource', value: inc.resource, op: '=' as const }] : inc.service ? [{ name: 'service', value: inc.service, op: '=' as const }] : []),
]

export const incidentOps = (core: Core, id: string): IncidentOps => {
  const r = core.ops.repos
  const inc = r.incidents.get(id)
  if (!inc) throw notFound(`incident ${id}`)
  const alerts = r.incidents.links(id).flatMap((l) => r.alerts.get(l.alertId) ?? [])
  // A throwaway batch: holdReason only reads (its caches live in the batch).
  const view = { engine: core.engine.state, applied: emptyApplied(), ops: newOpsBatch() }
  return {
    incidentId: id,
    policy: r.schedule.ops(id)?.policy ?? null,
    escalation: r.schedule.ofIncident(id).map(({ key: _k, ...e }) => e),
    deliveries: r.deliveries.ofIncident(id),
    responses: r.responses.list({ incidentId: id, limit: 100 }),
    runbooks: runbooksFor(core.config.current, inc, alerts),
    held: inc.status === 'open' ? holdReason(core.ops.ctx, view, inc) : null,
  }
}

/** Contract methods of the notification layer. Reads go to repos; writes run inside a group commit (`ops.run`). */
export const opsHandlers = (core: Core) => {
  const ops = core.ops
  const r = ops.repos
  const cfg = () => core.config.current

  return {
    'policies.list': () => policiesView(cfg()),
    'incidents.ops': (input: In<'incidents.ops'>) => incidentOps(core, input.id),
    'deliveries.list': (input: In<'deliveries.list'>) => r.deliveries.list(input),
    'suppressions.list': () => r.suppression.suppressions(),
    'sources.list': () => r.sources.all().map((s) => ({ ...s, timeoutMs: effectiveTimeout(s, cfg()) })),
    'heartbeats.post': (input: In<'heartbeats.post'>) => ops.heartbeat(input),
    'storms.list': (input: In<'storms.list'>) => r.storms.list(input),
    'responses.list': (input: In<'responses.list'>) => r.responses.list(input),
    'responses.approve': (input: In<'responses.approve'>) =>
      ops.run((b) => {
        try {
          return approveResponse(ops.ctx, b, input.id, input.by)
        } catch (e) {
          // Checked before anything is written: returning the refusal keeps the rest of the batch committing.
          if (e instanceof ContractError) return e
          throw e
        }
      }),

    'maintenance.list': (input: In<'maintenance.list'>): OutputOf<'maintenance.list'> => {
      const now = core.clock()
      const c = cfg()
      const all = [
        ...configWindows(c).map((w) => maintenanceView(w, 'config', c, now)),
        ...r.suppression.windows().map((w) => storedMaintenanceView(w, c, now)),
      ]
      return all.filter(
        (w) => (!input.client || w.client === null || w.client === input.client) && (input.includeEnded || w.schedule.kind === 'weekly' || w.schedule.end > now),
      )
    },
    'maintenance.create': async (input: In<'maintenance.create'>) => {
      const { by, durationMin, ...rest } = input
      const now = core.clock()
      const spec: Record<string, unknown> = { ...rest }
      if (spec.weekly === undefined && spec.start === undefined) spec.start = now
      if (durationMin !== undefined) {
        const start = Instant.safeParse(spec.start)
        if (!start.success) throw badInput(start.error)
        spec.end = start.data + durationMin * 60_000
      }
      const parsed = MaintenanceSpec.safeParse(spec)
      if (!parsed.success) throw badInput(parsed.error)
      const m = parsed.data
      return ops.run((b) => {
        const id = r.suppression.nextId('maintenance')
        const stored = {
          ...windowOf(id, m),
          createdBy: by,
          createdAt: now,
          seq: ops.ctx.seq.next(),
        }
        r.suppression.addWindow(stored)
        const view = storedMaintenanceView({ ...stored, deletedAt: null }, cfg(), now)
        b.ops.changes.maintenance.set(id, view)
        return view
      })
    },
    'maintenance.delete': async (input: In<'maintenance.delete'>) => {
      if (/^config-\d+$/.test(input.id)) throw new ContractError(409, `${input.id} is defined in the configuration file; remove it there`, [])
      const w = r.suppression.window(input.id)
      if (!w || w.deletedAt !== null) throw notFound(`maintenance window ${input.id}`)
      return ops.run((b) => {
        const now = core.clock()
        r.suppression.deleteWindow(input.id, now, ops.ctx.seq.next())
        const view = storedMaintenanceView(r.suppression.window(input.id)!, cfg(), now)
        b.ops.changes.maintenance.set(input.id, view)
        ops.uncover(b)
        return view
      })
    },

    'silences.list': (input: In<'silences.list'>) => {
      const now = core.clock()
      const list = input.includeExpired ? r.suppression.silences() : r.suppression.liveSilences(now)
      return list.map((s) => silenceView(s, now))
    },
    'silences.create': async (input: In<'silences.create'>) => {
      const now = core.clock()
      let matchers = input.matchers
      if (!matchers) {
        const inc = r.incidents.get(input.incidentId as string)
        if (!inc) throw notFound(`incident ${input.incidentId}`)
        matchers = incidentMatchers(inc)
      }
      for (const [i, m] of matchers.entries())
        if ((m.op === '=~' || m.op === '!~') && !matcherRegex(m.value)) throw invalid(`matchers[${i}].value`, 'not a valid regular expression')
      const startsAt = input.startsAt ?? now
      const endsAt = input.endsAt ?? startsAt + (input.durationMin as number) * 60_000
      if (endsAt <= startsAt) throw invalid('endsAt', 'must be after startsAt')
      if (endsAt <= now) throw invalid('endsAt', 'is in the past')
      return ops.run((b) => {
        const s = {
          id: r.suppression.nextId('silence'),
          matchers,
          startsAt,
          endsAt,
          createdBy: input.by,
          comment: input.comment,
          incidentId: input.incidentId ?? null,
          createdAt: now,
          seq: ops.ctx.seq.next(),
        }
        r.suppression.addSilence(s)
        const view = silenceView(s, now)
        b.ops.changes.silences.set(s.id, view)
        return view
      })
    },
    'silences.delete': async (input: In<'silences.delete'>) => {
      const s = r.suppression.silence(input.id)
      if (!s) throw notFound(`silence ${input.id}`)
      return ops.run((b) => {
        const now = core.clock()
        r.suppression.expireSilence(input.id, now, ops.ctx.seq.next())
        const view = silenceView(r.suppression.silence(input.id)!, now)
        b.ops.changes.silences.set(input.id, view)
        ops.uncover(b)
        return view
      })
    },
  }
}
