import type { Delta } from '@shared/api/contract'
import type { PushFrame } from '../app/hub'

export interface ConsoleFeedDeps {
  /** Bytes queued on the console's socket, not yet handed to the network. */
  buffered: () => number
  /** Past this many queued bytes the console is lagging: deltas are held back, then replaced by one resync. */
  maxBuffered: number
  send: (f: PushFrame) => void
  /** Everything changed after a seq, as one delta (the hub's `changesSince`). */
  changesSince: (seq: number) => Promise<PushFrame>
  /** Injected in tests; checks whether a lagging console has drained. */
  setTimer?: (fn: () => void, ms: number) => unknown
  clearTimer?: (t: unknown) => void
  pollMs?: number
  log?: (msg: string, e: unknown) => void
}

type Notices = NonNullable<Delta['notifications']>

/** The same delta with desktop notices put in front, as a frame (the rare path: a lagging console with notices). */
const withNotices = (f: PushFrame, held: Notices): PushFrame => {
  const delta: Delta = { ...f.delta, notifications: [...held, ...(f.delta.notifications ?? [])] }
  const text = JSON.stringify(delta)
  return { seq: f.seq, text, bytes: Buffer.from(text, 'utf8'), delta }
}

/**
 * The pushes one subscribed console receives. A console that cannot keep up (its socket buffer is past the bound)
 * gets nothing more queued; as soon as it has drained it receives ONE delta with everything changed since the last
 * one it was sent — also when nothing changes any more by then (a resync that waited for the next change would
 * leave the console showing a stale state through a quiet period; it did, before this). Deltas that arrive while
 * the resync is being computed are dropped: the writer answers in order, so the resync already holds them.
 * Desktop notices of held-back deltas travel with the resync (they are not rows `changesSince` could find again).
 */
export const createConsoleFeed = (deps: ConsoleFeedDeps, sentSeq: number) => {
  const setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms).unref())
  const clearTimer = deps.clearTimer ?? ((t) => clearTimeout(t as NodeJS.Timeout))
  const pollMs = deps.pollMs ?? 25
  const log = deps.log ?? ((m, e) => console.error(m, e))
  let lagging = false
  let resyncing = false
  let closed = false
  let timer: unknown
  let held: Notices = []

  const deliver = (f: PushFrame) => {
    sentSeq = f.seq
    deps.send(f)
  }

  const hold = (f: PushFrame) => {
    // Parsing a big frame only to look for notices would cost more than the lag: look at its text first.
    if (f.text.includes('"notifications"') && f.delta.notifications?.length) held = [...held, ...f.delta.notifications]
  }

  const resync = (): void => {
    timer = undefined
    if (closed || !lagging || resyncing) return
    if (deps.buffered() > deps.maxBuffered) {
      timer = setTimer(resync, pollMs)
      return
    }
    resyncing = true
    deps.changesSince(sentSeq).then(
      (f) => {
        resyncing = false
        if (closed) return
        lagging = false
        const notices = held
        held = []
        deliver(notices.length ? withNotices(f, notices) : f)
      },
      (e) => {
        resyncing = false
        log('console resync failed; retrying', e)
        if (!closed) timer ??= setTimer(resync, pollMs * 8)
      },
    )
  }

  return {
    push(f: PushFrame): void {
      if (closed) return
      if (resyncing || lagging || deps.buffered() > deps.maxBuffered) {
        hold(f)
        lagging = true
        if (!resyncing) timer ??= setTimer(resync, pollMs)
        return
      }
      deliver(f)
    },
    /** A console resuming from `since`: everything after it, then live deltas. */
    resume(since: number): void {
      sentSeq = since
      lagging = true
      resync()
    },
    get sentSeq() {
      return sentSeq
    },
    get lagging() {
      return lagging || resyncing
    },
    close(): void {
      closed = true
      if (timer !== undefined) clearTimer(timer)
      timer = undefined
    },
  }
}
export type ConsoleFeed = ReturnType<typeof createConsoleFeed>
