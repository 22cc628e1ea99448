/**
 * Resource inventory (the Tap In configuration report): per client and group, each resource's first and last
 * seen, and how many resources were active in each interval.
 *
 * Two inputs, either or both:
 * - `rows` (first/last seen per resource, e.g. aggregated from the alerts table): a resource counts as active
 *   in every interval its [firstSeen, lastSeen] span overlaps — an upper bound, since a resource seen in
 *   January and June is not necessarily alive in March;
 * - `activity` (event times, or one row per resource and interval from the store): active exactly where it has
 *   an event. When given, activity decides the counts; first/last seen take the wider of both.
 */
import { toCsv, type CsvOptions } from './csv'
import { DocBuilder, iso, type Doc } from './doc'
import { formatTime, isoTime, plural } from './format'
import { dayBoundaries } from './metrics'

export interface InventoryRow {
  client: string
  group: string | null
  resource: string
  firstSeen: number
  lastSeen: number
}

export interface ActivityRow {
  client: string
  group: string | null
  resource: string
  t: number
}

export interface InventoryInput {
  from: number
  to: number
  generatedAt: number
  /** Interval starts; default: local days in `timeZone` (or fixed `bucketMs` slices when given). */
  boundaries?: number[]
  bucketMs?: number
  timeZone?: string
  rows?: InventoryRow[]
  activity?: ActivityRow[]
  clientNames?: Record<string, string>
}

export interface InventoryResource {
  resource: string
  firstSeen: number
  lastSeen: number
  /** Intervals of this report the resource was active in. */
  activeIntervals: number
}

export interface InventoryGroup {
  group: string | null
  resources: InventoryResource[]
  /** Resources active per interval (same order as `buckets`). */
  active: number[]
}

export interface InventoryModel {
  kind: 'resource-inventory'
  version: 1
  from: number
  to: number
  generatedAt: number
  timeZone: string
  basis: 'activity' | 'span'
  buckets: number[]
  clients: { client: string; name: string; resources: number; active: number[]; groups: InventoryGroup[] }[]
}

const key = (client: string, group: string | null, resource: string) => JSON.stringify([client, group, resource])

export const buildInventory = (input: InventoryInput): InventoryModel => {
  const { from, to } = input
  const tz = input.timeZone ?? 'UTC'
  const b = input.boundaries ?? (input.bucketMs ? Array.from({ length: Math.max(0, Math.ceil((to - from) / input.bucketMs)) }, (_, i) => from + i * (input.bucketMs as number)) : dayBoundaries(from, to, tz))
  const ends = b.map((s, i) => b[i + 1] ?? to)
  const bucketOf = (t: number) => (t < from || t >= to ? -1 : b.findLastIndex((s) => s <= t))

  const spans = new Map<string, InventoryRow>()
  const active = new Map<string, Set<number>>()
  const widen = (r: InventoryRow) => {
    const k = key(r.client, r.group, r.resource)
    const cur = spans.get(k)
    spans.set(k, cur ? { ...cur, firstSeen: Math.min(cur.firstSeen, r.firstSeen), lastSeen: Math.max(cur.lastSeen, r.lastSeen) } : { ...r })
  }
  for (const r of input.rows ?? []) widen(r)
  const basis = input.activity ? 'activity' : 'span'
  for (const a of input.activity ?? []) {
    widen({ ...a, firstSeen: a.t, lastSeen: a.t })
    const i = bucketOf(a.t)
    if (i < 0) continue
    const k = key(a.client, a.group, a.resource)
    if (!active.has(k)) active.set(k, new Set())
    active.get(k)?.add(i)
  }

  type Tree = Map<string, Map<string | null, { resources: InventoryResource[]; activeSets: Set<number>[] }>>
  const tree: Tree = new Map()
  const perClientActive = new Map<string, Set<string>[]>()
  for (const [k, r] of spans) {
    if (r.lastSeen < from || r.firstSeen >= to) continue
    const buckets = basis === 'activity' ? (active.get(k) ?? new Set<number>()) : new Set(b.flatMap((s, i) => (r.firstSeen < ends[i] && r.lastSeen >= s ? [i] : [])))
    if (!tree.has(r.client)) tree.set(r.client, new Map())
    const groups = tree.get(r.client) as Map<string | null, { resources: InventoryResource[]; activeSets: Set<number>[] }>
    if (!groups.has(r.group)) groups.set(r.group, { resources: [], activeSets: [] })
    const g = groups.get(r.group) as { resources: InventoryResource[]; activeSets: Set<number>[] }
    g.resources.push({ resource: r.resource, firstSeen: r.firstSeen, lastSeen: r.lastSeen, activeIntervals: buckets.size })
    g.activeSets.push(buckets)
    if (!perClientActive.has(r.client)) perClientActive.set(r.client, b.map(() => new Set<string>()))
    // Client totals count distinct resource names: one host in two groups is one host.
    for (const i of buckets) perClientActive.get(r.client)?.[i].add(r.resource)
  }

  const clients = [...tree.keys()].sort().map((client) => {
    const groups = [...(tree.get(client) as Map<string | null, { resources: InventoryResource[]; activeSets: Set<number>[] }>).entries()]
      .sort(([a], [c]) => (a ?? '').localeCompare(c ?? ''))
      .map(([group, g]) => ({
        group,
        resources: g.resources.sort((x, y) => x.resource.localeCompare(y.resource)),
        active: b.map((_, i) => g.activeSets.filter((s) => s.has(i)).length),
      }))
    const names = new Set(groups.flatMap((g) => g.resources.map((r) => r.resource)))
    return { client, name: input.clientNames?.[client] ?? client, resources: names.size, active: (perClientActive.get(client) ?? []).map((s) => s.size), groups }
  })
  return { kind: 'resource-inventory', version: 1, from, to, generatedAt: input.generatedAt, timeZone: tz, basis, buckets: b, clients }
}

