import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { ContractError } from '@shared/api/errors'
import { describe, expect, it } from 'vitest'
import { closeAfterEach } from '../testing/close-kit'
import { CRASH_TEXT, CRASHING_WRITER, nativeEvent } from '../testing/worker-kit'
import { startServer } from '../server'
import { startHub } from './start-hub'
import { INGEST_PART } from './worker-hub'

/**
 * The worker-backed hub's failure paths: a writer that cannot start, a writer that dies with requests in flight.
 * (Its ordinary paths are every integration test: they all run against this hub.)
 */
const ROOT = resolve(import.meta.dirname, '../..')
const tmp = () => mkdtempSync(join(tmpdir(), 'noc-worker-'))
const base = { quiet: true, tickMs: 0, synchronous: 'NORMAL' as const }
const track = closeAfterEach()

const alertCount = (dataDir: string): number => {
  const db = new Database(join(dataDir, 'noc.db'), { readonly: true })
  try {
    return (db.prepare('SELECT count(*) AS n FROM alerts').get() as { n: number }).n
  } finally {
    db.close()
  }
}

describe('worker-backed hub: start', () => {
  it('rejects with the writer\'s reason when the database is newer than this build', async () => {
    const dataDir = tmp()
    const db = new Database(join(dataDir, 'noc.db'))
    db.pragma('user_version = 999')
    db.close()
    await expect(startHub({ ...base, dataDir })).rejects.toThrow(/schema version 999 is newer than this build/)
  })

  it('opens SQLite in the worker with the nativeBinding it was given', async () => {
    const missing = join(tmp(), 'no-such-better_sqlite3.node')
    await expect(startHub({ ...base, dataDir: tmp(), nativeBinding: missing })).rejects.toThrow(missing)
    const real = join(ROOT, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')
    const hub = track(await startHub({ ...base, dataDir: tmp(), nativeBinding: real }))
    expect((await hub.ingest('native', [nativeEvent('a')], { transport: 'internal' })).accepted).toBe(1)
  })

  it('refuses a worker entry that is not there, naming it', async () => {
    const entry = join(tmp(), 'hub-worker.mjs')
    await expect(startHub({ ...base, dataDir: tmp(), workerEntry: entry })).rejects.toThrow(/hub-worker\.mjs/)
  })
})

describe('worker-backed hub: big batches', () => {
  it('a batch larger than one part crosses in parts and is committed whole, in order, beside another one', async () => {
    const dataDir = tmp()
    const hub = track(await startHub({ ...base, dataDir }))
    const meta = { transport: 'internal' as const }
    const a = Array.from({ length: INGEST_PART * 2 + 37 }, (_, i) => nativeEvent(`a-${i}`))
    const b = Array.from({ length: INGEST_PART + 1 }, (_, i) => nativeEvent(`b-${i}`))
    // Concurrent: their parts interleave on the way to the writer; each must still be one request of its own.
    const [ra, rb] = await Promise.all([hub.ingest('native', a, meta), hub.ingest('native', b, meta)])
    expect(ra.accepted).toBe(a.length)
    expect(rb.accepted).toBe(b.length)
    const db = new Database(join(dataDir, 'noc.db'), { readonly: true })
    try {
      const fps = (db.prepare('SELECT fingerprint FROM alerts ORDER BY rowid').all() as { fingerprint: string }[]).map((r) => r.fingerprint)
      expect(fps.filter((f) => f.startsWith('a-'))).toEqual(a.map((e) => e.fingerprint))
      expect(fps.filter((f) => f.startsWith('b-'))).toEqual(b.map((e) => e.fingerprint))
    } finally {
      db.close()
    }
  })
})

describe('worker-backed hub: the writer dies', () => {
  it('in-flight and later requests get 503, never a 2xx; what was acknowledged before is on disk', async () => {
    const dataDir = tmp()
    const fatal: Error[] = []
    const hub = await startHub({ ...base, dataDir, workerEntry: CRASHING_WRITER, onFatal: (e) => fatal.push(e) })
    const meta = { transport: 'internal' as const }
    expect((await hub.ingest('native', [nativeEvent('before')], meta)).accepted).toBe(1)

    const inFlight = hub.ingest('native', [nativeEvent('doomed', CRASH_TEXT)], meta)
    const err = await inFlight.then(() => undefined, (e: unknown) => e)
    expect(err).toBeInstanceOf(ContractError)
    expect((err as ContractError).status).toBe(503)
    expect(fatal.map((e) => e.message)).toEqual(['writer crashed on purpose (test)'])

    const later = await hub.call('incidents.list', {}).then(() => undefined, (e: unknown) => e)
    expect((later as ContractError).status).toBe(503)
    const laterIngest = await hub.ingest('native', [nativeEvent('after')], meta).then(() => undefined, (e: unknown) => e)
    expect((laterIngest as ContractError).status).toBe(503)
    await hub.close()

    // The acknowledged event is there; the refused ones are not (the in-flight batch never reached its COMMIT).
    expect(alertCount(dataDir)).toBe(1)
  })

  it('startServer hands onFatal to the hub (the Electron shell shows its dialog), and the listener answers 503', async () => {
    const fatal: Error[] = []
    const server = track(await startServer({ dataDir: tmp(), port: 0, host: '127.0.0.1', quiet: true, tickMs: 0, demo: false, workerEntry: CRASHING_WRITER, onFatal: (e) => fatal.push(e) }))
    const res = await fetch(`${server.url}/api/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([nativeEvent('doomed', CRASH_TEXT)]) })
    expect(res.status).toBe(503)
    expect(fatal.map((e) => e.message)).toEqual(['writer crashed on purpose (test)'])
  })

  it('by default the process exits non-zero with the reason, even with listeners keeping it alive', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src-main/testing/fixtures/worker/crash-host.ts'), tmp()], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (err += d))
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)))
    expect(out.trim()).toBe('refused 503')
    expect(err).toMatch(/the writer stopped \(writer crashed on purpose \(test\)\)/)
    expect(code).toBe(70)
  })
})
