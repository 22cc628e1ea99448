import type { Alert } from '@shared/model/alert'

/**
 * Recently written alerts by (client, fingerprint), so a repeat (Alertmanager re-sends its whole group every
 * repeat_interval) skips a SELECT and three JSON.parse calls. Filled only AFTER a commit, so a rolled-back batch
 * can never leave a state in here that the database does not have. Bounded: least recently used entries go first.
 *
 * The bound is a storm's size, not a typical day's: once a re-sent group no longer fits, every repeat pays the SELECT
 * and the parses again — 20,000 entries made re-sends of a 60,000-alert store cost the writer 91 µs/event instead of
 * 46 (bench/writer.ts). An alert of a live incident is held by the engine state anyway, so its entry costs nothing;
 * one held only here is ≈ 1.8 KB of heap (Alertmanager-sized labels), i.e. ≤ ~180 MB at the bound.
 */
export const ALERT_CACHE_MAX = 100_000

export const createAlertCache = (max = ALERT_CACHE_MAX) => {
  const byKey = new Map<string, Alert>()
  const keyOf = (client: string, fingerprint: string) => `${client}\u0000${fingerprint}`
  return {
    keyOf,
    get(key: string): Alert | undefined {
      const a = byKey.get(key)
      if (a) {
        // Re-insert: Map iteration order is insertion order, so the oldest key is the least recently used.
        byKey.delete(key)
        byKey.set(key, a)
      }
      return a
    },
    putAll(alerts: Iterable<Alert>) {
      for (const a of alerts) {
        const k = keyOf(a.client, a.fingerprint)
        byKey.delete(k)
        byKey.set(k, a)
      }
      while (byKey.size > max) byKey.delete(byKey.keys().next().value as string)
    },
    clear: () => byKey.clear(),
    get size() {
      return byKey.size
    },
  }
}
export type AlertCache = ReturnType<typeof createAlertCache>
