/**
 * Reports, exports and service metrics: load rows from the store, hand them to the pure report layer
 * (src-main/report/render.ts), and answer a `FileOutput` (HTTP sends it raw with its headers; WS and IPC pass
 * the object). Definitions of every number are in docs/reports.md.
 */
import type { OutputOf, ParsedInputOf } from '@shared/api/contract'
import type { FileOutput } from '@shared/api/file-output'
import { clientProfile, type ClientProfile } from '@shared/model/config'
import { BUCKET_MS, MAX_METRICS_RANGE_MS } from '@shared/model/metrics'
import { MAX_REPORT_DAYS, type InstantOrDate } from '@shared/model/report'
import type { Core } from '../app/compose'
import { filterIncidents } from '../report/incident-export'
import { buildMetrics, dayBoundaries, DAY_MS } from '../report/metrics'
import { periodRange, zonedMidnight } from '../report/period'
import { renderClientPeriodReport, renderIncidentExport, renderIncidentReport, renderInventory } from '../report/render'
import { incidentReportInput, type Delivery, type RenderedFile, type ReportClient } from '../report/types'
import type { DeliveriesRepo } from '../store/deliveries-repo'
import { EVENT_SLOT_MS, reportQueries } from '../store/report-queries'
import { ContractError, notFound } from '@shared/api/errors'
import { incidentDetail } from './incident-handlers'

/** The export reads at most this many incidents from the store before the in-memory filters (the queue's max). */
const EXPORT_SCAN_LIMIT = 5000
const INVENTORY_MAX_MS = 92 * DAY_MS

/** A rendered report as the contract carries it: text stays text, binary (PDF) travels as base64. */
export const fileOutput = (f: RenderedFile): FileOutput =>
  typeof f.body === 'string'
    ? { contentType: f.contentType, filename: f.filename, body: f.body, encoding: 'utf8', headers: f.headers }
    : {
        contentType: f.contentType,
        filename: f.filename,
        body: Buffer.from(f.body.buffer, f.body.byteOffset, f.body.byteLength).toString('base64'),
        encoding: 'base64',
        headers: f.headers,
      }

/** Reports go to clients: a webhook URL's path and query can be its secret (Slack, Teams), so only its host is named. */
const redactTarget = (t: string): string => {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(t)) return t
  try {
    return new URL(t).host
  } catch {
    return '(url)'
  }
}

const reportClient = (p: ClientProfile): ReportClient => ({ id: p.id, name: p.name, tier: p.tier, timeZone: p.timeZone })

/** Epoch ms as given; a plain date is local midnight in `tz` (`endOfDay`: the next midnight, so the day counts). */
export const resolveInstant = (v: InstantOrDate | undefined, tz: string, endOfDay = false): number | undefined => {
  if (v === undefined || typeof v === 'number') return v
  const [y, m, d] = v.split('-').map(Number)
  return zonedMidnight(y, m, d + (endOfDay ? 1 : 0), tz)
}

const invalid = (path: string, message: string) => new ContractError(400, 'invalid input', [{ path, message }])

const checkRange = (from: number, to: number, maxMs: number, what: string) => {
  if (!(from < to)) throw invalid('to', 'to must be after from')
  if (to - from > maxMs) throw invalid('from', `${what} cover at most ${Math.round(maxMs / DAY_MS)} days`)
}

