import type { OutputOf, ParsedInputOf } from '@shared/api/contract'
import { clientProfile, type Criticality } from '@shared/model/config'
import type { Core } from '../app/compose'
import { RANGE_SPEC, viewQueries, type ViewQueries } from '../store/view-queries'

// Statements are prepared once per database, not per call.
const queriesByCore = new WeakMap<Core, ViewQueries>()
const queries = (core: Core): ViewQueries => {
  let q = queriesByCore.get(core)
  if (!q) queriesByCore.set(core, (q = viewQueries(core.db)))
  return q
}

const nameOf = (core: Core, id: string) => clientProfile(core.config.current, id).name

/** Read-only views for the console's heatmaps and settings (contract: `heatmap.*`, `clients.profiles`). */
export const viewHandlers = (core: Core) => ({
  'heatmap.get': (input: ParsedInputOf<'heatmap.get'>): OutputOf<'heatmap.get'> => {
    const h = queries(core).heatmap(input.range, core.clock())
    const rows = h.rows
      .sort((a, b) => b.events - a.events || a.client.localeCompare(b.client))
      .map((r) => ({ client: r.client, name: nameOf(core, r.client), cells: r.cells }))
    return { range: input.range, from: h.from, to: h.to, bucketMs: h.bucketMs, rows }
  },
  'heatmap.services': (input: ParsedInputOf<'heatmap.services'>): OutputOf<'heatmap.services'> => {
    const rows = queries(core).services(core.clock() - RANGE_SPEC[input.range].spanMs)
    const weight = new Map<string, { open: number; events: number }>()
    for (const r of rows)
      for (const [s, c] of Object.entries(r.cells)) {
        const w = weight.get(s) ?? { open: 0, events: 0 }
        weight.set(s, { open: w.open + c.open, events: w.events + c.events })
      }
    const services = [...weight.entries()]
      .sort(([a, x], [b, y]) => y.open - x.open || y.events - x.events || a.localeCompare(b))
      .map(([s]) => s)
    return {
      range: input.range,
      services,
      rows: rows.map((r) => ({ client: r.client, name: nameOf(core, r.client), cells: r.cells })),
    }
  },
  'clients.profiles': (): OutputOf<'clients.profiles'> => {
    const config = core.config.current
    const ids = new Set([...core.repos.clients.all().map((r) => r.id), ...Object.keys(config.clients)])
    return [...ids].sort().map((id) => {
      const p = clientProfile(config, id)
      const row = core.repos.clients.get(id)
      const services = new Map<string, { name: string; criticality: Criticality; configured: boolean }>()
      for (const [name, s] of Object.entries(p.services)) services.set(name, { name, criticality: s.criticality, configured: true })
      for (const name of queries(core).servicesSeen(id))
        if (!services.has(name)) services.set(name, { name, criticality: p.defaultCriticality, configured: false })
      return {
        id,
        name: p.name,
        tier: p.tier,
        timeZone: p.timeZone,
        businessHours: p.businessHours,
        services: [...services.values()],
        contacts: p.contacts,
        configured: p.configured,
        firstSeen: row?.first_seen ?? null,
        lastSeen: row?.last_seen ?? null,
      }
    })
  },
})
