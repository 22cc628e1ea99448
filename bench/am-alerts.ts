import type { NocEvent } from '@shared/model/event'
import { adapters } from '../src-main/ingest/adapters/index'

/**
 * The Alertmanager alerts every ingest bench sends (bench/ingest, writer, engine, profile): alert i has its own
 * instance, one of 50 rules, 30 clients, 7 services, 4 severities, all firing since a minute ago.
 */
const clients = Array.from({ length: 30 }, (_, i) => `client-${String(i).padStart(2, '0')}`)

export const amAlert = (i: number, startsAt: string) => ({
  labels: { alertname: `Check${i % 50}`, client: clients[i % clients.length], instance: `host-${i}:9100`, job: 'node', service: `svc-${i % 7}`, severity: ['critical', 'warning', 'major', 'info'][i % 4] },
  annotations: { summary: `host-${i} check ${i % 50} failing` },
  startsAt,
})

/** Webhook bodies (as objects) of `n` alerts, `batch` per body. */
export const amWebhook = (n: number, batch: number, startsAt = new Date(Date.now() - 60_000).toISOString()) =>
  Array.from({ length: Math.ceil(n / batch) }, (_, b) => ({
    version: '4', receiver: 'noc', status: 'firing', groupKey: `{}:{b="${b}"}`, truncatedAlerts: 0, groupLabels: {}, commonLabels: {}, commonAnnotations: {},
    externalURL: 'http://am.bench:9093',
    alerts: Array.from({ length: Math.min(batch, n - b * batch) }, (_, k) => {
      const i = b * batch + k
      return { status: 'firing', ...amAlert(i, startsAt), endsAt: '0001-01-01T00:00:00Z', generatorURL: 'http://prom/graph', fingerprint: i.toString(16).padStart(16, '0') }
    }),
  }))

/** The bodies through the real Alertmanager adapter, as the I/O thread hands them to the writer. */
export const adaptedBatches = (bodies: unknown[], receivedAt: number): NocEvent[][] =>
  bodies.map((body) => {
    const r = adapters.alertmanager(body, { receivedAt, grafanaOrgs: {} })
    if (!r.ok) throw new Error(`the bench's own payload was refused: ${r.error}`)
    return r.events
  })
