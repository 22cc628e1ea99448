import { createIpcTransport } from './ipc'
import type { Transport } from './transport'
import { createWsTransport } from './ws'

/** Electron (preload bridge present) → IPC; any browser or wall display → WebSocket to the serving host. */
export const createTransport = (): Transport => {
  const bridge = typeof window !== 'undefined' ? window.noc : undefined
  return bridge ? createIpcTransport(bridge) : createWsTransport()
}
