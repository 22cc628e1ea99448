import { describe, expect, it, vi } from 'vitest'
import type { Alert } from '@shared/model/alert'
import { ConsoleConfig } from '@shared/model/config'
import { CrossIndex } from './cross-index'
import { processChanges } from './incidents'
import { emptyState } from './state'
import type { AlertChange, EngineState } from './types'

/**
 * An alert storm at scale correlates as it should. Its speed is measured by the benchmarks (bench:profile,
 * bench:ingest), not asserted here: timed tests flake on a loaded machine.
 */
const T0 = Date.UTC(2025, 5, 2, 10)
const alert = (i: number): Alert => ({
  id: i + 1,
  fingerprint: `fp${i}`,
  fingerprintKind: 'source',
  client: `client-${i % 30}`,
  source: 'alertmanager',
  class: 'prometheus',
  ems: 'am',
  rule: `Check${i % 50}`,
  group: null,
  components: [],
  resource: `host-${i}`,
  service: `svc-${i % 7}`,
  severity: 'critical',
  status: 'firing',
  count: 1,
  firstSeen: T0,
  lastSeen: T0,
  stateTime: T0,
  resolvedAt: null,
  summary: `host-${i} failing`,
  description: null,
  labels: {},
  annotations: {},
  url: null,
  runbookUrl: null,
  seq: 1,
})

describe('alert storm', () => {
  it('6,000 alerts for 30 clients in batches of 100 correlate into one incident per client and service', () => {
    const config = ConsoleConfig.parse({ correlation: { scopeLabels: ['service', 'resource', 'group'] } })
    let n = 1000
    let p = 0
    const ids = { incident: () => `INC-${++n}`, problem: () => `PRB-${++p}` }
    let state: EngineState = emptyState()
    for (let b = 0; b < 60; b++) {
      const changes: AlertChange[] = Array.from({ length: 100 }, (_, k) => ({ alert: alert(b * 100 + k), previous: null }))
      state = processChanges(state, changes, { now: T0 + b * 1000, config, ids }).state
    }
    expect(n - 1000).toBe(30 * 7) // one incident per client and service
    expect(p).toBeGreaterThan(0) // rules firing for many clients raise problems
  })
})

describe('a storm inside a suspected same-rule problem', () => {
  // Each rule here fires for 3 of the 30 clients (50 rules, i % 50 and i % 30): a coincidence as likely as not, so
  // its problem stays suspected while thousands of alerts join it. Whether each join lists the rule's whole window
  // is counted, not timed: listing it for every alert is what made a storm quadratic (bench:engine at 60k alerts).
  it('decides that more clients cannot confirm it without listing the window for each alert that joins', () => {
    const config = ConsoleConfig.parse({})
    let n = 0
    const ids = { incident: () => `INC-${++n}`, problem: () => `PRB-${++n}` }
    const range = vi.spyOn(CrossIndex.prototype, 'range')
    let state: EngineState = emptyState()
    for (let b = 0; b < 30; b++) {
      const changes: AlertChange[] = Array.from({ length: 100 }, (_, k) => ({ alert: alert(b * 100 + k), previous: null }))
      state = processChanges(state, changes, { now: T0 + b * 1000, config, ids }).state
    }
    const problems = Object.values(state.problems)
    const listed = range.mock.calls.length
    range.mockRestore()
    expect(problems.length).toBeGreaterThan(0)
    expect(problems.every((p) => p.kind === 'rule' && p.status === 'suspected' && p.clients.length === 3)).toBe(true)
    // Forming a problem lists its window once; the joins after that list nothing (without the bound: 530 listings).
    expect(listed).toBeLessThanOrEqual(2 * problems.length)
  })
})
