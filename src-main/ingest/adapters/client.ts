import { memo } from './memo'

/**
 * Client (MSP tenant) resolution, shared by every adapter so the precedence is the same everywhere:
 * the request's own override (path / header / query, computed by the HTTP layer) → the payload's
 * client/customer/tenant → format-specific mapping (Grafana orgId) → 'default'.
 */

export const DEFAULT_CLIENT = 'default'
export const CLIENT_ID_MAX = 100
/** Label / tag / detail names that carry the client, in the order they are tried. */
export const CLIENT_KEYS = ['client', 'customer', 'tenant'] as const

/**
 * Canonical client id: trimmed, lower-case, whitespace runs → '-', control characters removed, at most 100
 * characters. Returns undefined when nothing usable is left, so the caller falls through to the next source.
 */
export const normalizeClientId = (raw: unknown): string | undefined => {
  if (typeof raw === 'number' && Number.isFinite(raw)) raw = String(raw)
  if (typeof raw !== 'string' || raw.length > 10_000) return undefined
  return normalized(raw)
}

// Every alert of a request names its client again: normalise each distinct name once.
const normalized = memo((raw: string): string | undefined => {
  // eslint-disable-next-line no-control-regex
  const id = raw.replace(/[\u0000-\u001f\u007f]/g, '').trim().toLowerCase().replace(/\s+/g, '-')
  const clipped = Array.from(id).slice(0, CLIENT_ID_MAX).join('')
  return clipped.length > 0 ? clipped : undefined
})

/** The first candidate that normalizes to a usable id, else 'default'. Pass the override first. */
export const resolveClient = (...candidates: unknown[]): string => {
  for (const c of candidates) {
    const id = normalizeClientId(c)
    if (id !== undefined) return id
  }
  return DEFAULT_CLIENT
}

/** Own-property read of a string-ish value (never an inherited one such as `constructor`). */
export const own = (rec: unknown, key: string): unknown =>
  rec !== null && typeof rec === 'object' && !Array.isArray(rec) && Object.prototype.hasOwnProperty.call(rec, key)
    ? (rec as Record<string, unknown>)[key]
    : undefined

/** The client/customer/tenant values of a record, in precedence order (undefined where absent). */
export const clientCandidates = (rec: unknown): unknown[] => CLIENT_KEYS.map((k) => own(rec, k))

/** Grafana orgId → configured client, if the configuration maps it. */
export const grafanaOrgClient = (orgs: Record<string, string> | undefined, orgId: unknown): string | undefined => {
  if (!orgs || (typeof orgId !== 'number' && typeof orgId !== 'string')) return undefined
  const v = own(orgs, String(orgId))
  return typeof v === 'string' ? v : undefined
}
