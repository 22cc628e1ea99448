import { describe, expect, it } from 'vitest'
import { labelFingerprint, tapinFingerprint } from './fingerprint'

const base = { client: 'acme', class: 'NETWORK', ems: 'ms-01', rule: 'Port HW Fault', components: [{ type: 'Node', name: 'N1' }] }

describe('tapinFingerprint', () => {
  it('is stable and 16 hex characters', () => {
    expect(tapinFingerprint(base)).toBe(tapinFingerprint({ ...base, components: [{ type: 'Node', name: 'N1' }] }))
    expect(tapinFingerprint(base)).toMatch(/^[0-9a-f]{16}$/)
  })
  it('differs per client, so two customers with identical checks never merge', () => {
    expect(tapinFingerprint(base)).not.toBe(tapinFingerprint({ ...base, client: 'other' }))
  })
  it('component order is part of identity', () => {
    const a = [{ type: 'Node', name: 'N1' }, { type: 'Port', name: '7' }]
    expect(tapinFingerprint({ ...base, components: a })).not.toBe(tapinFingerprint({ ...base, components: [...a].reverse() }))
  })
  it('separators inside values cannot collide', () => {
    expect(tapinFingerprint({ ...base, components: [{ type: 'a=b', name: 'c' }] })).not.toBe(tapinFingerprint({ ...base, components: [{ type: 'a', name: 'b=c' }] }))
    expect(tapinFingerprint({ ...base, class: 'a\u001fb', ems: 'c' })).not.toBe(tapinFingerprint({ ...base, class: 'a', ems: 'b\u001fc' }))
  })
})

describe('labelFingerprint', () => {
  it('uses only the chosen labels and ignores inherited properties', () => {
    expect(labelFingerprint('c', { a: '1', noise: 'x' }, ['a'])).toBe(labelFingerprint('c', { a: '1', noise: 'y' }, ['a']))
    expect(labelFingerprint('c', {}, ['toString'])).toBe(labelFingerprint('c', { toString: '' }, ['toString']))
  })
})
