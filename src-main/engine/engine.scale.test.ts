import { describe, expect, it } from 'vitest'
import type { Alert } from '@shared/model/alert'
import { ConsoleConfig } from '@shared/model/config'
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
