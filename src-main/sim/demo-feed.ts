import { createRng } from './rng'

/**
 * The built-in demo feed: when no source is configured, serve posts realistic MSP traffic to ITSELF through the real
 * webhook listeners (Alertmanager and native formats), so what the console shows went through the same path as
 * production data. Problems start, repeat and recover; a few clients stay quiet.
 */
const CLIENTS = [
  { id: 'acme-retail', services: ['checkout', 'pos', 'web'] },
  { id: 'initech', services: ['billing', 'erp'] },
  { id: 'umbrella-health', services: ['ehr', 'pacs', 'vpn'] },
  { id: 'stark-industries', services: ['vpn', 'cad', 'mail'] },
  { id: 'wayne-enterprises', services: ['web', 'payments'] },
  { id: 'hooli', services: ['search', 'mail'] },
  { id: 'globex', services: ['erp', 'storage'] },
  { id: 'soylent', services: ['plant-scada', 'mail'] },
  { id: 'cyberdyne', services: ['storage', 'compute'] },
  { id: 'tyrell', services: ['crm', 'web'] },
  { id: 'wonka', services: ['pos', 'inventory'] },
  { id: 'oscorp', services: ['lab', 'vpn'] },
] as const

const CHECKS = [
  { rule: 'InstanceDown', severity: 'critical', text: (h: string) => `${h} is unreachable` },
  { rule: 'DiskFull', severity: 'major', text: (h: string) => `${h} /var is 97% full` },
  { rule: 'HighLatency', severity: 'minor', text: (h: string) => `${h} p99 latency 2.3 s` },
  { rule: 'MemoryLow', severity: 'warning', text: (h: string) => `${h} memory 8% free` },
  { rule: 'CertExpiring', severity: 'info', text: (h: string) => `${h} TLS certificate expires in 12 days` },
] as const

interface Active {
  client: string
  service: string
  host: string
  check: (typeof CHECKS)[number]
  until: number
  format: 'alertmanager' | 'native'
  startsAt: string
}

export interface DemoOptions {
  target: string
  seed?: number
  intervalMs?: number
  log?: (s: string) => void
}

export const startDemoFeed = (opts: DemoOptions) => {
  const rng = createRng(opts.seed ?? 42)
  const active: Active[] = []
  let stopped = false
  let tick = 0
  const post = async (path: string, body: unknown) => {
    try {
      const r = await fetch(opts.target + path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-noc-demo': '1' }, body: JSON.stringify(body) })
      await r.arrayBuffer()
    } catch {
      /* the server may be closing; the next tick retries */
    }
  }
  const send = (a: Active, status: 'firing' | 'resolved') => {
    if (a.format === 'alertmanager') {
      return post(`/webhook/alertmanager/${a.client}`, {
        version: '4', receiver: 'noc', status, groupKey: `{}:{alertname="${a.check.rule}"}`, truncatedAlerts: 0,
        groupLabels: { alertname: a.check.rule }, commonLabels: {}, commonAnnotations: {}, externalURL: 'http://alertmanager.demo:9093',
        alerts: [{
          status, labels: { alertname: a.check.rule, instance: `${a.host}:9100`, service: a.service, severity: a.check.severity, job: 'node' },
          annotations: { summary: a.check.text(a.host) }, startsAt: a.startsAt,
          endsAt: status === 'resolved' ? new Date().toISOString() : '0001-01-01T00:00:00Z',
          generatorURL: 'http://prometheus.demo/graph', fingerprint: `demo-${a.client}-${a.host}-${a.check.rule}`,
        }],
      })
    }
    return post('/api/v1/events', {
      client: a.client, class: 'TI_Linux_Agent', ems: 'demo-ms-01', rule: a.check.rule, group: a.service, service: a.service,
      resource: a.host, components: [{ type: 'Host name', name: a.host }],
      severity: status === 'resolved' ? 'ok' : a.check.severity, text: status === 'resolved' ? `OK - ${a.check.rule} recovered` : a.check.text(a.host),
    })
  }

  const step = async () => {
    tick++
    const now = Date.now()
    // Start 0–2 new problems per tick while fewer than ~25 are active.
    const starts = active.length < 25 ? rng.int(0, 2) : 0
    for (let i = 0; i < starts; i++) {
      const c = rng.pick(CLIENTS.slice(0, 10))
      const a: Active = {
        client: c.id, service: rng.pick(c.services), host: `${rng.pick(['web', 'db', 'app', 'fw', 'nas'])}${String(rng.int(1, 12)).padStart(2, '0')}`,
        check: rng.pick(CHECKS), until: now + rng.int(20, 240) * 1000, format: rng.chance(0.5) ? 'alertmanager' : 'native',
        startsAt: new Date().toISOString(),
      }
      if (active.some((x) => x.client === a.client && x.host === a.host && x.check.rule === a.check.rule)) continue
      active.push(a)
      await send(a, 'firing')
    }
    // Repeats (Alertmanager re-sends its group; agents re-report) and recoveries.
    for (const a of [...active]) {
      if (now >= a.until) {
        active.splice(active.indexOf(a), 1)
        await send(a, 'resolved')
      } else if (tick % 5 === 0 && rng.chance(0.3)) await send(a, 'firing')
    }
  }

  const timer = setInterval(() => {
    if (!stopped) void step()
  }, opts.intervalMs ?? 1500)
  timer.unref()
  void step()
  opts.log?.(`demo feed: posting simulated MSP traffic to ${opts.target}`)
  return {
    stop: () => {
      stopped = true
      clearInterval(timer)
    },
  }
}
