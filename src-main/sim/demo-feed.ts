import { generateEvents, toSends } from './plan'
import { AgentSockets, postSend } from './sender'
import type { SimEvent } from './types'

/**
 * The built-in demo feed: when no source is configured, serve posts the simulator's MSP traffic to ITSELF through
 * the real listeners (every webhook format and WebSocket agents), in real time, forever. Background noise runs all
 * the time; every episode (15 min) adds one cascade — NetApp, VPN firmware, provider outage, a flap, a small storm,
 * a maintenance window, an EC2 fleet — in rotation. It starts 10 minutes "in the past", so the wall is lively at once.
 */
export interface DemoOptions {
  target: string
  seed?: number
  intervalMs?: number
  log?: (s: string) => void
}

export const DEMO_EPISODE_MS = 15 * 60_000
/** Alerts nobody resolved within this long (the odd never-ending noise) are cleared, so the wall does not silt up. */
export const DEMO_MAX_FIRING_MS = 2 * 60 * 60_000
const ONE_OFFS = ['netapp', 'vpn-firmware', 'provider-outage', 'flapping', 'storm', 'maintenance', 'ec2-agents']

/**
 * Episode k: noise plus one cascade starting in [start, start + length). The plan spans three lengths so the
 * problems begun in this episode can end naturally; only their events, and the rest up to `start + length`, are kept.
 * Alert identities still in use by earlier episodes (`busy`) are skipped whole. Pure.
 */
export const demoEpisode = (seed: number, k: number, start: number, lengthMs: number, busy: ReadonlySet<string> = new Set()): SimEvent[] => {
  const oneOff = ONE_OFFS[k % ONE_OFFS.length]
  const events = generateEvents({
    seed: (seed * 1009 + k) >>> 0, start, durationSec: (3 * lengthMs) / 1000, scenarios: ['noise', oneOff],
    rate: 2, stormSize: 40, at: 0.02 + 0.2 * ((k * 7) % 10) / 10, zabbixIdBase: k * 100_000,
  })
  const end = start + lengthMs
  const began = new Map<string, number>()
  for (const e of events) if (!began.has(e.truth.incident)) began.set(e.truth.incident, e.at)
  return events.filter((e) => !busy.has(e.alertKey) && (e.at < end || (e.truth.expectIncident && began.get(e.truth.incident)! < end)))
}

export const startDemoFeed = (opts: DemoOptions) => {
  const seed = opts.seed ?? 42
  const target = opts.target.replace(/\/$/, '')
  const agents = new AgentSockets(target.replace(/^http/, 'ws') + '/ws')
  let queue: SimEvent[] = []
  /** Last event sent per firing alert, and the time each alert's last queued event is due. */
  const firing = new Map<string, SimEvent>()
  const lastDue = new Map<string, number>()
  let episode = 0
  let nextStart = Math.floor((Date.now() - 10 * 60_000) / 1000) * 1000
  let stopped = false
  let busy = false

  const plan = () => {
    while (nextStart < Date.now() + 60_000) {
      const now = Date.now()
      const inUse = new Set([...lastDue].filter(([, t]) => t > now).map(([k]) => k))
      for (const k of firing.keys()) inUse.add(k)
      const evs = demoEpisode(seed, episode++, nextStart, DEMO_EPISODE_MS, inUse)
      for (const e of evs) lastDue.set(e.alertKey, Math.max(lastDue.get(e.alertKey) ?? 0, e.at))
      queue = [...queue, ...evs].sort((a, b) => a.at - b.at)
      nextStart += DEMO_EPISODE_MS
    }
    for (const [k, t] of lastDue) if (t < Date.now() - DEMO_MAX_FIRING_MS) lastDue.delete(k)
  }

  const step = async () => {
    if (busy || stopped) return // a slow console: the next tick sends what is due then
    busy = true
    try {
      plan()
      const now = Date.now()
      let n = 0
      while (n < queue.length && queue[n].at <= now) n++
      const due = queue.slice(0, n)
      queue = queue.slice(n)
      for (const e of firing.values()) {
        if (now - e.since > DEMO_MAX_FIRING_MS) due.push({ ...e, at: Math.floor(now / 1000) * 1000, status: 'resolved', text: e.text })
      }
      for (const e of due) {
        if (e.status === 'firing') firing.set(e.alertKey, e)
        else firing.delete(e.alertKey)
      }
      for (const s of toSends(due)) {
        if (stopped) break
        await postSend(target, s, agents, { 'x-noc-demo': '1' }).catch(() => {
          /* the server may be closing; the demo is best-effort */
        })
      }
    } finally {
      busy = false
    }
  }

  const timer = setInterval(() => void step(), opts.intervalMs ?? 1000)
  timer.unref()
  void step()
  opts.log?.(`demo feed: simulated MSP (30 clients, every listener) posting to ${opts.target}`)
  return {
    stop: () => {
      stopped = true
      clearInterval(timer)
      agents.close()
    },
  }
}
