/**
 * The alert table's filters at 100 k rows. The plain way — look each listed id up in `alertsById`, compare its
 * client and severity, `includes` each word in its search text — costs 50–100 ms in Chromium over 100 k rows,
 * and not because of the string search: the rows and their texts are scattered over the heap in arrival order
 * while the list walks them in severity order, so nearly every row is a cache miss (the same texts copied into
 * one place match 5–10× faster).
 *
 * So the index keeps, per slot (one per alert held): the search text, joined in chunks of CHUNK rows
 * ("hay0 \0 hay1 \0 …") so one `indexOf` scans a whole chunk in memory order and only hits cost anything (after
 * a hit the scan jumps to the next row), and the client and severity as small codes in typed arrays. A query
 * reads the ids' slots (cached per list) and those arrays, never the row objects.
 *
 * Same results as the plain way (`matchRowByRow`, the reference in the tests): a query word holds no "\0", so a
 * hit cannot span two rows (a word with one is matched row by row).
 *
 * Kept beside the store, not in it: the feed reducers that change `alertsById` in place say what they changed
 * (`noteAlertChanges`, with the version before and after). Rows are immutable — a changed alert is a new row
 * object — so a note carries the new rows only. If the versions do not line up (a change nobody noted), the
 * next query re-reads every held row first: slower once, never wrong.
 */
import { SEVERITIES, type Severity } from '@shared/model/severity'
import type { AlertRow } from './alert-row'

/** Rows per joined chunk: re-joining one after a delta changed a row in it costs ~256 × 150 chars. */
export const CHUNK = 256
const SEP = '\u0000'
const SEVERITY_CODE = new Map<string, number>(SEVERITIES.map((s, i) => [s, i]))

interface Chunk {
  text: string
  /** Offset of each row's text in `text`, and one more entry: the end (past the last separator). */
  starts: Int32Array
  dirty: boolean
}

/** What is searched: the id lists, in the order wanted; every list held (to re-read); the rows; their version. */
export interface SearchSource {
  lists: readonly (readonly number[])[]
  all: readonly (readonly number[])[]
  byId: Record<number, AlertRow>
  version: number
}

export interface SearchQuery {
  /** Lower-case, non-empty (the rows' search text is lower-case too). */
  words: readonly string[]
  client: string | null
  severity: Severity | null
}

const grow = <T extends Uint8Array | Int32Array>(a: T, n: number, make: (n: number) => T): T => {
  if (a.length >= n) return a
  const b = make(Math.max(n, a.length * 2, 1024))
  b.set(a)
  return b
}

export class AlertSearchIndex {
  private version = 0
  /** A change was not noted: re-read every held row before the next query. */
  private stale = false
  /** Bumped whenever an id gets or loses a slot: cached list slots are then out of date. */
  private epoch = 0
  private slotOf = new Map<number, number>()
  private rowAt: (AlertRow | null)[] = []
  private hayAt: string[] = []
  private severityAt = new Uint8Array(0)
  private clientAt = new Int32Array(0)
  private clientCode = new Map<string, number>()
  private free: number[] = []
  private chunks: Chunk[] = []
  private marks = new Uint8Array(0)
  private listCache: { lists: readonly (readonly number[])[]; epoch: number; slots: Int32Array } | null = null

  /** Slots in use (held alerts). */
  get size(): number {
    return this.slotOf.size
  }

  /** The store replaced or added `rows` and removed `removed`, moving its alert version from `from` to `to`. */
  noteChanges(rows: readonly AlertRow[], removed: readonly number[], from: number, to: number): void {
    if (this.version !== from) this.stale = true
    this.version = to
    if (this.stale) return
    for (const id of removed) this.remove(id)
    for (const a of rows) this.put(a)
  }

