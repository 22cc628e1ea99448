/**
 * IPC generated from the contract: ONE invoke channel (`noc:call`, method, input) rather than one channel per
 * method. Why: a single choke point where the sender check cannot be forgotten for a newly added method; the
 * preload stays a dumb pipe that needs no method list (no zod in the sandbox); and the allow-list is the
 * contract itself (`Object.hasOwn(contract, method)`), exactly what HTTP and WS use.
 */
import { ipcMain } from 'electron'
import type { IpcMainInvokeEvent, WebContents } from 'electron'
import { contract, type Method, type InputOf } from '@shared/api/contract'
import type { Hub } from '../app/hub'
import { errorBody } from '@shared/api/errors'
import { CALL_CHANNEL, DELTA_CHANNEL, type IpcReply } from './ipc-protocol'
import { isSameOrigin } from './security'

type Log = (msg: string, err?: unknown) => void

/** Who may call: our window's webContents, main frame, showing our origin. */
export interface IpcTarget {
  webContents: WebContents
  trustedOrigin: string
}

type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>

/** Null when the sender is our console; otherwise why not. */
export const senderProblem = (event: SenderEvent, target: IpcTarget | null): string | null => {
  if (!target) return 'no console window'
  // By id, not object identity: ids are unique for the process lifetime, wrapper identity is an implementation detail.
  if (!event.sender || event.sender.id !== target.webContents.id || target.webContents.isDestroyed()) return 'sender is not the console window'
  const frame = event.senderFrame
  if (!frame) return 'sender frame is gone'
  if (frame.parent) return 'sender is a subframe'
  if (!isSameOrigin(frame.url, target.trustedOrigin)) return `sender origin ${JSON.stringify(frame.url.slice(0, 100))} is not the console`
  return null
}

export const isContractMethod = (m: unknown): m is Method => typeof m === 'string' && Object.hasOwn(contract, m)

/** One call, start to finish. Never throws: every outcome is an `IpcReply`. */
export const handleCall = async (
  hub: Pick<Hub, 'call'>,
  event: SenderEvent,
  target: IpcTarget | null,
  method: unknown,
  input: unknown,
  log: Log = (m, e) => console.warn(`[ipc] ${m}`, e ?? ''),
): Promise<IpcReply> => {
  const problem = senderProblem(event, target)
  if (problem) {
    log(`rejected ${CALL_CHANNEL}: ${problem}`)
    return { ok: false, error: 'forbidden', issues: [{ path: '(sender)', message: problem }] }
  }
  if (!isContractMethod(method)) {
    return { ok: false, error: 'unknown method', issues: [{ path: 'method', message: `${JSON.stringify(String(method).slice(0, 100))} is not in the contract` }] }
  }
  try {
    // hub.call parses `input` with the contract schema; the cast only quiets the static type.
    const output = await hub.call(method, input as InputOf<typeof method>, { transport: 'ipc' })
    return { ok: true, output }
  } catch (e) {
    const { status, body } = errorBody(e)
    if (status >= 500) log(`${method} failed`, e)
    return { ok: false, ...body }
  }
}

/** Register the handler; returns the unregister function (tests, and a clean quit). */
export const registerIpc = (hub: Pick<Hub, 'call'>, target: () => IpcTarget | null, log?: Log): (() => void) => {
  ipcMain.handle(CALL_CHANNEL, (event, method: unknown, input: unknown) => handleCall(hub, event, target(), method, input, log))
  return () => ipcMain.removeHandler(CALL_CHANNEL)
}

/** Push the hub's coalesced deltas to one window until it goes away. Returns the unsubscribe function. */
export const forwardDeltas = (hub: Pick<Hub, 'subscribe'>, webContents: WebContents): (() => void) => {
  const off = hub.subscribe((frame) => {
    if (!webContents.isDestroyed()) webContents.send(DELTA_CHANNEL, frame.delta)
  })
  webContents.once('destroyed', off)
  return off
}
