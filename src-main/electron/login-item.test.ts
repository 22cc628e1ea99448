import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { autostartEntry, autostartPath, createLoginItems, execQuote, launchCommand, type LaunchContext } from './login-item'

const ctx = (o: Partial<LaunchContext> = {}): LaunchContext => ({
  platform: 'linux',
  isPackaged: true,
  execPath: '/opt/NOC console/noc-console',
  appPath: '/opt/NOC console/resources/app.asar',
  env: {},
  homedir: '/home/op',
  ...o,
})
const fakeApp = () => {
  let on = false
  return {
    setLoginItemSettings: vi.fn((s: { openAtLogin: boolean }) => void (on = s.openAtLogin)),
    getLoginItemSettings: vi.fn(() => ({ openAtLogin: on })),
  }
}

describe('launch command', () => {
  it('installed: the app itself; an AppImage through its own file; dev: electron + the project folder', () => {
    expect(launchCommand(ctx())).toEqual(['/opt/NOC console/noc-console'])
    expect(launchCommand(ctx({ env: { APPIMAGE: '/home/op/Apps/NOC-console.AppImage' } }))).toEqual(['/home/op/Apps/NOC-console.AppImage'])
    expect(launchCommand(ctx({ isPackaged: false, execPath: '/p/node_modules/electron/dist/electron', appPath: '/p' }))).toEqual(['/p/node_modules/electron/dist/electron', '/p'])
  })
})

describe('XDG autostart (Linux)', () => {
  it('lives in $XDG_CONFIG_HOME/autostart, else ~/.config/autostart', () => {
    expect(autostartPath({ env: {}, homedir: '/home/op' })).toBe('/home/op/.config/autostart/noc-console.desktop')
    expect(autostartPath({ env: { XDG_CONFIG_HOME: '/cfg' }, homedir: '/home/op' })).toBe('/cfg/autostart/noc-console.desktop')
  })

  it('quotes Exec arguments per the Desktop Entry spec', () => {
    expect(execQuote('/usr/bin/noc')).toBe('/usr/bin/noc')
    expect(execQuote('/opt/NOC console/noc')).toBe('"/opt/NOC console/noc"')
    expect(execQuote('/x/$HOME"`\\y')).toBe('"/x/\\$HOME\\"\\`\\\\y"')
    expect(autostartEntry(['/opt/NOC console/noc'])).toContain('Exec="/opt/NOC console/noc"\n')
  })

  it('on = the file exists; switching writes and removes it', () => {
    const home = mkdtempSync(join(tmpdir(), 'noc-home-'))
    const items = createLoginItems(fakeApp(), ctx({ homedir: home }))
    expect(items.supported).toBe(true)
    expect(items.get()).toBe(false)
    items.set(true)
    expect(items.get()).toBe(true)
    const entry = readFileSync(join(home, '.config', 'autostart', 'noc-console.desktop'), 'utf8')
    expect(entry).toMatch(/^\[Desktop Entry\]\nType=Application\nName=NOC console\n/)
    items.set(false)
    expect(items.get()).toBe(false)
    items.set(false) // idempotent
  })
})

describe('login items (Windows, macOS)', () => {
  it('Windows registers and reads back with the same path + args (dev: electron.exe + project folder)', () => {
    const app = fakeApp()
    const items = createLoginItems(app, ctx({ platform: 'win32', isPackaged: false, execPath: 'C:\\p\\electron.exe', appPath: 'C:\\p' }))
    items.set(true)
    expect(app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true, path: 'C:\\p\\electron.exe', args: ['C:\\p'] })
    expect(items.get()).toBe(true)
    expect(app.getLoginItemSettings).toHaveBeenCalledWith({ path: 'C:\\p\\electron.exe', args: ['C:\\p'] })
  })

  it('macOS: the installed app only (a dev login item would open Electron without the project)', () => {
    const app = fakeApp()
    expect(createLoginItems(app, ctx({ platform: 'darwin', isPackaged: false })).supported).toBe(false)
    const items = createLoginItems(app, ctx({ platform: 'darwin' }))
    items.set(true)
    expect(app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true })
    expect(items.get()).toBe(true)
  })
})
