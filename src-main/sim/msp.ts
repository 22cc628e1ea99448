import type { Criticality, Tier } from '@shared/model/config'
import type { SimFormat } from './types'

/**
 * The simulated MSP: 30 customers of mixed tiers, each with services, hosts, a network edge, an upstream provider
 * and (for some) a NetApp filer or an AWS auto-scaling group. Fixed — not seeded — so the config file the console
 * loads is the same for every run; scenarios vary by seed.
 */

export interface SimHost {
  name: string
  service: string
  /** Topology labels every alert on this host carries. */
  labels: Record<string, string>
}

export interface SimClient {
  id: string
  name: string
  /** Host-name prefix (`acme-…`). */
  short: string
  tier: Tier
  timeZone: string
  businessHours: '24x7' | { days: string[]; start: string; end: string }
  services: Record<string, Criticality>
  /** Which tool watches what: servers (node/VM checks), network (edge, tunnels, storage), apps (synthetics). */
  sources: { servers: SimFormat; network: SimFormat; apps: SimFormat }
  provider: string
  branches: string[]
  firewall: { name: string; vendor: string }
  router: string
  coreSwitch: string
  hypervisors: string[]
  netapp?: { name: string; volumes: string[] }
  aws?: { region: string; asg: string }
  hosts: SimHost[]
  grafanaOrgId?: number
}

const ROSTER: Array<[id: string, name: string]> = [
  ['acme-retail', 'ACME Retail'], ['initech', 'Initech'], ['umbrella-health', 'Umbrella Health'],
  ['stark-industries', 'Stark Industries'], ['wayne-enterprises', 'Wayne Enterprises'], ['hooli', 'Hooli'],
  ['globex', 'Globex'], ['soylent', 'Soylent'], ['cyberdyne', 'Cyberdyne Systems'], ['tyrell', 'Tyrell Corp'],
  ['wonka', 'Wonka Industries'], ['oscorp', 'Oscorp'], ['massive-dynamic', 'Massive Dynamic'],
  ['aperture-labs', 'Aperture Labs'], ['black-mesa', 'Black Mesa'], ['vandelay-imports', 'Vandelay Imports'],
  ['dunder-mifflin', 'Dunder Mifflin'], ['pied-piper', 'Pied Piper'], ['gringotts', 'Gringotts'],
  ['monarch-solutions', 'Monarch Solutions'], ['nakatomi-trading', 'Nakatomi Trading'], ['wernham-hogg', 'Wernham Hogg'],
  ['bluth-company', 'Bluth Company'], ['prestige-worldwide', 'Prestige Worldwide'], ['sterling-cooper', 'Sterling Cooper'],
  ['krusty-krab', 'Krusty Krab'], ['los-pollos', 'Los Pollos Hermanos'], ['duff-brewing', 'Duff Brewing'],
  ['planet-express', 'Planet Express'], ['weyland-corp', 'Weyland Corp'],
]

const TIER_OF = (i: number): Tier => (i < 4 ? 'platinum' : i < 12 ? 'gold' : i < 22 ? 'silver' : 'bronze')

const ZONES = [
  'Europe/Berlin', 'America/New_York', 'Europe/London', 'America/Chicago', 'Asia/Singapore',
  'Australia/Sydney', 'America/Los_Angeles', 'Europe/Paris', 'Asia/Tokyo', 'UTC',
]

const HOURS: Record<Tier, SimClient['businessHours']> = {
  platinum: '24x7',
  gold: { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'], start: '07:00', end: '20:00' },
  silver: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '18:00' },
  bronze: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' },
}

/** Business services a client may run, with how much they matter. */
const SERVICE_CATALOG: Array<[string, Criticality]> = [
  ['erp', 'critical'], ['email', 'high'], ['web-shop', 'critical'], ['pos', 'critical'], ['file-shares', 'medium'],
  ['backup', 'low'], ['voip', 'high'], ['ehr', 'critical'], ['crm', 'medium'], ['payroll', 'high'],
  ['intranet', 'low'], ['cad', 'medium'], ['payments', 'critical'], ['wms', 'high'],
]

/** ISPs and clouds: each ISP serves ≥ 5 clients, so a provider outage always spans several customers. */
export const PROVIDERS = ['isp-telia', 'isp-lumen', 'isp-cogent', 'isp-bt', 'isp-colt']
const AWS_REGIONS = ['eu-west-1', 'us-east-1', 'ap-southeast-2']
const FW_VENDORS = ['fortigate-100f', 'paloalto-pa-440', 'sonicwall-tz670', 'cisco-asa-5516']

