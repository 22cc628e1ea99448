import type { ServerResponse } from 'node:http'
import type { ValidationIssue } from '@shared/model/problem-issue'
import type { Hub, IngestMeta } from '../app/hub'

/** JSON answers and the dead letter, shared by the HTTP and WebSocket listeners. */

export const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => sendJson(res, status, JSON.stringify(body), headers)

/** JSON already serialised (by the writer, once, as UTF-8 bytes): written as it is. */
export const sendJson = (res: ServerResponse, status: number, json: string | Uint8Array, headers: Record<string, string> = {}) => {
  const body = typeof json === 'string' ? json : Buffer.from(json.buffer, json.byteOffset, json.byteLength)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), ...headers })
  res.end(body)
}

export const sendError = (res: ServerResponse, status: number, error: string, issues: ValidationIssue[] = [], headers: Record<string, string> = {}) =>
  send(res, status, { error, issues }, headers)

/** The one answer to every authentication failure: no hint of which part was wrong, or which sources exist. */
export const UNAUTHORIZED = { error: 'unauthorized', issues: [] as ValidationIssue[] }

/**
 * Refusals that say something about the request itself (shape, size, credentials, rate) go to the dead letter.
 * Answers about the world (404 no such alert, 409 already acknowledged) do not: they are not bad input, and a
 * console polling a stale id must not flush real evidence out of the bounded table.
 */
export const DEAD_LETTER_STATUSES = new Set([400, 401, 403, 405, 413, 414, 415, 429, 431])

/** Keep a refused request for inspection; never throws (a failing dead letter must not change the answer). */
export const deadLetter = async (
  hub: Pick<Hub, 'deadLetter'>,
  status: number,
  error: string,
  issues: ValidationIssue[],
  meta: IngestMeta & { source: string },
): Promise<void> => {
  await hub.deadLetter({ status, error, issues, meta }).catch(() => undefined)
}

/** Query string safe to keep: credentials passed as `access_token` are dropped. */
export const storableQuery = (url: URL): string => {
  const sp = new URLSearchParams(url.searchParams)
  sp.delete('access_token')
  const q = sp.toString()
  return q ? `?${q}` : ''
}
