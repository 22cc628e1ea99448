/**
 * The desktop app's own settings, between the renderer's Settings view and the Electron main process
 * (`window.noc.desktop`, channel `noc:desktop`, sender-checked like every IPC call). Not part of the contract:
 * they describe this machine (start at login, which monitor the wall uses, who acks from a notification), which
 * means nothing to a browser or to `serve`.
 */
import { z } from 'zod'

export const DesktopDisplay = z.object({
  id: z.number(),
  /** "Display 2: DELL U2720Q 2560×1440" */
  name: z.string(),
  primary: z.boolean(),
})
export type DesktopDisplay = z.infer<typeof DesktopDisplay>

export const DesktopSettings = z.object({
  /** Start the console when the operator logs in (macOS/Windows login items, Linux XDG autostart). */
  openAtLogin: z.boolean(),
  loginItemSupported: z.boolean(),
  /** Who a notification's or the tray's Ack is recorded as (the console's "Your name"). */
  operator: z.string(),
  /** `--display` for wall mode when none is given on the command line: 1-based position, id or label part. */
  wallDisplay: z.string().nullable(),
  displays: z.array(DesktopDisplay),
})
export type DesktopSettings = z.infer<typeof DesktopSettings>

export const DesktopSettingsPatch = z
  .object({
    openAtLogin: z.boolean().optional(),
    operator: z.string().trim().min(1).max(100).optional(),
    wallDisplay: z.string().trim().max(200).nullable().optional(),
  })
  .strict()
export type DesktopSettingsPatch = z.infer<typeof DesktopSettingsPatch>

/** What the preload exposes as `window.noc.desktop` (absent in a browser). */
export interface DesktopBridge {
  getSettings(): Promise<unknown>
  setSettings(patch: DesktopSettingsPatch): Promise<unknown>
}
