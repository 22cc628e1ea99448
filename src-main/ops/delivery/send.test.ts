import { describe, expect, it } from 'vitest'
import { ConsoleConfig, clientProfile } from '@shared/model/config'
import type { Incident } from '@shared/model/incident'
import { buildPayload } from './messages'
import { backoffMs, retryOf } from './send'
import { signBody, verifySignature } from './sign'

const config = ConsoleConfig.parse({
  notifications: {
    channels: { a: { type: 'webhook', url: 'http://127.0.0.1:1/a', retry: { maxAttempts: 3, initialDelay: '1s', maxDelay: '5s' } }, b: { type: 'slack', url: 'http://127.0.0.1:1/b' } },
    retry: { initialDelay: '5s', maxDelay: '10m' },
  },
  responses: [{ name: 'r', url: 'http://127.0.0.1:1/r', retries: 2 }],
})

const incident = { id: 'INC-7', client: 'acme', title: 'db down', status: 'open', priority: 'P1', severity: 'major', openedAt: 0, acknowledgedAt: null, owner: null, escalationLevel: 0, alertCount: 2, service: 'billing', resource: 'db-01', rule: 'Down' } as unknown as Incident

describe('delivery retry policy', () => {
  it('exponential backoff capped at maxDelay; per channel or the default; response actions by their retries', () => {
    const a = retryOf({ channel: 'a', channelType: 'webhook' }, config)
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(a, n))).toEqual([1000, 2000, 4000, 5000, 5000])
    const b = retryOf({ channel: 'b', channelType: 'slack' }, config)
    expect(b).toEqual({ maxAttempts: 8, initialDelay: 5000, maxDelay: 600_000 })
    expect(retryOf({ channel: 'r', channelType: 'response' }, config).maxAttempts).toBe(3)
    expect(retryOf({ channel: 'desktop', channelType: 'desktop' }, config).maxAttempts).toBe(1)
  })
})

describe('signatures', () => {
  it('HMAC-SHA256 over "<timestamp>.<body>", verified in constant time', () => {
    const sig = signBody('k', 1700000000, '{"a":1}')
    expect(sig).toMatch(/^sha256=[0-9a-f]{64}$/)
    expect(verifySignature('k', '1700000000', '{"a":1}', sig)).toBe(true)
    expect(verifySignature('k', '1700000001', '{"a":1}', sig)).toBe(false)
    expect(verifySignature('k', '1700000000', '{"a":2}', sig)).toBe(false)
    expect(verifySignature('k', '1700000000', '{"a":1}', undefined)).toBe(false)
  })
})

describe('message formats', () => {
  const m = (event: 'trigger' | 'acknowledge' | 'escalate') => ({ incident, event, target: 'manager', why: 'step 2', client: clientProfile(config, 'acme'), at: 0 })
  it('PagerDuty: severity mapped to its four levels, incident id as dedup_key, no routing key stored', () => {
    const t = buildPayload('pagerduty', m('trigger')) as any
    expect(t).toMatchObject({ event_action: 'trigger', dedup_key: 'INC-7', payload: { severity: 'error', source: 'db-01', group: 'billing', class: 'Down' } })
    expect(t.routing_key).toBeUndefined()
    expect(buildPayload('pagerduty', m('acknowledge'))).toEqual({ event_action: 'acknowledge', dedup_key: 'INC-7' })
  })
  it('Slack: one line of text plus fields; desktop: title and body', () => {
    expect((buildPayload('slack', m('escalate')) as any).text).toBe('Escalation → manager: [P1] INC-7 acme: db down — step 2')
    expect(buildPayload('desktop', m('trigger'))).toMatchObject({ title: 'New: [P1] INC-7 acme: db down', severity: 'major', priority: 'P1' })
  })
})
