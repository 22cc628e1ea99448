/**
 * The wire between preload and main. Kept free of zod and of the contract's values so the sandboxed preload
 * bundle stays a few hundred bytes: the preload forwards, the main process validates.
 */
import type { ValidationIssue } from '@shared/model/problem-issue'

/** The one request channel: `invoke(CALL_CHANNEL, method, input)`. */
export const CALL_CHANNEL = 'noc:call'
/** Main → renderer push of coalesced deltas. */
export const DELTA_CHANNEL = 'noc:delta'
/** The desktop app's own settings (src-shared/api/desktop.ts): `invoke(DESKTOP_CHANNEL, 'get' | 'set', patch?)`. */
export const DESKTOP_CHANNEL = 'noc:desktop'

/** What `noc:call` answers. Errors never cross IPC as thrown exceptions (Electron would mangle them). */
export type IpcReply = { ok: true; output: unknown } | { ok: false; error: string; issues: ValidationIssue[] }

/** The rejection the bridge produces: an Error whose message also spells out the issues. */
export class NocCallError extends Error {
  override readonly name = 'NocCallError'
  constructor(
    readonly error: string,
    readonly issues: ValidationIssue[],
  ) {
    // The contextBridge copies Errors by message; keep the issues readable even if the property is dropped.
    super(issues.length ? `${error}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}` : error)
  }
}

const isIssue = (v: unknown): v is ValidationIssue =>
  typeof v === 'object' && v !== null && typeof (v as ValidationIssue).path === 'string' && typeof (v as ValidationIssue).message === 'string'

/** Unwrap a reply: the output, or throw `NocCallError`. Anything malformed is treated as a failure, not trusted. */
export const unwrapReply = (reply: unknown): unknown => {
  if (typeof reply === 'object' && reply !== null && 'ok' in reply) {
    const r = reply as Record<string, unknown>
    if (r.ok === true) return r.output
    if (r.ok === false && typeof r.error === 'string') {
      throw new NocCallError(r.error, Array.isArray(r.issues) ? r.issues.filter(isIssue) : [])
    }
  }
  throw new NocCallError('malformed reply from the main process', [])
}
