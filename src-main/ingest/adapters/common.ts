import type { z } from 'zod'
import type { Component, Labels, NocEvent } from '@shared/model/event'
import { toIssues } from '@shared/model/problem-issue'
import { labelFingerprint, tapinFingerprint } from '../../engine/fingerprint'
import type { Adapter, AdapterContext, AdapterResult } from './types'
import { own } from './client'
import { memo } from './memo'

/** Largest number of events one request may carry (Alertmanager alerts, native batch). */
export const MAX_BATCH = 10_000
export const SUMMARY_MAX = 4000
const LABEL_KEY_MAX = 200
const LABEL_VALUE_MAX = 4000
const LABELS_MAX = 256
const ATTRIBUTES_MAX_CHARS = 16_384

/**
 * Warnings for the HTTP layer to surface. Deduplicated and capped, so a 10 000-alert group with the same
 * problem on every alert does not produce a 10 000-line answer.
 */
export class Warnings {
  private readonly list: string[] = []
  private readonly seen = new Set<string>()
  private dropped = 0
  constructor(private readonly max = 20) {}
  add(message: string): void {
    if (this.seen.has(message)) return
    if (this.list.length >= this.max) {
      this.dropped++
      return
    }
    this.seen.add(message)
    this.list.push(message)
  }
  toArray(): string[] {
    return this.dropped > 0 ? [...this.list, `…and ${this.dropped} more warnings`] : [...this.list]
  }
}

/** Cut to `max` code points (never splitting a surrogate pair). */
export const clip = (s: string, max: number): string => (s.length <= max ? s : Array.from(s).slice(0, max).join(''))

/** A trimmed non-empty string, else undefined. */
export const text = (v: unknown): string | undefined => {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v)
  if (typeof v !== 'string') return undefined
  const t = v.trim()
  return t.length > 0 ? t : undefined
}

/** First usable string among the candidates. */
export const firstText = (...vs: unknown[]): string | undefined => {
  for (const v of vs) {
    const t = text(v)
    if (t !== undefined) return t
  }
  return undefined
}

/** Own string value of a label map (never `constructor` & co). */
export const label = (labels: unknown, key: string): string | undefined => text(own(labels, key))

/**
 * String labels from any record: strings kept (values capped), finite numbers and booleans stringified,
 * everything else (objects, arrays, null) skipped. `__proto__` is never copied.
 */
export const toLabels = (rec: unknown, warnings?: Warnings, where = 'labels'): Labels => {
  const out: Labels = {}
  if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) return out
  let count = 0
  for (const [key, value] of Object.entries(rec)) {
    if (key === '__proto__' || key.length === 0) continue
    if (key.length > LABEL_KEY_MAX) {
      warnings?.add(`${where}: a label name longer than ${LABEL_KEY_MAX} characters was dropped`)
      continue
    }
    let v: string
    if (typeof value === 'string') v = value
    else if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') v = String(value)
    else continue
    if (++count > LABELS_MAX) {
      warnings?.add(`${where}: more than ${LABELS_MAX} labels, the rest were dropped`)
      break
    }
    if (v.length > LABEL_VALUE_MAX) warnings?.add(`${where}.${key}: value cut to ${LABEL_VALUE_MAX} characters`)
    out[key] = clip(v, LABEL_VALUE_MAX)
  }
  return out
}

const httpUrl = memo((s: string): { url: string; host: string | undefined } | undefined => {
  try {
    const u = new URL(s)
    return u.protocol === 'http:' || u.protocol === 'https:' ? { url: s, host: u.host || undefined } : undefined
  } catch {
    return undefined
  }
})

/** Only http(s) URLs reach the console (a `javascript:` link from a sender must never become clickable). */
export const safeUrl = (v: unknown): string | undefined => {
  const s = text(v)
  if (s === undefined || s.length > 4000) return undefined
  return httpUrl(s)?.url
}

/** `host[:port]` of a URL, for the EMS name. */
export const hostOf = (v: unknown): string | undefined => {
  const s = text(v)
  if (s === undefined || s.length > 4000) return undefined
  return httpUrl(s)?.host
}

/** A Tap In component, or undefined when the name is empty. */
export const component = (type: string, name: unknown): Component | undefined => {
  const n = text(name)
  return n === undefined ? undefined : { type, name: clip(n, 500) }
}
export const components = (...cs: Array<Component | undefined>): Component[] => cs.filter((c): c is Component => c !== undefined)

