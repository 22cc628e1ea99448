import { contract, type Method } from '@shared/api/contract'
import { badInput, ContractError } from '@shared/api/errors'

/** A contract call's input after its schema: what the writer's handlers receive. */
export interface ParsedCall {
  method: Method
  input: unknown
}

/**
 * Check a call against the contract where it arrives (the I/O thread): unknown methods are refused, the input is
 * parsed with the method's schema (defaults applied, coercions done, unknown keys dropped) or refused with its
 * issues. Only the parsed input crosses to the writer — bounded, plain data, whatever the sender nested in it.
 */
export const parseCall = (method: string, input: unknown): ParsedCall => {
  const spec = Object.hasOwn(contract, method) ? contract[method as Method] : undefined
  if (!spec) throw new ContractError(404, `unknown method ${String(method).slice(0, 100)}`, [{ path: 'method', message: 'not in the contract' }])
  const parsed = spec.input.safeParse(input ?? {})
  if (!parsed.success) throw badInput(parsed.error)
  return { method: method as Method, input: parsed.data }
}
