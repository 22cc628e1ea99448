/**
 * Synthetic, contract-valid console data for bench/ui.ts: N clients, 100 k alerts, 10 k incidents, and the
 * 10 Hz deltas a busy hub would push. Deterministic (seeded), so runs compare.
 */
import type { AlertRowsPage, Delta, Snapshot, SnapshotHead } from '@shared/api/contract'
import { packAlertRows } from '../src-main/store/console-queries'
import type { Alert } from '@shared/model/alert'
import type { Client } from '@shared/model/client'
import type { Incident } from '@shared/model/incident'
import { PRIORITIES, SEVERITIES, type Severity } from '@shared/model/severity'

const rng = (seed: number) => () => {
  seed = (seed * 1664525 + 1013904223) >>> 0
  return seed / 2 ** 32
}

const OPEN: Severity[] = ['critical', 'major', 'minor', 'warning', 'info']
const RULES = ['Disk', 'Ping', 'Cpu', 'Memory', 'Swap', 'HttpProbeFailed', 'NodeDown', 'Backup', 'Latency', 'Cert']
const SERVICES = ['billing', 'web', 'voip', 'email', 'erp', 'crm', null]

export interface BenchData {
  clients: Client[]
  alerts: Alert[]
  incidents: Incident[]
  seq: number
}

export const buildData = (opts: { clients: number; alerts: number; incidents: number; now: number }): BenchData => {
  const r = rng(42)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]
  const clientIds = Array.from({ length: opts.clients }, (_, i) => `client-${String(i + 1).padStart(3, '0')}`)
  let seq = 0
  const alerts: Alert[] = []
  for (let i = 1; i <= opts.alerts; i++) {
    const client = pick(clientIds)
    const rule = pick(RULES)
    const firstSeen = opts.now - Math.floor(r() * 6 * 3_600_000)
    const firing = r() < 0.9
    alerts.push({
      id: i,
      fingerprint: `fp-${i}`,
      fingerprintKind: 'tapin',
      client,
      source: pick(['alertmanager', 'zabbix', 'grafana', 'native'] as const),
      class: 'TI_Linux_Agent',
      ems: 'ms-01',
      rule,
      group: null,
      components: [{ type: 'Host name', name: `${client}-host-${i % 97}` }],
      resource: `${client}-host-${i % 97}`,
      service: pick(SERVICES),
      severity: pick(OPEN),
      status: firing ? 'firing' : 'resolved',
      count: 1 + Math.floor(r() * 50),
      firstSeen,
      lastSeen: firstSeen + Math.floor(r() * 600_000),
      stateTime: firstSeen,
      resolvedAt: firing ? null : opts.now - Math.floor(r() * 1_800_000),
      summary: `${rule} on ${client}-host-${i % 97}: threshold crossed (${Math.floor(r() * 100)}%)`,
      description: null,
      labels: { alertname: rule, client },
      annotations: {},
      url: null,
      runbookUrl: null,
      seq: ++seq,
    })
  }
  const incidents: Incident[] = []
  for (let n = 1; n <= opts.incidents; n++) {
    const client = pick(clientIds)
    const priority = PRIORITIES[Math.min(3, Math.floor(r() * r() * 5))]
    const st = r()
    const status = st < 0.6 ? 'open' : st < 0.85 ? 'acknowledged' : 'resolved'
    const openedAt = opts.now - Math.floor(r() * 5 * 3_600_000)
    const comp = (points: number, max: number, value: string | number | boolean) => ({ value, points, max, note: '' })
    incidents.push({
      id: `INC-${1000 + n}`,
      client,
      title: `${pick(RULES)} on ${client}-host-${n % 97}: ${pick(['threshold crossed', 'unreachable', 'degraded', 'failed'])}`,
      status,
      priority,
      priorityBreakdown: {
        formula: 'v1',
        score: 40,
        priority,
        uncapped: priority,
        thresholds: { P1: 70, P2: 50, P3: 30 },
        components: {
          tier: comp(10, 20, 'silver'), serviceCriticality: comp(10, 20, 'medium'), severity: comp(20, 30, 'major'),
          businessHours: comp(0, 10, false), affectedResources: comp(0, 10, 1), blastRadius: comp(0, 10, 1),
        },
      },
      severity: pick(OPEN),
      openedAt,
      acknowledgedAt: status === 'open' ? null : openedAt + 60_000,
      resolvedAt: status === 'resolved' ? openedAt + 600_000 : null,
      closedAt: null,
      owner: status === 'open' ? null : pick(['ana', 'ben', 'chen', 'dev']),
      escalationLevel: Math.floor(r() * r() * 3),
      alertCount: 1 + Math.floor(r() * 20),
      problemId: null,
      mergedInto: null,
      flags: [],
      service: pick(SERVICES),
      resource: `${client}-host-${n % 97}`,
      rule: pick(RULES),
      cause: null,
      solution: null,
      tags: [],
      seq: ++seq,
    })
  }
  const clients = clientIds.map((id): Client => {
    const open = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>
    return { id, name: id, tier: pick(['gold', 'silver', 'bronze']), firstSeen: opts.now - 86_400_000, lastSeen: opts.now, open, worst: 'ok' }
  })
  const byId = new Map(clients.map((c) => [c.id, c]))
  for (const a of alerts) if (a.status === 'firing') byId.get(a.client)!.open[a.severity]++
  for (const c of clients) c.worst = OPEN.find((s) => c.open[s] > 0) ?? 'ok'
  return { clients, alerts, incidents, seq }
}

