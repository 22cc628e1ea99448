import { z } from 'zod'

/**
 * A file answer (reports, exports). Contract methods flagged `file: true` return one: HTTP sends `body` raw
 * with `headers` (Content-Disposition …), WebSocket and IPC pass the object as it is and the console turns it
 * into a Blob. Binary bodies (PDF) travel as base64 so the same object fits in JSON.
 */
export const FileOutput = z.object({
  contentType: z.string().min(1),
  filename: z.string().min(1),
  body: z.string(),
  encoding: z.enum(['utf8', 'base64']),
  headers: z.record(z.string(), z.string()),
})
export type FileOutput = z.infer<typeof FileOutput>

/** The file's bytes, wherever it is read (atob exists in browsers and in Node ≥ 16). */
export const fileBytes = (f: Pick<FileOutput, 'body' | 'encoding'>): Uint8Array => {
  if (f.encoding === 'utf8') return new TextEncoder().encode(f.body)
  const bin = atob(f.body)
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}
