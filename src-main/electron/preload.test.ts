import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Delta } from '@shared/api/contract'
import type { NocBridge } from '@shared/api/bridge'
import { fakeIpcRenderer, fakeState, resetFakeElectron } from '../testing/fake-electron'
import { CALL_CHANNEL, DELTA_CHANNEL, DESKTOP_CHANNEL, NocCallError } from './ipc-protocol'

vi.mock('electron', async () => (await import('../testing/fake-electron')).fakeElectron)

let noc: NocBridge

beforeAll(async () => {
  resetFakeElectron()
  await import('./preload') // side effect: exposeInMainWorld
  noc = fakeState.exposed.noc as NocBridge
})

beforeEach(() => {
  fakeIpcRenderer.removeAllListeners()
  fakeIpcRenderer.invoked = []
})

describe('preload bridge', () => {
  it('exposes exactly window.noc = { call, onDelta, desktop: { getSettings, setSettings } } and nothing else', () => {
    expect(Object.keys(fakeState.exposed)).toEqual(['noc'])
    expect(Object.keys(noc).sort()).toEqual(['call', 'desktop', 'onDelta'])
    expect(Object.keys(noc.desktop!).sort()).toEqual(['getSettings', 'setSettings'])
    const fns = [noc.call, noc.onDelta, noc.desktop!.getSettings, noc.desktop!.setSettings]
    expect(fns.every((v) => typeof v === 'function')).toBe(true)
    expect([...Object.values(noc), ...Object.values(noc.desktop!)]).not.toContain(fakeIpcRenderer)
  })

  it('desktop settings go over their own channel, unwrapped like calls', async () => {
    fakeIpcRenderer.reply = async (_c: string, op: string) => ({ ok: true, output: { op } })
    await expect(noc.desktop!.getSettings()).resolves.toEqual({ op: 'get' })
    await expect(noc.desktop!.setSettings({ openAtLogin: true })).resolves.toEqual({ op: 'set' })
    expect(fakeIpcRenderer.invoked).toEqual([
      { channel: DESKTOP_CHANNEL, args: ['get'] },
      { channel: DESKTOP_CHANNEL, args: ['set', { openAtLogin: true }] },
    ])
    fakeIpcRenderer.reply = async () => ({ ok: false, error: 'forbidden', issues: [{ path: '(sender)', message: 'sender is a subframe' }] })
    await expect(noc.desktop!.getSettings()).rejects.toMatchObject({ error: 'forbidden' })
  })

  it('call invokes the one channel and resolves with the output', async () => {
    fakeIpcRenderer.reply = async () => ({ ok: true, output: { status: 'ok' } })
    await expect(noc.call('health.get', {})).resolves.toEqual({ status: 'ok' })
    expect(fakeIpcRenderer.invoked).toEqual([{ channel: CALL_CHANNEL, args: ['health.get', {}] }])
  })

  it('call rejects with an Error carrying the issues (and naming them in the message)', async () => {
    fakeIpcRenderer.reply = async () => ({ ok: false, error: 'invalid input', issues: [{ path: 'id', message: 'Expected number' }] })
    const err = await noc.call('alerts.get', { id: 'x' }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(NocCallError)
    expect(err).toMatchObject({ error: 'invalid input', issues: [{ path: 'id', message: 'Expected number' }] })
    expect((err as Error).message).toBe('invalid input: id: Expected number')
  })

  it('treats a malformed reply as a failure', async () => {
    fakeIpcRenderer.reply = async () => 'surprise'
    await expect(noc.call('health.get', {})).rejects.toThrow(/malformed reply/)
    fakeIpcRenderer.reply = async () => ({ ok: false, error: 'x', issues: [{ path: 1 }, { path: 'a', message: 'b' }] })
    await expect(noc.call('health.get', {})).rejects.toMatchObject({ issues: [{ path: 'a', message: 'b' }] })
  })

  it('refuses a non-string method without touching IPC', async () => {
    await expect(noc.call(42 as never, {})).rejects.toBeInstanceOf(NocCallError)
    expect(fakeIpcRenderer.invoked).toEqual([])
  })

  it('onDelta hands the page the delta only — never the IPC event — until unsubscribed', () => {
    const got: unknown[][] = []
    const off = noc.onDelta((...args: unknown[]) => void got.push(args))
    const delta: Delta = { type: 'delta', seq: 3, alerts: [], clients: [], incidents: [], problems: [] }
    fakeIpcRenderer.emit(DELTA_CHANNEL, { sender: fakeIpcRenderer }, delta)
    expect(got).toEqual([[delta]])
    off()
    fakeIpcRenderer.emit(DELTA_CHANNEL, { sender: fakeIpcRenderer }, delta)
    expect(got).toHaveLength(1)
    expect(fakeIpcRenderer.listenerCount(DELTA_CHANNEL)).toBe(0)
  })
})
