/**
 * The feed's state and the small helpers every feed reducer shares. The reducers are in ./feed (deltas, pause,
 * pruning), ./feed-commit (applying changes) and ./feed-load (the head and the alert pages).
 */
import type { SnapshotHead } from '@shared/api/contract'
import type { Client } from '@shared/model/client'
import type { Incident } from '@shared/model/incident'
import type { SourceHealth, Storm } from '@shared/model/ops'
import type { Problem } from '@shared/model/problem'
import { SEVERITIES, severityRank } from '@shared/model/severity'
import type { AlertRow } from './alert-row'
import type { ClientIncidents } from './incident-order'

/** Deltas (and alert pages) received while paused or before the head, merged so memory stays bounded by distinct ids. */
export interface PendingFeed {
  seq: number
  /** Frames merged, for the "N updates waiting" banner. */
  frames: number
  alerts: Record<number, AlertRow>
  clients: Record<string, { seq: number; client: Client }>
  incidents: Record<string, Incident>
  problems: Record<string, Problem>
  storms: Record<number, Storm>
  sources: Record<string, SourceHealth>
  /** A head that arrived while paused; applied first on resume. */
  head: SnapshotHead | null
  /** The alert pages finished while paused: sweep once the buffered rows are in. */
  loadDone: boolean
}

/** Progress of the alert rows that follow the head (`alerts.rows` pages). */
export interface AlertLoad {
  state: 'idle' | 'loading' | 'done'
  loaded: number
  total: number
}

export interface FeedState {
  /** Updated in place (see `commit`); `alertsVersion` changes whenever it does. */
  alertsById: Record<number, AlertRow>
  alertsVersion: number
  /** Firing alerts, worst severity first, then newest problem first (stable while counts tick up). */
  firingIds: number[]
  /** Resolved alerts still held, most recently resolved first. */
  resolvedIds: number[]
  alertLoad: AlertLoad
  /** The head's alert totals: what the header counts say until the pages are in. */
  alertTotals: { firing: number; resolved: number }
  /**
   * During a resync that keeps the old rows on screen: ids seen since the head (in a page or a delta). When the
   * last page is in, rows not seen are gone from the hub and are dropped.
   */
  alertSweep: Set<number> | null
  /** The server's sequence restarted: the rows held mean nothing there and go when the next head lands. */
  alertsStale: boolean
  clientsById: Record<string, Client>
  /** Wall order, by business impact: open P1s, P2s, worst severity, tier, open alerts, name. */
  clientOrder: string[]
  /** Incidents held: every active one plus those resolved within the horizon. */
  incidentsById: Record<string, Incident>
  incidentsVersion: number
  /** The incidents the last change applied (all of them after a head), for watchers such as the attention layer. */
  changedIncidents: Incident[]
  /** Incident ids per client, updated in place with incidentsById: the wall's summary is redone per touched client. */
  incidentIdsByClient: Map<string, Set<string>>
  /** Queue order: open, acknowledged, resolved, closed; then P1 first; then newest. */
  incidentIds: string[]
  /** Active incidents per client (P1/P2 counts, next ack deadline) for the wall. */
  incidentsByClient: Record<string, ClientIncidents>
  problemsById: Record<string, Problem>
  /** Alert storms (server-detected) and source health, for the wall's STORM and STALE marks. */
  stormsById: Record<number, Storm>
  sourcesById: Record<string, SourceHealth>
  /** Highest seq applied to what is shown; -1 before the first head. */
  seq: number
  /** A head has been applied since the last (re)sync began; until then deltas are buffered. */
  synced: boolean
  /** The operator froze the view; deltas are buffered and applied on resume. */
  paused: boolean
  pending: PendingFeed | null
}

export const emptyFeed = (): FeedState => ({
  alertsById: {},
  alertsVersion: 0,
  firingIds: [],
  resolvedIds: [],
  alertLoad: { state: 'idle', loaded: 0, total: 0 },
  alertTotals: { firing: 0, resolved: 0 },
  alertSweep: null,
  alertsStale: false,
  clientsById: {},
  clientOrder: [],
  incidentsById: {},
  incidentsVersion: 0,
  changedIncidents: [],
  incidentIdsByClient: new Map(),
  incidentIds: [],
  incidentsByClient: {},
  problemsById: {},
  stormsById: {},
  sourcesById: {},
  seq: -1,
  synced: false,
  paused: false,
  pending: null,
})

export const emptyPending = (): PendingFeed => ({
  seq: -1, frames: 0, alerts: {}, clients: {}, incidents: {}, problems: {}, storms: {}, sources: {}, head: null, loadDone: false,
})

export const compareFiring = (a: AlertRow, b: AlertRow): number =>
  severityRank(a.severity) - severityRank(b.severity) || b.firstSeen - a.firstSeen || b.id - a.id

export const resolvedTime = (a: AlertRow): number => a.resolvedAt ?? a.lastSeen
export const compareResolved = (a: AlertRow, b: AlertRow): number => resolvedTime(b) - resolvedTime(a) || b.id - a.id

export const openTotal = (c: Client): number => SEVERITIES.reduce((n, s) => (s === 'ok' ? n : n + (c.open[s] ?? 0)), 0)
/** Severity-only order (no incidents known): worst open severity, then most open alerts, then name. */
export const compareClients = (a: Client, b: Client): number =>
  severityRank(a.worst) - severityRank(b.worst) || openTotal(b) - openTotal(a) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id)

/** Everything received so far, applied or buffered: the resume point and the duplicate filter. */
export const receivedSeq = (s: FeedState): number => Math.max(s.seq, s.pending?.seq ?? -1, s.pending?.head?.seq ?? -1)

/** Keep the newer of two versions of a seq-stamped record. */
export const putNewer = <T extends { seq: number }>(into: Record<string | number, T>, key: string | number, v: T) => {
  const prev = into[key]
  if (!prev || prev.seq <= v.seq) into[key] = v
}

/** Firing alerts as the header and wall count them: the head's total until the pages are in. */
export const firingCount = (s: Pick<FeedState, 'alertLoad' | 'alertTotals' | 'firingIds'>): number =>
  s.alertLoad.state === 'loading' ? Math.max(s.firingIds.length, s.alertTotals.firing) : s.firingIds.length
