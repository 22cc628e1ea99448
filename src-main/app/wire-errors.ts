import { ContractError } from '@shared/api/errors'
import type { WireError } from '@shared/api/hub-protocol'

/** An error as it crosses the thread boundary (src-shared/api/hub-protocol.ts). */
export const toWire = (e: unknown): WireError =>
  e instanceof ContractError
    ? { message: e.message, contract: true, status: e.status, issues: e.issues }
    : { message: e instanceof Error ? e.message : String(e), contract: false, code: (e as { code?: string } | undefined)?.code, stack: (e as Error | undefined)?.stack }

/** Back into what the listeners already handle: a ContractError (4xx/409/503 as sent), or an Error with its `code`. */
export const fromWire = (w: WireError): Error => {
  if (w.contract) return new ContractError(w.status ?? 500, w.message, w.issues ?? [])
  const e = new Error(w.message) as Error & { code?: string }
  if (w.code) e.code = w.code
  if (w.stack) e.stack = `${w.stack}\n    (in the writer worker)`
  return e
}
