import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RunningServer } from '../server'
import { getJson, post, testServer } from './server-kit'

/** Shared by the notification layer's integration tests (imported by tests only). Injected clock, no ticker. */
export const T0 = Date.parse('2026-11-20T10:00:00Z') // a Friday, 10:00 UTC

export const makeClock = (start = T0) => {
  const c = { now: start, fn: () => c.now, advance: (ms: number) => (c.now += ms) }
  return c
}

export const writeConfig = (yaml: string): string => {
  const path = join(mkdtempSync(join(tmpdir(), 'noc-ops-cfg-')), 'noc.yaml')
  writeFileSync(path, yaml)
  return path
}

export const startOps = (opts: { clock: () => number; configPath?: string; dataDir?: string }): Promise<RunningServer> =>
  testServer({ clock: opts.clock, tickMs: 0, configPath: opts.configPath, ...(opts.dataDir ? { dataDir: opts.dataDir } : {}) })

/** Process what is due, then wait until the outbox has sent (or retried) everything due. */
export const tick = async (s: RunningServer) => {
  await s.hub.tick()
  await s.hub.drainOutbox()
}

export const fire = async (s: RunningServer, over: Record<string, unknown> = {}) => {
  const r = await post(`${s.url}/api/v1/events`, { client: 'acme', class: 'Net', rule: 'LinkDown', severity: 'critical', text: 'link down on fw-01', fingerprint: 'fw-01-link', resource: 'fw-01', ...over })
  if (r.status !== 200) throw new Error(`ingest failed: ${r.status} ${r.text}`)
  await s.hub.drainOutbox()
  return r.json
}

export const clear = (s: RunningServer, over: Record<string, unknown> = {}) => fire(s, { severity: 'ok', ...over })

export const incidents = async (s: RunningServer): Promise<any[]> => (await getJson(`${s.url}/api/v1/incidents?limit=100`)).json
export const opsOf = async (s: RunningServer, id: string): Promise<any> => (await getJson(`${s.url}/api/v1/incidents/${id}/ops`)).json
export const detail = async (s: RunningServer, id: string): Promise<any> => (await getJson(`${s.url}/api/v1/incidents/${id}`)).json
export const deliveries = async (s: RunningServer, q = ''): Promise<any[]> => (await getJson(`${s.url}/api/v1/deliveries?limit=500${q}`)).json

export { getJson, post }
