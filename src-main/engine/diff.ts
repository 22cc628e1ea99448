import type { IncidentAlert, TimelineDraft } from '@shared/model/incident'
import type { StateTables, Undo } from './state-tables'
import type { Decision, Timer } from './types'

/**
 * The decisions that turn the version a unit of work started from into the tables' current contents, in table
 * order, plus the timeline written on the way. Only keys the work wrote are compared (its undo log names them and
 * holds their first, i.e. original, values), so the cost follows the work, not the state. Within a kind, rows come
 * in the containers' order, as the full diff over plain objects produced them: incidents, problems and timers in
 * insertion order, links by incident then join order, flap histories by alert id (known ones first).
 * One put per changed row and no no-op writes.
 */
/**
 * `JSON.stringify(a) === JSON.stringify(b)` without building the strings (the old diff spent most of its time
 * there): same keys in the same order, undefined members skipped, recursing only where references differ, so a
 * changed row is usually told apart at its first differing field. Anything that is not plain data falls back to
 * the strings.
 */
export const same = (a: unknown, b: unknown): boolean => {
  if (a === b) return true
  if (skips(a) || skips(b)) return skips(a) && skips(b)
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return jsonOf(a) === jsonOf(b)
  if (!plain(a) || !plain(b)) return JSON.stringify(a) === JSON.stringify(b)
  if (scalarDiffers(a as Record<string, unknown>, b as Record<string, unknown>)) return false
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!same(skips(a[i]) ? null : a[i], skips(b[i]) ? null : b[i])) return false
    return true
  }
  const ka = Object.keys(a).filter((k) => skips((a as Record<string, unknown>)[k]) === false)
  const kb = Object.keys(b).filter((k) => skips((b as Record<string, unknown>)[k]) === false)
  if (ka.length !== kb.length) return false
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i] || !same((a as Record<string, unknown>)[ka[i]], (b as Record<string, unknown>)[kb[i]])) return false
  }
  return true
}
/**
 * A cheap first pass: a string, boolean or finite number member that differs makes the JSON differ whatever the
 * key order (rows that changed usually differ in such a field: alertCount, status, priority).
 */
const scalarDiffers = (a: Record<string, unknown>, b: Record<string, unknown>): boolean => {
  for (const k in a) {
    const x = a[k]
    const y = b[k]
    if (x === y) continue
    const tx = typeof x
    if ((tx === 'string' || tx === 'boolean' || (tx === 'number' && Number.isFinite(x))) && (typeof y !== 'number' || Number.isFinite(y))) return true
  }
  return false
}
/** Scalars as JSON prints them (NaN and ±Infinity as null; undefined, functions and symbols as nothing). */
const jsonOf = (v: unknown): string | undefined => JSON.stringify(v)
const skips = (v: unknown): boolean => v === undefined || typeof v === 'function' || typeof v === 'symbol'
const plain = (o: object): boolean => {
  const proto = Object.getPrototypeOf(o)
  return (proto === Object.prototype || proto === Array.prototype || proto === null) && typeof (o as { toJSON?: unknown }).toJSON !== 'function'
}

interface Was<V> {
  v: V | undefined
  o: number | undefined
}

const firstWrites = (log: readonly Undo[]) => {
  const incidents = new Map<string, Was<unknown>>()
  const problems = new Map<string, Was<unknown>>()
  const links = new Map<string, Map<number, Was<IncidentAlert>>>()
  const timers = new Map<string, Was<Timer>>()
  const flaps = new Map<number, number[] | undefined>()
  for (const u of log) {
    switch (u.c) {
      case 'incident':
        if (!incidents.has(u.k)) incidents.set(u.k, u)
        break
      case 'problem':
        if (!problems.has(u.k)) problems.set(u.k, u)
        break
      case 'link': {
        let m = links.get(u.i)
        if (!m) links.set(u.i, (m = new Map()))
        if (!m.has(u.k)) m.set(u.k, u)
        break
      }
      case 'timer':
        if (!timers.has(u.k)) timers.set(u.k, u)
        break
      case 'flaps':
        if (!flaps.has(u.k)) flaps.set(u.k, u.v)
        break
    }
  }
  return { incidents, problems, links, timers, flaps }
}

const byOrd = <K>(keys: Iterable<K>, ord: (k: K) => number | undefined): K[] => [...keys].sort((a, b) => (ord(a) ?? 0) - (ord(b) ?? 0))

export const decisionsOf = (st: StateTables, log: readonly Undo[], timeline: TimelineDraft[]): Decision[] => {
  const was = firstWrites(log)
  const out: Decision[] = []
  for (const id of byOrd(was.problems.keys(), (k) => st.problems.ord(k))) {
    const p = st.problems.get(id)
    const before = was.problems.get(id)?.v
    if (p && !same(before, p)) out.push({ kind: 'put-problem', problem: p, created: !before })
  }
  for (const id of byOrd(was.incidents.keys(), (k) => st.incidents.ord(k))) {
    const inc = st.incidents.get(id)
    const before = was.incidents.get(id)?.v
    if (inc && !same(before, inc)) out.push({ kind: 'put-incident', incident: inc, created: !before })
  }
  const puts: Decision[] = []
  for (const id of byOrd(was.links.keys(), (k) => st.links.ord(k))) {
    const wrote = was.links.get(id) as Map<number, Was<IncidentAlert>>
    const set = st.links.get(id)
    const dropped = [...wrote].filter(([a, w]) => w.v && !set?.has(a)).sort((x, y) => (x[1].o ?? 0) - (y[1].o ?? 0))
    for (const [alertId] of dropped) out.push({ kind: 'drop-link', incidentId: id, alertId })
    for (const a of byOrd(wrote.keys(), (k) => set?.ord(k))) {
      const l = set?.get(a)
      if (l && !same(wrote.get(a)?.v, l)) puts.push({ kind: 'put-link', link: l })
    }
  }
  out.push(...puts)
  for (const entry of timeline) out.push({ kind: 'timeline', entry })
  // Timers set (in their current order), then timers removed (in the order they had).
  const set: [number, Decision][] = []
  const removed: [number, Decision][] = []
  for (const [k, w] of was.timers) {
    const t = st.timers.get(k)
    if (t && w.v?.dueAt !== t.dueAt) set.push([st.timers.ord(k) ?? 0, { kind: 'timer', ...t }])
    if (!t && w.v) removed.push([w.o ?? 0, { kind: 'timer', incidentId: w.v.incidentId, what: w.v.what, dueAt: null }])
  }
  for (const [, d] of [...set.sort((a, b) => a[0] - b[0]), ...removed.sort((a, b) => a[0] - b[0])]) out.push(d)
  const known = [...was.flaps.keys()].filter((id) => was.flaps.get(id) !== undefined).sort((a, b) => a - b)
  const fresh = [...was.flaps.keys()].filter((id) => was.flaps.get(id) === undefined).sort((a, b) => a - b)
  for (const id of [...known, ...fresh]) {
    const after = st.flaps.get(id)
    if (!same(was.flaps.get(id), after)) out.push({ kind: 'flap-history', alertId: id, transitions: after ?? [] })
  }
  return out
}
