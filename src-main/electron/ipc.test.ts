import { beforeEach, describe, expect, it, vi } from 'vitest'
import { contract, type Delta, type Method } from '@shared/api/contract'
import type { CallMeta, Hub } from '../app/hub'
import { fakeHub as bareHub } from '../testing/fake-hub'
import { badInput, notFound } from '@shared/api/errors'
import { FakeBrowserWindow, FakeWebContents, fakeIpcMain, resetFakeElectron, type FakeFrame } from '../testing/fake-electron'
import { forwardDeltas, handleCall, isContractMethod, registerIpc, type IpcTarget } from './ipc'
import { CALL_CHANNEL, DELTA_CHANNEL } from './ipc-protocol'

vi.mock('electron', async () => (await import('../testing/fake-electron')).fakeElectron)

const ORIGIN = 'app://noc'
const health = { status: 'ok', version: '0.1.0', uptimeSec: 1, seq: 7, db: { path: '/d/noc.db', walMode: true } }

/** A hub that behaves like the real one at the boundary: parses with the contract, throws ContractError. */
const fakeHub = () => {
  const calls: { method: string; input: unknown; meta?: CallMeta }[] = []
  const call = vi.fn(async (method: Method, input: unknown, meta?: CallMeta) => {
    calls.push({ method, input, meta })
    const parsed = contract[method].input.safeParse(input ?? {})
    if (!parsed.success) throw badInput(parsed.error)
    if (method === 'health.get') return health
    if (method === 'alerts.get') throw notFound(`alert ${(parsed.data as { id: number }).id}`)
    if (method === 'clients.list') throw new Error('SQLITE_CORRUPT: secret path /home/op/noc.db')
    return null
  })
  const fake = bareHub({ call: call as unknown as Hub['call'] })
  return Object.assign(fake.hub, { calls, listeners: fake.listeners, push: fake.push })
}

const quiet = () => {}

describe('IPC handler', () => {
  let win: FakeBrowserWindow
  let hub: ReturnType<typeof fakeHub>
  let target: IpcTarget
  const ours = (): { sender: FakeWebContents; senderFrame: FakeFrame } => ({ sender: win.webContents, senderFrame: { url: 'app://noc/index.html', parent: null } })
  const call = (event: object, method: unknown, input?: unknown) => handleCall(hub, event as never, target, method, input, quiet)

  beforeEach(() => {
    resetFakeElectron()
    win = new FakeBrowserWindow({})
    hub = fakeHub()
    target = { webContents: win.webContents as never, trustedOrigin: ORIGIN }
  })

  it('answers a good call with the output and tags the transport', async () => {
    expect(await call(ours(), 'health.get', {})).toEqual({ ok: true, output: health })
    expect(hub.calls[0].meta).toEqual({ transport: 'ipc' })
  })

  it('rejects a call from another webContents, even one showing our page', async () => {
    const other = new FakeBrowserWindow({})
    const reply = await call({ sender: other.webContents, senderFrame: { url: 'app://noc/index.html', parent: null } }, 'health.get', {})
    expect(reply).toMatchObject({ ok: false, error: 'forbidden' })
    expect(hub.call).not.toHaveBeenCalled()
  })

  it.each([
    ['a foreign origin', { url: 'https://evil.example/', parent: null }],
    ['a file:// page', { url: 'file:///tmp/x.html', parent: null }],
    ['a subframe', { url: 'app://noc/index.html', parent: { url: 'app://noc/index.html', parent: null } }],
    ['a destroyed frame', null],
  ])('rejects %s in our window', async (_what, senderFrame) => {
    const reply = await call({ sender: win.webContents, senderFrame }, 'health.get', {})
    expect(reply).toMatchObject({ ok: false, error: 'forbidden' })
    expect(hub.call).not.toHaveBeenCalled()
  })

  it('rejects everything when there is no window', async () => {
    expect(await handleCall(hub, ours() as never, null, 'health.get', {}, quiet)).toMatchObject({ ok: false, error: 'forbidden' })
  })

  it.each(['nope', '__proto__', 'constructor', 'toString', 42, null, undefined])('rejects unknown method %s', async (method) => {
    const reply = await call(ours(), method, {})
    expect(reply).toMatchObject({ ok: false, error: 'unknown method', issues: [{ path: 'method' }] })
    expect(hub.call).not.toHaveBeenCalled()
  })

  it('returns the contract issues for bad input', async () => {
    const reply = await call(ours(), 'alerts.get', { id: 'not-a-number' })
    expect(reply).toMatchObject({ ok: false, error: 'invalid input', issues: [{ path: 'id' }] })
  })

  it('passes domain errors (404) through with their message', async () => {
    expect(await call(ours(), 'alerts.get', { id: 5 })).toEqual({ ok: false, error: 'alert 5 not found', issues: [] })
  })

  it('turns unexpected errors into "internal error" without leaking details', async () => {
    const log = vi.fn()
    const reply = await handleCall(hub, ours() as never, target, 'clients.list', {}, log)
    expect(reply).toEqual({ ok: false, error: 'internal error', issues: [] })
    expect(JSON.stringify(reply)).not.toContain('secret')
    expect(log).toHaveBeenCalledWith('clients.list failed', expect.any(Error))
  })

  it('knows exactly the contract methods', () => {
    for (const m of Object.keys(contract)) expect(isContractMethod(m)).toBe(true)
    expect(isContractMethod('hasOwnProperty')).toBe(false)
  })

  it('registers one channel and answers through it', async () => {
    const unregister = registerIpc(hub, () => target, quiet)
    expect([...fakeIpcMain.handlers.keys()]).toEqual([CALL_CHANNEL])
    expect(await fakeIpcMain.invoke(CALL_CHANNEL, ours(), 'health.get', {})).toEqual({ ok: true, output: health })
    const foreign = new FakeBrowserWindow({})
    expect(await fakeIpcMain.invoke(CALL_CHANNEL, { sender: foreign.webContents, senderFrame: { url: 'app://noc/', parent: null } }, 'health.get', {})).toMatchObject({
      ok: false,
      error: 'forbidden',
    })
    unregister()
    expect(fakeIpcMain.handlers.size).toBe(0)
  })
})

describe('delta forwarding', () => {
  beforeEach(() => resetFakeElectron())

  it('sends each delta to the window and stops when the window is gone', () => {
    const hub = fakeHub()
    const win = new FakeBrowserWindow({})
    forwardDeltas(hub, win.webContents as never)
    const delta: Delta = { type: 'delta', seq: 1, alerts: [], clients: [], incidents: [], problems: [] }
    hub.push(delta)
    expect(win.webContents.sent).toEqual([{ channel: DELTA_CHANNEL, args: [delta] }])
    win.close()
    expect(hub.listeners.size).toBe(0)
  })

  it('unsubscribes on demand', () => {
    const hub = fakeHub()
    const win = new FakeBrowserWindow({})
    const off = forwardDeltas(hub, win.webContents as never)
    off()
    expect(hub.listeners.size).toBe(0)
  })
})
