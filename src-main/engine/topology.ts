import type { Alert } from '@shared/model/alert'
import { canonicalMatcher, parseMatcher, type MatcherCondition, type TopologyEdge } from '@shared/model/config'

/**
 * A client's dependency map: nodes are matchers (`fw-01`, `tunnel=vpn-*`, `service=billing,role=vm`), edges say
 * "an outage of the parent explains alerts on the child". Relations are transitive (firewall → tunnel → host).
 */

/** Alert fields a matcher/scope key can name before falling back to labels. */
export const fieldValue = (alert: Alert, key: string): string | null => {
  switch (key) {
    case 'resource':
      return alert.resource
    case 'service':
      return alert.service
    case 'group':
      return alert.group
    case 'rule':
      return alert.rule
    case 'class':
      return alert.class
    case 'ems':
      return alert.ems
    case 'source':
      return alert.source
    default:
      return Object.prototype.hasOwnProperty.call(alert.labels, key) ? alert.labels[key] : null
  }
}

const globCache = new Map<string, RegExp>()
export const globMatch = (pattern: string, value: string): boolean => {
  if (!pattern.includes('*')) return pattern === value
  let re = globCache.get(pattern)
  if (!re) {
    re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`)
    globCache.set(pattern, re)
  }
  return re.test(value)
}

export const matchesConditions = (alert: Alert, conditions: MatcherCondition[]): boolean =>
  conditions.every((c) => {
    const v = fieldValue(alert, c.key)
    return v !== null && v !== '' && globMatch(c.value, v)
  })

export interface CompiledTopology {
  nodes: { key: string; conditions: MatcherCondition[] }[]
  /** node → every node below it (transitive). */
  below: Map<string, Set<string>>
}

const compiled = new WeakMap<TopologyEdge[], CompiledTopology>()

/** Every alert matching `y` also matches `x` (as far as the patterns tell): `tunnel=*` covers `tunnel=vpn-a`. */
const covers = (x: MatcherCondition[], y: MatcherCondition[]): boolean =>
  x.every((cx) => y.some((cy) => cy.key === cx.key && globMatch(cx.value, cy.value)))

/**
 * Compile once per config object (the config is replaced, never edited, on reload).
 * Edges chain through equal nodes and through overlapping ones: with `fw-01 → tunnel=*` and
 * `tunnel=vpn-a → site=branch-a`, the firewall is upstream of branch-a (every tunnel is below it, vpn-a included).
 * The overlap is only followed below the starting node, so an alert on tunnel vpn-b is not upstream of branch-a.
 */
export const compileTopology = (edges: TopologyEdge[]): CompiledTopology => {
  const hit = compiled.get(edges)
  if (hit) return hit
  const children = new Map<string, Set<string>>()
  const all = new Set<string>()
  for (const e of edges) {
    const p = canonicalMatcher(e.parent)
    all.add(p)
    const set = children.get(p) ?? new Set<string>()
    for (const c of e.children) {
      const k = canonicalMatcher(c)
      set.add(k)
      all.add(k)
    }
    children.set(p, set)
  }
  const nodes = [...all].flatMap((key) => {
    const m = parseMatcher(key)
    return 'error' in m ? [] : [{ key, conditions: m.conditions }]
  })
  const conds = new Map(nodes.map((n) => [n.key, n.conditions]))
  const parents = [...children.keys()]
  const continuesAs = (c: string): string[] => {
    const cc = conds.get(c) ?? []
    return parents.filter((p) => p === c || covers(cc, conds.get(p) ?? []) || covers(conds.get(p) ?? [], cc))
  }
  const below = new Map<string, Set<string>>()
  const walk = (n: string, seen: Set<string>): Set<string> => {
    const done = below.get(n)
    if (done) return done
    const out = new Set<string>()
    for (const c of children.get(n) ?? []) {
      out.add(c)
      for (const p of continuesAs(c)) {
        if (seen.has(p)) continue // config validation refuses cycles; this guard keeps overlaps from recursing forever
        for (const d of walk(p, new Set([...seen, p]))) out.add(d)
      }
    }
    below.set(n, out)
    return out
  }
  for (const n of all) walk(n, new Set([n]))
  const result = { nodes, below }
  compiled.set(edges, result)
  return result
}

export const nodesOf = (topo: CompiledTopology, alert: Alert): string[] =>
  topo.nodes.filter((n) => matchesConditions(alert, n.conditions)).map((n) => n.key)

export interface TopologyRelation {
  /** `a` is upstream (a parent or ancestor) of `b`, or downstream. */
  direction: 'upstream' | 'downstream'
  /** The nodes that relate them, `upper` being the parent side: for the reason text. */
  upper: string
  lower: string
}

const firstPair = (topo: CompiledTopology, upperNodes: string[], lowerNodes: string[]): { upper: string; lower: string } | null => {
  for (const u of upperNodes)
    for (const l of lowerNodes) if (u !== l && !upperNodes.includes(l) && topo.below.get(u)?.has(l)) return { upper: u, lower: l }
  return null
}

/**
 * How alert `a` relates to alert `b`. An alert matching both sides of an edge (a wide wildcard) relates to
 * nothing through that edge; if a relation holds both ways it is ambiguous and ignored.
 */
export const relation = (topo: CompiledTopology, a: Alert, b: Alert): TopologyRelation | null =>
  a.id === b.id || topo.nodes.length === 0 ? null : relationOfNodes(topo, nodesOf(topo, a), nodesOf(topo, b))

/** `relation` for alerts whose nodes are already known (callers relating every pair of a set match each once). */
export const relationOfNodes = (topo: CompiledTopology, na: string[], nb: string[]): TopologyRelation | null => {
  if (!na.length || !nb.length) return null
  const down = firstPair(topo, na, nb)
  const up = firstPair(topo, nb, na)
  if (down && !up) return { direction: 'upstream', ...down }
  if (up && !down) return { direction: 'downstream', ...up }
  return null
}
