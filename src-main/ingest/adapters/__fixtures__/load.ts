import { readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { NocEvent } from '@shared/model/event'
import type { AdapterContext, AdapterResult } from '../types'

/**
 * Test helpers. The JSON files here are copies of ../shared/fixtures (the sample payloads every team member
 * works from), so the tests also run on a clean clone where ../shared is absent; fixtures.test.ts checks the
 * copies still match when ../shared is present.
 */
export const FIXTURE_DIR = fileURLToPath(new URL('.', import.meta.url))

export const fixtureNames = (): string[] => readdirSync(FIXTURE_DIR).filter((f) => f.endsWith('.json')).sort()

/** A fresh parse each time, so a test may mutate its copy (typed loosely: tests poke at any field). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const fixture = (name: string): any => JSON.parse(readFileSync(`${FIXTURE_DIR}${name}`, 'utf8'))

/** Receive time used by fixture tests: just after the latest fixture time (2026-11-20 23:58:31Z). */
export const RECEIVED_AT = Date.parse('2026-11-21T00:00:00Z')

export const ctx = (over: Partial<AdapterContext> = {}): AdapterContext => ({ receivedAt: RECEIVED_AT, ...over })

/** Unwrap a successful result, failing the test with the refusal otherwise; checks every event against NocEvent. */
export const accepted = (r: AdapterResult) => {
  if (!r.ok) throw new Error(`expected ok, got ${r.error}: ${JSON.stringify(r.issues)}`)
  for (const e of r.events) {
    const check = NocEvent.safeParse(e)
    if (!check.success) throw new Error(`event does not fit NocEvent: ${JSON.stringify(check.error.issues)}`)
  }
  return r
}

export const refused = (r: AdapterResult) => {
  if (r.ok) throw new Error(`expected a refusal, got ${r.events.length} events`)
  return r
}

/** Paths of a refusal's issues, for compact assertions. */
export const issuePaths = (r: AdapterResult): string[] => (r.ok ? [] : r.issues.map((i) => i.path))
