import { describe, expect, it } from 'vitest'
import { createRateLimiter } from './rate-limit'

describe('WebSocket rate limiter', () => {
  it('lets a burst through, then drops; refills at the rate', () => {
    let t = 0
    const l = createRateLimiter(10, 5, () => t)
    expect(Array.from({ length: 5 }, () => l.take())).toEqual(['allow', 'allow', 'allow', 'allow', 'allow'])
    expect(l.take()).toBe('drop')
    expect(l.firstDropOfEpisode).toBe(true)
    t += 100 // one token at 10/s
    expect(l.take()).toBe('allow')
    expect(l.take()).toBe('drop')
    expect(l.firstDropOfEpisode).toBe(false)
  })

  it('a single spike only loses its excess; after a quiet second the episode is forgotten', () => {
    let t = 0
    const l = createRateLimiter(10, 5, () => t)
    for (let i = 0; i < 9; i++) l.take() // 5 allowed, 4 dropped
    t += 2000
    for (let i = 0; i < 9; i++) expect(l.take()).not.toBe('close')
    expect(l.firstDropOfEpisode).toBe(false)
  })

  it('closes a peer that keeps flooding after being told (twice the rate for long enough)', () => {
    let t = 0
    const l = createRateLimiter(10, 5, () => t)
    const verdicts: string[] = []
    for (let i = 0; i < 200 && !verdicts.includes('close'); i++) {
      verdicts.push(l.take())
      t += 50 // 20 messages/s against 10/s
    }
    expect(verdicts).toContain('allow')
    expect(verdicts).toContain('drop')
    expect(verdicts.at(-1)).toBe('close')
  })

  it('a peer exactly at the rate is never refused', () => {
    let t = 0
    const l = createRateLimiter(10, 1, () => t)
    for (let i = 0; i < 1000; i++) {
      expect(l.take()).toBe('allow')
      t += 100
    }
  })
})
