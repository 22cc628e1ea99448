import type { ConsoleConfig } from '@shared/model/config'
import type { RetryConfig } from '@shared/model/ops-config'
import type { OutboxRow } from '../../store/deliveries-repo'
import type { DesktopPort } from './desktop-port'
import { postBody, type SendResult } from './http-send'
import { signBody, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './sign'

export interface SendDeps {
  config: ConsoleConfig
  env: Record<string, string | undefined>
  clock: () => number
  desktop?: DesktopPort
  signal?: AbortSignal
}

const fail = (error: string): SendResult => ({ ok: false, retryable: false, code: null, error })

const secretOf = (c: { secret?: string; secretEnv?: string }, env: SendDeps['env']): string | undefined | null =>
  c.secret ?? (c.secretEnv ? (env[c.secretEnv] ?? null) : undefined)

const signedHeaders = (secret: string | undefined, body: string, row: OutboxRow, clock: () => number): Record<string, string> => {
  const ts = Math.floor(clock() / 1000)
  return {
    'x-noc-event': row.event,
    'x-noc-delivery': String(row.id),
    [TIMESTAMP_HEADER]: String(ts),
    ...(secret ? { [SIGNATURE_HEADER]: signBody(secret, ts, body) } : {}),
  }
}

/** Retry policy of a delivery: the channel's own, else the notifications default; response actions their `retries`. */
export const retryOf = (row: Pick<OutboxRow, 'channel' | 'channelType'>, config: ConsoleConfig): RetryConfig => {
  if (row.channelType === 'desktop') return { maxAttempts: 1, initialDelay: 0, maxDelay: 0 }
  if (row.channelType === 'response') {
    const a = config.responses.find((r) => r.name === row.channel)
    return { ...config.notifications.retry, maxAttempts: (a?.retries ?? 0) + 1 }
  }
  const ch = config.notifications.channels[row.channel]
  return (ch && ch.type !== 'desktop' ? ch.retry : undefined) ?? config.notifications.retry
}

/** Exponential backoff: initialDelay × 2^(attempt−1), at most maxDelay. */
export const backoffMs = (retry: RetryConfig, attemptsMade: number): number =>
  Math.min(retry.maxDelay, retry.initialDelay * Math.pow(2, Math.max(0, attemptsMade - 1)))

/** One attempt at one delivery. Runs outside any transaction; never throws. */
export const sendDelivery = async (row: OutboxRow, d: SendDeps): Promise<SendResult> => {
  try {
    if (row.channelType === 'response') {
      const a = d.config.responses.find((r) => r.name === row.channel)
      if (!a) return fail(`response action \`${row.channel}\` is no longer configured`)
      const secret = secretOf(a, d.env)
      if (secret === null) return fail(`environment variable ${a.secretEnv} is not set`)
      const body = JSON.stringify(row.payload)
      return await postBody(a.url, body, { ...a.headers, ...signedHeaders(secret, body, row, d.clock) }, { timeoutMs: a.timeout, signal: d.signal })
    }
    const ch = d.config.notifications.channels[row.channel]
    if (!ch) return fail(`channel \`${row.channel}\` is no longer configured`)
    switch (ch.type) {
      case 'desktop': {
        const p = row.payload as { title: string; body: string; severity: never }
        d.desktop?.notify({ title: p.title, body: p.body, severity: p.severity, incidentId: row.incidentId ?? undefined, actions: row.incidentId ? ['ack'] : [] })
        return { ok: true, code: null, note: d.desktop ? 'shown on the desktop' : 'pushed to consoles' }
      }
      case 'slack':
        return await postBody(ch.url, JSON.stringify(row.payload), {}, { timeoutMs: ch.timeout, signal: d.signal })
      case 'pagerduty': {
        const key = ch.routingKey ?? (ch.routingKeyEnv ? d.env[ch.routingKeyEnv] : undefined)
        if (!key) return fail(`environment variable ${ch.routingKeyEnv} (PagerDuty routing key) is not set`)
        const body = JSON.stringify({ routing_key: key, ...(row.payload as object) })
        return await postBody(ch.url, body, {}, { timeoutMs: ch.timeout, signal: d.signal })
      }
      case 'webhook': {
        const secret = secretOf(ch, d.env)
        if (secret === null) return fail(`environment variable ${ch.secretEnv} is not set`)
        const body = JSON.stringify(row.payload)
        return await postBody(ch.url, body, { ...ch.headers, ...signedHeaders(secret, body, row, d.clock) }, { timeoutMs: ch.timeout, signal: d.signal })
      }
    }
  } catch (e) {
    return { ok: false, retryable: true, code: null, error: `could not deliver: ${(e as Error).message}` }
  }
}