// Source rotations with co-prime lengths so every format appears for many clients and combinations vary.
const SERVERS: SimFormat[] = ['alertmanager', 'grafana', 'native']
const NETWORK: SimFormat[] = ['zabbix', 'alerta', 'ws', 'zabbix', 'alertmanager']
const APPS: SimFormat[] = ['pagerduty', 'alertmanager', 'grafana', 'alerta']

const buildClient = (i: number): SimClient => {
  const [id, name] = ROSTER[i]
  const short = id.split('-')[0]
  const tier = TIER_OF(i)
  // 3–5 business services, picked by a fixed stride through the catalog.
  const n = 3 + (i % 3)
  const services: Record<string, Criticality> = { network: 'high', vpn: tier === 'bronze' ? 'medium' : 'high' }
  for (let k = 0; k < n; k++) {
    const [svc, crit] = SERVICE_CATALOG[(i * 5 + k * 3) % SERVICE_CATALOG.length]
    services[svc] = crit
  }
  const branches = Array.from({ length: i % 4 }, (_, b) => `branch-${b + 1}`)
  const coreSwitch = `${short}-core-sw01`
  const hypervisors = [`${short}-esx01`, `${short}-esx02`, ...(tier === 'platinum' || tier === 'gold' ? [`${short}-esx03`] : [])]
  const netapp = i % 3 === 0 ? { name: `${short}-nas01`, volumes: ['vol1', 'vol2', 'vol3'] } : undefined
  const hosts: SimHost[] = []
  const business = Object.keys(services).filter((s) => s !== 'network' && s !== 'vpn')
  business.forEach((svc, si) => {
    for (let h = 1; h <= 2; h++) {
      const labels: Record<string, string> = { site: 'hq', switch: coreSwitch, hypervisor: hypervisors[(si + h) % hypervisors.length] }
      if (netapp) labels.datastore = `${short}-ds-${netapp.volumes[(si + h) % netapp.volumes.length]}`
      hosts.push({ name: `${short}-${svc}-${String(h).padStart(2, '0')}`, service: svc, labels })
    }
  })
  return {
    id,
    name,
    short,
    tier,
    timeZone: ZONES[i % ZONES.length],
    businessHours: HOURS[tier],
    services,
    sources: { servers: SERVERS[i % SERVERS.length], network: NETWORK[i % NETWORK.length], apps: APPS[i % APPS.length] },
    provider: PROVIDERS[i % PROVIDERS.length],
    branches,
    firewall: { name: `${short}-fw01`, vendor: FW_VENDORS[i % FW_VENDORS.length] },
    router: `${short}-rtr01`,
    coreSwitch,
    hypervisors,
    netapp,
    aws: i % 4 === 1 ? { region: AWS_REGIONS[i % AWS_REGIONS.length], asg: `${short}-web-asg` } : undefined,
    hosts,
    grafanaOrgId: SERVERS[i % SERVERS.length] === 'grafana' || APPS[i % APPS.length] === 'grafana' ? 100 + i : undefined,
  }
}

export interface Msp {
  clients: SimClient[]
  byId: Map<string, SimClient>
}

let cached: Msp | undefined
export const buildMsp = (): Msp => {
  if (!cached) {
    const clients = ROSTER.map((_, i) => buildClient(i))
    cached = { clients, byId: new Map(clients.map((c) => [c.id, c])) }
  }
  return cached
}

/** Topology: what explains what (edge router → firewall → tunnels → branches; switch → hosts; filer → volumes → VMs). */
export const topologyOf = (c: SimClient): Array<{ parent: string; children: string[] }> => {
  const edges: Array<{ parent: string; children: string[] }> = [
    { parent: c.router, children: [c.firewall.name] },
    { parent: c.firewall.name, children: [`tunnel=${c.short}-tun-*`, 'service=vpn'] },
    { parent: c.coreSwitch, children: [`switch=${c.coreSwitch}`] },
    ...c.hypervisors.map((h) => ({ parent: h, children: [`hypervisor=${h}`] })),
  ]
  if (c.branches.length) edges.push({ parent: `tunnel=${c.short}-tun-*`, children: ['site=branch-*'] })
  if (c.netapp) {
    edges.push({ parent: c.netapp.name, children: [`volume=${c.netapp.name}:*`] })
    for (const v of c.netapp.volumes) edges.push({ parent: `volume=${c.netapp.name}:${v}`, children: [`datastore=${c.short}-ds-${v}`] })
  }
  return edges
}
