/**
 * Scoring of bench/noise, pure: the console's grouping against the simulator's ground truth. Kept apart from the
 * bench so the same arithmetic can be tested and reused on any replay.
 */
import type { TruthRecord } from '../src-main/sim/types'

export interface Labelled {
  truth: string
  got: string
}

const tables = (items: readonly Labelled[]) => {
  const cell = new Map<string, number>()
  const row = new Map<string, number>()
  const col = new Map<string, number>()
  for (const { truth, got } of items) {
    cell.set(`${truth}\u0000${got}`, (cell.get(`${truth}\u0000${got}`) ?? 0) + 1)
    row.set(truth, (row.get(truth) ?? 0) + 1)
    col.set(got, (col.get(got) ?? 0) + 1)
  }
  return { cell, row, col }
}

const pairs = (n: number) => (n * (n - 1)) / 2

/** Pairwise precision/recall from the contingency table of (truth, console) labels. */
export const pairwise = (items: readonly Labelled[]) => {
  const { cell, row, col } = tables(items)
  const tp = [...cell.values()].reduce((s, n) => s + pairs(n), 0)
  const sameGot = [...col.values()].reduce((s, n) => s + pairs(n), 0)
  const sameTruth = [...row.values()].reduce((s, n) => s + pairs(n), 0)
  return { precision: sameGot ? tp / sameGot : 1, recall: sameTruth ? tp / sameTruth : 1, items: items.length }
}

/**
 * B-cubed: per item, the share of its console incident that shares its truth (precision) and the share of its truth
 * incident that shares its console incident (recall), averaged over items. Unlike pairs, one huge cluster (the
 * storm) does not drown the many small ones.
 */
export const bcubed = (items: readonly Labelled[]) => {
  if (!items.length) return { precision: 1, recall: 1 }
  const { cell, row, col } = tables(items)
  let p = 0
  let r = 0
  for (const { truth, got } of items) {
    const both = cell.get(`${truth}\u0000${got}`)!
    p += both / col.get(got)!
    r += both / row.get(truth)!
  }
  return { precision: p / items.length, recall: r / items.length }
}

export interface ProblemLike {
  id: string
  key: string
  clients: string[]
}

/**
 * Problems matched by client set. Each console problem is matched to the truth problem it overlaps most; its
 * precision is the share of its clients that are in that truth problem (0 when it overlaps none). Each truth
 * problem's recall is the share of its clients covered by the console problem that overlaps it most. P and R are
 * the means (1 when there is nothing to average: no console problem claims anything false, no truth is missed).
 */
export const problemScore = (truth: ReadonlyMap<string, ReadonlySet<string>>, console: readonly ProblemLike[]) => {
  const overlap = (a: readonly string[], b: ReadonlySet<string>) => a.filter((c) => b.has(c)).length
  const perConsole = console.map((p) => {
    let best = 0
    let match: string | null = null
    for (const [label, clients] of truth) {
      const o = overlap(p.clients, clients)
      if (o > best) ((best = o), (match = label))
    }
    return { id: p.id, key: p.key, clients: p.clients.length, truth: match, precision: p.clients.length ? best / p.clients.length : 0 }
  })
  const perTruth = [...truth].map(([label, clients]) => {
    let best = 0
    let match: string | null = null
    for (const p of console) {
      const o = overlap(p.clients, clients)
      if (o > best) ((best = o), (match = p.id))
    }
    return { truth: label, clients: clients.size, console: match, recall: clients.size ? best / clients.size : 1 }
  })
  const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 1)
  return { precision: mean(perConsole.map((x) => x.precision)), recall: mean(perTruth.map((x) => x.recall)), perConsole, perTruth }
}

/** Truth problems: label → the clients whose events carry it. */
export const truthProblems = (truth: readonly TruthRecord[]): Map<string, Set<string>> => {
  const out = new Map<string, Set<string>>()
  for (const t of truth) if (t.problem) out.set(t.problem, (out.get(t.problem) ?? new Set()).add(t.client))
  return out
}

/** Each alert's true final state: the status of its last event in time order. */
export const finalStates = (truth: readonly TruthRecord[]): Map<string, TruthRecord> => {
  const last = new Map<string, TruthRecord>()
  for (const t of truth) {
    const l = last.get(t.key)
    if (!l || t.order > l.order) last.set(t.key, t)
  }
  return last
}

/** Alerts whose console state differs from the truth's final state (`lost resolve`: truth resolved, console firing). */
export const stateMismatches = (truth: readonly TruthRecord[], consoleStatus: ReadonlyMap<string, string>) => {
  const out: Array<{ key: string; truth: string; console: string | undefined; scenario: string }> = []
  for (const [key, t] of finalStates(truth)) {
    const got = consoleStatus.get(key)
    if (got !== t.status) out.push({ key, truth: t.status, console: got, scenario: t.truth.split(':')[0] })
  }
  return { mismatches: out, lostResolves: out.filter((m) => m.truth === 'resolved').length, alerts: finalStates(truth).size }
}
