import { describe, expect, it } from 'vitest'
import type { Alert } from '@shared/model/alert'
import { ALERT_CACHE_MAX, createAlertCache } from './alert-cache'

const alert = (fingerprint: string, client = 'acme'): Alert => ({ id: Number.parseInt(fingerprint, 36), client, fingerprint } as unknown as Alert)

describe('alert cache', () => {
  it('drops the least recently used entry once over its bound; a hit counts as a use', () => {
    const c = createAlertCache(2)
    c.putAll([alert('a'), alert('b')])
    expect(c.get(c.keyOf('acme', 'a'))?.fingerprint).toBe('a') // a is now the most recent
    c.putAll([alert('c')])
    expect(c.size).toBe(2)
    expect(c.get(c.keyOf('acme', 'b'))).toBeUndefined()
    expect(c.get(c.keyOf('acme', 'a'))?.fingerprint).toBe('a')
    expect(c.get(c.keyOf('acme', 'c'))?.fingerprint).toBe('c')
  })

  it('keys by client and fingerprint; a re-put replaces the entry', () => {
    const c = createAlertCache(10)
    c.putAll([alert('a', 'acme'), alert('a', 'globex')])
    expect(c.size).toBe(2)
    const newer = { ...alert('a', 'acme'), count: 5 } as Alert
    c.putAll([newer])
    expect(c.size).toBe(2)
    expect(c.get(c.keyOf('acme', 'a'))).toBe(newer)
  })

  it('holds a storm: a re-sent group of 60,000 alerts is still all there', () => {
    expect(ALERT_CACHE_MAX).toBeGreaterThanOrEqual(60_000)
    const c = createAlertCache()
    c.putAll(Array.from({ length: 60_000 }, (_, i) => alert(i.toString(36))))
    expect(c.get(c.keyOf('acme', '0'))?.fingerprint).toBe('0')
    expect(c.size).toBe(60_000)
  })
})
