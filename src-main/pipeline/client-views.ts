import type { Client } from '@shared/model/client'
import { clientProfile, type ConsoleConfig } from '@shared/model/config'
import { SEVERITIES, type Severity } from '@shared/model/severity'
import type { AlertsRepo } from '../store/alerts-repo'
import type { ClientRow, ClientsRepo } from '../store/clients-repo'

const zeroCounts = (): Record<Severity, number> =>
  Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>

/** A client as consoles see it: stored row + open counts + configured tier. */
export const clientView = (row: ClientRow, open: Partial<Record<Severity, number>>, tier: string, name?: string): Client => {
  const counts = { ...zeroCounts(), ...open }
  counts.ok = 0
  const worst = SEVERITIES.find((s) => s !== 'ok' && counts[s] > 0) ?? 'ok'
  return { id: row.id, name: name ?? row.name, tier, firstSeen: row.first_seen, lastSeen: row.last_seen, open: counts, worst }
}

/** Client views read after commit: for deltas (the clients a batch touched), snapshots and `clients.list` (all). */
export const clientViews = (repos: { clients: ClientsRepo; alerts: AlertsRepo }, config: () => ConsoleConfig) => {
  const of = (ids: Iterable<string>): Client[] => {
    const out: Client[] = []
    const cfg = config()
    for (const id of ids) {
      const row = repos.clients.get(id)
      if (!row) continue
      const p = clientProfile(cfg, id)
      out.push(clientView(row, repos.alerts.openCounts(id), p.tier, p.name))
    }
    return out
  }
  return { of, all: () => of(repos.clients.all().map((r) => r.id)) }
}
export type ClientViews = ReturnType<typeof clientViews>
