/**
 * The window's one transport, for code outside React's tree (operator actions, the attention layer).
 * main.tsx sets it once; tests set a fake.
 */
import type { Transport } from './transport'

let current: Transport | null = null

export const setTransport = (t: Transport | null): void => {
  current = t
}

export const transport = (): Transport => {
  if (!current) throw new Error('no transport yet')
  return current
}

export const hasTransport = (): boolean => current !== null
