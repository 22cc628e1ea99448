import type { NocEvent } from '@shared/model/event'
import type { ValidationIssue } from '@shared/model/problem-issue'
import type { Adapter, AdapterContext, AdapterResult } from '../ingest/adapters/types'

/**
 * Events of a native batch adapted in one turn of the I/O thread's event loop. An agent's frame may hold
 * thousands (a storm); adapting them in one go held the loop for ~50 ms per frame (bench/io-loop.ts profile),
 * delaying every other socket. A native event costs ~40 µs to adapt (tap-in fingerprint, attribute bounds), so 100
 * take ~4 ms: with one slice per loop iteration (turnQueue) bench:io-loop's I/O p99 went 23–28 → 17–19 ms (250 per
 * slice, one immediate per request), and the slicing costs no throughput (11.6k → 14.6k ev/s in the same runs).
 */
export const NATIVE_SLICE = 100

/**
 * One turn of the event loop per waiter, whoever asks: the next slice (or hand-off part) of a big request runs
 * only after sockets and timers had a turn. A plain `setImmediate` per waiter did not bound the turn: node runs every
 * immediate queued before its check phase in that one phase, so 16 storm requests slicing at once ran 16 slices
 * back to back (~100 ms) between two looks at the sockets (bench/io-loop.ts: I/O thread p99 23–28 ms). This queue
 * keeps one immediate pending at a time and releases one waiter per loop iteration, oldest first.
 */
export const turnQueue = (schedule: (run: () => void) => void = setImmediate) => {
  const waiting: (() => void)[] = []
  let pending = false
  const release = () => {
    pending = false
    waiting.shift()?.()
    // Queued from inside the check phase, so it runs in the next iteration, after timers and I/O.
    if (waiting.length) {
      pending = true
      schedule(release)
    }
  }
  return {
    turn: (): Promise<void> =>
      new Promise<void>((resolve) => {
        waiting.push(resolve)
        if (!pending) {
          pending = true
          schedule(release)
        }
      }),
    get waiting() {
      return waiting.length
    },
  }
}

const shared = turnQueue()

/** Hand the loop to whatever else is waiting (sockets, timers, other requests' slices) before the next slice. */
export const nextTurn = (): Promise<void> => shared.turn()

/** The whole-batch adapters' caps: 20 warnings (then "…and N more warnings"), 50 issues. */
const MAX_WARNINGS = 20
const MAX_ISSUES = 50
const MORE = /^…and (\d+) more warnings$/

/** A path or warning about item `[k]` of a slice, renumbered to the item's place in the whole batch. */
const shift = (s: string, base: number): string => (base ? s.replace(/^\[(\d+)\]/, (_, k: string) => `[${Number(k) + base}]`) : s)

/**
 * The native adapter over a batch (an array of native events), a slice per event-loop turn, with the result the
 * adapter gives the whole batch: the same events in the same order, warnings and issues naming each item by its
 * index in the whole batch, all refused if any item is. Native events are independent items (no warning or check
 * spans the batch), which is what makes slicing exact; the batch-size cap stays the adapter's (callers pass
 * batches within MAX_BATCH).
 */
export const adaptNativeInSlices = async (
  adapter: Adapter,
  batch: readonly unknown[],
  ctx: AdapterContext,
  slice = NATIVE_SLICE,
  turn: () => Promise<void> = nextTurn,
): Promise<AdapterResult> => {
  const events: NocEvent[] = []
  const warnings: string[] = []
  const seen = new Set<string>()
  let more = 0
  let refused: { error: string; issues: ValidationIssue[] } | undefined

  for (let base = 0; base < batch.length; base += slice) {
    if (base > 0) await turn()
    const r = adapter(batch.slice(base, base + slice), ctx)
    if (!r.ok) {
      refused ??= { error: r.error, issues: [] }
      for (const i of r.issues) if (refused.issues.length < MAX_ISSUES) refused.issues.push({ ...i, path: shift(i.path, base) })
      if (refused.issues.length >= MAX_ISSUES) break
      continue
    }
    if (refused) continue // still checking the rest, for their issues
    for (const e of r.events) events.push(e)
    for (const w of r.warnings) {
      const m = MORE.exec(w)
      if (m) {
        more += Number(m[1])
        continue
      }
      const s = shift(w, base)
      if (seen.has(s)) continue
      if (warnings.length >= MAX_WARNINGS) {
        more++
        continue
      }
      seen.add(s)
      warnings.push(s)
    }
  }
  if (refused) return { ok: false, error: refused.error, issues: refused.issues }
  return { ok: true, events, warnings: more > 0 ? [...warnings, `…and ${more} more warnings`] : warnings }
}
