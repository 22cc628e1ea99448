import { describe, expect, it } from 'vitest'
import { memo } from './memo'
import { hostOf, safeUrl } from './common'

describe('memo (ingest string helpers)', () => {
  it('computes each distinct string once, stays correct past its bound, and never keeps long keys', () => {
    const calls: string[] = []
    const up = memo((s: string) => (calls.push(s), s.toUpperCase()), 2, 8)
    expect([up('a'), up('a'), up('b'), up('a')]).toEqual(['A', 'A', 'B', 'A'])
    expect(calls).toEqual(['a', 'b'])
    expect(up('c')).toBe('C') // full: cleared, then kept
    expect(up('a')).toBe('A')
    expect(calls).toEqual(['a', 'b', 'c', 'a'])
    const long = 'x'.repeat(9)
    up(long)
    up(long)
    expect(calls.filter((c) => c === long)).toHaveLength(2)
  })

  it('safeUrl and hostOf answer the same on the first and the repeated call', () => {
    for (const u of ['http://am:9093/x', 'javascript:alert(1)', 'https://h.example', ' http://a.b ', 'not a url']) {
      const first = [safeUrl(u), hostOf(u)]
      expect([safeUrl(u), hostOf(u)]).toEqual(first)
    }
    expect([safeUrl('javascript:alert(1)'), hostOf('http://am:9093/x'), safeUrl(' http://a.b ')]).toEqual([undefined, 'am:9093', 'http://a.b'])
  })
})