  /** Ids of `src.lists` (in order, one list after the other) whose rows match the query. */
  match(src: SearchSource, q: SearchQuery): number[] {
    const { words } = q
    // More than 255 words cannot be counted in a byte (see `scan`); nobody types that many.
    if (words.length > 255 || words.some((w) => w.includes(SEP))) return matchRowByRow(src.lists, src.byId, q)
    if (this.stale || this.version !== src.version) this.reread(src)
    const slots = this.slotsOf(src)
    if (words.length) this.scan(words)
    const want = words.length
    const marks = this.marks
    const client = q.client === null ? -1 : (this.clientCode.get(q.client) ?? -2)
    const severity = q.severity === null ? -1 : (SEVERITY_CODE.get(q.severity) ?? -2)
    const clientAt = this.clientAt
    const severityAt = this.severityAt
    const out: number[] = []
    let i = 0
    for (const ids of src.lists) {
      for (let n = 0; n < ids.length; n++, i++) {
        const s = slots[i]
        if (s < 0) continue
        if (want && marks[s] !== want) continue
        if (client !== -1 && clientAt[s] !== client) continue
        if (severity !== -1 && severityAt[s] !== severity) continue
        out.push(ids[n])
      }
    }
    return out
  }

  /**
   * Do the joining ahead of the first keystroke (an idle callback): rebuild changed chunks, then the slots of
   * `src.lists`, while `timeLeft()` says there is time. True when nothing is left to do.
   */
  warm(src: SearchSource, timeLeft: () => number): boolean {
    if (this.stale || this.version !== src.version) this.reread(src)
    for (let c = 0; c < this.chunks.length; c++) {
      if (!this.chunks[c].dirty) continue
      if (timeLeft() <= 0) return false
      this.rebuild(c)
    }
    if (timeLeft() <= 0) return false
    this.slotsOf(src)
    return true
  }

  private put(a: AlertRow) {
    let s = this.slotOf.get(a.id)
    if (s === undefined) {
      s = this.free.pop() ?? this.rowAt.length
      this.slotOf.set(a.id, s)
      this.epoch++
      this.hayAt[s] = a.hay
      this.touch(s)
    } else if (this.rowAt[s] === a) {
      return
    } else if (this.hayAt[s] !== a.hay) {
      this.hayAt[s] = a.hay
      this.touch(s)
    }
    this.rowAt[s] = a
    this.severityAt = grow(this.severityAt, s + 1, (n) => new Uint8Array(n))
    this.clientAt = grow(this.clientAt, s + 1, (n) => new Int32Array(n))
    this.severityAt[s] = SEVERITY_CODE.get(a.severity) ?? 255
    let code = this.clientCode.get(a.client)
    if (code === undefined) this.clientCode.set(a.client, (code = this.clientCode.size))
    this.clientAt[s] = code
  }

  private remove(id: number) {
    const s = this.slotOf.get(id)
    if (s === undefined) return
    this.slotOf.delete(id)
    this.epoch++
    // The chunk keeps the old text until it is next rebuilt; nothing lists this id, so nothing reads its mark.
    this.rowAt[s] = null
    this.hayAt[s] = ''
    this.free.push(s)
  }

  private touch(slot: number) {
    const c = (slot / CHUNK) | 0
    const chunk = this.chunks[c]
    if (chunk) chunk.dirty = true
    else this.chunks[c] = { text: '', starts: new Int32Array(1), dirty: true }
  }

  /** After an unnoted change: every held row again (and start afresh if most slots belong to alerts long gone). */
  private reread({ all, byId, version }: SearchSource) {
    const held = all.reduce((n, l) => n + l.length, 0)
    if (this.slotOf.size > 2 * held + 4 * CHUNK) {
      this.slotOf = new Map()
      this.rowAt = []
      this.hayAt = []
      this.free = []
      this.chunks = []
      this.epoch++
    }
    for (const ids of all) {
      for (let n = 0; n < ids.length; n++) {
        const a = byId[ids[n]]
        if (a) this.put(a)
      }
    }
    this.stale = false
    this.version = version
  }

