import type { Severity } from '@shared/model/severity'
import type { SliceCreator } from './types'

/**
 * Per-console preferences, kept in localStorage (each wall display and each operator's browser has its own).
 * Missing or malformed stored values fall back to the defaults field by field.
 */
export interface Settings {
  /** Who acts: the `by` of every ack, note, escalation and resolve sent from this console. */
  operator: string
  /** Master mute for the attention sounds. */
  muted: boolean
  /** Severities that sound (critical and major by default; minor and below stay quiet). */
  soundSeverities: Severity[]
  /** Seconds between repeats of the sound while something urgent is unacknowledged. */
  repeatSec: number
  /** Desktop notifications for new P1/P2 incidents and escalations. */
  notifications: boolean
  /** Wall mode: seconds per page when the clients do not fit one screen (0 = no rotation). */
  rotateSec: number
  /** An operator counts as away (for "missed while away") after this many minutes without input. */
  awayMin: number
}

export const defaultSettings: Settings = {
  operator: 'operator',
  muted: false,
  soundSeverities: ['critical', 'major'],
  repeatSec: 30,
  notifications: true,
  rotateSec: 15,
  awayMin: 5,
}

const KEY = 'noc.settings.v1'

const storage = (): Storage | undefined => {
  try {
    return globalThis.localStorage
  } catch {
    return undefined // blocked storage (privacy mode, sandboxed iframe)
  }
}

/** Validate field by field: a bad stored value loses only itself. */
export const readSettings = (raw: string | null | undefined): Settings => {
  let v: Record<string, unknown> = {}
  try {
    const parsed = raw ? JSON.parse(raw) : {}
    if (parsed && typeof parsed === 'object') v = parsed
  } catch {
    // corrupt: defaults
  }
  const str = (x: unknown, d: string) => (typeof x === 'string' && x.trim() ? x.trim().slice(0, 200) : d)
  const num = (x: unknown, d: number, min: number, max: number) => (typeof x === 'number' && Number.isFinite(x) ? Math.min(max, Math.max(min, x)) : d)
  const bool = (x: unknown, d: boolean) => (typeof x === 'boolean' ? x : d)
  const sev = Array.isArray(v.soundSeverities) ? (v.soundSeverities.filter((s) => typeof s === 'string') as Severity[]) : defaultSettings.soundSeverities
  return {
    operator: str(v.operator, defaultSettings.operator),
    muted: bool(v.muted, defaultSettings.muted),
    soundSeverities: sev,
    repeatSec: num(v.repeatSec, defaultSettings.repeatSec, 5, 3600),
    notifications: bool(v.notifications, defaultSettings.notifications),
    rotateSec: num(v.rotateSec, defaultSettings.rotateSec, 0, 600),
    awayMin: num(v.awayMin, defaultSettings.awayMin, 1, 240),
  }
}

export interface SettingsSlice {
  settings: Settings
  updateSettings(patch: Partial<Settings>): void
}

export const createSettingsSlice: SliceCreator<SettingsSlice> = (set) => ({
  settings: readSettings(storage()?.getItem(KEY)),
  updateSettings: (patch) =>
    set((s) => {
      const settings = readSettings(JSON.stringify({ ...s.settings, ...patch }))
      try {
        storage()?.setItem(KEY, JSON.stringify(settings))
      } catch {
        // full or blocked: the setting holds for this session
      }
      return { settings }
    }),
})
