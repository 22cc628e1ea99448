import { describe, expect, it } from 'vitest'
import { COMMANDS, createSequencer, KEYMAP, keyName, keysFor } from './keymap'

describe('key sequencer', () => {
  it('runs single keys and two-key sequences from the one table', () => {
    const seq = createSequencer(KEYMAP)
    expect(seq.feed('j', 0)).toMatchObject({ command: 'list.next' })
    expect(seq.feed('g', 10)).toBe('pending')
    expect(seq.feed('w', 20)).toMatchObject({ command: 'view.wall' })
    expect(seq.feed('g', 25)).toBe('pending')
    expect(seq.feed('i', 26)).toMatchObject({ command: 'view.incidents' })
    expect(seq.feed('?', 30)).toMatchObject({ command: 'help.toggle' })
    expect(seq.feed('Mod+k', 40)).toMatchObject({ command: 'palette.toggle' })
    expect(seq.feed('X', 50)).toMatchObject({ command: 'incident.markAll' })
  })

  it('drops a stale prefix and tries the key alone', () => {
    const seq = createSequencer(KEYMAP, 1500)
    expect(seq.feed('g', 0)).toBe('pending')
    expect(seq.feed('a', 5000)).toMatchObject({ command: 'incident.ack' }) // too late for g a: a alone
    expect(seq.feed('g', 6000)).toBe('pending')
    expect(seq.feed('j', 6100)).toMatchObject({ command: 'list.next' })
  })

  it('ignores bindings whose command has no handler here', () => {
    const seq = createSequencer(KEYMAP)
    expect(seq.feed('j', 0, (b) => b.command !== 'list.next')).toBeNull()
  })

  it('binds every key the issue names, and no sequence is ambiguous', () => {
    const bound = (keys: string, command: string) => expect(KEYMAP.find((b) => b.keys.join(' ') === keys)?.command).toBe(command)
    bound('j', 'list.next')
    bound('k', 'list.prev')
    bound('Enter', 'list.open')
    bound('a', 'incident.ack')
    bound('e', 'incident.escalate')
    bound('r', 'incident.resolve')
    bound('n', 'incident.note')
    bound('s', 'incident.silence')
    bound('x', 'incident.mark')
    bound('/', 'filter.focus')
    bound('g w', 'view.wall')
    bound('g i', 'view.incidents')
    bound('?', 'help.toggle')
    bound('Mod+k', 'palette.toggle')
    expect(keysFor('view.wall')).toEqual(['g w'])
    const seqs = KEYMAP.map((b) => b.keys.join(' '))
    expect(new Set(seqs).size).toBe(seqs.length)
    for (const b of KEYMAP)
      for (const o of KEYMAP)
        if (o !== b && o.keys.length > b.keys.length) expect(o.keys.slice(0, b.keys.length).join(' ')).not.toBe(b.keys.join(' '))
    expect(new Set(COMMANDS.map((c) => c.command)).size).toBe(COMMANDS.length)
  })

  it('names Ctrl/Cmd combinations and leaves Alt ones to the browser', () => {
    expect(keyName({ key: 'K', ctrlKey: true, metaKey: false, altKey: false })).toBe('Mod+k')
    expect(keyName({ key: 'k', ctrlKey: false, metaKey: true, altKey: false })).toBe('Mod+k')
    expect(keyName({ key: 'j', ctrlKey: false, metaKey: false, altKey: true })).toBeNull()
    expect(keyName({ key: 'j', ctrlKey: false, metaKey: false, altKey: false })).toBe('j')
  })
})
