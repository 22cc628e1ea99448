/** What one attempt to deliver came to. `retryable`: worth another attempt later (5xx, 429, timeouts, refused). */
export type SendResult = { ok: true; code: number | null; note?: string } | { ok: false; retryable: boolean; code: number | null; error: string }

const RETRYABLE = new Set([408, 425, 429, 500, 502, 503, 504])

/**
 * POST a body. Redirects are not followed (a webhook that redirects is misconfigured, and following would re-send
 * the body, signature included, somewhere else). The response body is read (to free the socket) but only its head
 * is kept for the error text.
 */
export const postBody = async (
  url: string,
  body: string,
  headers: Record<string, string>,
  opts: { timeoutMs: number; signal?: AbortSignal },
): Promise<SendResult> => {
  const signal = opts.signal ? AbortSignal.any([opts.signal, AbortSignal.timeout(opts.timeoutMs)]) : AbortSignal.timeout(opts.timeoutMs)
  let res: Response
  try {
    res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': 'noc-console', ...headers }, body, signal, redirect: 'manual' })
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } }
    const why = err.name === 'TimeoutError' ? `no answer within ${opts.timeoutMs} ms` : (err.cause?.code ?? err.cause?.message ?? err.message)
    return { ok: false, retryable: true, code: null, error: `could not deliver: ${why}` }
  }
  let text = ''
  try {
    text = (await res.text()).slice(0, 300).replace(/\s+/g, ' ').trim()
  } catch {
    // the status is what matters
  }
  if (res.status >= 200 && res.status < 300) return { ok: true, code: res.status }
  const error = `HTTP ${res.status}${text ? `: ${text}` : ''}`
  if (res.status >= 300 && res.status < 400) return { ok: false, retryable: false, code: res.status, error: `${error} (redirects are not followed)` }
  return { ok: false, retryable: RETRYABLE.has(res.status) || res.status >= 500, code: res.status, error }
}
