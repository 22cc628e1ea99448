/**
 * THE table of key bindings. The global key handler (use-keyboard), the `?` help overlay and the Ctrl/Cmd-K
 * palette all read it, so what the help says is exactly what the keys do. Add a binding here, register its
 * command with `useCommand(id, fn)` where it makes sense, and it shows up in the help and the palette.
 */
export type CommandId =
  | 'view.wall'
  | 'view.incidents'
  | 'view.heatmap'
  | 'view.alerts'
  | 'view.missed'
  | 'view.settings'
  | 'view.metrics'
  | 'view.reports'
  | 'list.next'
  | 'list.prev'
  | 'list.first'
  | 'list.last'
  | 'list.open'
  | 'grid.left'
  | 'grid.right'
  | 'incident.ack'
  | 'incident.ackTimeout'
  | 'incident.unack'
  | 'incident.escalate'
  | 'incident.resolve'
  | 'incident.note'
  | 'incident.silence'
  | 'incident.take'
  | 'incident.export'
  | 'incident.mark'
  | 'incident.markAll'
  | 'filter.focus'
  | 'filter.group'
  | 'heatmap.range'
  | 'wall.nextPage'
  | 'wall.prevPage'
  | 'missed.seen'
  | 'feed.togglePause'
  | 'sound.toggleMute'
  | 'palette.toggle'
  | 'help.toggle'
  | 'escape'

export type BindingGroup = 'Go to' | 'Move' | 'Incident' | 'Filter' | 'Wall and heatmap' | 'Live feed and sound' | 'Help'

export interface Binding {
  /** A sequence of keys (`KeyboardEvent.key`; `Mod+k` = Ctrl+K or ⌘K): ['g', 'w'] means g then w. */
  keys: readonly string[]
  command: CommandId
  description: string
  group: BindingGroup
}