export const reportHandlers = (core: Core) => {
  const rq = reportQueries(core.db)
  const profile = (id: string) => clientProfile(core.config.current, id)
  // The notify layer's outbox, once the core carries it: the report's timeline then shows each notification.
  const deliveriesOf = (incidentId: string): Delivery[] | undefined =>
    (core.repos as { deliveries?: Pick<DeliveriesRepo, 'ofIncident'> }).deliveries?.ofIncident(incidentId).map((d) => ({
      channel: `${d.channel} (${d.event})`,
      status: d.status,
      at: d.sentAt ?? d.updatedAt ?? d.at,
      error: d.error,
      target: d.target && redactTarget(d.target),
    }))

  return {
    'reports.incident': (q: ParsedInputOf<'reports.incident'>): OutputOf<'reports.incident'> => {
      const detail = incidentDetail(core, q.id)
      const input = incidentReportInput(detail, {
        client: reportClient(profile(detail.incident.client)),
        generatedAt: core.clock(),
        onsetAt: rq.onsetOf(detail.incident.id),
        deliveries: deliveriesOf(detail.incident.id),
      })
      return fileOutput(renderIncidentReport(input, q.format, { inline: q.inline }))
    },

    'incidents.export': (q: ParsedInputOf<'incidents.export'>): OutputOf<'incidents.export'> => {
      // The store applies the queue's own filter; the rest (text, severity, owner, opened range) is applied in
      // memory, then the limit — so the rows are what the queue would show for the same filter.
      const rows = core.repos.incidents.list({ status: q.status, client: q.client, priority: q.priority, limit: EXPORT_SCAN_LIMIT })
      const { format, inline, bom, ...filter } = q
      return fileOutput(renderIncidentExport(filterIncidents(rows, q), format, { now: core.clock(), filter, bom, inline }))
    },

    'reports.client': (q: ParsedInputOf<'reports.client'>): OutputOf<'reports.client'> => {
      const p = profile(q.client)
      if (!p.configured && !rq.clientExists(q.client)) throw notFound(`client ${q.client}`)
      const now = core.clock()
      const from = resolveInstant(q.from, p.timeZone)
      const to = resolveInstant(q.to, p.timeZone, true)
      let period
      if (q.period === 'custom') {
        checkRange(from as number, to as number, MAX_REPORT_DAYS * DAY_MS, 'reports')
        period = periodRange('custom', now, p.timeZone, { from: from as number, to: to as number })
      } else {
        // The week or month containing `from` (or the instant before `to`, or now), then `back` periods earlier:
        // stepping from each period's start keeps months and DST weeks exact in the client's calendar.
        period = periodRange(q.period, from ?? (to !== undefined ? to - 1 : now), p.timeZone)
        for (let i = 0; i < q.back; i++) period = periodRange(q.period, period.from - 1, p.timeZone)
      }
      const input = {
        client: reportClient(p),
        period,
        generatedAt: now,
        incidents: rq.incidentsInRange({ from: period.from, to: period.to, client: q.client }),
        events: rq.clientEvents(q.client, period.from, period.to),
        eventSlots: rq.eventSlots(period.from, period.to, q.client),
      }
      return fileOutput(renderClientPeriodReport(input, q.format, { inline: q.inline }))
    },

    'reports.inventory': (q: ParsedInputOf<'reports.inventory'>): OutputOf<'reports.inventory'> => {
      const tz = q.client ? profile(q.client).timeZone : core.config.current.defaults.timeZone
      const now = core.clock()
      const to = resolveInstant(q.to, tz, true) ?? now
      const from = resolveInstant(q.from, tz) ?? to - 7 * DAY_MS
      checkRange(from, to, INVENTORY_MAX_MS, 'inventories')
      const { rows, activity } = rq.inventory(from, to, q.client ?? null)
      const ids = new Set(rows.map((r) => r.client))
      const clientNames = Object.fromEntries([...ids].map((id) => [id, profile(id).name]))
      return fileOutput(renderInventory({ from, to, generatedAt: now, rows, activity, timeZone: tz, clientNames }, q.format, { inline: q.inline }))
    },

    'metrics.summary': (q: ParsedInputOf<'metrics.summary'>): OutputOf<'metrics.summary'> => {
      const tz = q.client ? profile(q.client).timeZone : core.config.current.defaults.timeZone
      const to = q.to ?? core.clock()
      const asked = q.from ?? to - 30 * DAY_MS
      if (!(asked < to)) throw invalid('from', 'from must be before to')
      // Whole buckets: start at the local midnight (or the hour, the 5 minutes) containing `from`.
      const boundaries = q.bucket === 'day' ? dayBoundaries(asked, to, tz) : undefined
      const width = q.bucket === 'day' ? DAY_MS : BUCKET_MS[q.bucket]
      const from = boundaries ? boundaries[0] : Math.floor(asked / width) * width
      checkRange(from, to, MAX_METRICS_RANGE_MS[q.bucket] + width, `${q.bucket} buckets`)
      const client = q.client ?? null
      const summary = buildMetrics({
        from,
        to,
        boundaries,
        bucketMs: width,
        incidents: rq.incidentsInRange({ from, to, client }),
        events: rq.eventSlots(from, to, client, Math.min(EVENT_SLOT_MS, width)),
        clients: q.client ? [q.client] : undefined,
      })
      return { ...summary, bucket: q.bucket, timeZone: tz }
    },
  }
}
