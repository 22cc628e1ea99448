import { describe, expect, it, vi } from 'vitest'
import { createNocStore } from '../store/store'
import { startDesktopSync } from './desktop-sync'

const bridge = () => ({ getSettings: vi.fn(async () => ({})), setSettings: vi.fn(async (_patch: unknown) => ({})) })

describe('desktop operator sync', () => {
  it('hands the operator name to the desktop app at start and on each change, not the placeholder', async () => {
    const store = createNocStore()
    const b = bridge()
    const stop = startDesktopSync(store, b)
    expect(b.setSettings).not.toHaveBeenCalled() // still the default "operator"
    store.getState().updateSettings({ operator: ' Dana ' })
    store.getState().updateSettings({ muted: true })
    store.getState().updateSettings({ operator: 'Dana' })
    expect(b.setSettings.mock.calls).toEqual([[{ operator: 'Dana' }]])
    stop()
    store.getState().updateSettings({ operator: 'Lee' })
    expect(b.setSettings).toHaveBeenCalledTimes(1)
  })

  it('retries a name the main process refused once it changes back', async () => {
    const store = createNocStore()
    store.getState().updateSettings({ operator: 'Dana' })
    const b = bridge()
    b.setSettings.mockRejectedValueOnce(new Error('forbidden'))
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    startDesktopSync(store, b)
    await new Promise((r) => setTimeout(r, 0))
    store.getState().updateSettings({ operator: 'Lee' })
    store.getState().updateSettings({ operator: 'Dana' })
    expect(b.setSettings.mock.calls.map((c) => c[0])).toEqual([{ operator: 'Dana' }, { operator: 'Lee' }, { operator: 'Dana' }])
    warn.mockRestore()
  })

  it('does nothing in a browser (no desktop bridge)', () => {
    expect(startDesktopSync(createNocStore(), undefined)()).toBeUndefined()
  })
})
