/// <reference lib="webworker" />
/**
 * The decode worker: parses and validates the bulk answers off the UI thread (src/decode/decoder.ts starts it).
 * Served from our own origin, so the console's CSP (`worker-src 'self'`, falling back to `script-src 'self'`)
 * allows it; like the page, it may not eval, so zod runs jitless here too.
 */
import { z } from 'zod'
import { AlertRowsPage, SnapshotHead } from '@shared/api/contract'
import { fastParse } from '@shared/api/fast-parse'
import { handleDecode, type DecodeRequest } from './decode-handler'

z.config({ jitless: true })
// Compile the checkers while the console is still connecting, not when the head arrives.
fastParse(SnapshotHead, null)
fastParse(AlertRowsPage, null)

const scope = self as unknown as DedicatedWorkerGlobalScope
scope.onmessage = (e: MessageEvent<DecodeRequest>) => handleDecode(e.data, (reply, transfer) => scope.postMessage(reply, transfer ?? []))
