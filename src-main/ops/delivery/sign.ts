import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * Outbound webhook signatures. The receiver recomputes
 *   X-NOC-Signature: sha256=<hex HMAC-SHA256(secret, "<X-NOC-Timestamp>.<raw body>")>
 * and should refuse timestamps far from its own clock (replays). Same scheme as Stripe/Slack signing, so the
 * usual receiver libraries' logic carries over.
 */
export const SIGNATURE_HEADER = 'x-noc-signature'
export const TIMESTAMP_HEADER = 'x-noc-timestamp'

export const signBody = (secret: string, timestampSec: number, body: string): string =>
  `sha256=${createHmac('sha256', secret).update(`${timestampSec}.${body}`).digest('hex')}`

/** For receivers (and tests): constant-time comparison of a received signature. */
export const verifySignature = (secret: string, timestampSec: string | number, body: string, signature: string | undefined): boolean => {
  if (!signature) return false
  const want = Buffer.from(signBody(secret, Number(timestampSec), body))
  const got = Buffer.from(signature)
  return want.length === got.length && timingSafeEqual(want, got)
}
