/**
 * Inside the Electron app, the main process acks from places the renderer never sees (a notification's Ack
 * button, the tray menu). It records them as the operator named in this console's settings, so the name is
 * handed over at start and on every change. The untouched default ("operator") is not: main then uses the OS
 * account name, which says more than the placeholder.
 */
import type { DesktopBridge } from '@shared/api/desktop'
import { defaultSettings } from '../store/settings-slice'
import type { NocStore } from '../store/store'

export const startDesktopSync = (store: NocStore, bridge: DesktopBridge | undefined = globalThis.window?.noc?.desktop): (() => void) => {
  if (!bridge) return () => {}
  let sent: string | undefined
  const push = (raw: string) => {
    const name = raw.trim().slice(0, 100)
    if (!name || name === sent || name === defaultSettings.operator) return
    sent = name
    bridge.setSettings({ operator: name }).catch((e: unknown) => {
      sent = undefined
      console.warn('could not tell the desktop app the operator name', e)
    })
  }
  push(store.getState().settings.operator)
  return store.subscribe((s, prev) => {
    if (s.settings.operator !== prev.settings.operator) push(s.settings.operator)
  })
}
