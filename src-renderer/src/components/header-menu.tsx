import { useEffect, useRef, useState, type ReactNode } from 'react'

export interface MenuEntry {
  id: string
  label: ReactNode
  /** Short text after the label: a count, a state ("muted"). */
  extra?: ReactNode
  hint?: string
  current?: boolean
  onSelect: () => void
}

/**
 * The header's "More" menu: whatever did not fit on the bar, still one click or a few keys away. A real menu
 * button (aria-haspopup/expanded, role=menu/menuitem): Enter/Space/↓ open it on the first item, ↑/↓/Home/End
 * move, Enter runs, Esc or Tab closes and gives focus back. Its key events are marked handled, so the console's
 * own shortcuts (j/k, Esc) do not act on the screen underneath while it is open.
 */
export const HeaderMenu = ({ entries, badge }: { entries: MenuEntry[]; badge?: ReactNode }) => {
  const [open, setOpen] = useState(false)
  const button = useRef<HTMLButtonElement>(null)
  const list = useRef<HTMLDivElement>(null)
  const items = () => [...(list.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])]

  useEffect(() => {
    if (!open) return
    items()[0]?.focus()
    const away = (e: PointerEvent) => {
      if (!list.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setOpen(false)
    }
    document.addEventListener('pointerdown', away)
    return () => document.removeEventListener('pointerdown', away)
  }, [open])

  const close = (refocus: boolean) => {
    setOpen(false)
    if (refocus) button.current?.focus()
  }

  const onMenuKey = (e: React.KeyboardEvent) => {
    const all = items()
    const at = all.indexOf(document.activeElement as HTMLButtonElement)
    const go = (i: number) => all[(i + all.length) % all.length]?.focus()
    if (e.key === 'ArrowDown') go(at + 1)
    else if (e.key === 'ArrowUp') go(at - 1)
    else if (e.key === 'Home') go(0)
    else if (e.key === 'End') go(all.length - 1)
    else if (e.key === 'Escape') close(true)
    else if (e.key === 'Tab') return setOpen(false)
    // Enter/Space: the focused item's own click (its default action); only keep the key from the screen's shortcuts.
    else if (e.key === 'Enter' || e.key === ' ') return e.stopPropagation()
    else return
    e.preventDefault()
    e.stopPropagation()
  }

  if (!entries.length) return null
  return (
    <span className="header-menu">
      <button
        ref={button}
        type="button"
        className={`header-button more${open ? ' active' : ''}`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={`More: ${entries.length} more controls`}
        data-more={entries.map((e) => e.id).join(' ')}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault()
            setOpen(true)
          }
        }}
      >
        More {badge} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div className="header-menu-list" role="menu" aria-label="More controls" ref={list} onKeyDown={onMenuKey}>
          {entries.map((e) => (
            <button
              key={e.id}
              type="button"
              role="menuitem"
              className="header-menu-item"
              data-item={e.id}
              aria-current={e.current ? 'page' : undefined}
              onClick={() => {
                close(false)
                e.onSelect()
              }}
            >
              <span className="label">{e.label}</span>
              {e.extra}
              {e.hint && <kbd className="hint">{e.hint}</kbd>}
            </button>
          ))}
        </div>
      )}
    </span>
  )
}
