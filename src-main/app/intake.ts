import { contract } from '@shared/api/contract'
import { badInput, ContractError } from '@shared/api/errors'
import type { NocEvent } from '@shared/model/event'
import { adapters } from '../ingest/adapters/index'
import { MAX_BATCH } from '../ingest/adapters/common'
import type { AdapterContext } from '../ingest/adapters/types'
import type { IntakeMetrics } from '../lib/metrics'
import { adaptNativeInSlices, NATIVE_SLICE } from './intake-slices'
import type { CallMeta, Clock, Format, IngestAnswer, IngestMeta, IntakeConfig, Refusal } from './hub'

export interface IntakeDeps {
  clock: Clock
  /** Derived from the configuration by the writer side, per (re)load (Grafana org map). */
  config: () => IntakeConfig
  metrics: IntakeMetrics
  /** Normalised events → the writer; resolves after COMMIT with the number accepted and the seq covering them. */
  submit: (events: NocEvent[]) => Promise<{ accepted: number; seq: number }>
  /** The current change seq (answered by a request with no events). */
  seq: () => number
  /** Keep a refusal in the dead letter; never throws. */
  deadLetter: (r: Refusal) => Promise<void>
}

/**
 * The I/O side of ingest: a JSON-parsed payload → its format's adapter (pure, validating) → `NocEvent[]` for the
 * writer. A payload the adapter refuses never reaches the writer's queue except as one dead-letter row.
 */
export const createIntake = (deps: IntakeDeps) => async (format: Format, body: unknown, meta: IngestMeta): Promise<IngestAnswer> => {
  const ctx: AdapterContext = { receivedAt: deps.clock(), clientOverride: meta.clientOverride, grafanaOrgs: deps.config().grafanaOrgs }
  let result: ReturnType<(typeof adapters)[Format]>
  try {
    // A big agent batch is adapted a slice per event-loop turn, so other sockets are served in between.
    const sliced = format === 'native' && Array.isArray(body) && body.length > NATIVE_SLICE && body.length <= MAX_BATCH
    result = sliced ? await adaptNativeInSlices(adapters.native, body, ctx) : adapters[format](body, ctx)
  } catch (e) {
    // Adapters are written never to throw; if one does, the sender still gets a 400 and the body is kept.
    result = { ok: false, error: `could not read ${format} payload`, issues: [{ path: '(body)', message: String(e) }] }
  }
  if (!result.ok) {
    await deps.deadLetter({ status: 400, error: result.error, issues: result.issues, meta: { ...meta, source: format, rawBody: meta.rawBody ?? safeStringify(body) } })
    throw new ContractError(400, result.error, result.issues)
  }
  deps.metrics.received({ source: format }, result.events.length)
  if (result.events.length === 0) return { accepted: 0, alerts: 0, warnings: result.warnings, seq: deps.seq() }
  const { accepted, seq } = await deps.submit(result.events)
  const keys = new Set(result.events.map((e) => `${e.client}\u0000${e.fingerprint}`))
  return { accepted, alerts: keys.size, warnings: result.warnings, seq }
}
export type Intake = ReturnType<typeof createIntake>

/**
 * `events.ingest` called as a contract method (IPC, internal callers): the input is checked against the contract
 * first, like every call (a 400 `invalid input`, not kept), then it takes the agents' path.
 */
export const ingestByCall = (intake: Intake, input: unknown, meta: CallMeta = { transport: 'internal' }): Promise<IngestAnswer> => {
  const parsed = contract['events.ingest'].input.safeParse(input ?? {})
  if (!parsed.success) return Promise.reject(badInput(parsed.error))
  return intake('native', parsed.data, { transport: meta.transport, remote: meta.remote })
}

const safeStringify = (v: unknown): string => {
  try {
    return JSON.stringify(v)?.slice(0, 65_536) ?? ''
  } catch {
    return String(v)
  }
}
