/**
 * What the report builders take. Plain data, structurally typed against the shared model, so the API layer passes
 * store rows straight in (`Incident` or `IncidentDraft`, `TimelineEntry` or `TimelineDraft`).
 */
import type { Alert } from '@shared/model/alert'
import type { AlertRole, Incident, IncidentAlert, JoinRule, TimelineEntry } from '@shared/model/incident'
import type { Problem } from '@shared/model/problem'

/** An incident row, with or without the store's `seq`. */
export type IncidentRow = Omit<Incident, 'seq'> & { seq?: number }

/** A timeline row, with or without the store's `id` (ids order entries that share a millisecond). */
export type TimelineRow = Omit<TimelineEntry, 'id'> & { id?: number }

/** A member alert with the reason it joined: `reportAlert(alert, link)` builds one from store rows. */
export type ReportAlertInput = Pick<
  Alert,
  'id' | 'rule' | 'resource' | 'service' | 'severity' | 'status' | 'count' | 'firstSeen' | 'lastSeen' | 'resolvedAt' | 'summary' | 'source'
> &
  Partial<Pick<Alert, 'group' | 'description' | 'url' | 'runbookUrl'>> & {
    role: AlertRole
    joinRule: JoinRule
    joinReason: string
    joinedAt: number
  }

export const reportAlert = (alert: Alert, link: IncidentAlert): ReportAlertInput => ({
  ...alert,
  role: link.role,
  joinRule: link.rule,
  joinReason: link.reason,
  joinedAt: link.joinedAt,
})

/**
 * One notification attempt about the incident (desktop, webhook, e-mail …). Defined here until the notify layer
 * has its own model; the notify layer's rows only need these fields.
 */
export interface Delivery {
  channel: string
  status: 'sent' | 'failed' | 'pending' | 'suppressed' | (string & {})
  at: number
  error?: string | null
  /** Where it went (a webhook name, a person); never a secret URL. */
  target?: string | null
}

/** The client as reports name it (from `clientProfile(config, id)`). */
export interface ReportClient {
  id: string
  name: string
  tier: string
  /** IANA zone the report prints times in; UTC when absent. */
  timeZone?: string
}

export interface IncidentReportInput {
  incident: IncidentRow
  alerts: ReportAlertInput[]
  timeline: TimelineRow[]
  deliveries?: Delivery[]
  client: ReportClient
  generatedAt: number
  /**
   * Source time of the first event of this incident's episode, when the store knows it (events journal). Without
   * it the onset is estimated from the member alerts' `firstSeen` (see `incidentTimes`).
   */
  onsetAt?: number | null
  problem?: Pick<Problem, 'id' | 'key' | 'reason' | 'clients'> | null
}

/** An incident with its timeline, as the period report and the metrics take them. */
export interface IncidentWithTimeline {
  incident: IncidentRow
  timeline: TimelineRow[]
  /** As in `IncidentReportInput.onsetAt`; MTTD counts only incidents where it is known. */
  onsetAt?: number | null
}

/**
 * The report input from what `incidents.get` already loads (`IncidentDetail`: incident, alerts with their `link`,
 * timeline, problem) plus what only the report needs.
 */
export const incidentReportInput = (
  detail: { incident: IncidentRow; alerts: (Alert & { link: IncidentAlert })[]; timeline: TimelineRow[]; problem?: IncidentReportInput['problem'] },
  extra: { client: ReportClient; generatedAt: number; deliveries?: Delivery[]; onsetAt?: number | null },
): IncidentReportInput => ({
  incident: detail.incident,
  alerts: detail.alerts.map((a) => reportAlert(a, a.link)),
  timeline: detail.timeline,
  problem: detail.problem ?? null,
  ...extra,
})

export type ReportFormat = 'md' | 'html' | 'pdf' | 'json'
export type TableFormat = ReportFormat | 'csv'

/** A rendered file, with the headers to serve it under. */
export interface RenderedFile {
  contentType: string
  filename: string
  body: string | Uint8Array
  headers: Record<string, string>
}
