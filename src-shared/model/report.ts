/**
 * Inputs of the report and export methods (src-main/report renders them; see docs/reports.md). Times are epoch
 * ms or ISO 8601; the client period report also takes plain dates (`2026-11-01`), read in the client's time zone.
 */
import { z } from 'zod'
import { IncidentQuery } from './incident'
import { Severity } from './severity'

export const REPORT_FORMATS = ['md', 'html', 'pdf', 'json'] as const
export const ReportFormat = z.enum(REPORT_FORMATS)
export type ReportFormat = z.infer<typeof ReportFormat>

export const TABLE_FORMATS = ['md', 'html', 'pdf', 'csv', 'json'] as const
export const TableFormat = z.enum(TABLE_FORMATS)
export type TableFormat = z.infer<typeof TableFormat>

/** `true`/`false` from JSON (WS, IPC) or `true|false|1|0|yes|no` from a query string (HTTP). */
export const Flag = z.union([z.boolean(), z.stringbool()])

/** An instant: epoch ms or ISO 8601 with an offset. */
export const Instant = z.union([z.coerce.number().int().nonnegative(), z.iso.datetime({ offset: true }).transform((s) => Date.parse(s))])

/** An instant, or a calendar date (`YYYY-MM-DD`) the server reads as local midnight in the client's time zone. */
export const InstantOrDate = z.union([Instant, z.iso.date()])
export type InstantOrDate = z.output<typeof InstantOrDate>

export const IncidentReportQuery = z.object({
  id: z.string().min(1).max(100),
  format: ReportFormat.default('md'),
  /** Let a browser show HTML/PDF in place (`Content-Disposition: inline`) instead of downloading it. */
  inline: Flag.optional(),
})

/**
 * The incident list export's filter: the queue's filter (`IncidentQuery`: status, client, priority, limit) plus
 * what the queue filters in memory (text search, severity, owner, opened range). The store applies the
 * IncidentQuery part; `filterIncidents` applies the rest, so the file has the same rows as the queue.
 */
export const IncidentExportQuery = IncidentQuery.extend({
  format: z.enum(['csv', 'json']).default('csv'),
  /** Case-insensitive substring of id, title, rule, resource, service or owner. */
  q: z.string().trim().max(200).optional(),
  severity: z.union([Severity, z.array(Severity)]).optional(),
  owner: z.string().max(200).optional(),
  /** Opened at or after (epoch ms or ISO 8601). */
  from: Instant.optional(),
  /** Opened before (epoch ms or ISO 8601). */
  to: Instant.optional(),
  /** Excel on Windows needs a byte-order mark to read UTF-8. */
  bom: Flag.optional(),
  inline: Flag.optional(),
})
export type IncidentExportQuery = z.output<typeof IncidentExportQuery>

export const PERIOD_KINDS = ['week', 'month', 'custom'] as const
export const PeriodKind = z.enum(PERIOD_KINDS)

/** Longest custom range a period report covers (a year and a bit: a fiscal year in any calendar). */
export const MAX_REPORT_DAYS = 400

export const ClientReportQuery = z
  .object({
    client: z.string().min(1).max(200),
    /** week / month: the one containing `from` (default: now); custom: `[from, to)`. */
    period: PeriodKind.default('week'),
    from: InstantOrDate.optional(),
    /** Exclusive; a plain date is inclusive (the report covers that whole day). */
    to: InstantOrDate.optional(),
    /** week / month: this many periods before that one (1 = last week), counted in the client's calendar. */
    back: z.coerce.number().int().min(0).max(120).default(0),
    format: TableFormat.default('md'),
    inline: Flag.optional(),
  })
  .superRefine((q, ctx) => {
    if (q.period !== 'custom') return
    if (q.from === undefined) ctx.addIssue({ code: 'custom', path: ['from'], message: 'a custom period needs from' })
    if (q.to === undefined) ctx.addIssue({ code: 'custom', path: ['to'], message: 'a custom period needs to' })
  })
export type ClientReportQuery = z.output<typeof ClientReportQuery>

export const InventoryQuery = z.object({
  /** Default: the last 7 days. */
  from: InstantOrDate.optional(),
  to: InstantOrDate.optional(),
  client: z.string().min(1).max(200).optional(),
  format: TableFormat.default('md'),
  inline: Flag.optional(),
})
export type InventoryQuery = z.output<typeof InventoryQuery>
