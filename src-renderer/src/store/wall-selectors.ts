/** What the wall marks on a tile beyond its counts: a stale feed and an alert storm (both decided by the server). */
import type { SourceHealth, Storm } from '@shared/model/ops'

/** Clients with at least one stale source (a webhook feed or heartbeat that went silent past its timeout). */
export const staleClients = (sources: Record<string, SourceHealth>): Set<string> => {
  const out = new Set<string>()
  for (const s of Object.values(sources)) if (s.stale && s.client) out.add(s.client)
  return out
}

/** Clients in an ongoing storm, with its peak events per minute. */
export const stormingClients = (storms: Record<number, Storm>): Map<string, number> => {
  const out = new Map<string, number>()
  for (const s of Object.values(storms)) if (s.endedAt === null) out.set(s.client, Math.max(out.get(s.client) ?? 0, s.peak))
  return out
}
