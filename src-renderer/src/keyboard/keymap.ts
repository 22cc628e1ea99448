/**
 * THE table of key bindings. The global key handler (use-keyboard) and the `?` help overlay both read it, so
 * what the help says is exactly what the keys do. Add a binding here, register its command with
 * `useCommand(id, fn)` where it makes sense, and it shows up in the help.
 */
export type CommandId =
  | 'view.wall'
  | 'view.alerts'
  | 'alerts.next'
  | 'alerts.prev'
  | 'alerts.first'
  | 'alerts.last'
  | 'filter.focus'
  | 'feed.togglePause'
  | 'help.toggle'
  | 'overlay.close'

export type BindingGroup = 'Go to' | 'Alert table' | 'Live feed' | 'Help'

export interface Binding {
  /** A sequence of `KeyboardEvent.key` values: ['g', 'w'] means g then w. */
  keys: readonly string[]
  command: CommandId
  description: string
  group: BindingGroup
}

export const KEYMAP: readonly Binding[] = [
  { keys: ['g', 'w'], command: 'view.wall', description: 'Client wall', group: 'Go to' },
  { keys: ['g', 'a'], command: 'view.alerts', description: 'Alert table', group: 'Go to' },
  { keys: ['j'], command: 'alerts.next', description: 'Next alert', group: 'Alert table' },
  { keys: ['ArrowDown'], command: 'alerts.next', description: 'Next alert', group: 'Alert table' },
  { keys: ['k'], command: 'alerts.prev', description: 'Previous alert', group: 'Alert table' },
  { keys: ['ArrowUp'], command: 'alerts.prev', description: 'Previous alert', group: 'Alert table' },
  { keys: ['Home'], command: 'alerts.first', description: 'First alert', group: 'Alert table' },
  { keys: ['End'], command: 'alerts.last', description: 'Last alert', group: 'Alert table' },
  { keys: ['/'], command: 'filter.focus', description: 'Filter alerts (type words; Esc leaves the field)', group: 'Alert table' },
  { keys: ['p'], command: 'feed.togglePause', description: 'Pause / resume live updates (the view freezes; updates wait)', group: 'Live feed' },
  { keys: ['?'], command: 'help.toggle', description: 'Show / hide this help', group: 'Help' },
  { keys: ['Escape'], command: 'overlay.close', description: 'Close help', group: 'Help' },
]

/** How a key is printed in the help and in hints. */
export const keyLabel = (key: string): string =>
  ({ ArrowDown: '↓', ArrowUp: '↑', Escape: 'Esc', Home: 'Home', End: 'End', ' ': 'Space' })[key] ?? key

/** Bindings of one command, for inline hints ("g w"). */
export const keysFor = (command: CommandId): string[] =>
  KEYMAP.filter((b) => b.command === command).map((b) => b.keys.map(keyLabel).join(' '))

/**
 * Turns single key presses into commands, following multi-key sequences (g w). A prefix waits up to
 * `timeoutMs` for the next key; an unmatched key after a prefix is tried on its own.
 */
export const createSequencer = (bindings: readonly Binding[], timeoutMs = 1500) => {
  let buffer: string[] = []
  let at = 0
  const startsWith = (keys: readonly string[], prefix: string[]) => prefix.every((k, i) => keys[i] === k)

  const feed = (key: string, now: number, enabled: (b: Binding) => boolean = () => true): Binding | 'pending' | null => {
    if (buffer.length && now - at > timeoutMs) buffer = []
    const candidate = [...buffer, key]
    const live = bindings.filter(enabled)
    const exact = live.find((b) => b.keys.length === candidate.length && startsWith(b.keys, candidate))
    if (exact) {
      buffer = []
      return exact
    }
    if (live.some((b) => b.keys.length > candidate.length && startsWith(b.keys, candidate))) {
      buffer = candidate
      at = now
      return 'pending'
    }
    if (buffer.length) {
      buffer = []
      return feed(key, now, enabled)
    }
    return null
  }
  return { feed, reset: () => void (buffer = []), pending: () => [...buffer] }
}
