import type { ConsoleConfig } from '@shared/model/config'
import type { NocEvent } from '@shared/model/event'
import type { SourceHealth } from '@shared/model/ops'
import type { Severity } from '@shared/model/severity'

/**
 * Source health (pure). A feed is a webhook integration per client (`alertmanager/acme`) or a named heartbeat
 * sender. A feed with a timeout that stays silent longer raises a "stale feed" alert for its client — an ordinary
 * alert (source `heartbeat`, rule `StaleFeed`) so it correlates, notifies and escalates like any other.
 */

export const STALE_RULE = 'StaleFeed'
export const integrationSourceId = (source: string, client: string): string => `${source}/${client}`

/** Timeout in force: the file's per-source setting, else what the sender said, else the heartbeat default. */
export const effectiveTimeout = (s: Pick<SourceHealth, 'id' | 'kind' | 'timeoutMs'>, cfg: ConsoleConfig): number | null =>
  cfg.sourceHealth.sources[s.id]?.timeout ?? s.timeoutMs ?? (s.kind === 'heartbeat' ? cfg.sourceHealth.heartbeatTimeout : null)

export const feedClient = (s: Pick<SourceHealth, 'id' | 'client'>, cfg: ConsoleConfig): string => cfg.sourceHealth.sources[s.id]?.client ?? s.client ?? 'default'

/**
 * Silent past its timeout. Silence is measured from when we started listening at the earliest: a console that was
 * down for an hour must not call every feed stale the moment it starts.
 */
export const isOverdue = (s: SourceHealth, timeout: number | null, now: number, listeningSince: number): boolean =>
  timeout !== null && s.staleSince === null && now - Math.max(s.lastSeen, listeningSince) > timeout

const minutes = (ms: number): string => (ms < 120_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`)

/** The alert event that says a feed went silent (`firing`) or is back (`resolved`). */
export const staleFeedEvent = (
  s: Pick<SourceHealth, 'id' | 'kind' | 'lastSeen'>,
  o: { client: string; severity: Severity; now: number; timeoutMs: number; status: 'firing' | 'resolved' },
): NocEvent => {
  const silent = o.now - s.lastSeen
  return {
    source: 'heartbeat',
    client: o.client,
    fingerprint: `stale-feed:${s.id}`,
    fingerprintKind: 'source',
    class: 'noc-console',
    ems: 'noc-console',
    rule: STALE_RULE,
    components: [{ type: 'Feed', name: s.id }],
    resource: s.id,
    service: 'monitoring',
    severity: o.status === 'firing' ? o.severity : 'ok',
    status: o.status,
    summary:
      o.status === 'firing'
        ? `Stale feed: no data from ${s.id} for ${minutes(silent)} (timeout ${minutes(o.timeoutMs)})`
        : `Feed ${s.id} is back`,
    description:
      o.status === 'firing'
        ? `The ${s.kind === 'heartbeat' ? 'heartbeat sender' : 'integration'} ${s.id} last reported at ${new Date(s.lastSeen).toISOString()}. A silent feed is not a green one: check the sender and its connection.`
        : undefined,
    time: o.now,
    receivedAt: o.now,
    labels: { alertname: STALE_RULE, feed: s.id, client: o.client },
  }
}
