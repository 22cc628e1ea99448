import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { FakeBrowserWindow, resetFakeElectron } from '../testing/fake-electron'
import { secureWebPreferences } from './security'
import { createMainWindow, focusWindow, mainWindowOptions, preloadPathFor, toggleWall } from './window'

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
})
