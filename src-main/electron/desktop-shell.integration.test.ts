/**
 * The desktop shell against the REAL engine (startServer: SQLite hub + webhook listener), with only Electron
 * faked: what the preload would send over IPC reaches the hub, is parsed by the contract, is committed, and
 * comes back to the window as a delta; quitting closes the database.
 */
import { copyFileSync, mkdtempSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Delta } from '@shared/api/contract'
import { startServer } from '../server'
import { FakeBrowserWindow, fakeApp, fakeIpcMain, resetFakeElectron } from '../testing/fake-electron'
import { startDesktop, type EngineOptions } from './desktop-shell'
import { CALL_CHANNEL, DELTA_CHANNEL } from './ipc-protocol'

vi.mock('electron', async () => (await import('../testing/fake-electron')).fakeElectron)

let closeEngine: (() => Promise<void>) | null = null

beforeEach(() => resetFakeElectron())
afterEach(async () => {
  await closeEngine?.().catch(() => {})
  closeEngine = null
})

describe('desktop shell with the real engine', () => {
  it('IPC call → contract → hub → SQLite → delta to the window; quit closes the engine', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'noc-desktop-'))
    const startEngine = async (o: EngineOptions) => {
      const server = await startServer({ dataDir: o.dataDir, port: 0, host: '127.0.0.1', demo: false, quiet: true, nativeBinding: o.nativeBinding })
      closeEngine = server.close
      return { ...server, close: vi.fn(server.close) }
    }
    // Under Node the "Electron build" is a copy of the Node build in a folder of its own: the engine must open
    // SQLite through the path it is handed (nativeBinding), wherever that is.
    const binding = join(mkdtempSync(join(tmpdir(), 'noc-native-')), 'better_sqlite3.node')
    const pkg = createRequire(import.meta.url).resolve('better-sqlite3/package.json')
    copyFileSync(join(pkg, '..', 'build', 'Release', 'better_sqlite3.node'), binding)
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
    closeEngine = null
  })
})
