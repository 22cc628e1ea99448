/**
 * The decode worker's message handler, separate from the worker's global wiring so tests drive it in-process.
 *
 * A head goes back in parts: first the clients with their incident summaries (what the wall draws), then the
 * incidents in chunks — the UI thread pays a structured-clone deserialisation per message, and 10 k incidents in
 * one message would be one ~150 ms task; in chunks of 1 000 each is a few ms, and input and painting run between.
 */
import type { SnapshotHead } from '@shared/api/contract'
import type { Incident } from '@shared/model/incident'
import type { ValidationIssue } from '@shared/model/problem-issue'
import type { RawOutput } from '../api/transport'
import { summarizeIncidents, type ClientIncidents } from '../store/incident-order'
import { DecodeError, decodeAlertRows, decodeHead, transferables, type DecodedRows } from './decode-core'

export type DecodeRequest = { id: number; kind: 'head' | 'rows'; raw: RawOutput }

export type DecodeReply =
  | { id: number; part: 'head'; head: Omit<SnapshotHead, 'incidents'>; chunks: number; summaries: Record<string, ClientIncidents> }
  | { id: number; part: 'incidents'; list: Incident[] }
  | { id: number; part: 'rows'; rows: DecodedRows }
  | { id: number; part: 'error'; error: string; issues: ValidationIssue[] }

export const INCIDENT_CHUNK = 1000

export const handleDecode = (req: DecodeRequest, post: (reply: DecodeReply, transfer?: Transferable[]) => void, chunk = INCIDENT_CHUNK): void => {
  try {
    if (req.kind === 'rows') {
      const rows = decodeAlertRows(req.raw)
      return post({ id: req.id, part: 'rows', rows }, transferables(rows))
    }
    const { incidents, ...head } = decodeHead(req.raw)
    const chunks = Math.ceil(incidents.length / chunk)
    // The wall's per-client summaries go first, with the clients: the wall can be drawn before 10 k incidents
    // have crossed over to the UI thread.
    const byId: Record<string, Incident> = {}
    for (const i of incidents) byId[i.id] = i
    post({ id: req.id, part: 'head', head, chunks, summaries: summarizeIncidents(byId, incidents.map((i) => i.id)) })
    for (let i = 0; i < chunks; i++) post({ id: req.id, part: 'incidents', list: incidents.slice(i * chunk, (i + 1) * chunk) })
  } catch (e) {
    const issues = e instanceof DecodeError ? e.issues : [{ path: '(output)', message: String((e as Error)?.message ?? e) }]
    post({ id: req.id, part: 'error', error: e instanceof DecodeError ? e.message : 'could not decode the answer', issues })
  }
}
