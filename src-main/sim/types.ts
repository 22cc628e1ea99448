import type { Severity } from '@shared/model/severity'

/**
 * The simulator's vocabulary. A scenario produces `SimEvent`s (what a monitoring tool observed, format-neutral);
 * `render` turns them into `Send`s (exact request bodies for one listener); the sender only replays sends.
 * Keeping the three apart lets tests check plans without a server.
 */

/** Every listener the console has: five webhook formats, the native HTTP endpoint and WS agents. */
export const SIM_FORMATS = ['alertmanager', 'grafana', 'zabbix', 'pagerduty', 'alerta', 'native', 'ws'] as const
export type SimFormat = (typeof SIM_FORMATS)[number]

/** One observation by a monitoring tool. Times are epoch ms on the simulated clock. */
export interface SimEvent {
  at: number
  client: string
  format: SimFormat
  /** The thing that is broken: host, device, volume, tunnel, instance. */
  resource: string
  /** Check / alert name (Alertmanager `alertname`, Zabbix trigger name, Alerta `event`). */
  check: string
  service?: string
  severity: Severity
  status: 'firing' | 'resolved'
  /** When the current firing episode began (Alertmanager `startsAt`; repeats keep it). */
  since: number
  text: string
  /** Extra labels / tags (`provider`, `volume`, `tunnel`, `site`, `maintenance`…). */
  labels?: Record<string, string>
  /** Stable identity of the alert across its firing/repeat/resolve events (the scenario names it). */
  alertKey: string
  /** Zabbix problem id: a recovery carries its problem's id. */
  zabbixEventId?: number
  truth: Truth
  /** When the tool's request reaches the console, if not at `at` (late or out-of-order delivery). */
  deliverAt?: number
  /** The sending tool's clock is off by this much (ms, + = fast): every time it writes is shifted. */
  clockSkewMs?: number
  /**
   * Alertmanager only: the alert was pushed to Alertmanager without `startsAt` and resolved with a whole-second
   * `endsAt` from the client's (skewed) clock. Alertmanager stamps the fire with its own clock to the nanosecond
   * (`since` + this many ms) and, resolving, moves `startsAt` to the second-precision `endsAt` — what a real
   * Alertmanager 0.25 was seen to send.
   */
  amStampMs?: number
  /** Position in time order within its plan (set by the planner; the plan itself is in delivery order). */
  timeOrder?: number
}

/** Ground truth carried by every event. */
export interface Truth {
  /** `<scenario>:<client>:<n>`: the incident a competent operator would open for it. */
  incident: string
  /** False for events that should open nothing (periodic OK checks, info notes). */
  expectIncident: boolean
  /** Cross-client root cause shared by several clients' incidents (provider outage): `<scenario>:<key>`. */
  problem?: string
  /** Inside a planned maintenance window (expected noise). */
  planned?: boolean
}

/** One request to one listener. */
export interface Send {
  at: number
  transport: 'http' | 'ws'
  /** HTTP path (`/webhook/zabbix/acme`) or `/ws` for agents. */
  path: string
  format: SimFormat
  /** Client named by the path, if any (the adapter's override). */
  pathClient?: string
  body: unknown
  /** The events inside `body`, in body order. */
  events: SimEvent[]
}

/** One line of the truth side file. `key` is how the console will key the alert: `<client>/<fingerprint>`. */
export interface TruthRecord {
  /** Position of the event in the plan (0-based, delivery order), stable for a seed + start. */
  n: number
  /** Position in time order: the last record of a key by `order` is the alert's true final state. */
  order: number
  at: number
  format: SimFormat
  client: string
  key: string
  status: 'firing' | 'resolved'
  severity: Severity
  truth: string
  expectIncident: boolean
  problem?: string
  planned?: boolean
}

export interface Plan {
  seed: number
  start: number
  durationSec: number
  scenarios: string[]
  sends: Send[]
  truth: TruthRecord[]
}
