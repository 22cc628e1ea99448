import { describe, expect, it } from 'vitest'
import type { IncidentDraft } from '@shared/model/incident'
import { openDb } from './db'
import { incidentsRepo } from './incidents-repo'

const breakdown = (score: number) =>
  ({
    formula: 'v1', score, priority: 'P3', uncapped: 'P3', thresholds: { P1: 80, P2: 60, P3: 30 },
    components: Object.fromEntries(['tier', 'serviceCriticality', 'severity', 'businessHours', 'affectedResources', 'blastRadius'].map((k) => [k, { value: 1, weight: 1, points: 1, note: k }])),
  }) as unknown as IncidentDraft['priorityBreakdown']

const draft = (over: Partial<IncidentDraft> = {}): IncidentDraft => ({
  id: 'INC-1', client: 'acme', title: 'link down', status: 'open', priority: 'P3', priorityBreakdown: breakdown(40), severity: 'major',
  openedAt: 1000, acknowledgedAt: null, resolvedAt: null, closedAt: null, owner: null, escalationLevel: 0, alertCount: 1,
  problemId: null, mergedInto: null, flags: [], service: 'wan', resource: 'fw-01', rule: 'LinkDown', cause: null, solution: null, tags: [],
  ...over,
})

describe('incidentsRepo.put', () => {
  it('rewrites only what moved, and a rolled-back write can never make a later one skip a column', () => {
    const db = openDb(':memory:')
    const repo = incidentsRepo(db)
    repo.put(draft(), 1)
    repo.put(draft({ alertCount: 2, priorityBreakdown: breakdown(45) }), 2)
    expect(repo.get('INC-1')).toMatchObject({ alertCount: 2, seq: 2, title: 'link down' })
    expect(repo.get('INC-1')!.priorityBreakdown.score).toBe(45)

    // Written in a transaction that rolls back: the repo has seen values the database never kept.
    expect(() =>
      db.transaction(() => {
        repo.put(draft({ alertCount: 7, status: 'acknowledged', owner: 'alice' }), 3)
        throw new Error('batch failed')
      })(),
    ).toThrow('batch failed')
    expect(repo.get('INC-1')).toMatchObject({ alertCount: 2, status: 'open', owner: null, seq: 2 })

    // Same count and status as the rolled-back write, new title: the whole row must still be right.
    repo.put(draft({ alertCount: 7, status: 'acknowledged', owner: 'alice', title: 'links down' }), 4)
    expect(repo.get('INC-1')).toMatchObject({ alertCount: 7, status: 'acknowledged', owner: 'alice', title: 'links down', seq: 4 })
  })

  it('an incident deleted behind the repo (retention) is written afresh', () => {
    const db = openDb(':memory:')
    const repo = incidentsRepo(db)
    repo.put(draft(), 1)
    db.prepare('DELETE FROM incidents').run()
    repo.put(draft({ alertCount: 3 }), 2)
    expect(repo.get('INC-1')).toMatchObject({ alertCount: 3, seq: 2, client: 'acme', rule: 'LinkDown' })
  })
})
