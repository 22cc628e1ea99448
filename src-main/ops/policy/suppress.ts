import type { Alert } from '@shared/model/alert'
import { clientProfile, type ConsoleConfig } from '@shared/model/config'
import { isActive, type Incident } from '@shared/model/incident'
import type { Suppression } from '@shared/model/ops'
import type { MaintenanceSpec } from '@shared/model/ops-config'
import { inBusinessHours, describeHours } from '../../engine/business-hours'
import { currentIncidentOf } from '../../engine/state'
import { inhibitorOf, suppressorOf, type SilenceView, type Suppressor, type WindowView, type ZoneOf } from '../../engine/suppression'
import { compileTopology } from '../../engine/topology'
import type { AlertChange } from '../../engine/types'
import { alertName, isFiring } from '../../engine/work'
import type { ScheduleEntry } from '../../store/schedule-repo'
import type { StoredWindow } from '../../store/suppression-repo'
import type { OpsBatch, OpsCtx } from '../context'

/**
 * Maintenance windows and silences hold alerts back: a covered alert that has no active incident is recorded
 * (alerts table, journal) and marked suppressed, but the incident engine does not see it — no incident, nobody
 * notified. When the cover ends and it still fires, it is handed to the engine as a newly adopted alert, keeping
 * its earlier state (first seen, count). Alerts already in an active incident stay there; that incident's
 * notifications are held while all its firing alerts are covered (or inhibited by a critical topology parent).
 */

export const zoneOf = (config: ConsoleConfig): ZoneOf => (client) => (client === null ? config.defaults.timeZone : clientProfile(config, client).timeZone)

/** A validated maintenance spec as the window the suppressor checks (config file and `maintenance.create` alike). */
export const windowOf = (id: string, m: MaintenanceSpec): WindowView => ({
  id,
  name: m.name,
  client: m.client ?? null,
  service: m.service ?? null,
  resource: m.resource ?? null,
  schedule:
    m.weekly !== undefined
      ? { kind: 'weekly' as const, days: m.weekly.days, start: m.weekly.start, end: m.weekly.end, timeZone: m.timeZone ?? null }
      : { kind: 'once' as const, start: m.start as number, end: m.end as number },
})

/** Windows from the configuration file get stable ids by position: `config-1`, `config-2`, … */
export const configWindows = (config: ConsoleConfig): WindowView[] => config.maintenance.map((m, i) => windowOf(`config-${i + 1}`, m))

export const storedWindowView = (w: StoredWindow): WindowView => ({ id: w.id, name: w.name, client: w.client, service: w.service, resource: w.resource, schedule: w.schedule })

const covers = (ctx: OpsCtx, batch: OpsBatch) => {
  const m = batch.ops.memo
  m.windows ??= [...configWindows(ctx.config()), ...ctx.repos.suppression.windows().map(storedWindowView)]
  m.silences ??= ctx.repos.suppression.liveSilences(ctx.clock()) as SilenceView[]
  return { windows: m.windows, silences: m.silences, zoneOf: zoneOf(ctx.config()) }
}

const lift = (ctx: OpsCtx, batch: OpsBatch, s: Suppression) => {
  batch.ops.changes.suppressions.set(s.alertId, { ...s, active: false, seq: ctx.seq.next() })
}

const mark = (ctx: OpsCtx, batch: OpsBatch, a: Alert, s: Suppressor) => {
  const row = { alertId: a.id, kind: s.kind, ref: s.ref, reason: s.reason, since: ctx.clock(), seq: ctx.seq.next() }
  const before = ctx.repos.suppression.suppression(a.id)
  ctx.repos.suppression.putSuppression({ ...row, since: before?.since ?? row.since })
  batch.ops.changes.suppressions.set(a.id, { ...row, since: before?.since ?? row.since, active: true })
}

