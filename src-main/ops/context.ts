import type { ConsoleConfig } from '@shared/model/config'
import type { NocEvent } from '@shared/model/event'
import type {
  Delivery, DesktopNotice, MaintenanceWindow, ResponseRun, Silence, SourceHealth, Storm, Suppression,
} from '@shared/model/ops'
import type { EngineRunner } from '../pipeline/engine-runner'
import type { EngineState } from '../engine/types'
import type { WindowView, SilenceView } from '../engine/suppression'
import type { AlertsRepo } from '../store/alerts-repo'
import type { AppliedChanges } from '../store/apply-decisions'
import type { DeliveriesRepo } from '../store/deliveries-repo'
import type { HousekeepingRepo } from '../store/housekeeping-repo'
import type { IncidentsRepo } from '../store/incidents-repo'
import type { SeqCounter } from '../store/ingest-writer'
import type { ResponsesRepo } from '../store/responses-repo'
import type { ScheduleRepo } from '../store/schedule-repo'
import type { SourcesRepo } from '../store/sources-repo'
import type { StormsRepo } from '../store/storms-repo'
import type { SuppressionRepo } from '../store/suppression-repo'

export interface OpsRepos {
  incidents: IncidentsRepo
  alerts: AlertsRepo
  schedule: ScheduleRepo
  deliveries: DeliveriesRepo
  suppression: SuppressionRepo
  sources: SourcesRepo
  storms: StormsRepo
  responses: ResponsesRepo
  housekeeping: HousekeepingRepo
}

/** Ops rows changed in one batch, pushed to consoles after COMMIT (never before: a rollback would make them lies). */
export interface OpsChanges {
  deliveries: Map<number, Delivery>
  storms: Map<number, Storm>
  sources: Map<string, SourceHealth>
  silences: Map<string, Silence>
  maintenance: Map<string, MaintenanceWindow>
  responses: Map<number, ResponseRun>
  suppressions: Map<number, Suppression>
  notifications: DesktopNotice[]
}

/** Per group-commit batch: what changed, what to do after COMMIT, and caches valid for one transaction. */
export interface OpsBatchState {
  changes: OpsChanges
  /** Incident id → seq already settled in this batch. */
  reconciled: Map<string, number>
  /** Incident id → the notification facts this batch reconciled it with (reconcile.ts), adopted after COMMIT. */
  facts: Map<string, string>
  /** Side effects that must wait for COMMIT (ingesting a stale-feed alert, sending). */
  after: (() => void)[]
  /** Events per client in this batch (storm detection), and the minute they belong to. */
  counts: Map<string, number>
  memo: { windows?: WindowView[]; silences?: SilenceView[] }
}

/** The part of the writer's batch (pipeline/writer.ts) the notification layer reads and writes. */
export interface OpsBatch {
  engine: EngineState
  applied: AppliedChanges
  ops: OpsBatchState
}

export interface OpsCtx {
  repos: OpsRepos
  seq: SeqCounter
  engine: EngineRunner
  config(): ConsoleConfig
  clock(): number
  /** When this process started listening (source staleness is measured from here at the earliest). */
  startedAt: number
  /** Ingest events through the normal path (a later group commit). */
  ingest(events: NocEvent[]): Promise<unknown>
  env: Record<string, string | undefined>
  /** Incident id → the notification facts it was last reconciled with, as committed (reconcile.ts). */
  reconciledFacts: Map<string, string>
}

export const newOpsBatch = (): OpsBatchState => ({
  changes: {
    deliveries: new Map(),
    storms: new Map(),
    sources: new Map(),
    silences: new Map(),
    maintenance: new Map(),
    responses: new Map(),
    suppressions: new Map(),
    notifications: [],
  },
  reconciled: new Map(),
  facts: new Map(),
  after: [],
  counts: new Map(),
  memo: {},
})
