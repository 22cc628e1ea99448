/**
 * The client period report (week / month / custom range): what happened to one client's service, for the client
 * and for managers. Definitions (also in docs/reports.md — keep the two in step):
 *
 * - "opened in range": from ≤ openedAt < to. Counts by priority and status, escalation rate, SLA and the
 *   incident table are over these. Status is the status at generation time.
 * - MTTA = mean(firstAckAt − openedAt) over incidents whose FIRST ack lies in the range.
 * - MTTR = mean(resolvedAt − openedAt) over incidents whose FINAL resolution lies in the range.
 * - MTTD = mean(openedAt − onsetAt) over incidents opened in range whose onset is known.
 * - Ack SLA: breached when firstAck − openedAt > limit(priority); with no ack, breached once the deadline passed
 *   unless the incident resolved before the deadline; otherwise pending. Priority is the incident's current one.
 * - Incidents merged into another are left out everywhere (their alerts count in the survivor) and counted apart.
 */
import { IncidentStatus } from '@shared/model/incident'
import { PRIORITIES, type Priority, type Severity } from '@shared/model/severity'
import type { MetricsPoint } from '@shared/model/metrics'
import { mean, median, ratio } from './format'
import { buildMetrics, dayBoundaries } from './metrics'
import { inRange, type Period } from './period'
import { incidentTimes, type IncidentTimes } from './times'
import type { IncidentWithTimeline, ReportClient } from './types'

const MIN = 60_000

export interface SlaConfig {
  /** Minutes from opening to first acknowledgement, per priority. */
  ackMin: Record<Priority, number>
  /** Optional minutes from opening to resolution, per priority. */
  resolveMin?: Partial<Record<Priority, number>>
}

export const DEFAULT_SLA: SlaConfig = { ackMin: { P1: 15, P2: 30, P3: 240, P4: 1440 } }

/** Events (occurrences received in the range) grouped by one key: a rule or a resource. */
export interface NoiseRow {
  key: string
  events: number
  /** Distinct alerts behind those events, when the store counted them. */
  alerts?: number
}

export interface ClientPeriodInput {
  client: ReportClient
  period: Period
  generatedAt: number
  /** Every incident that may matter: opened in range, or acked/resolved in it. Extra ones are filtered out. */
  incidents: IncidentWithTimeline[]
  events: { total: number; alerts?: number; byRule?: NoiseRow[]; byResource?: NoiseRow[] }
  /**
   * The client's events in slots no coarser than a day (`reportQueries.eventSlots`), for the daily series the
   * charts draw. Without it the series has no event counts (zeros).
   */
  eventSlots?: { t: number; n: number }[]
  sla?: SlaConfig
  /** How many noisy rules/resources to list (10). */
  top?: number
}

export type SlaState = 'met' | 'breached' | 'pending' | 'n/a'

export interface PeriodIncidentRow {
  id: string
  title: string
  priority: Priority
  severity: Severity
  status: IncidentStatus
  openedAt: number
  firstAckAt: number | null
  resolvedAt: number | null
  ttaMs: number | null
  ttrMs: number | null
  escalated: boolean
  automated: boolean
  ackSlaMin: number
  ackSla: SlaState
  resolveSlaMin: number | null
  resolveSla: SlaState
}

export interface Stat {
  n: number
  meanMs: number | null
  medianMs: number | null
}

export interface ClientPeriodReport {
  kind: 'client-period-report'
  version: 1
  client: Required<ReportClient>
  period: Period
  generatedAt: number
  incidents: { opened: number; mergedAway: number; byPriority: Record<Priority, number>; byStatus: Record<IncidentStatus, number> }
  mttd: Stat
  mtta: Stat
  mttr: Stat
  byPriority: { priority: Priority; opened: number; mtta: Stat; mttr: Stat; ackSlaMin: number; ackBreaches: number }[]
  sla: { ackMin: Record<Priority, number>; resolveMin: Partial<Record<Priority, number>>; evaluated: number; breaches: number; pending: number; rate: number | null; resolveBreaches: number }
  escalation: { escalated: number; opened: number; rate: number | null }
  automation: { automated: number; resolved: number; rate: number | null }
  noise: { events: number; alerts: number | null; incidents: number; eventsPerIncident: number | null; reduction: number | null }
  noisyRules: { key: string; events: number; alerts: number | null; incidents: number }[]
  noisyResources: { key: string; events: number; alerts: number | null; incidents: number }[]
  /**
   * One point per local day of the period: `buildMetrics` over the same incidents, i.e. exactly what the
   * console's metrics view shows for this client and range with daily buckets (MTTA by first ack, MTTR by final
   * resolution, incidents by opening), so the days add up to the totals above.
   */
  series: { bucket: 'day'; points: MetricsPoint[] }
  rows: PeriodIncidentRow[]
}

export const stat = (values: number[]): Stat => ({ n: values.length, meanMs: mean(values), medianMs: median(values) })

const slaState = (openedAt: number, reactedAt: number | null, endedAt: number | null, limitMin: number | null | undefined, now: number): SlaState => {
  if (limitMin === null || limitMin === undefined) return 'n/a'
  const deadline = openedAt + limitMin * MIN
  if (reactedAt !== null) return reactedAt > deadline ? 'breached' : 'met'
  if (endedAt !== null && endedAt <= deadline) return 'met'
  return now >= deadline ? 'breached' : 'pending'
}

