import type { Delta } from '@shared/api/contract'
import type { PushFrame } from './hub'

const decoder = new TextDecoder()

/**
 * A delta serialised once (by the writer). Socket writers take `bytes`, shared by every console; in-process readers
 * take `delta` (parsed on first use, or the object it was made from) or `text`.
 */
export const pushFrame = (seq: number, bytes: Uint8Array, delta?: Delta): PushFrame => {
  let text: string | undefined
  let parsed = delta
  return {
    seq,
    bytes,
    get text() {
      return (text ??= decoder.decode(bytes))
    },
    get delta() {
      return (parsed ??= JSON.parse(this.text) as Delta)
    },
  }
}

const encoder = new TextEncoder()

/** UTF-8 bytes in a buffer of their own (transferable: never a slice of Node's shared Buffer pool). */
export const utf8 = (text: string): Uint8Array => encoder.encode(text)

export const frameOf = (delta: Delta): PushFrame => pushFrame(delta.seq, utf8(JSON.stringify(delta)), delta)