export const inventoryDoc = (m: InventoryModel): Doc => {
  const tz = m.timeZone
  const d = new DocBuilder()
  d.paragraph(
    m.basis === 'activity'
      ? 'Active = the resource had at least one event in the interval.'
      : 'Active = the interval lies within the resource\u2019s first-to-last-seen span (an upper bound).',
    true,
  )
  for (const c of m.clients) {
    d.heading(`${iso(c.name)} (${iso(c.client)}): ${plural(c.resources, 'resource')}`)
    d.table(
      [
        { title: 'Interval start', width: 3 },
        { title: 'Active resources', width: 1.5, align: 'right' },
        ...c.groups.slice(0, 4).map((g) => ({ title: g.group ?? '(no group)', width: 1.5, align: 'right' as const })),
      ],
      m.buckets.map((s, i) => [formatTime(s, tz, false), String(c.active[i] ?? 0), ...c.groups.slice(0, 4).map((g) => String(g.active[i] ?? 0))]),
      'no intervals',
    )
    for (const g of c.groups) {
      d.heading(`${g.group ?? '(no group)'}: ${plural(g.resources.length, 'resource')}`, 3)
      d.table(
        [
          { title: 'Resource', width: 3 },
          { title: 'First seen', width: 2 },
          { title: 'Last seen', width: 2 },
        ],
        g.resources.map((r) => [r.resource, formatTime(r.firstSeen, tz, false), formatTime(r.lastSeen, tz, false)]),
      )
    }
  }
  if (!m.clients.length) d.paragraph('No resources were seen in this range.', true)
  const range = `${formatTime(m.from, tz)} to ${formatTime(m.to, tz)}`
  const generated = formatTime(m.generatedAt, tz)
  return d.build('Resource inventory', `${range} · generated ${generated}`, `Resource inventory · ${range} · generated ${generated}`)
}

/** One row per client, group and resource. */
export const inventoryCsv = (m: InventoryModel, opts: CsvOptions = {}): string =>
  toCsv(
    ['client', 'group', 'resource', 'first_seen', 'last_seen', 'active_intervals'],
    m.clients.flatMap((c) =>
      c.groups.flatMap((g) => g.resources.map((r) => [c.client, g.group ?? '', r.resource, isoTime(r.firstSeen), isoTime(r.lastSeen), r.activeIntervals])),
    ),
    opts,
  )

/** One row per client, group and interval: the activity counts. */
export const inventoryActivityCsv = (m: InventoryModel, opts: CsvOptions = {}): string =>
  toCsv(
    ['client', 'group', 'interval_start', 'active_resources'],
    m.clients.flatMap((c) => c.groups.flatMap((g) => m.buckets.map((s, i) => [c.client, g.group ?? '', isoTime(s), g.active[i] ?? 0]))),
    opts,
  )
