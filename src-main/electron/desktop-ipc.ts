/**
 * `noc:desktop`: the desktop settings (src-shared/api/desktop.ts) over IPC. Same rules as `noc:call`: the sender
 * must be our window's main frame on our origin (senderProblem), input is parsed in the main process, and every
 * outcome is an IpcReply envelope, never a thrown exception.
 */
import { ipcMain } from 'electron'
import type { IpcMainInvokeEvent } from 'electron'
import { errorBody } from '@shared/api/errors'
import type { DesktopSettingsStore } from './desktop-settings'
import { senderProblem, type IpcTarget } from './ipc'
import { DESKTOP_CHANNEL, type IpcReply } from './ipc-protocol'

type Log = (msg: string, err?: unknown) => void

export const handleDesktop = (
  store: Pick<DesktopSettingsStore, 'get' | 'set'>,
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  target: IpcTarget | null,
  op: unknown,
  input: unknown,
  log: Log = () => {},
  onChange: () => void = () => {},
): IpcReply => {
  const problem = senderProblem(event, target)
  if (problem) {
    log(`rejected ${DESKTOP_CHANNEL}: ${problem}`)
    return { ok: false, error: 'forbidden', issues: [{ path: '(sender)', message: problem }] }
  }
  try {
    if (op === 'get') return { ok: true, output: store.get() }
    if (op === 'set') {
      const output = store.set(input)
      onChange()
      return { ok: true, output }
    }
    return { ok: false, error: 'unknown method', issues: [{ path: 'op', message: 'expected "get" or "set"' }] }
  } catch (e) {
    const { status, body } = errorBody(e)
    if (status >= 500) log(`${DESKTOP_CHANNEL} ${String(op)} failed`, e)
    return { ok: false, ...body }
  }
}

export const registerDesktopIpc = (store: DesktopSettingsStore, target: () => IpcTarget | null, log?: Log, onChange?: () => void): (() => void) => {
  ipcMain.handle(DESKTOP_CHANNEL, (event, op: unknown, input: unknown) => handleDesktop(store, event, target(), op, input, log, onChange))
  return () => ipcMain.removeHandler(DESKTOP_CHANNEL)
}
