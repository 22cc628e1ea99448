import type { Delta } from '@shared/api/contract'
import type { PushFrame } from './hub'

/**
 * A delta serialised once. Socket writers take `bytes` (encoded on first use, then shared by every console);
 * in-process readers take `delta` (parsed on first use, or the object it was made from).
 */
export const pushFrame = (seq: number, text: string, delta?: Delta): PushFrame => {
  let bytes: Uint8Array | undefined
  let parsed = delta
  return {
    seq,
    text,
    get bytes() {
      return (bytes ??= Buffer.from(text, 'utf8'))
    },
    get delta() {
      return (parsed ??= JSON.parse(text) as Delta)
    },
  }
}

export const frameOf = (delta: Delta): PushFrame => pushFrame(delta.seq, JSON.stringify(delta), delta)