export const snapshotOf = (d: BenchData): Snapshot => ({ seq: d.seq, alerts: d.alerts, clients: d.clients, incidents: d.incidents, problems: [], demo: false })

/** One 100 ms delta: `alerts` alerts repeat (count, lastSeen; some change severity), `incidents` incidents change. */
export const makeDeltaSource = (d: BenchData, perDelta: { alerts: number; incidents: number }) => {
  const r = rng(7)
  return (now: number): Delta => {
    const changed: Alert[] = []
    const touched = new Set<string>()
    for (let i = 0; i < perDelta.alerts; i++) {
      const k = Math.floor(r() * d.alerts.length)
      const a = d.alerts[k]
      const next: Alert = { ...a, count: a.count + 1, lastSeen: now, severity: r() < 0.1 ? OPEN[Math.floor(r() * 5)] : a.severity, seq: ++d.seq }
      d.alerts[k] = next
      changed.push(next)
      touched.add(a.client)
    }
    const incidents: Incident[] = []
    for (let i = 0; i < perDelta.incidents; i++) {
      const k = Math.floor(r() * d.incidents.length)
      const inc = d.incidents[k]
      const next: Incident = { ...inc, alertCount: inc.alertCount + 1, status: inc.status === 'open' && r() < 0.3 ? 'acknowledged' : inc.status, seq: ++d.seq }
      if (next.status === 'acknowledged' && next.acknowledgedAt === null) next.acknowledgedAt = now
      d.incidents[k] = next
      incidents.push(next)
      touched.add(inc.client)
    }
    const clients = d.clients.filter((c) => touched.has(c.id))
    return { type: 'delta', seq: d.seq, alerts: changed, clients, incidents, problems: [] }
  }
}

/** The `snapshot.head` of the data: everything but the alert rows. */
export const headOf = (d: BenchData): SnapshotHead => {
  const firing = d.alerts.filter((a) => a.status === 'firing').length
  return { seq: d.seq, demo: false, clients: d.clients, incidents: d.incidents, problems: [], alerts: { firing, resolved: d.alerts.length - firing } }
}

/** Every `alerts.rows` page, keyed by the `after` that asks for it, packed by the hub's own code. */
export const alertPagesOf = (d: BenchData, limit: number): Map<number, AlertRowsPage> => {
  const sorted = [...d.alerts].sort((a, b) => a.id - b.id)
  const pages = new Map<number, AlertRowsPage>()
  for (let i = 0, after = 0; i < sorted.length; i += limit) {
    const slice = sorted.slice(i, i + limit)
    const next = i + limit < sorted.length ? slice[slice.length - 1].id : null
    const rows = slice.map((a) => ({ ...a, components: a.components.map((c) => `${c.type}\t${c.name}`).join('\n') }))
    pages.set(after, packAlertRows(rows, { seq: d.seq, next, total: sorted.length }))
    if (next !== null) after = next
  }
  return pages
}
