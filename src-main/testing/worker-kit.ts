import { resolve } from 'node:path'
import type { NativeEventInput } from '@shared/model/event'

/** A writer worker entry that dies on request (fixtures/worker/crashing-writer.mjs): pass it as `workerEntry`. */
export const CRASHING_WRITER = resolve(import.meta.dirname, 'fixtures/worker/crashing-writer.mjs')

/** The text that makes the crashing writer throw while the batch holding it is queued, not yet committed. */
export const CRASH_TEXT = 'crash the writer'

/** One event in the native format (`hub.ingest('native', [nativeEvent('a')], meta)`). */
export const nativeEvent = (fingerprint: string, text = `check ${fingerprint} failing`): Partial<NativeEventInput> => ({
  client: 'acme',
  class: 'Host',
  rule: 'check',
  fingerprint,
  severity: 'critical',
  text,
})
