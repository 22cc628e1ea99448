import type { Delta } from '@shared/api/contract'

export interface ConsoleFeedDeps {
  /** Bytes queued on the console's socket, not yet handed to the network. */
  buffered: () => number
  /** Past this many queued bytes the console is lagging: deltas are held back, then replaced by one resync. */
  maxBuffered: number
  send: (d: Delta) => void
  /** Everything changed after a seq, as one delta (the hub's `changesSince`). */
  changesSince: (seq: number) => Delta
  /** Injected in tests; checks whether a lagging console has drained. */
  setTimer?: (fn: () => void, ms: number) => unknown
  clearTimer?: (t: unknown) => void
  pollMs?: number
}

/**
 * The pushes one subscribed console receives. A console that cannot keep up (its socket buffer is past the bound)
 * gets nothing more to queue; as soon as it has drained it receives ONE delta with everything changed since the
 * last one it was sent — also when nothing changes any more by then (a resync that waited for the next change
 * would leave the console showing stale state through a quiet period). Desktop notices of the held-back deltas
 * travel with the resync (they are not rows that `changesSince` could find again).
 */
export const createConsoleFeed = (deps: ConsoleFeedDeps, sentSeq: number) => {
  const setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms).unref())
  const clearTimer = deps.clearTimer ?? ((t) => clearTimeout(t as NodeJS.Timeout))
  const pollMs = deps.pollMs ?? 25
  let lagging = false
  let timer: unknown
  let heldNotices: NonNullable<Delta['notifications']> = []

  const deliver = (d: Delta) => {
    sentSeq = d.seq
    deps.send(d)
  }

  const resync = () => {
    timer = undefined
    if (!lagging) return
    if (deps.buffered() > deps.maxBuffered) {
      timer = setTimer(resync, pollMs)
      return
    }
    lagging = false
    const d = deps.changesSince(sentSeq)
    if (heldNotices.length) d.notifications = [...heldNotices, ...(d.notifications ?? [])]
    heldNotices = []
    deliver(d)
  }

  return {
    push(d: Delta): void {
      if (lagging || deps.buffered() > deps.maxBuffered) {
        lagging = true
        if (d.notifications?.length) heldNotices = [...heldNotices, ...d.notifications]
        timer ??= setTimer(resync, pollMs)
        return
      }
      deliver(d)
    },
    get sentSeq() {
      return sentSeq
    },
    set sentSeq(s: number) {
      sentSeq = s
    },
    get lagging() {
      return lagging
    },
    close(): void {
      if (timer !== undefined) clearTimer(timer)
      timer = undefined
      lagging = false
    },
  }
}
export type ConsoleFeed = ReturnType<typeof createConsoleFeed>
