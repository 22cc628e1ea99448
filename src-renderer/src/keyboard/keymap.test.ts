import { describe, expect, it } from 'vitest'
import { createSequencer, KEYMAP, keysFor } from './keymap'

describe('key sequencer', () => {
  it('runs single keys and two-key sequences from the one table', () => {
    const seq = createSequencer(KEYMAP)
    expect(seq.feed('j', 0)).toMatchObject({ command: 'alerts.next' })
    expect(seq.feed('g', 10)).toBe('pending')
    expect(seq.feed('w', 20)).toMatchObject({ command: 'view.wall' })
    expect(seq.feed('?', 30)).toMatchObject({ command: 'help.toggle' })
  })

  it('drops a stale prefix and tries the key alone', () => {
    const seq = createSequencer(KEYMAP, 1500)
    expect(seq.feed('g', 0)).toBe('pending')
    expect(seq.feed('a', 5000)).toBeNull() // too late: 'a' alone means nothing
    expect(seq.feed('g', 6000)).toBe('pending')
    expect(seq.feed('j', 6100)).toMatchObject({ command: 'alerts.next' })
  })

  it('ignores bindings whose command has no handler here', () => {
    const seq = createSequencer(KEYMAP)
    expect(seq.feed('j', 0, (b) => b.command !== 'alerts.next')).toBeNull()
  })

  it('every command the help lists has a key, and no sequence is ambiguous', () => {
    expect(keysFor('view.wall')).toEqual(['g w'])
    const seqs = KEYMAP.map((b) => b.keys.join(' '))
    expect(new Set(seqs).size).toBe(seqs.length)
    for (const b of KEYMAP)
      for (const o of KEYMAP)
        if (o !== b && o.keys.length > b.keys.length) expect(o.keys.slice(0, b.keys.length).join(' ')).not.toBe(b.keys.join(' '))
  })
})
