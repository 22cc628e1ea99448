/**
 * Sandboxed preload: exposes exactly `window.noc = { call, onDelta, desktop: { getSettings, setSettings } }` — a
 * finite object, never ipcRenderer or an IPC event (whose `sender` would hand the page ipcRenderer back).
 * Validation happens in the main process.
 */
import { contextBridge, ipcRenderer } from 'electron'
import type { IpcRendererEvent } from 'electron'
import type { Delta } from '@shared/api/contract'
import type { NocBridge } from '@shared/api/bridge'
import type { DesktopSettingsPatch } from '@shared/api/desktop'
import { CALL_CHANNEL, DELTA_CHANNEL, DESKTOP_CHANNEL, NocCallError, unwrapReply } from './ipc-protocol'

const bridge = {
  call: async (method: string, input: unknown): Promise<unknown> => {
    if (typeof method !== 'string') throw new NocCallError('unknown method', [{ path: 'method', message: 'must be a string' }])
    return unwrapReply(await ipcRenderer.invoke(CALL_CHANNEL, method, input))
  },
  onDelta: (cb: (d: Delta) => void): (() => void) => {
    if (typeof cb !== 'function') throw new TypeError('onDelta needs a callback')
    const listener = (_event: IpcRendererEvent, delta: Delta) => cb(delta)
    ipcRenderer.on(DELTA_CHANNEL, listener)
    return () => {
      ipcRenderer.removeListener(DELTA_CHANNEL, listener)
    }
  },
  desktop: {
    getSettings: async (): Promise<unknown> => unwrapReply(await ipcRenderer.invoke(DESKTOP_CHANNEL, 'get')),
    setSettings: async (patch: DesktopSettingsPatch): Promise<unknown> => unwrapReply(await ipcRenderer.invoke(DESKTOP_CHANNEL, 'set', patch)),
  },
} satisfies NocBridge

contextBridge.exposeInMainWorld('noc', bridge)
