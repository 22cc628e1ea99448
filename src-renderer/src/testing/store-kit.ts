/** Builders for tests: valid contract objects with only the fields a test cares about spelled out. */
import type { Delta, Snapshot } from '@shared/api/contract'
import type { Alert } from '@shared/model/alert'
import type { Client } from '@shared/model/client'
import type { Incident } from '@shared/model/incident'
import type { Severity } from '@shared/model/severity'

const T0 = Date.UTC(2026, 10, 20, 9, 0, 0)

export const alert = (id: number, patch: Partial<Alert> = {}): Alert => ({
  id,
  fingerprint: `fp-${id}`,
  fingerprintKind: 'tapin',
  client: 'acme',
  source: 'native',
  class: 'TI_Linux_Agent',
  ems: 'tapin-ms-01',
  rule: 'Disk',
  group: null,
  components: [{ type: 'Host name', name: `WEB0${id}` }],
  resource: null,
  service: null,
  severity: 'warning',
  status: 'firing',
  count: 1,
  firstSeen: T0 + id * 1000,
  lastSeen: T0 + id * 1000,
  stateTime: T0 + id * 1000,
  resolvedAt: null,
  summary: `alert ${id}`,
  description: null,
  labels: {},
  annotations: {},
  url: null,
  runbookUrl: null,
  seq: id,
  ...patch,
})

export const client = (id: string, open: Partial<Record<Severity, number>> = {}, name = id): Client => {
  const counts = { critical: 0, major: 0, minor: 0, warning: 0, info: 0, ok: 0, ...open }
  const worst = (['critical', 'major', 'minor', 'warning', 'info'] as const).find((s) => counts[s] > 0) ?? 'ok'
  return { id, name, tier: 'bronze', firstSeen: T0, lastSeen: T0, open: counts, worst }
}

export const delta = (seq: number, alerts: Alert[] = [], clients: Client[] = [], incidents: Incident[] = []): Delta => ({ type: 'delta', seq, alerts, clients, incidents, problems: [] })

export const snapshot = (seq: number, alerts: Alert[] = [], clients: Client[] = [], demo = false, incidents: Incident[] = []): Snapshot => ({ seq, alerts, clients, incidents, problems: [], demo })

const component = (points: number, max: number, value: string | number | boolean = 'x') => ({ value, points, max, note: '' })

/** `incident(7)` → INC-1007, open P3 warning of acme. */
export const incident = (n: number, patch: Partial<Incident> = {}): Incident => ({
  id: `INC-${1000 + n}`,
  client: 'acme',
  title: `incident ${n}`,
  status: 'open',
  priority: 'P3',
  priorityBreakdown: {
    formula: 'v1',
    score: 40,
    priority: patch.priority ?? 'P3',
    uncapped: patch.priority ?? 'P3',
    thresholds: { P1: 70, P2: 50, P3: 30 },
    components: {
      tier: component(10, 20, 'silver'),
      serviceCriticality: component(10, 20, 'medium'),
      severity: component(15, 30, 'warning'),
      businessHours: component(5, 10, true),
      affectedResources: component(0, 10, 1),
      blastRadius: component(0, 10, 1),
    },
  },
  severity: 'warning',
  openedAt: T0 + n * 1000,
  acknowledgedAt: null,
  resolvedAt: null,
  closedAt: null,
  owner: null,
  escalationLevel: 0,
  alertCount: 1,
  problemId: null,
  mergedInto: null,
  flags: [],
  service: null,
  resource: `WEB0${n}`,
  rule: 'Disk',
  cause: null,
  solution: null,
  tags: [],
  seq: n,
  ...patch,
})
