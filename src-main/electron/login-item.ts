/**
 * "Start at login". macOS and Windows have login items (app.setLoginItemSettings); Linux desktops follow the
 * XDG autostart spec instead (a .desktop file in ~/.config/autostart), which Electron does not implement, so we
 * write that file ourselves. The OS is the source of truth: the setting is read back from it, never cached.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

export interface LaunchContext {
  platform: string
  isPackaged: boolean
  /** process.execPath: the app (packaged) or the electron binary (dev). */
  execPath: string
  /** app.getAppPath(): the project folder in dev. */
  appPath: string
  env: Record<string, string | undefined>
  homedir: string
}

/** The command that starts this console again: an AppImage is started through its own file, not the mount. */
export const launchCommand = (c: LaunchContext): string[] => {
  if (c.isPackaged) return [c.env.APPIMAGE || c.execPath]
  return [c.execPath, c.appPath]
}

export const autostartPath = (c: Pick<LaunchContext, 'env' | 'homedir'>): string =>
  join(c.env.XDG_CONFIG_HOME || join(c.homedir, '.config'), 'autostart', 'noc-console.desktop')

/** Desktop Entry `Exec` quoting: reserved characters need double quotes, and `"` `` ` `` `$` `\` a backslash. */
export const execQuote = (arg: string): string => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `"${arg.replace(/(["`$\\])/g, '\\$1')}"`)

export const autostartEntry = (command: readonly string[]): string =>
  [
    '[Desktop Entry]',
    'Type=Application',
    'Name=NOC console',
    'Comment=Multi-client alert wall and incident console',
    `Exec=${command.map(execQuote).join(' ')}`,
    'Icon=noc-console',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n')

export interface LoginItemApp {
  setLoginItemSettings(s: { openAtLogin: boolean; path?: string; args?: string[] }): void
  getLoginItemSettings(o?: { path?: string; args?: string[] }): { openAtLogin: boolean }
}

export interface LoginItems {
  readonly supported: boolean
  get(): boolean
  set(on: boolean): void
}

export const createLoginItems = (app: LoginItemApp, c: LaunchContext): LoginItems => {
  if (c.platform === 'linux') {
    const file = autostartPath(c)
    return {
      supported: true,
      get: () => existsSync(file),
      set(on) {
        if (!on) return rmSync(file, { force: true })
        mkdirSync(dirname(file), { recursive: true })
        writeFileSync(file, autostartEntry(launchCommand(c)))
      },
    }
  }
  // A macOS login item opens an app bundle without arguments: in dev that would be Electron's default app, so
  // only the installed app offers it there.
  if (c.platform === 'win32' || (c.platform === 'darwin' && c.isPackaged)) {
    // Windows identifies a login item by path + args, so the same pair is used to set and to read it.
    const [path, ...args] = launchCommand(c)
    const key = c.platform === 'win32' ? { path, args } : {}
    return {
      supported: true,
      get: () => app.getLoginItemSettings(key).openAtLogin,
      set: (on) => app.setLoginItemSettings({ openAtLogin: on, ...key }),
    }
  }
  return { supported: false, get: () => false, set: () => {} }
}
