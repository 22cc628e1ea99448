import type { IncomingMessage } from 'node:http'
import { REJECTED_BODY_LIMIT } from '../store/rejected-repo'

export type BodyResult =
  | { ok: true; body: Buffer }
  /** Over the limit: only the head is kept (for the dead letter); `bytes` is what the sender sent or announced. */
  | { ok: false; tooLarge: true; head: Buffer; bytes: number }

/**
 * Read a request body up to `limit` bytes. Past the limit we stop buffering but keep draining (up to a hard cap)
 * so the sender reads our 413 instead of a reset connection.
 */
export const readBody = (req: IncomingMessage, limit: number): Promise<BodyResult> =>
  new Promise((resolve, reject) => {
    const announced = Number(req.headers['content-length'] ?? NaN)
    const chunks: Buffer[] = []
    let size = 0
    let over = Number.isFinite(announced) && announced > limit
    const hardCap = Math.max(limit * 4, 16 * 1024 * 1024)
    if (over) {
      // Announced too large: answer now, don't read megabytes we will refuse anyway.
      req.resume()
      resolve({ ok: false, tooLarge: true, head: Buffer.alloc(0), bytes: announced })
      return
    }
    let head: Buffer | undefined
    req.on('data', (c: Buffer) => {
      size += c.length
      if (!over && size > limit) {
        over = true
        head = Buffer.concat(chunks).subarray(0, REJECTED_BODY_LIMIT)
        chunks.length = 0
      }
      if (!over) chunks.push(c)
      else if (size > hardCap) req.destroy()
    })
    req.on('end', () => (over ? resolve({ ok: false, tooLarge: true, head: head ?? Buffer.alloc(0), bytes: size }) : resolve({ ok: true, body: Buffer.concat(chunks) })))
    req.on('close', () => {
      if (over) resolve({ ok: false, tooLarge: true, head: head ?? Buffer.alloc(0), bytes: size })
    })
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
