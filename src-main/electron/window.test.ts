import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { FakeBrowserWindow, resetFakeElectron } from '../testing/fake-electron'
import { secureWebPreferences } from './security'
import { createMainWindow, enterWall, focusWindow, mainWindowOptions, preloadPathFor, toggleWall, trackWindowState, SAVE_DELAY_MS } from './window'
import type { WindowState } from './window-state'

vi.mock('electron', async () => (await import('../testing/fake-electron')).fakeElectron)

beforeEach(() => resetFakeElectron())

describe('main window', () => {
  it('uses exactly the secure webPreferences with our preload', () => {
    const o = mainWindowOptions({ preload: '/out/preload/index.js', wall: false })
    expect(o.webPreferences).toEqual(secureWebPreferences('/out/preload/index.js'))
    expect(o.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true })
    expect(o.show).toBe(false)
    expect(o.kiosk).toBe(false)
  })

  it('loads the renderer URL and shows itself when ready', () => {
    const win = createMainWindow({ preload: '/p.js', url: 'app://noc/index.html', wall: false }) as unknown as FakeBrowserWindow
    expect(win.loadedUrl).toBe('app://noc/index.html')
    expect(win.visible).toBe(false)
    win.emit('ready-to-show')
    expect(win.visible).toBe(true)
  })

  it('wall mode is kiosk + fullscreen, and can be toggled off', () => {
    const win = createMainWindow({ preload: '/p.js', url: 'app://noc/index.html?wall=1', wall: true }) as unknown as FakeBrowserWindow
    expect(win.options).toMatchObject({ kiosk: true, fullscreen: true })
    expect(toggleWall(win as never)).toBe(false)
    expect(win.kiosk).toBe(false)
    expect(win.fullScreen).toBe(false)
  })

  it('focusWindow restores a minimized console', () => {
    const win = new FakeBrowserWindow({})
    win.minimize()
    focusWindow(win as never)
    expect(win).toMatchObject({ minimized: false, visible: true, focused: true })
  })

  it('finds the built preload next to main, preferring .cjs', () => {
    const out = mkdtempSync(join(tmpdir(), 'noc-out-'))
    mkdirSync(join(out, 'preload'))
    expect(preloadPathFor(join(out, 'main'))).toBe(join(out, 'preload', 'index.js'))
    writeFileSync(join(out, 'preload', 'index.cjs'), '')
    expect(preloadPathFor(join(out, 'main'))).toBe(join(out, 'preload', 'index.cjs'))
  })

  it('wall on a display: leaves maximised/fullscreen first, moves there, then kiosk + fullscreen', () => {
    const win = new FakeBrowserWindow({})
    win.maximize()
    const calls: string[] = []
    for (const m of ['unmaximize', 'setBounds', 'setKiosk', 'setFullScreen'] as const) {
      const orig = (win as any)[m].bind(win)
      ;(win as any)[m] = (...a: unknown[]) => {
        calls.push(m)
        return orig(...a)
      }
    }
    const display = { id: 2, bounds: { x: 1920, y: 0, width: 2560, height: 1440 }, workArea: { x: 1920, y: 0, width: 2560, height: 1400 } }
    enterWall(win as never, display)
    expect(calls).toEqual(['unmaximize', 'setBounds', 'setKiosk', 'setFullScreen'])
    expect(win).toMatchObject({ kiosk: true, fullScreen: true, bounds: display.bounds })
  })
})

describe('window state tracking', () => {
  const displays = () => [{ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1050 } }]
  const setup = () => {
    const saved: WindowState[] = []
    const pending: { ms: number; fn: () => void; cancelled: boolean }[] = []
    const win = new FakeBrowserWindow({ width: 1000, height: 700 })
    trackWindowState(win as never, {
      file: { load: () => null, save: (s) => void saved.push(s) },
      displays,
      later: (ms, fn) => {
        const t = { ms, fn, cancelled: false }
        pending.push(t)
        return () => void (t.cancelled = true)
      },
    })
    const flush = () => pending.filter((t) => !t.cancelled).forEach((t) => ((t.cancelled = true), t.fn()))
    return { win, saved, pending, flush }
  }

  it('saves once after a burst of moves (debounced), and at close', () => {
    const { win, saved, pending, flush } = setup()
    for (let x = 0; x < 20; x++) win.setBounds({ x })
    expect(pending.filter((t) => !t.cancelled)).toHaveLength(1)
    expect(pending[0].ms).toBe(SAVE_DELAY_MS)
    flush()
    expect(saved).toEqual([{ bounds: { x: 19, y: 0, width: 1000, height: 700 }, maximized: false, displayId: 1 }])
    win.maximize()
    win.close()
    expect(saved.at(-1)).toMatchObject({ maximized: true })
  })

  it('does not save the wall (kiosk) or a minimised window', () => {
    const { win, saved, flush } = setup()
    win.setKiosk(true)
    win.setBounds({ x: 5 })
    flush()
    win.setKiosk(false)
    win.minimize()
    win.close()
    expect(saved).toEqual([])
  })
})