/** Alert changes of an ingest batch → the ones the incident engine should see. Runs inside the transaction. */
export const screenChanges = (ctx: OpsCtx, batch: OpsBatch, changes: AlertChange[]): AlertChange[] => {
  if (!changes.length) return changes
  const c = covers(ctx, batch)
  if (c.windows.length === 0 && c.silences.length === 0 && ctx.repos.suppression.suppressionCount() === 0) return changes
  const now = ctx.clock()
  const out: AlertChange[] = []
  for (const ch of changes) {
    const a = ch.alert
    const held = ctx.repos.suppression.suppression(a.id)
    if (!isFiring(a)) {
      // Recovered while suppressed: it never surfaces.
      if (held && ctx.repos.suppression.dropSuppression(a.id)) lift(ctx, batch, held)
      out.push(ch)
      continue
    }
    const current = currentIncidentOf(batch.engine, a.id)
    if (current && isActive(current.status)) {
      out.push(ch)
      continue
    }
    const s = suppressorOf(a, now, c)
    if (s) {
      if (!held || held.ref !== s.ref) mark(ctx, batch, a, s)
      continue
    }
    if (held) {
      ctx.repos.suppression.dropSuppression(a.id)
      lift(ctx, batch, held)
      out.push({ alert: a, previous: null })
      continue
    }
    out.push(ch)
  }
  return out
}

/** Tick: alerts whose window ended or silence expired and that still fire are handed to the engine now. */
export const releaseSuppressed = (ctx: OpsCtx, batch: OpsBatch): void => {
  const rows = ctx.repos.suppression.suppressions()
  if (!rows.length) return
  const c = covers(ctx, batch)
  const now = ctx.clock()
  const adopt: { alert: Alert; held: Suppression }[] = []
  for (const r of rows) {
    const a = ctx.repos.alerts.get(r.alertId)
    if (!a || !isFiring(a)) {
      ctx.repos.suppression.dropSuppression(r.alertId)
      lift(ctx, batch, r)
      continue
    }
    const s = suppressorOf(a, now, c)
    if (s) {
      if (s.ref !== r.ref) mark(ctx, batch, a, s)
      continue
    }
    ctx.repos.suppression.dropSuppression(r.alertId)
    lift(ctx, batch, r)
    adopt.push({ alert: a, held: r })
  }
  if (!adopt.length) return
  batch.engine = ctx.engine.changes(batch.engine, adopt.map((x) => ({ alert: x.alert, previous: null })), batch.applied)
  for (const { alert, held } of adopt) {
    const inc = currentIncidentOf(batch.engine, alert.id)
    if (!inc) continue
    ctx.repos.incidents.addTimeline({
      incidentId: inc.id,
      at: now,
      actor: 'system',
      kind: 'notify',
      text: `alert ${alertName(alert)} was held since ${new Date(held.since).toISOString()} by ${held.reason}; it still fires now that the cover ended`,
      data: { alertId: alert.id, suppressedSince: held.since, kind: held.kind, ref: held.ref, firstSeen: alert.firstSeen },
    })
  }
}

/** Why notifications of this incident must wait right now, or null. `entry` adds its own business-hours rule. */
export const holdReason = (ctx: OpsCtx, batch: OpsBatch, inc: Incident, entry?: ScheduleEntry & { businessHoursOnly?: boolean }): string | null => {
  const firing = ctx.repos.incidents
    .links(inc.id)
    .map((l) => ctx.repos.alerts.get(l.alertId))
    .filter((a): a is Alert => a !== undefined && isFiring(a) && currentIncidentOf(batch.engine, a.id)?.id === inc.id)
  if (firing.length === 0) return 'no alert is firing (the incident is about to resolve)'
  const c = covers(ctx, batch)
  const now = ctx.clock()
  const cfg = ctx.config()
  const profile = clientProfile(cfg, inc.client)
  const topo = compileTopology(profile.topology)
  let criticals: Alert[] | undefined
  const reasons: string[] = []
  for (const a of firing) {
    const s = suppressorOf(a, now, c)
    if (s) {
      reasons.push(s.reason)
      continue
    }
    criticals ??= topo.nodes.length ? ctx.repos.suppression.firingCriticals(inc.client) : []
    const parent = inhibitorOf(a, criticals, topo)
    if (!parent) {
      reasons.length = 0
      break
    }
    reasons.push(`inhibited by critical ${alertName(parent)} upstream`)
  }
  if (reasons.length) return reasons.length === 1 ? reasons[0] : `${reasons[0]} (and ${reasons.length - 1} more alert${reasons.length === 2 ? '' : 's'})`
  if (entry?.businessHoursOnly && !inBusinessHours(now, profile.timeZone, profile.businessHours))
    return `outside business hours (${describeHours(profile.businessHours)} ${profile.timeZone})`
  return null
}
