/** Builders for tests: valid contract objects with only the fields a test cares about spelled out. */
import type { Delta, Snapshot } from '@shared/api/contract'
import type { Alert } from '@shared/model/alert'
import type { Client } from '@shared/model/client'
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

export const delta = (seq: number, alerts: Alert[] = [], clients: Client[] = []): Delta => ({ type: 'delta', seq, alerts, clients, incidents: [], problems: [] })

export const snapshot = (seq: number, alerts: Alert[] = [], clients: Client[] = [], demo = false): Snapshot => ({ seq, alerts, clients, incidents: [], problems: [], demo })