/**
 * Free-form attributes, deep-copied through JSON: bounded in size, `__proto__` keys removed at every depth, and
 * anything JSON cannot hold (or too deep to serialize) dropped with a warning instead of failing the request.
 */
export const boundedAttributes = (
  attrs: Record<string, unknown> | undefined,
  warnings: Warnings,
  where: string,
): Record<string, unknown> | undefined => {
  if (attrs === undefined) return undefined
  const defined = Object.fromEntries(Object.entries(attrs).filter(([k, v]) => v !== undefined && k !== '__proto__'))
  if (Object.keys(defined).length === 0) return undefined
  let json: string | undefined
  try {
    json = JSON.stringify(defined)
  } catch {
    json = undefined
  }
  if (json === undefined) {
    warnings.add(`${where}: attributes could not be serialized (too deep?) and were dropped`)
    return undefined
  }
  if (json.length > ATTRIBUTES_MAX_CHARS) {
    warnings.add(`${where}: attributes larger than ${ATTRIBUTES_MAX_CHARS} characters were dropped`)
    return undefined
  }
  return JSON.parse(json, (k, v: unknown) => (k === '__proto__' ? undefined : v)) as Record<string, unknown>
}

/**
 * An event's attributes: our own small facts (`fixed`, strings clipped, undefined dropped) plus the sender's
 * free-form data under bounds. Kept apart so an oversized free-form part can never take a fact such as
 * `sourceAcknowledged` down with it.
 */
export const attributesOf = (
  fixed: Record<string, unknown>,
  free: Record<string, unknown> | undefined,
  warnings: Warnings,
  where: string,
): Record<string, unknown> | undefined => {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(fixed)) if (v !== undefined) out[k] = typeof v === 'string' ? clip(v, 2000) : v
  Object.assign(out, boundedAttributes(free, warnings, where))
  return Object.keys(out).length > 0 ? out : undefined
}

/**
 * Which fingerprint an event gets: a per-source label override (when configured and at least one of those labels
 * is present), else the source's own key, else Tap In's client+class+ems+rule+components.
 */
export const chooseFingerprint = (
  ctx: AdapterContext,
  warnings: Warnings,
  f: { client: string; labels: Labels; sourceKey: string | undefined; class: string; ems: string; rule: string; components: Component[] },
): Pick<NocEvent, 'fingerprint' | 'fingerprintKind'> => {
  const names = ctx.fingerprintLabels?.filter((n) => typeof n === 'string' && n.length > 0)
  if (names && names.length > 0) {
    // An override whose labels are all missing would merge every alert of the client into one: refuse that.
    if (names.some((n) => own(f.labels, n) !== undefined)) {
      return { fingerprint: labelFingerprint(f.client, f.labels, names), fingerprintKind: 'source' }
    }
    warnings.add(`none of the fingerprint override labels (${names.join(', ')}) are present; using the default fingerprint`)
  }
  if (f.sourceKey !== undefined && f.sourceKey.length > 0) return { fingerprint: f.sourceKey, fingerprintKind: 'source' }
  return { fingerprint: tapinFingerprint(f), fingerprintKind: 'tapin' }
}

/** Drop undefined optional fields so events compare and serialize cleanly. */
export const compact = <T extends object>(o: T): T => {
  // A plain loop: same keys in the same order as Object.entries, without building the pair arrays (hot path).
  const out: Record<string, unknown> = {}
  for (const k of Object.keys(o)) {
    const v = (o as Record<string, unknown>)[k]
    if (v === undefined) continue
    if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true })
    else out[k] = v
  }
  return out as T
}

/** The refusal for a body that does not fit the schema. */
export const invalid = (
  format: string,
  error: z.ZodError | { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> },
  prefix = '',
): AdapterResult => ({
  ok: false,
  error: `${format} body does not match the expected shape`,
  issues: toIssues(error.issues, prefix),
})

export const refuse = (error: string, path: string, message: string): AdapterResult => ({
  ok: false,
  error,
  issues: [{ path, message }],
})

/** Adapters never throw: a bug of ours on odd input becomes a refusal the sender can see, not a 500 loop. */
export const guard =
  (format: string, adapter: Adapter): Adapter =>
  (body, ctx) => {
    try {
      return adapter(body, ctx)
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e)
      return refuse(`${format} body could not be processed`, '(body)', clip(message, 300))
    }
  }
