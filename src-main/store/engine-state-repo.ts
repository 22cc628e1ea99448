import type { Problem, ProblemDraft } from '@shared/model/problem'
import type { Timer, TimerKind } from '../engine/types'
import type { Db } from './db'

interface ProblemRow {
  id: string
  key: string
  kind: string
  reason: string
  clients: string
  incident_ids: string
  opened_at: number
  resolved_at: number | null
  seq: number
  status: string
  evidence: string
  excluded: string
  decided_by: string | null
}
const rowToProblem = (r: ProblemRow): Problem => ({
  id: r.id,
  key: r.key,
  kind: r.kind as Problem['kind'],
  reason: r.reason,
  clients: JSON.parse(r.clients),
  incidentIds: JSON.parse(r.incident_ids),
  openedAt: r.opened_at,
  resolvedAt: r.resolved_at,
  seq: r.seq,
  status: r.status as Problem['status'],
  evidence: JSON.parse(r.evidence),
  excluded: JSON.parse(r.excluded),
  decidedBy: r.decided_by,
})

/** problems, incident_timers and flap_history: the rest of what the engine's decisions write. */
export const engineStateRepo = (db: Db) => {
  const putProblem = db.prepare(
    `INSERT INTO problems (id, key, kind, reason, clients, incident_ids, opened_at, resolved_at, seq, status, evidence, excluded, decided_by)
     VALUES (@id, @key, @kind, @reason, @clients, @incident_ids, @opened_at, @resolved_at, @seq, @status, @evidence, @excluded, @decided_by)
     ON CONFLICT(id) DO UPDATE SET key = excluded.key, kind = excluded.kind, reason = excluded.reason, clients = excluded.clients,
       incident_ids = excluded.incident_ids, resolved_at = excluded.resolved_at, seq = excluded.seq, status = excluded.status,
       evidence = excluded.evidence, excluded = excluded.excluded, decided_by = excluded.decided_by`,
  )
  const problems = db.prepare<[number], ProblemRow>('SELECT * FROM problems WHERE resolved_at IS NULL OR resolved_at >= ? ORDER BY opened_at DESC')
  const problemsSince = db.prepare<[number], ProblemRow>('SELECT * FROM problems WHERE seq > ? ORDER BY seq')
  const openProblems = db.prepare<[], ProblemRow>('SELECT * FROM problems WHERE resolved_at IS NULL')
  const problemById = db.prepare<[string], ProblemRow>('SELECT * FROM problems WHERE id = ?')
  const maxSeq = db.prepare<[], { s: number | null }>('SELECT max(seq) AS s FROM problems')
  const putTimer = db.prepare(
    'INSERT INTO incident_timers (incident_id, what, due_at) VALUES (?, ?, ?) ON CONFLICT(incident_id, what) DO UPDATE SET due_at = excluded.due_at',
  )
  const dropTimer = db.prepare('DELETE FROM incident_timers WHERE incident_id = ? AND what = ?')
  const timers = db.prepare<[], { incident_id: string; what: string; due_at: number }>('SELECT * FROM incident_timers ORDER BY due_at')
  const putFlaps = db.prepare('INSERT INTO flap_history (alert_id, transitions) VALUES (?, ?) ON CONFLICT(alert_id) DO UPDATE SET transitions = excluded.transitions')
  const dropFlaps = db.prepare('DELETE FROM flap_history WHERE alert_id = ?')
  const flaps = db.prepare<[], { alert_id: number; transitions: string }>('SELECT * FROM flap_history')

  const onsets = db.prepare<[number], { rule: string; first_seen: number }>('SELECT rule, first_seen FROM alerts WHERE first_seen >= ? ORDER BY first_seen')

  return {
    /** First onsets per rule since `since` (source times): the rules' cross-client baselines at start (rule-baseline.ts). */
    ruleOnsets: (since: number): Record<string, number[]> => {
      const out: Record<string, number[]> = {}
      for (const r of onsets.all(since)) (out[r.rule] ??= []).push(r.first_seen)
      return out
    },
    putProblem: (p: ProblemDraft, seq: number): Problem => {
      putProblem.run({
        id: p.id, key: p.key, kind: p.kind, reason: p.reason, clients: JSON.stringify(p.clients), incident_ids: JSON.stringify(p.incidentIds),
        opened_at: p.openedAt, resolved_at: p.resolvedAt, seq, status: p.status, evidence: JSON.stringify(p.evidence),
        excluded: JSON.stringify(p.excluded), decided_by: p.decidedBy,
      })
      return { ...p, seq }
    },
    /** Open problems plus those resolved since `resolvedSince`. */
    problems: (resolvedSince: number): Problem[] => problems.all(resolvedSince).map(rowToProblem),
    problemsChangedSince: (seq: number): Problem[] => problemsSince.all(seq).map(rowToProblem),
    openProblems: (): Problem[] => openProblems.all().map(rowToProblem),
    problem: (id: string): Problem | undefined => {
      const r = problemById.get(id)
      return r && rowToProblem(r)
    },
    maxSeq: (): number => maxSeq.get()?.s ?? 0,
    setTimer: (incidentId: string, what: TimerKind, dueAt: number | null) =>
      void (dueAt === null ? dropTimer.run(incidentId, what) : putTimer.run(incidentId, what, dueAt)),
    timers: (): Timer[] => timers.all().map((r) => ({ incidentId: r.incident_id, what: r.what as TimerKind, dueAt: r.due_at })),
    setFlaps: (alertId: number, transitions: number[]) =>
      void (transitions.length ? putFlaps.run(alertId, JSON.stringify(transitions)) : dropFlaps.run(alertId)),
    flaps: (): Record<string, number[]> => Object.fromEntries(flaps.all().map((r) => [String(r.alert_id), JSON.parse(r.transitions)])),
  }
}
export type EngineStateRepo = ReturnType<typeof engineStateRepo>
