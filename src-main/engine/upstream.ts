import type { Alert } from '@shared/model/alert'
import { canonicalMatcher, parseMatcher, type ConsoleConfig, type TopologyEdge } from '@shared/model/config'
import { profileOf } from './priority'
import { compileTopology, fieldValue, nodesOf } from './topology'

/**
 * The upstreams an alert depends on: what its client gets from outside (an ISP, a carrier, a cloud region).
 * Sources spell the same upstream differently — `provider=isp-colt` from one tool, `upstream=isp-colt` or
 * `isp=isp-colt` from another — so every configured alias label (`correlation.crossClient.labels`) folds into one
 * key, the value (trimmed, lower-cased). A client's topology can name one too: an edge whose parent is a single
 * alias condition (`provider=isp-colt → rtr01`) gives a *critical* alert on one of its direct children that upstream, so a
 * WAN-down alert that carries no label still counts. Only critical ones: a dependency map says what could be behind
 * an alert, and only a thing that is down (not a fan tray, not a busy link) says the upstream is (as for topology
 * joins, topology-evidence.ts). Used by the cross-client problems and by the upstream scope
 * (`correlation.upstreamScope`).
 */
export interface Upstream {
  /** The folded key value. */
  value: string
  /** `label`: the alert carries it (as `label`); `topology`: the client's dependency map says so (`node`). */
  via: 'label' | 'topology'
  label?: string
  node?: string
}

export const foldUpstream = (v: string): string => v.trim().toLowerCase()

/**
 * Topology parents that are one upstream alias condition, with their direct children. Only direct ones: the device
 * that connects to the ISP going down names the ISP; a firewall behind it going down is its own fault unless the
 * router is down too (and then the router's alert carries the upstream).
 */
const upstreamNodes = new WeakMap<TopologyEdge[], { value: string; node: string; children: Set<string> }[]>()
const upstreamNodesOf = (edges: TopologyEdge[], aliases: readonly string[]): { value: string; node: string; children: Set<string> }[] => {
  let hit = upstreamNodes.get(edges)
  if (!hit) {
    const byNode = new Map<string, { value: string; node: string; children: Set<string> }>()
    for (const e of edges) {
      const node = canonicalMatcher(e.parent)
      const m = parseMatcher(node)
      if ('error' in m || m.conditions.length !== 1) continue
      const [c] = m.conditions
      if (!aliases.includes(c.key) || c.value.includes('*')) continue
      const entry = byNode.get(node) ?? { value: foldUpstream(c.value), node, children: new Set<string>() }
      for (const child of e.children) entry.children.add(canonicalMatcher(child))
      byNode.set(node, entry)
    }
    hit = [...byNode.values()]
    upstreamNodes.set(edges, hit)
  }
  return hit
}

const cache = new WeakMap<ConsoleConfig, WeakMap<Alert, Upstream[]>>()

/** The alert's upstreams, each value once (labels first, in alias order). Rows are replaced, never edited. */
export const upstreamsOf = (config: ConsoleConfig, alert: Alert): Upstream[] => {
  let byRow = cache.get(config)
  if (!byRow) cache.set(config, (byRow = new WeakMap()))
  let hit = byRow.get(alert)
  if (!hit) byRow.set(alert, (hit = computeUpstreams(config, alert)))
  return hit
}

const computeUpstreams = (config: ConsoleConfig, alert: Alert): Upstream[] => {
  const aliases = config.correlation.crossClient.labels
  const out: Upstream[] = []
  const seen = new Set<string>()
  for (const label of aliases) {
    const v = fieldValue(alert, label)
    if (!v || !v.trim()) continue
    const value = foldUpstream(v)
    if (seen.has(value)) continue
    seen.add(value)
    out.push({ value, via: 'label', label })
  }
  const edges = profileOf(config, alert.client).topology
  if (edges.length && alert.severity === 'critical') {
    const ups = upstreamNodesOf(edges, aliases)
    if (ups.length) {
      const mine = nodesOf(compileTopology(edges), alert)
      for (const u of ups) {
        if (seen.has(u.value) || !mine.some((n) => u.children.has(n))) continue
        seen.add(u.value)
        out.push({ value: u.value, via: 'topology', node: u.node })
      }
    }
  }
  return out
}
