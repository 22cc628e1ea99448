import type { Delta } from '@shared/api/contract'
import { utf8 } from './push-frame'

export interface DeltaGateDeps {
  /** A delta serialised once, to every listener on the I/O side. */
  post: (seq: number, bytes: Uint8Array) => void
  /** Everything changed after `since`, as one delta (hub-service `changesSince`). */
  changesSince: (since: number) => Delta
}

/**
 * The writer's side of the push path: coalesced deltas are serialised only while the I/O side has listeners (a
 * bench or a headless feed with no console pays nothing for them).
 *
 * The listener count arrives by message, so it lags: the I/O side may subscribe (greeting its console with the
 * committed seq it read, `seen`) while the writer, not knowing yet, drops a delta of changes committed after
 * `seen`. Those changes would never reach that console — later deltas carry only what changed after them. So the
 * gate remembers the newest delta it dropped and, when listeners appear, sends everything after `seen` first.
 */
export const deltaGate = (deps: DeltaGateDeps) => {
  let listeners = 0
  /** Seq of the newest delta dropped since the last listener left (-1: none). */
  let droppedSeq = -1

  const send = (d: Delta) => deps.post(d.seq, utf8(JSON.stringify(d)))

  return {
    emit(d: Delta): void {
      if (listeners > 0) return send(d)
      droppedSeq = Math.max(droppedSeq, d.seq)
    },
    /** The I/O side's listener count; `seen` = the committed seq it had read when the count changed. */
    listeners(count: number, seen: number): void {
      const appeared = listeners === 0 && count > 0
      listeners = count
      if (!appeared) return
      const missed = droppedSeq > seen
      droppedSeq = -1
      if (missed) send(deps.changesSince(seen))
    },
  }
}
