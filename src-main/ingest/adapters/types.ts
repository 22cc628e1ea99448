import type { NocEvent } from '@shared/model/event'
import type { ValidationIssue } from '@shared/model/problem-issue'

/** What the HTTP layer knows about a request before the adapter reads its body. */
export interface AdapterContext {
  /** Epoch ms at acceptance; every event's `receivedAt`. */
  receivedAt: number
  /**
   * Client chosen by the request itself, already in precedence order:
   * path `/webhook/<format>/<client>`, then header `X-NOC-Client`, then query `?client=`.
   * When set it wins over anything in the payload.
   */
  clientOverride?: string
  /** Grafana `orgId` → client id mapping (configuration). */
  grafanaOrgs?: Record<string, string>
  /** Per-source fingerprint override: label names whose values form the key instead of the source's own. */
  fingerprintLabels?: string[]
}

export type AdapterResult =
  | { ok: true; events: NocEvent[]; warnings: string[] }
  | { ok: false; error: string; issues: ValidationIssue[] }

/** A pure function: request body (already JSON-parsed) → normalized events, or the reasons it is refused. */
export type Adapter = (body: unknown, ctx: AdapterContext) => AdapterResult
