import { useEffect, useMemo, useRef, useState } from 'react'
import { hasCommand, runCommand, useCommand } from '../keyboard/commands'
import { COMMANDS, keysFor, type CommandId } from '../keyboard/keymap'
import { navigate, openClientQueue, openIncident } from '../lib/navigate'
import { nocStore, useNoc } from '../store/store'
import { exportQueue } from '../features/incidents/report'

interface Item {
  key: string
  label: string
  hint: string
  section: 'Command' | 'Client' | 'Incident'
  run: () => void
}

/** Views are always reachable from the palette, whatever screen registered what. */
const ALWAYS: ReadonlySet<CommandId> = new Set(['view.wall', 'view.incidents', 'view.heatmap', 'view.alerts', 'view.missed', 'view.settings', 'feed.togglePause', 'sound.toggleMute', 'help.toggle'])

const score = (text: string, words: string[]): number => {
  const t = text.toLowerCase()
  let s = 0
  for (const w of words) {
    const at = t.indexOf(w)
    if (at < 0) return -1
    s += at === 0 ? 3 : t[at - 1] === ' ' ? 2 : 1
  }
  return s
}

/**
 * Ctrl/Cmd-K: every command that applies here (from the one key table, with its keys), every client and every
 * incident held, found by typing words. ↑/↓ move, Enter runs, Esc closes.
 */
export const CommandPalette = () => {
  const open = useNoc((s) => s.paletteOpen)
  const setOpen = useNoc((s) => s.setPaletteOpen)
  const [text, setText] = useState('')
  const [at, setAt] = useState(0)
  const inputRef = useRef<HTMLInputElement>(null)
  const returnTo = useRef<Element | null>(null)

  useCommand('escape', () => setOpen(false), open)

  useEffect(() => {
    if (open) {
      returnTo.current = document.activeElement
      setText('')
      setAt(0)
      requestAnimationFrame(() => inputRef.current?.focus())
    } else if (returnTo.current instanceof HTMLElement) {
      returnTo.current.focus()
      returnTo.current = null
    }
  }, [open])

  const items = useMemo((): Item[] => {
    if (!open) return []
    const s = nocStore.getState()
    const words = text.toLowerCase().split(/\s+/).filter(Boolean)
    const out: Array<Item & { score: number }> = []
    const add = (item: Item, haystack: string) => {
      const sc = words.length ? score(haystack, words) : 0
      if (sc >= 0) out.push({ ...item, score: sc })
    }
    for (const c of COMMANDS) {
      if (c.command === 'palette.toggle' || c.command === 'escape') continue
      if (!ALWAYS.has(c.command) && !hasCommand(c.command)) continue
      add({ key: `cmd:${c.command}`, label: c.description, hint: keysFor(c.command)[0] ?? '', section: 'Command', run: () => runCommand(c.command) }, `${c.description} ${c.group}`)
    }
    add(
      {
        key: 'cmd:export-queue',
        label: 'Export the incident queue as CSV',
        hint: '',
        section: 'Command',
        run: () => {
          const f = s.incidentFilters
          void exportQueue({
            format: 'csv',
            ...(f.client ? { client: f.client } : {}),
            ...(f.priority ? { priority: f.priority } : {}),
            ...(f.severity ? { severity: f.severity } : {}),
            ...(f.text ? { q: f.text } : {}),
            ...(f.status === 'active' ? { status: ['open', 'acknowledged'] } : f.status === 'resolved' ? { status: ['resolved', 'closed'] } : f.status === 'all' ? {} : { status: f.status }),
          })
        },
      },
      'export incidents queue csv download',
    )
    if (words.length) {
      for (const id of s.clientOrder) {
        const c = s.clientsById[id]
        if (c) add({ key: `client:${id}`, label: `Client ${c.name}`, hint: 'incidents', section: 'Client', run: () => openClientQueue(id) }, `client ${c.name} ${id}`)
      }
      let n = 0
      for (const id of s.incidentIds) {
        const i = s.incidentsById[id]
        if (!i) continue
        const before = out.length
        add({ key: `inc:${id}`, label: `${i.id} ${i.title}`, hint: `${i.priority} · ${i.client}`, section: 'Incident', run: () => openIncident(id) }, `${i.id} ${i.title} ${i.client}`)
        if (out.length > before && ++n >= 200) break
      }
    } else {
      out.push({ key: 'go:incidents', label: 'Incident queue', hint: keysFor('view.incidents')[0], section: 'Command', run: () => navigate('incidents'), score: -0.5 })
    }
    return out
      .sort((a, b) => b.score - a.score)
      .slice(0, 60)
      .map(({ score: _s, ...item }) => item)
  }, [open, text])

  if (!open) return null
  const current = Math.min(at, Math.max(0, items.length - 1))
  const choose = (item: Item | undefined) => {
    if (!item) return
    setOpen(false)
    // After the palette closed, so the command sees the screen underneath (and its modal guard is off).
    setTimeout(item.run, 0)
  }

  return (
    <div className="overlay-backdrop" onClick={() => setOpen(false)}>
      <div className="palette" role="dialog" aria-modal="true" aria-label="Command palette" onClick={(e) => e.stopPropagation()}>
        <input
          ref={inputRef}
          className="palette-input"
          type="text"
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-activedescendant={items[current] ? `pal-${current}` : undefined}
          placeholder="Type a command, a client or an incident…"
          value={text}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => {
            setText(e.target.value)
            setAt(0)
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setAt((n) => Math.min(items.length - 1, n + 1))
            else if (e.key === 'ArrowUp') setAt((n) => Math.max(0, n - 1))
            else if (e.key === 'Enter') choose(items[current])
            else if (e.key === 'Escape') setOpen(false)
            else return
            e.preventDefault()
            e.stopPropagation()
          }}
        />
        <ul id="palette-list" className="palette-list" role="listbox">
          {items.map((item, n) => (
            <li
              key={item.key}
              id={`pal-${n}`}
              role="option"
              aria-selected={n === current}
              className={n === current ? 'current' : ''}
              onMouseMove={() => setAt(n)}
              onClick={() => choose(item)}
            >
              <span className="pal-section">{item.section}</span>
              <span className="pal-label">{item.label}</span>
              {item.hint && <kbd className="hint">{item.hint}</kbd>}
            </li>
          ))}
          {items.length === 0 && <li className="dim">Nothing matches.</li>}
        </ul>
      </div>
    </div>
  )
}
