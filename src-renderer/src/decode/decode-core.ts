/**
 * Decoding the bulk answers (`snapshot.head`, `alerts.rows`): parse, validate with the contract, and shape them
 * for the store. Pure functions — the decode worker runs them off the UI thread, and the inline decoder (tests,
 * or a browser that cannot start the worker) runs the very same ones.
 */
import { AlertRowsPage, alertRowsIssues, SnapshotHead, type Method } from '@shared/api/contract'
import { fastParse } from '@shared/api/fast-parse'
import { SEVERITIES } from '@shared/model/severity'
import { toIssues, type ValidationIssue } from '@shared/model/problem-issue'
import type { RawOutput } from '../api/transport'
import { resourceText, searchText, type AlertRow } from '../store/alert-row'

/** A refused answer, as plain data (it crosses the worker boundary; the decoder turns it into a NocCallError). */
export class DecodeError extends Error {
  constructor(
    readonly method: Method,
    readonly issues: ValidationIssue[],
  ) {
    super(`malformed answer to ${method}`)
  }
}

const readRaw = (method: Method, raw: RawOutput): unknown => {
  if ('value' in raw) return raw.value
  try {
    return JSON.parse('text' in raw ? raw.text : new TextDecoder().decode(raw.bytes))
  } catch (e) {
    throw new DecodeError(method, [{ path: '(output)', message: `not JSON: ${(e as Error).message}` }])
  }
}

export const decodeHead = (raw: RawOutput): SnapshotHead => {
  const r = fastParse(SnapshotHead, readRaw('snapshot.head', raw))
  if (!r.success) throw new DecodeError('snapshot.head', toIssues(r.error.issues).slice(0, 10))
  return r.data
}

/**
 * An `alerts.rows` page, validated and turned into columns the store reads without touching JSON: numbers in
 * typed arrays (handed over without a copy), strings as the page's table plus per-row indexes, and the two
 * strings built per row (resource text, search text) ready-made.
 */
export interface DecodedRows {
  seq: number
  next: number | null
  total: number
  n: number
  strings: string[]
  id: Float64Array
  rev: Float64Array
  severity: Uint8Array
  status: Uint8Array
  client: Int32Array
  summary: Int32Array
  rule: Int32Array
  /** -1 = no service. */
  service: Int32Array
  count: Float64Array
  firstSeen: Float64Array
  lastSeen: Float64Array
  /** NaN = still firing. */
  resolvedAt: Float64Array
  resource: string[]
  hay: string[]
}

/** The typed arrays of a decoded page, for postMessage's transfer list. */
export const transferables = (d: DecodedRows): ArrayBuffer[] =>
  [d.id, d.rev, d.severity, d.status, d.client, d.summary, d.rule, d.service, d.count, d.firstSeen, d.lastSeen, d.resolvedAt].map((a) => a.buffer as ArrayBuffer)

export const decodeAlertRows = (raw: RawOutput): DecodedRows => {
  const r = fastParse(AlertRowsPage, readRaw('alerts.rows', raw))
  if (!r.success) throw new DecodeError('alerts.rows', toIssues(r.error.issues).slice(0, 10))
  const p = r.data
  const bad = alertRowsIssues(p, SEVERITIES.length)
  if (bad.length) throw new DecodeError('alerts.rows', bad)
  const n = p.id.length
  const s = p.strings
  const resource = new Array<string>(n)
  const hay = new Array<string>(n)
  const resolvedAt = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const components = s[p.components[i]]
    const res = resourceText(p.resource[i] < 0 ? null : s[p.resource[i]], components)
    resource[i] = res
    hay[i] = searchText({
      summary: s[p.summary[i]],
      client: s[p.client[i]],
      resource: res,
      severity: SEVERITIES[p.severity[i]],
      rule: s[p.rule[i]],
      cls: s[p.class[i]],
      service: p.service[i] < 0 ? null : s[p.service[i]],
      source: s[p.source[i]],
      components,
    })
    const at = p.resolvedAt[i]
    resolvedAt[i] = at === null ? NaN : at
  }
  return {
    seq: p.seq,
    next: p.next,
    total: p.total,
    n,
    strings: s,
    id: Float64Array.from(p.id),
    rev: Float64Array.from(p.rev),
    severity: Uint8Array.from(p.severity),
    status: Uint8Array.from(p.status),
    client: Int32Array.from(p.client),
    summary: Int32Array.from(p.summary),
    rule: Int32Array.from(p.rule),
    service: Int32Array.from(p.service),
    count: Float64Array.from(p.count),
    firstSeen: Float64Array.from(p.firstSeen),
    lastSeen: Float64Array.from(p.lastSeen),
    resolvedAt,
    resource,
    hay,
  }
}

/** Main-thread side: a decoded page → the rows the store keeps (a few ms per 10 k; no parsing, no checking). */
export const alertRowsOf = (d: DecodedRows): AlertRow[] => {
  const s = d.strings
  const out = new Array<AlertRow>(d.n)
  for (let i = 0; i < d.n; i++) {
    const at = d.resolvedAt[i]
    out[i] = {
      id: d.id[i],
      seq: d.rev[i],
      client: s[d.client[i]],
      severity: SEVERITIES[d.severity[i]],
      status: d.status[i] === 0 ? 'firing' : 'resolved',
      summary: s[d.summary[i]],
      resource: d.resource[i],
      rule: s[d.rule[i]],
      service: d.service[i] < 0 ? null : s[d.service[i]],
      count: d.count[i],
      firstSeen: d.firstSeen[i],
      lastSeen: d.lastSeen[i],
      resolvedAt: Number.isNaN(at) ? null : at,
      hay: d.hay[i],
    }
  }
  return out
}
