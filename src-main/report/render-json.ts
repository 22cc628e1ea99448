/**
 * JSON at the edge. Inside, times are epoch milliseconds; a file handed to a client gets ISO 8601 UTC strings
 * instead, so it reads without a converter. Which fields are times is decided by name, one rule for every
 * report: `at`, `from`, `to`, `t`, `firstSeen`, `lastSeen` and anything ending in `At`. Durations stay numbers
 * and say their unit in the name (`ttaMs`, `meanMs`, `offsetMs`) — except the `tt*` fields of `times`, which are
 * milliseconds too (documented in docs/reports.md).
 */
import { isoTime } from './format'

const TIME_KEY = /^(at|from|to|t|firstSeen|lastSeen)$|At$/

export const toEdgeJson = (value: unknown, key = ''): unknown => {
  if (typeof value === 'number' && TIME_KEY.test(key)) return isoTime(value)
  if (Array.isArray(value)) return value.map((v) => toEdgeJson(v, key === 'buckets' ? 't' : ''))
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toEdgeJson(v, k)]))
  }
  return value
}

/** Pretty, stable (key order as built), with a trailing newline. */
export const renderJson = (value: unknown): string => `${JSON.stringify(toEdgeJson(value), null, 2)}\n`
