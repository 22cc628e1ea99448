/**
 * The desktop settings behind `window.noc.desktop` (src-shared/api/desktop.ts): start at login (read from and
 * written to the OS), the wall's display and the operator name for acks made outside the console window
 * (notification buttons, the tray menu), kept in userData/desktop-settings.json.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { DesktopSettingsPatch, type DesktopSettings } from '@shared/api/desktop'
import { ContractError, badInput } from '@shared/api/errors'
import { displayName, type DisplayInfo } from './displays'
import type { LoginItems } from './login-item'

interface Stored {
  operator?: string
  wallDisplay?: string | null
}

export interface DesktopSettingsDeps {
  file: string
  loginItems: LoginItems
  displays(): { all: DisplayInfo[]; primary: DisplayInfo }
  /** The OS user, when the operator never set a name. */
  defaultOperator: string
  log?: (m: string) => void
}

export interface DesktopSettingsStore {
  get(): DesktopSettings
  /** Validates with DesktopSettingsPatch (throws a 400 ContractError with issues), applies, returns the result. */
  set(patch: unknown): DesktopSettings
  operator(): string
  wallDisplay(): string | undefined
}

const load = (file: string): Stored => {
  try {
    const o = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
    return {
      operator: typeof o.operator === 'string' && o.operator.trim() ? o.operator.trim().slice(0, 100) : undefined,
      wallDisplay: typeof o.wallDisplay === 'string' ? o.wallDisplay : null,
    }
  } catch {
    return {}
  }
}

export const createDesktopSettings = (d: DesktopSettingsDeps): DesktopSettingsStore => {
  let stored = load(d.file)
  const save = () => {
    try {
      mkdirSync(dirname(d.file), { recursive: true })
      writeFileSync(`${d.file}.tmp`, `${JSON.stringify(stored)}\n`)
      renameSync(`${d.file}.tmp`, d.file)
    } catch (e) {
      d.log?.(`could not save ${d.file}: ${String(e)}`)
    }
  }
  const get = (): DesktopSettings => {
    const { all, primary } = d.displays()
    return {
      openAtLogin: d.loginItems.supported && d.loginItems.get(),
      loginItemSupported: d.loginItems.supported,
      operator: stored.operator ?? d.defaultOperator,
      wallDisplay: stored.wallDisplay ?? null,
      displays: all.map((x, i) => ({ id: x.id, name: displayName(x, i), primary: x.id === primary.id })),
    }
  }
  return {
    get,
    set(patch) {
      const p = DesktopSettingsPatch.safeParse(patch ?? {})
      if (!p.success) throw badInput(p.error)
      if (p.data.openAtLogin !== undefined) {
        if (!d.loginItems.supported) throw new ContractError(409, 'start at login is not available here', [{ path: 'openAtLogin', message: 'this platform has no login items for a development build' }])
        d.loginItems.set(p.data.openAtLogin)
      }
      if (p.data.operator !== undefined || p.data.wallDisplay !== undefined) {
        stored = {
          ...stored,
          ...(p.data.operator !== undefined ? { operator: p.data.operator } : {}),
          ...(p.data.wallDisplay !== undefined ? { wallDisplay: p.data.wallDisplay || null } : {}),
        }
        save()
      }
      return get()
    },
    operator: () => stored.operator ?? d.defaultOperator,
    wallDisplay: () => stored.wallDisplay ?? undefined,
  }
}
