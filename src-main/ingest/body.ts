import type { IncomingMessage } from 'node:http'
import { REJECTED_BODY_LIMIT } from '@shared/model/rejected'

export type BodyResult =
  | { ok: true; body: Buffer }
  /** Over the limit: only the head is kept (for the dead letter); `bytes` is what the sender sent or announced. */
  | { ok: false; tooLarge: true; head: Buffer; bytes: number }

/**
 * Read a request body up to `limit` bytes. Past the limit (or when Content-Length announces more) we keep only the
 * first bytes for the dead letter and drain the rest unbuffered — up to a hard cap, then drop the connection — so
 * a sender reads our 413 instead of a reset.
 */
export const readBody = (req: IncomingMessage, limit: number): Promise<BodyResult> =>
  new Promise((resolve, reject) => {
    const announced = Number(req.headers['content-length'] ?? NaN)
    const chunks: Buffer[] = []
    let size = 0
    let over = Number.isFinite(announced) && announced > limit
    let head = Buffer.alloc(0)
    const hardCap = Math.max(limit * 4, 16 * 1024 * 1024)
    const tooLarge = () => ({ ok: false as const, tooLarge: true as const, head, bytes: Math.max(size, Number.isFinite(announced) ? announced : 0) })
    req.on('data', (c: Buffer) => {
      size += c.length
      if (!over && size > limit) {
        over = true
        head = Buffer.concat(chunks).subarray(0, REJECTED_BODY_LIMIT)
        chunks.length = 0
      }
      if (!over) chunks.push(c)
      else if (head.length < REJECTED_BODY_LIMIT) head = Buffer.concat([head, c]).subarray(0, REJECTED_BODY_LIMIT)
      if (size > hardCap) {
        resolve(tooLarge())
        req.destroy()
      }
    })
    req.on('end', () => resolve(over ? tooLarge() : { ok: true, body: Buffer.concat(chunks) }))
    req.on('close', () => over && resolve(tooLarge()))
    req.on('error', reject)
  })

/** Parse JSON with a reason a sender can act on. Empty bodies are refused explicitly. */
export const parseJson = (buf: Buffer): { ok: true; value: unknown } | { ok: false; message: string } => {
  if (buf.length === 0) return { ok: false, message: 'empty body: expected a JSON document' }
  try {
    return { ok: true, value: JSON.parse(buf.toString('utf8')) }
  } catch (e) {
    return { ok: false, message: `malformed JSON: ${(e as Error).message}` }
  }
}
