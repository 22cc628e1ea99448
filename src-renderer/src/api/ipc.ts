/**
 * Desktop transport: the Electron preload's `window.noc` (src-shared/api/bridge.ts). The main process validates
 * inputs; we still validate what comes back (outputs and deltas), because the renderer trusts nothing it did
 * not compute itself.
 */
import type { Delta } from '@shared/api/contract'
import type { NocBridge } from '@shared/api/bridge'
import { listeners, NocCallError, parseDelta, parseOutput, type InputOf, type LinkStatus, type Method, type OutputOf, type RawOutput, type Transport } from './transport'

declare global {
  interface Window {
    noc?: NocBridge
  }
}

/** Pull `issues` off a rejection when the contextBridge kept them; the message always has them spelled out. */
const toCallError = (e: unknown, method: Method): NocCallError => {
  if (e instanceof NocCallError) return e
  const err = e as { message?: unknown; error?: unknown; issues?: unknown }
  const issues = Array.isArray(err?.issues)
    ? err.issues.filter((i): i is { path: string; message: string } => typeof i?.path === 'string' && typeof i?.message === 'string')
    : []
  const message = typeof err?.error === 'string' ? err.error : typeof err?.message === 'string' ? err.message : String(e)
  // Electron prefixes rejections with "Error invoking remote method '…': "; operators do not need that.
  return new NocCallError(message.replace(/^Error invoking remote method '[^']*': (\w*Error: )?/, ''), issues, method)
}

export const createIpcTransport = (bridge: NocBridge): Transport => {
  const deltaListeners = listeners<Delta>()
  const statusListeners = listeners<LinkStatus>()
  let status: LinkStatus = { state: 'connecting' }
  let unsubscribe: (() => void) | undefined
  let offConnection: (() => void) | undefined
  let dropped = 0

  const setStatus = (next: LinkStatus) => {
    status = next
    statusListeners.emit(next)
  }

  return {
    kind: 'ipc',
    async call<M extends Method>(method: M, input: InputOf<M>): Promise<OutputOf<M>> {
      let output: unknown
      try {
        output = await bridge.call(method, input)
      } catch (e) {
        throw toCallError(e, method)
      }
      return parseOutput(method, output)
    },
    async callRaw(method: Method, input: unknown): Promise<RawOutput> {
      let output: unknown
      try {
        output = await bridge.call(method, input)
      } catch (e) {
        throw toCallError(e, method)
      }
      // A main process that answers with its pre-serialised JSON text saves the structured clone of a value.
      return typeof output === 'string' ? { text: output } : { value: output }
    },
    start() {
      unsubscribe = bridge.onDelta((raw) => {
        const delta = parseDelta(raw)
        if (!delta) {
          if (++dropped <= 5) console.warn('dropped a malformed delta from the main process')
          return
        }
        deltaListeners.emit(delta)
      })
      offConnection = bridge.onConnection?.((c) => {
        // IPC has no `since`: after the main process says it is back, reload a snapshot (resumed: false).
        if (c.state === 'reconnecting') setStatus({ state: 'reconnecting', reason: 'the desktop app is restarting its engine' })
        else setStatus({ state: 'open', demo: c.demo, resumed: false })
      })
      // The bridge exists, so the main process is there: open at once; the feed loads the snapshot.
      setStatus({ state: 'open', resumed: false })
    },
    resumeFrom() {
      // Nothing to remember: the IPC channel does not drop deltas while the window lives.
    },
    onDelta: deltaListeners.add,
    onStatus: statusListeners.add,
    status: () => status,
    close() {
      unsubscribe?.()
      offConnection?.()
      setStatus({ state: 'closed' })
    },
  }
}