export const KEYMAP: readonly Binding[] = [
  { keys: ['g', 'w'], command: 'view.wall', description: 'Client wall', group: 'Go to' },
  { keys: ['g', 'i'], command: 'view.incidents', description: 'Incident queue', group: 'Go to' },
  { keys: ['g', 'h'], command: 'view.heatmap', description: 'Severity heatmaps', group: 'Go to' },
  { keys: ['g', 'a'], command: 'view.alerts', description: 'Alert table', group: 'Go to' },
  { keys: ['g', 'm'], command: 'view.missed', description: 'Missed while away', group: 'Go to' },
  { keys: ['g', 's'], command: 'view.settings', description: 'Settings', group: 'Go to' },
  { keys: ['g', 't'], command: 'view.metrics', description: 'Service metrics (MTTA / MTTR trends)', group: 'Go to' },
  { keys: ['g', 'r'], command: 'view.reports', description: 'Client reports and exports', group: 'Go to' },

  { keys: ['j'], command: 'list.next', description: 'Next row', group: 'Move' },
  { keys: ['ArrowDown'], command: 'list.next', description: 'Next row', group: 'Move' },
  { keys: ['k'], command: 'list.prev', description: 'Previous row', group: 'Move' },
  { keys: ['ArrowUp'], command: 'list.prev', description: 'Previous row', group: 'Move' },
  { keys: ['h'], command: 'grid.left', description: 'Previous column (heatmap, wall)', group: 'Move' },
  { keys: ['ArrowLeft'], command: 'grid.left', description: 'Previous column (heatmap, wall)', group: 'Move' },
  { keys: ['l'], command: 'grid.right', description: 'Next column (heatmap, wall)', group: 'Move' },
  { keys: ['ArrowRight'], command: 'grid.right', description: 'Next column (heatmap, wall)', group: 'Move' },
  { keys: ['Home'], command: 'list.first', description: 'First row', group: 'Move' },
  { keys: ['End'], command: 'list.last', description: 'Last row', group: 'Move' },
  { keys: ['Enter'], command: 'list.open', description: 'Open the selected incident, cell or client', group: 'Move' },

  { keys: ['a'], command: 'incident.ack', description: 'Acknowledge (the marked ones, else the selected one)', group: 'Incident' },
  { keys: ['A'], command: 'incident.ackTimeout', description: 'Acknowledge with a timeout (it comes back) and a note', group: 'Incident' },
  { keys: ['u'], command: 'incident.unack', description: 'Take back an acknowledgement', group: 'Incident' },
  { keys: ['e'], command: 'incident.escalate', description: 'Escalate to the next level', group: 'Incident' },
  { keys: ['r'], command: 'incident.resolve', description: 'Resolve (asks for cause and solution)', group: 'Incident' },
  { keys: ['n'], command: 'incident.note', description: 'Add a note', group: 'Incident' },
  { keys: ['s'], command: 'incident.silence', description: 'Silence its alerts for a while', group: 'Incident' },
  { keys: ['t'], command: 'incident.take', description: 'Take it (assign to me)', group: 'Incident' },
  { keys: ['d'], command: 'incident.export', description: 'Download a report (md, html, pdf, json)', group: 'Incident' },
  { keys: ['x'], command: 'incident.mark', description: 'Mark / unmark for a bulk action', group: 'Incident' },
  { keys: ['X'], command: 'incident.markAll', description: 'Mark every shown incident / clear the marks', group: 'Incident' },

  { keys: ['/'], command: 'filter.focus', description: 'Filter (type words; Esc leaves the field)', group: 'Filter' },
  { keys: ['c'], command: 'filter.group', description: 'Group the queue by client / ungroup', group: 'Filter' },

  { keys: ['v'], command: 'heatmap.range', description: 'Heatmap: last hour / last 24 hours', group: 'Wall and heatmap' },
  { keys: [']'], command: 'wall.nextPage', description: 'Wall: next page of clients', group: 'Wall and heatmap' },
  { keys: ['['], command: 'wall.prevPage', description: 'Wall: previous page of clients', group: 'Wall and heatmap' },
  { keys: ['Delete'], command: 'missed.seen', description: 'Missed list: mark the selected one as seen', group: 'Wall and heatmap' },

  { keys: ['p'], command: 'feed.togglePause', description: 'Pause / resume live updates (the view freezes; updates wait)', group: 'Live feed and sound' },
  { keys: ['m'], command: 'sound.toggleMute', description: 'Mute / unmute the alarm sound', group: 'Live feed and sound' },

  { keys: ['Mod+k'], command: 'palette.toggle', description: 'Command palette (every command, clients, incidents)', group: 'Help' },
  { keys: ['?'], command: 'help.toggle', description: 'Show / hide this help', group: 'Help' },
  { keys: ['Escape'], command: 'escape', description: 'Close the dialog or overlay; back from an incident; clear marks', group: 'Help' },
]

const isMac = (): boolean => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform ?? '')

/** How a key is printed in the help and in hints. */
export const keyLabel = (key: string): string =>
  ({
    ArrowDown: '↓',
    ArrowUp: '↑',
    ArrowLeft: '←',
    ArrowRight: '→',
    Escape: 'Esc',
    Enter: 'Enter',
    Delete: 'Del',
    ' ': 'Space',
    X: 'Shift X',
    A: 'Shift A',
    'Mod+k': isMac() ? '⌘ K' : 'Ctrl K',
  })[key] ?? key

/** Bindings of one command, for inline hints ("g w"). */
export const keysFor = (command: CommandId): string[] =>
  KEYMAP.filter((b) => b.command === command).map((b) => b.keys.map(keyLabel).join(' '))

/** First binding's label, or '' (for hints next to buttons). */
export const keyHint = (command: CommandId): string => keysFor(command)[0] ?? ''

/** One entry per command (the first binding's description), in table order: the palette's list. */
export const COMMANDS: readonly { command: CommandId; description: string; group: BindingGroup }[] = KEYMAP.filter(
  (b, i) => KEYMAP.findIndex((o) => o.command === b.command) === i,
).map(({ command, description, group }) => ({ command, description, group }))

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

/** `KeyboardEvent` → the key name the table uses, or null for combinations we leave to the browser. */
export const keyName = (e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>): string | null => {
  if (e.altKey) return null
  if (e.ctrlKey || e.metaKey) return e.key.length === 1 ? `Mod+${e.key.toLowerCase()}` : null
  return e.key
}
