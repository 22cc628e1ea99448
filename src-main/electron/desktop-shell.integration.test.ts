/**
 * The desktop shell against the REAL engine as the Electron main starts it (start-engine.ts → startServer: webhook
 * listener on this thread, SQLite + engine + notifications in the writer worker), with only Electron faked: what
 * the preload would send over IPC reaches the hub, is parsed by the contract, is committed by the worker, and comes
 * back to the window as a delta; quitting ends the worker after its last commit; a worker that dies is reported.
 */
import { copyFileSync, mkdtempSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Delta } from '@shared/api/contract'
import Database from 'better-sqlite3'
import { startServer, type ServerOptions } from '../server'
import { closeAfterEach } from '../testing/close-kit'
import { CRASHING_WRITER, CRASH_TEXT } from '../testing/worker-kit'
import { FakeBrowserWindow, fakeApp, fakeIpcMain, fakeState, resetFakeElectron } from '../testing/fake-electron'
import { WRITER_STOPPED_EXIT, startDesktop, type EngineOptions } from './desktop-shell'
import { engineStarter } from './start-engine'
import { CALL_CHANNEL, DELTA_CHANNEL } from './ipc-protocol'

vi.mock('electron', async () => (await import('../testing/fake-electron')).fakeElectron)

const track = closeAfterEach()

/** main.ts's engine (engineStarter + startServer), quiet, on port 0; `over` swaps in a test's worker entry. */
const realEngine = (over: Partial<EngineOptions> = {}) => {
  const start = engineStarter(async (o: ServerOptions) => {
    const server = track(await startServer({ ...o, port: 0, quiet: true }))
    return { ...server, close: vi.fn(async () => (track.release(server), server.close())) }
  }, {})
  return (o: EngineOptions) => start({ ...o, ...over })
}

/** Under Node the "Electron build" is a copy of the Node build in a folder of its own. */
const nodeBuildCopy = () => {
  const binding = join(mkdtempSync(join(tmpdir(), 'noc-native-')), 'better_sqlite3.node')
  const pkg = createRequire(import.meta.url).resolve('better-sqlite3/package.json')
  copyFileSync(join(pkg, '..', 'build', 'Release', 'better_sqlite3.node'), binding)
  return binding
}

beforeEach(() => resetFakeElectron())

describe('desktop shell with the real engine', () => {
  it('IPC call → contract → hub → SQLite → delta to the window; quit closes the engine', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'noc-desktop-'))
    const startEngine = realEngine()
    // The worker must open SQLite through the path it is handed (nativeBinding), wherever that is.
    const binding = nodeBuildCopy()
    fakeApp.paths.userData = dataDir
    const env = { NOC_SQLITE_BINDING: binding, XDG_CONFIG_HOME: join(dataDir, 'xdg') }
    const desktop = await startDesktop({ startEngine, argv: ['.', '--data', dataDir, '--no-demo'], mainDir: '/app/out/main', env, log: () => {} })
    const win = desktop!.window() as unknown as FakeBrowserWindow
    const ours = { sender: win.webContents, senderFrame: { url: 'app://noc/index.html', parent: null } }
    const invoke = (method: string, input: unknown) => fakeIpcMain.invoke(CALL_CHANNEL, ours, method, input) as Promise<Record<string, unknown>>

    const health = await invoke('health.get', {})
    expect(health).toMatchObject({ ok: true, output: { status: 'ok', db: { path: join(dataDir, 'noc.db'), walMode: true } } })

    expect(await invoke('events.ingest', { class: 'db', severity: 'catastrophic' })).toMatchObject({ ok: false, error: 'invalid input' })
    expect(await invoke('alerts.list', { limit: 'lots' })).toMatchObject({ ok: false, error: 'invalid input', issues: [{ path: 'limit' }] })
    expect(await invoke('alerts.get', { id: 424242 })).toEqual({ ok: false, error: 'alert 424242 not found', issues: [] })

    const event = { client: 'acme', class: 'db', ems: 'zabbix', rule: 'replication-lag', severity: 'critical', text: 'db01 lag 300s' }
    expect(await invoke('events.ingest', event)).toMatchObject({ ok: true, output: { accepted: 1, alerts: 1 } })

    // Deltas are coalesced (≤ 10 Hz): wait for the one carrying our alert.
    await vi.waitFor(
      () => {
        const deltas = win.webContents.sent.filter((s) => s.channel === DELTA_CHANNEL).map((s) => s.args[0] as Delta)
        expect(deltas.flatMap((d) => d.alerts).some((a) => a.client === 'acme' && a.rule === 'replication-lag')).toBe(true)
      },
      { timeout: 5000, interval: 50 },
    )

    const list = await invoke('alerts.list', { client: 'acme' })
    expect(list).toMatchObject({ ok: true, output: { items: [{ client: 'acme', severity: 'critical', count: 1 }] } })

    await new Promise<void>((r) => {
      fakeApp.once('will-quit', () => r())
      fakeApp.quit()
    })
    expect(desktop!.engine.close).toHaveBeenCalledTimes(1)
    // The worker is gone (the hub refuses with 503) and what it acknowledged is in the database it closed.
    await expect(desktop!.engine.hub.call('health.get', {})).rejects.toMatchObject({ status: 503 })
    const db = new Database(join(dataDir, 'noc.db'), { readonly: true, nativeBinding: binding })
    try {
      expect(db.prepare("select count(*) as n from alerts where client = 'acme'").get()).toEqual({ n: 1 })
    } finally {
      db.close()
    }
    expect(fakeState.errorBoxes).toEqual([])
  })

  it('a writer worker that dies is reported in a dialog and the app exits 70, not left as a window that answers nothing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'noc-desktop-'))
    fakeApp.paths.userData = dataDir
    const env = { NOC_SQLITE_BINDING: nodeBuildCopy(), XDG_CONFIG_HOME: join(dataDir, 'xdg') }
    const desktop = await startDesktop({ startEngine: realEngine({ workerEntry: CRASHING_WRITER }), argv: ['.', '--data', dataDir, '--no-demo'], mainDir: '/app/out/main', env, log: () => {} })
    const win = desktop!.window() as unknown as FakeBrowserWindow
    const ours = { sender: win.webContents, senderFrame: { url: 'app://noc/index.html', parent: null } }
    const answer = (await fakeIpcMain.invoke(CALL_CHANNEL, ours, 'events.ingest', { client: 'acme', class: 'db', rule: 'lag', severity: 'critical', text: CRASH_TEXT })) as Record<string, unknown>
    // The request in flight is refused (not acknowledged), then the operator is told.
    expect(answer).toMatchObject({ ok: false })
    await vi.waitFor(() => expect(fakeApp.exitCode).toBe(WRITER_STOPPED_EXIT), { timeout: 5000, interval: 20 })
    expect(fakeState.errorBoxes).toHaveLength(1)
    expect(fakeState.errorBoxes[0]).toMatchObject({ title: 'NOC console stopped: its database writer failed' })
    expect(fakeState.errorBoxes[0].content).toContain('writer crashed on purpose (test)')
  })
})
