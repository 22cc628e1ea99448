import { Fragment, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { useNoc } from '../store/store'
import type { View } from '../store/ui-slice'
import { firingCount } from '../store/feed-state'
import { runCommand } from '../keyboard/commands'
import { keyHint, type CommandId } from '../keyboard/keymap'
import { clockTime } from '../lib/time'
import { navigate } from '../lib/navigate'
import { useNow } from '../lib/use-now'
import { ConnectionPill } from './connection-banner'
import { fitHeader } from './header-fit'
import { HeaderMenu, type MenuEntry } from './header-menu'

/** Tabs, with how soon each leaves the bar for the More menu when space runs out (1 = last to go). */
const NAV: { view: View; label: string; command: CommandId; priority: number }[] = [
  { view: 'wall', label: 'Wall', command: 'view.wall', priority: 1 },
  { view: 'incidents', label: 'Incidents', command: 'view.incidents', priority: 1 },
  { view: 'heatmap', label: 'Heatmap', command: 'view.heatmap', priority: 3 },
  { view: 'alerts', label: 'Alerts', command: 'view.alerts', priority: 2 },
  { view: 'missed', label: 'Missed', command: 'view.missed', priority: 4 },
  { view: 'metrics', label: 'Metrics', command: 'view.metrics', priority: 6 },
  { view: 'reports', label: 'Reports', command: 'view.reports', priority: 6 },
  { view: 'settings', label: 'Settings', command: 'view.settings', priority: 5 },
]

/** Active incidents, and how many of them nobody has acknowledged: the tab says both. */
const useCounts = () => {
  const active = useNoc((s) => {
    let n = 0
    for (const c of Object.values(s.incidentsByClient)) n += c.active.P1 + c.active.P2 + c.active.P3 + c.active.P4
    return n
  })
  const unacked = useNoc((s) => {
    let n = 0
    for (const c of Object.values(s.incidentsByClient)) n += c.unacked
    return n
  })
  const firing = useNoc(firingCount)
  const missed = useNoc((s) => s.missed.length)
  return { active, unacked, firing, missed }
}

interface Item {
  id: string
  /** 0 = always on the bar. */
  priority: number
  where: 'nav' | 'right'
  /** The item on the bar; `measure` = the hidden copy that is only measured (no ids, data hooks or roles). */
  bar: (measure: boolean) => ReactNode
  menu?: MenuEntry
}

/**
 * The console's top bar. Everything fits on one line at any width from 1280 px up: the header measures its
 * items (a hidden, inert copy) and moves the least important ones into a "More" menu (header-fit.ts) — key
 * hints go first (CSS, below 1700 px), then Metrics/Reports/Settings, the palette and help buttons, and so on.
 * The connection state, DEMO badge and clock never leave the bar; a count on a tab that left (missed, firing)
 * rides on the More button.
 */
export const Header = () => {
  const view = useNoc((s) => s.view)
  const demo = useNoc((s) => s.demo)
  const paused = useNoc((s) => s.paused)
  const muted = useNoc((s) => s.settings.muted)
  const soundBlocked = useNoc((s) => s.soundBlocked)
  const counts = useCounts()
  const now = useNow(10_000)
  const current = view === 'incident' ? 'incidents' : view

  const badge = (v: View) => {
    if (v === 'incidents')
      return counts.active ? (
        <span className={`nav-count${counts.unacked ? ' hot' : ''}`} title={`${counts.active} active, ${counts.unacked} not acknowledged`}>
          {counts.unacked ? `${counts.unacked}/${counts.active}` : counts.active}
        </span>
      ) : null
    if (v === 'alerts') return <span className="nav-count">{counts.firing}</span>
    if (v === 'missed') return counts.missed ? <span className="nav-count warn">{counts.missed}</span> : null
    return null
  }

  const soundLabel = muted ? 'Muted' : soundBlocked ? 'No sound' : 'Sound'
  const items: Item[] = [
    { id: 'brand', priority: 0, where: 'nav', bar: () => <span className="brand">NOC</span> },
    ...NAV.map(
      (n): Item => ({
        id: `view-${n.view}`,
        // Missed with something in it is news: it stays as long as Alerts does.
        priority: n.view === 'missed' && counts.missed ? 2 : n.priority,
        where: 'nav',
        bar: (m) => (
          <button
            type="button"
            className="nav-tab"
            data-view={m ? undefined : n.view}
            aria-current={!m && current === n.view ? 'page' : undefined}
            tabIndex={m ? -1 : undefined}
            onClick={m ? undefined : () => navigate(n.view)}
          >
            {n.label}
            {badge(n.view)}
            <kbd className="hint">{keyHint(n.command)}</kbd>
          </button>
        ),
        menu: { id: `view-${n.view}`, label: n.label, extra: badge(n.view), hint: keyHint(n.command), current: current === n.view, onSelect: () => navigate(n.view) },
      }),
    ),
    ...(demo
      ? [
          {
            id: 'demo',
            priority: 0,
            where: 'right' as const,
            bar: () => (
              <span className="demo-badge" title="The server is running its built-in simulator: these are not real alerts.">
                DEMO DATA
              </span>
            ),
          },
        ]
      : []),
    {
      id: 'sound',
      // A muted or blocked alarm is a state the operator must see: it stays longer than a working one.
      priority: muted || soundBlocked ? 2 : 3,
      where: 'right',
      bar: (m) => (
        <button
          type="button"
          className={`header-button sound${muted ? ' muted' : ''}${soundBlocked && !muted ? ' blocked' : ''}`}
          onClick={m ? undefined : () => runCommand('sound.toggleMute')}
          data-sound={m ? undefined : muted ? 'muted' : soundBlocked ? 'blocked' : 'on'}
          aria-pressed={!muted}
          tabIndex={m ? -1 : undefined}
          title={soundBlocked && !muted ? 'The browser blocks sound until you press a key or click once' : undefined}
        >
          {soundLabel} <kbd className="hint">{keyHint('sound.toggleMute')}</kbd>
        </button>
      ),
      menu: { id: 'sound', label: muted ? 'Sound is muted — unmute' : soundBlocked ? 'No sound yet — press any key once' : 'Mute the alarm sound', hint: keyHint('sound.toggleMute'), onSelect: () => runCommand('sound.toggleMute') },
    },
    {
      id: 'connection',
      priority: 0,
      where: 'right',
      bar: (m) =>
        m ? (
          <span className="conn-pill">
            <span className="conn-dot" />
            Reconnecting
          </span>
        ) : (
          <ConnectionPill />
        ),
    },
    {
      id: 'pause',
      priority: paused ? 1 : 2,
      where: 'right',
      bar: (m) => (
        <button type="button" className={`header-button${paused ? ' active' : ''}`} tabIndex={m ? -1 : undefined} data-control={m ? undefined : 'pause'} onClick={m ? undefined : () => runCommand('feed.togglePause')}>
          {paused ? 'Resume' : 'Pause'} <kbd className="hint">{keyHint('feed.togglePause')}</kbd>
        </button>
      ),
      menu: { id: 'pause', label: paused ? 'Resume live updates' : 'Pause live updates', hint: keyHint('feed.togglePause'), onSelect: () => runCommand('feed.togglePause') },
    },
    {
      id: 'palette',
      priority: 4,
      where: 'right',
      bar: (m) => (
        <button
          type="button"
          className="header-button"
          tabIndex={m ? -1 : undefined}
          data-control={m ? undefined : 'palette'}
          onClick={m ? undefined : () => runCommand('palette.toggle')}
          aria-label="Command palette"
          title="Command palette: every command, client and incident"
        >
          <kbd className="hint">{keyHint('palette.toggle')}</kbd>
        </button>
      ),
      menu: { id: 'palette', label: 'Command palette', hint: keyHint('palette.toggle'), onSelect: () => runCommand('palette.toggle') },
    },
    {
      id: 'keys',
      priority: 4,
      where: 'right',
      bar: (m) => (
        <button type="button" className="header-button" tabIndex={m ? -1 : undefined} data-control={m ? undefined : 'keys'} onClick={m ? undefined : () => runCommand('help.toggle')} aria-label="Keyboard help">
          Keys <kbd className="hint">?</kbd>
        </button>
      ),
      menu: { id: 'keys', label: 'Keyboard help', hint: '?', onSelect: () => runCommand('help.toggle') },
    },
    {
      id: 'clock',
      priority: 0,
      where: 'right',
      bar: (m) => (
        <time className="clock" dateTime={m ? undefined : new Date(now).toISOString()}>
          {m ? '00:00' : clockTime(now)}
        </time>
      ),
    },
  ]

  const { headerRef, measureRef, moreRef, shown } = useHeaderFit(items)
  const hidden = items.filter((i) => !shown(i.id) && i.menu)
  const hiddenCount = hidden.some((i) => i.id === 'view-missed') && counts.missed ? <span className="nav-count warn">{counts.missed}</span> : null
  const bar = (where: Item['where']) => items.filter((i) => i.where === where && shown(i.id)).map((i) => <Fragment key={i.id}>{i.bar(false)}</Fragment>)
  const [brand, ...tabs] = bar('nav')
  const right = bar('right')
  const clock = right.pop()

  return (
    <header className="app-header" ref={headerRef}>
      {brand}
      <nav className="nav" aria-label="Views">
        {tabs}
      </nav>
      <span className="header-spacer" />
      {right}
      <HeaderMenu entries={hidden.map((i) => i.menu!)} badge={hiddenCount} />
      {clock}
      {/* What every item needs, measured off-screen: the bar decides what fits from these widths. */}
      <div className="header-measure" ref={measureRef} aria-hidden="true" inert>
        {items.map((i) => (
          <span key={i.id} className="measure-item" data-measure={i.id}>
            {i.bar(true)}
          </span>
        ))}
        <span className="measure-item" data-measure="more" ref={moreRef}>
          <span className="header-button more">
            More <span className="nav-count warn">99</span> ▾
          </span>
        </span>
      </div>
    </header>
  )
}

/** Gap between items on the bar (app.css `.app-header` gap), counted after each item. */
const GAP = 10

/** Measure the hidden copy whenever an item's size or the header's width changes, and fit. */
const useHeaderFit = (items: Item[]) => {
  const headerRef = useRef<HTMLElement>(null)
  const measureRef = useRef<HTMLDivElement>(null)
  const moreRef = useRef<HTMLSpanElement>(null)
  const [widths, setWidths] = useState<{ available: number; more: number; items: Record<string, number> } | null>(null)

  useLayoutEffect(() => {
    const header = headerRef.current
    const box = measureRef.current
    if (!header || !box) return
    const measure = () => {
      const cs = getComputedStyle(header)
      const available = header.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight)
      const next: Record<string, number> = {}
      // offsetWidth, like clientWidth above, is in the header's own (unzoomed) pixels; +1 for its rounding.
      for (const el of box.querySelectorAll<HTMLElement>('[data-measure]')) next[el.dataset.measure!] = el.offsetWidth + 1 + GAP
      const more = next.more ?? 100
      delete next.more
      setWidths((prev) =>
        prev && prev.available === available && prev.more === more && Object.keys(next).every((k) => prev.items[k] === next[k]) && Object.keys(prev.items).length === Object.keys(next).length
          ? prev
          : { available, more, items: next },
      )
    }
    measure()
    // Counts change width (a tab's "9" becomes "10"); the header changes with the window.
    const ro = new ResizeObserver(measure)
    ro.observe(header)
    for (const el of box.querySelectorAll('[data-measure]')) ro.observe(el)
    return () => ro.disconnect()
  }, [items.length])

  const fit = useMemo(() => {
    if (!widths) return null
    return fitHeader(
      items.map((i) => ({ id: i.id, width: widths.items[i.id] ?? 0, priority: i.priority })),
      widths.available,
      widths.more,
    )
  }, [widths, items.map((i) => `${i.id}:${i.priority}`).join(' ')]) // eslint-disable-line react-hooks/exhaustive-deps
  return { headerRef, measureRef, moreRef, shown: (id: string) => fit === null || fit.has(id) }
}