/** Events per key merged with incidents per key (incident.rule / incident.resource), loudest first. */
const noisy = (rows: NoiseRow[] | undefined, incidentKeys: (string | null)[], top: number) => {
  const byKey = new Map<string, { key: string; events: number; alerts: number | null; incidents: number }>()
  for (const r of rows ?? []) byKey.set(r.key, { key: r.key, events: r.events, alerts: r.alerts ?? null, incidents: 0 })
  for (const k of incidentKeys) {
    if (!k) continue
    const e = byKey.get(k) ?? { key: k, events: 0, alerts: null, incidents: 0 }
    e.incidents++
    byKey.set(k, e)
  }
  return [...byKey.values()].sort((a, b) => b.events - a.events || b.incidents - a.incidents || a.key.localeCompare(b.key)).slice(0, top)
}

const dailySeries = (input: ClientPeriodInput): MetricsPoint[] => {
  const { from, to } = input.period
  const id = input.client.id
  const m = buildMetrics({
    from,
    to,
    boundaries: dayBoundaries(from, to, input.client.timeZone ?? 'UTC'),
    incidents: input.incidents,
    events: (input.eventSlots ?? []).map((e) => ({ client: id, t: e.t, n: e.n })),
    clients: [id],
  })
  return m.clients.find((c) => c.client === id)?.points ?? []
}

export const buildClientPeriodReport = (input: ClientPeriodInput): ClientPeriodReport => {
  const { from, to } = input.period
  const sla = input.sla ?? DEFAULT_SLA
  const now = input.generatedAt
  const all = input.incidents
    .filter((x) => x.incident.client === input.client.id)
    .map((x) => ({ inc: x.incident, t: incidentTimes(x.incident, x.timeline, x.onsetAt ?? null) }))
  const mergedAway = all.filter((x) => x.t.mergedAway && inRange(x.inc.openedAt, from, to)).length
  const live = all.filter((x) => !x.t.mergedAway)
  const opened = live.filter((x) => inRange(x.inc.openedAt, from, to)).sort((a, b) => a.inc.openedAt - b.inc.openedAt || a.inc.id.localeCompare(b.inc.id))
  const acked = live.filter((x) => inRange(x.t.firstAckAt, from, to))
  const resolved = live.filter((x) => inRange(x.t.resolvedAt, from, to))

  const rows: PeriodIncidentRow[] = opened.map(({ inc, t }) => {
    const resolveLimit = sla.resolveMin?.[inc.priority] ?? null
    return {
      id: inc.id,
      title: inc.title,
      priority: inc.priority,
      severity: inc.severity,
      status: inc.status,
      openedAt: inc.openedAt,
      firstAckAt: t.firstAckAt,
      resolvedAt: t.resolvedAt,
      ttaMs: t.tta,
      ttrMs: t.ttr,
      escalated: t.escalated,
      automated: t.automated,
      ackSlaMin: sla.ackMin[inc.priority],
      ackSla: slaState(inc.openedAt, t.firstAckAt, t.resolvedAt, sla.ackMin[inc.priority], now),
      resolveSlaMin: resolveLimit,
      resolveSla: slaState(inc.openedAt, t.resolvedAt, null, resolveLimit, now),
    }
  })

  const count = <K extends string>(keys: readonly K[], of: (x: (typeof opened)[number]) => K) =>
    Object.fromEntries(keys.map((k) => [k, opened.filter((x) => of(x) === k).length])) as Record<K, number>
  const ttas = (xs: { t: IncidentTimes }[]) => xs.map((x) => x.t.tta as number)
  const ttrs = (xs: { t: IncidentTimes }[]) => xs.map((x) => x.t.ttr as number)
  const breaches = rows.filter((r) => r.ackSla === 'breached').length
  const pending = rows.filter((r) => r.ackSla === 'pending').length
  const escalated = opened.filter((x) => x.t.escalated).length
  const automated = resolved.filter((x) => x.t.automated).length
  const top = input.top ?? 10

  return {
    kind: 'client-period-report',
    version: 1,
    client: { id: input.client.id, name: input.client.name, tier: input.client.tier, timeZone: input.client.timeZone ?? 'UTC' },
    period: input.period,
    generatedAt: now,
    incidents: {
      opened: opened.length,
      mergedAway,
      byPriority: count(PRIORITIES, (x) => x.inc.priority),
      byStatus: count(IncidentStatus.options, (x) => x.inc.status),
    },
    mttd: stat(opened.filter((x) => x.t.ttd !== null).map((x) => x.t.ttd as number)),
    mtta: stat(ttas(acked)),
    mttr: stat(ttrs(resolved)),
    byPriority: PRIORITIES.map((p) => ({
      priority: p,
      opened: opened.filter((x) => x.inc.priority === p).length,
      mtta: stat(ttas(acked.filter((x) => x.inc.priority === p))),
      mttr: stat(ttrs(resolved.filter((x) => x.inc.priority === p))),
      ackSlaMin: sla.ackMin[p],
      ackBreaches: rows.filter((r) => r.priority === p && r.ackSla === 'breached').length,
    })),
    sla: {
      ackMin: sla.ackMin,
      resolveMin: sla.resolveMin ?? {},
      evaluated: rows.length - pending,
      breaches,
      pending,
      rate: ratio(breaches, rows.length - pending),
      resolveBreaches: rows.filter((r) => r.resolveSla === 'breached').length,
    },
    escalation: { escalated, opened: opened.length, rate: ratio(escalated, opened.length) },
    automation: { automated, resolved: resolved.length, rate: ratio(automated, resolved.length) },
    noise: {
      events: input.events.total,
      alerts: input.events.alerts ?? null,
      incidents: opened.length,
      eventsPerIncident: ratio(input.events.total, opened.length),
      reduction: input.events.total > 0 ? Math.max(0, 1 - opened.length / input.events.total) : null,
    },
    noisyRules: noisy(input.events.byRule, opened.map((x) => x.inc.rule), top),
    noisyResources: noisy(input.events.byResource, opened.map((x) => x.inc.resource), top),
    series: { bucket: 'day', points: dailySeries(input) },
    rows,
  }
}
