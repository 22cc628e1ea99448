import type { Client } from '@shared/model/client'
import { SEVERITIES, type Severity } from '@shared/model/severity'
import type { ClientRow } from '../store/clients-repo'

const zeroCounts = (): Record<Severity, number> =>
  Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>

/** A client as consoles see it: stored row + open counts + configured tier. */
export const clientView = (row: ClientRow, open: Partial<Record<Severity, number>>, tier: string, name?: string): Client => {
  const counts = { ...zeroCounts(), ...open }
  counts.ok = 0
  const worst = SEVERITIES.find((s) => s !== 'ok' && counts[s] > 0) ?? 'ok'
  return { id: row.id, name: name ?? row.name, tier, firstSeen: row.first_seen, lastSeen: row.last_seen, open: counts, worst }
}
