/**
 * What the Electron preload exposes to the renderer as `window.noc` (contextBridge):
 * `const bridge = { ... } satisfies NocBridge; contextBridge.exposeInMainWorld('noc', bridge)`.
 * The renderer's IPC transport (src-renderer/src/api/ipc.ts) is its only user.
 *
 * Errors: the main process answers `noc:call` with an envelope (src-main/electron/ipc-protocol.ts `IpcReply`)
 * because Electron mangles exceptions thrown by `ipcMain.handle`; the preload unwraps it and rejects with an
 * Error whose message spells out the issues (contextBridge copies Errors by message only). The renderer reads
 * `issues` when the property survives and falls back to the message.
 *
 * Methods use method syntax on purpose: a preload typed more narrowly (e.g. `onDelta(cb: (d: Delta) => void)`)
 * still satisfies the interface.
 */
import type { Method } from './contract'
import type { DesktopBridge } from './desktop'

/** Link state the main process may report (e.g. while its hub restarts). Absent → the link is always live. */
export interface BridgeConnection {
  state: 'live' | 'reconnecting'
  demo?: boolean
}

export interface NocBridge {
  /** Run one contract method in the main process (input parsed there). Resolves with the method's output. */
  call(method: Method, input: unknown): Promise<unknown>
  /**
   * Coalesced deltas (≤ 10 Hz). The payload is `unknown` to the renderer on purpose: it validates with the
   * contract's `Delta` instead of trusting the other side of the bridge. Returns an unsubscribe function.
   */
  onDelta(listener: (delta: unknown) => void): () => void
  /** Optional link-state pushes. Returns an unsubscribe function. */
  onConnection?(listener: (connection: BridgeConnection) => void): () => void
  /** The desktop app's own settings (start at login, wall display, operator for notification acks). Electron only. */
  desktop?: DesktopBridge
}
