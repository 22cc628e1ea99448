/**
 * Reports arrive as a contract `FileOutput` over whichever transport the console uses (IPC or WebSocket); the
 * console turns it into a Blob and downloads it under the server's file name. In Electron the same download
 * opens the save dialog; in a browser it lands in the downloads folder.
 */
import type { InputOf } from '@shared/api/contract'
import { fileBytes, type FileOutput } from '@shared/api/file-output'
import { transport } from '../../api/instance'
import { nocStore } from '../../store/store'

/** The methods that answer files. */
export type FileMethod = 'reports.incident' | 'reports.client' | 'reports.inventory' | 'incidents.export'

export const fileBlob = (f: FileOutput): Blob => {
  const bytes = fileBytes(f)
  // A copy into a fresh ArrayBuffer: Blob wants ArrayBuffer-backed views, not any ArrayBufferLike.
  const buf = new ArrayBuffer(bytes.byteLength)
  new Uint8Array(buf).set(bytes)
  return new Blob([buf], { type: f.contentType })
}

/** File names are built by the server from ids that can come from payloads; keep them plain here too. */
export const safeName = (name: string): string => name.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 180) || 'report'

export const saveFile = (f: FileOutput): void => {
  const url = URL.createObjectURL(fileBlob(f))
  const a = document.createElement('a')
  a.href = url
  a.download = safeName(f.filename)
  a.rel = 'noopener'
  a.style.display = 'none'
  document.body.append(a)
  a.click()
  a.remove()
  // The click has handed the blob to the download manager; revoke on the next turn, not at once (Chromium reads it async).
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** Ask the server for a file and save it; the outcome goes to the notices. Resolves to the file or null. */
export const download = async <M extends FileMethod>(method: M, input: InputOf<M>): Promise<FileOutput | null> => {
  try {
    const f = (await transport().call(method, input)) as FileOutput
    saveFile(f)
    nocStore.getState().notify(`Downloaded ${safeName(f.filename)}`)
    return f
  } catch (e) {
    nocStore.getState().notify(`Could not download the report: ${(e as Error).message}`, 'error')
    return null
  }
}