  /** The slot of each listed id, in list order (-1: not held). Cached while the lists and the slots stand. */
  private slotsOf({ lists, byId }: SearchSource): Int32Array {
    const c = this.listCache
    if (c && c.epoch === this.epoch && c.lists.length === lists.length && c.lists.every((l, k) => l === lists[k])) return c.slots
    const slots = new Int32Array(lists.reduce((n, l) => n + l.length, 0))
    let i = 0
    for (const ids of lists) {
      for (let n = 0; n < ids.length; n++, i++) {
        let s = this.slotOf.get(ids[n])
        if (s === undefined) {
          // Listed but never noted (a store built without the reducers, as some tests do): take it now.
          const a = byId[ids[n]]
          if (a) {
            this.put(a)
            s = this.slotOf.get(ids[n])
          }
        }
        slots[i] = s ?? -1
      }
    }
    this.listCache = { lists, epoch: this.epoch, slots }
    return slots
  }

  /**
   * marks[slot] = how many of the words the slot's text contains, counted in the order they are tried
   * (`words.length` = all of them). The longest word goes first (fewest hits, fastest skips); once the rows
   * still in the running are few, the rest of the words are checked on those rows alone.
   */
  private scan(words: readonly string[]) {
    const n = this.rowAt.length
    this.marks = grow(this.marks, n, (k) => new Uint8Array(k))
    const marks = this.marks
    marks.fill(0, 0, n)
    for (let c = 0; c < this.chunks.length; c++) if (this.chunks[c].dirty) this.rebuild(c)
    const order = [...words].sort((a, b) => b.length - a.length)
    let candidates: number[] | null = null
    for (let k = 0; k < order.length; k++) {
      const w = order[k]
      if (candidates) {
        const hay = this.hayAt
        for (const s of candidates) if (marks[s] === k && hay[s].includes(w)) marks[s] = k + 1
        continue
      }
      const hits: number[] = []
      for (let c = 0; c < this.chunks.length; c++) {
        const { text, starts } = this.chunks[c]
        const base = c * CHUNK
        let j = 0
        let pos = text.indexOf(w)
        while (pos >= 0) {
          while (starts[j + 1] <= pos) j++
          if (marks[base + j] === k) {
            marks[base + j] = k + 1
            hits.push(base + j)
          }
          pos = text.indexOf(w, starts[j + 1])
        }
      }
      // Row by row costs a cache miss per row (the texts are scattered); a scan reads all of them in order.
      if (hits.length * 8 <= n) candidates = hits
    }
  }

  private rebuild(c: number) {
    const from = c * CHUNK
    const to = Math.min(from + CHUNK, this.hayAt.length)
    const starts = new Int32Array(to - from + 1)
    let at = 0
    for (let s = from; s < to; s++) {
      starts[s - from] = at
      at += this.hayAt[s].length + 1
    }
    starts[to - from] = at
    this.chunks[c] = { text: this.hayAt.slice(from, to).join(SEP) + SEP, starts, dirty: false }
  }
}

/** The reference: each listed row looked up, its client and severity compared, one `includes` per word. */
export const matchRowByRow = (lists: readonly (readonly number[])[], byId: Record<number, AlertRow>, q: SearchQuery): number[] => {
  const out: number[] = []
  const { words, client, severity } = q
  for (const ids of lists) {
    for (let n = 0; n < ids.length; n++) {
      const a = byId[ids[n]]
      if (!a || (client !== null && a.client !== client) || (severity !== null && a.severity !== severity)) continue
      const h = a.hay
      let all = true
      for (let w = 0; w < words.length && all; w++) all = h.includes(words[w])
      if (all) out.push(a.id)
    }
  }
  return out
}

const indexes = new WeakMap<object, AlertSearchIndex>()

/** The index kept for one `alertsById` record (a new record after a reset gets a new index). */
export const searchIndexFor = (byId: Record<number, AlertRow>): AlertSearchIndex => {
  let index = indexes.get(byId)
  if (!index) indexes.set(byId, (index = new AlertSearchIndex()))
  return index
}

/** For the feed reducers: what they just did to `byId` in place. */
export const noteAlertChanges = (byId: Record<number, AlertRow>, rows: readonly AlertRow[], removed: readonly number[], from: number, to: number): void =>
  searchIndexFor(byId).noteChanges(rows, removed, from, to)
