import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { DesktopSettings } from '@shared/api/desktop'
import { handleDesktop } from './desktop-ipc'
import { createDesktopSettings } from './desktop-settings'
import { FakeBrowserWindow, resetFakeElectron } from '../testing/fake-electron'
import type { LoginItems } from './login-item'

vi.mock('electron', async () => (await import('../testing/fake-electron')).fakeElectron)

const disp = (id: number, label: string, x: number) => ({ id, label, bounds: { x, y: 0, width: 1920, height: 1080 }, workArea: { x, y: 0, width: 1920, height: 1050 } })
const login = (supported = true): LoginItems & { on: boolean } => {
  const l = { supported, on: false, get: () => l.on, set: (v: boolean) => void (l.on = v) }
  return l
}
const make = (file = join(mkdtempSync(join(tmpdir(), 'noc-ds-')), 'desktop-settings.json'), items = login()) => ({
  file,
  items,
  store: createDesktopSettings({ file, loginItems: items, displays: () => ({ all: [disp(1, 'Built-in', 0), disp(9, 'DELL', 1920)], primary: disp(1, 'Built-in', 0) }), defaultOperator: 'os-user' }),
})

beforeEach(() => resetFakeElectron())

describe('desktop settings', () => {
  it('reports start at login from the OS, the operator (OS user by default) and the displays', () => {
    const { store } = make()
    const s = store.get()
    expect(DesktopSettings.parse(s)).toEqual(s)
    expect(s).toEqual({
      openAtLogin: false,
      loginItemSupported: true,
      operator: 'os-user',
      wallDisplay: null,
      displays: [
        { id: 1, name: 'Display 1: Built-in 1920×1080', primary: true },
        { id: 9, name: 'Display 2: DELL 1920×1080', primary: false },
      ],
    })
  })

  it('applies a patch, keeps operator and wall display across restarts, and reads login state back from the OS', () => {
    const { store, file, items } = make()
    expect(store.set({ openAtLogin: true, operator: '  Dana ', wallDisplay: '2' })).toMatchObject({ openAtLogin: true, operator: 'Dana', wallDisplay: '2' })
    expect(items.on).toBe(true)
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ operator: 'Dana', wallDisplay: '2' })
    const again = make(file, items).store
    expect(again.operator()).toBe('Dana')
    expect(again.wallDisplay()).toBe('2')
    expect(again.set({ wallDisplay: null }).wallDisplay).toBeNull()
  })

  it('refuses bad input with issues, and start at login where there is none', () => {
    const { store } = make(undefined, login(false))
    expect(() => store.set({ operator: '' })).toThrow(expect.objectContaining({ status: 400, issues: [expect.objectContaining({ path: 'operator' })] }))
    expect(() => store.set({ surprise: 1 })).toThrow(expect.objectContaining({ status: 400 }))
    expect(() => store.set({ openAtLogin: true })).toThrow(expect.objectContaining({ status: 409 }))
    expect(store.get()).toMatchObject({ openAtLogin: false, loginItemSupported: false })
  })
})

describe('noc:desktop handler', () => {
  const win = () => new FakeBrowserWindow({})
  it('answers our window; refuses other windows, subframes and foreign origins', () => {
    const { store } = make()
    const w = win()
    const target = { webContents: w.webContents as never, trustedOrigin: 'app://noc' }
    const ours = { sender: w.webContents as never, senderFrame: { url: 'app://noc/index.html', parent: null } as never }
    const changed = vi.fn()
    expect(handleDesktop(store, ours, target, 'get', undefined)).toMatchObject({ ok: true, output: { operator: 'os-user' } })
    expect(handleDesktop(store, ours, target, 'set', { operator: 'Dana' }, undefined, changed)).toMatchObject({ ok: true, output: { operator: 'Dana' } })
    expect(changed).toHaveBeenCalledTimes(1)
    expect(handleDesktop(store, ours, target, 'delete', {})).toMatchObject({ ok: false, error: 'unknown method' })
    expect(handleDesktop(store, ours, target, 'set', { operator: 42 })).toMatchObject({ ok: false, error: 'invalid input', issues: [{ path: 'operator' }] })
    const other = win()
    expect(handleDesktop(store, { sender: other.webContents as never, senderFrame: ours.senderFrame }, target, 'set', { openAtLogin: true })).toMatchObject({ ok: false, error: 'forbidden' })
    expect(handleDesktop(store, { ...ours, senderFrame: { url: 'app://noc/x', parent: {} } as never }, target, 'get', undefined)).toMatchObject({ ok: false, error: 'forbidden' })
    expect(handleDesktop(store, { ...ours, senderFrame: { url: 'https://evil.example/', parent: null } as never }, target, 'get', undefined)).toMatchObject({ ok: false, error: 'forbidden' })
    expect(store.get().openAtLogin).toBe(false)
  })
})
