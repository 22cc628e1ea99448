/**
 * The tray icon, as a tray monitor (Nagstamon and friends) has it: the icon is the worst open severity's colour
 * with a count badge, the tooltip (and the macOS menu-bar title) spell the counts, and while a P1 is
 * unacknowledged the icon alternates with a red "!" frame and the window asks for attention. The menu acks
 * those P1s directly. State comes from tray-state.ts; this file only draws it.
 */
import { Menu, Tray, nativeImage } from 'electron'
import type { MenuItemConstructorOptions, NativeImage } from 'electron'
import { drawTrayIcon, drawTrayTemplate, type TrayLook } from './icons/noc-mark'
import { countsText, tooltipText, type TraySnapshot } from './tray-state'

export interface TrayActions {
  show(): void
  toggleWall(): void
  /** Wall mode on display `n` (1-based, as in `--display n`). */
  wallOn(n: number): void
  ack(incidentId: string): void
  setOpenAtLogin(on: boolean): void
  quit(): void
}

export interface TrayDeps {
  platform: string
  /** Display names for the "Wall on" submenu. */
  displays(): string[]
  loginItem(): { supported: boolean; on: boolean }
  /** Ask for the operator's attention (taskbar flash, dock bounce) — or stop asking. */
  attention(on: boolean): void
  log?: (m: string) => void
  /** Injected for tests: returns a stop function. */
  every?(ms: number, fn: () => void): () => void
}

export const FLASH_MS = 800
const MAX_ACK_ITEMS = 5

const every = (ms: number, fn: () => void) => {
  const t = setInterval(fn, ms)
  t.unref?.()
  return () => clearInterval(t)
}

/** Per-platform tray image: coloured 16/32 px (Windows, Linux), or a black template with @2x (macOS). */
export const trayImage = (look: TrayLook, platform: string): NativeImage => {
  if (platform === 'darwin') {
    const img = nativeImage.createFromBuffer(drawTrayTemplate(16, look.attention).png(), { scaleFactor: 1 })
    img.addRepresentation({ scaleFactor: 2, buffer: drawTrayTemplate(32, look.attention).png() })
    img.setTemplateImage(true)
    return img
  }
  if (platform === 'win32') {
    const img = nativeImage.createFromBuffer(drawTrayIcon(look, 16).png(), { scaleFactor: 1 })
    img.addRepresentation({ scaleFactor: 2, buffer: drawTrayIcon(look, 32).png() })
    return img
  }
  // Linux indicators scale what they get to the panel height (22–32 px): give them 32.
  return nativeImage.createFromBuffer(drawTrayIcon(look, 32).png(), { scaleFactor: 1 })
}

export const trayMenu = (s: TraySnapshot, d: Pick<TrayDeps, 'displays' | 'loginItem'>, a: TrayActions): MenuItemConstructorOptions[] => {
  const items: MenuItemConstructorOptions[] = [
    { label: s.total === 0 ? 'All clear' : `${countsText(s)} — ${s.unacked} unacknowledged`, enabled: false },
  ]
  if (s.attention.length) {
    items.push({ type: 'separator' }, { label: `Unacknowledged P1 (${s.attention.length})`, enabled: false })
    for (const i of s.attention.slice(0, MAX_ACK_ITEMS)) {
      const title = i.title.length > 60 ? `${i.title.slice(0, 59)}…` : i.title
      items.push({ label: `Ack ${i.id} — ${i.client}: ${title}`, click: () => a.ack(i.id) })
    }
    if (s.attention.length > MAX_ACK_ITEMS) items.push({ label: `…and ${s.attention.length - MAX_ACK_ITEMS} more in the console`, click: () => a.show() })
  }
  items.push({ type: 'separator' }, { label: 'Show console', click: () => a.show() }, { label: 'Toggle wall mode', click: () => a.toggleWall() })
  const displays = d.displays()
  if (displays.length > 1) items.push({ label: 'Wall mode on', submenu: displays.map((name, i) => ({ label: name, click: () => a.wallOn(i + 1) })) })
  const login = d.loginItem()
  if (login.supported) items.push({ label: 'Start at login', type: 'checkbox', checked: login.on, click: () => a.setOpenAtLogin(!login.on) })
  items.push({ type: 'separator' }, { label: 'Quit', click: () => a.quit() })
  return items
}

export interface TrayController {
  readonly tray: Tray | null
  update(s: TraySnapshot): void
  /** Rebuild the menu (displays or the login item changed). */
  refreshMenu(): void
  destroy(): void
}

export const createTrayController = (deps: TrayDeps, actions: TrayActions): TrayController => {
  const log = deps.log ?? ((m: string) => console.warn(m))
  const images = new Map<string, NativeImage>()
  const image = (look: TrayLook) => {
    const key = `${look.severity}|${look.count}|${look.attention ? 1 : 0}`
    let img = images.get(key)
    if (!img) images.set(key, (img = trayImage(look, deps.platform)))
    return img
  }
  let tray: Tray | null = null
  let snap: TraySnapshot | null = null
  let look: TrayLook = { severity: null, count: 0 }
  try {
    tray = new Tray(image(look))
  } catch (e) {
    // Some Linux sessions have no status notifier host: the console still works, without a tray.
    log(`[tray] no tray available (${String(e)}); running without one`)
  }
  let flashFrame = false
  let stopFlash: (() => void) | null = null
  let menuKey = ''
  let shownKey = ''
  const paint = () => {
    if (!tray) return
    const l = flashFrame ? { ...look, attention: true } : look
    const key = `${l.severity}|${l.count}|${l.attention ? 1 : 0}`
    if (key !== shownKey) {
      tray.setImage(image(l))
      shownKey = key
    }
  }
  const setMenu = (force = false) => {
    if (!tray || !snap) return
    const items = trayMenu(snap, deps, actions)
    const key = JSON.stringify(items, (k, v) => (k === 'click' ? undefined : v))
    if (!force && key === menuKey) return
    menuKey = key
    tray.setContextMenu(Menu.buildFromTemplate(items))
  }
  if (tray) {
    tray.setToolTip('NOC console')
    tray.on('click', () => actions.show())
  }
  return {
    get tray() {
      return tray
    },
    update(s) {
      const hadAttention = !!snap?.attention.length
      const known = new Set(snap?.attention.map((i) => i.id) ?? [])
      snap = s
      look = { severity: s.worst, count: s.worstCount }
      if (tray) {
        tray.setToolTip(tooltipText(s))
        if (deps.platform === 'darwin') tray.setTitle(s.attention.length ? `P1! ${countsText(s)}` : countsText(s))
      }
      if (s.attention.length && !stopFlash) {
        stopFlash = (deps.every ?? every)(FLASH_MS, () => {
          flashFrame = !flashFrame
          paint()
        })
      }
      if (!s.attention.length && stopFlash) {
        stopFlash()
        stopFlash = null
        flashFrame = false
      }
      // A P1 the operator has not been asked about yet: ask (again, if an older one is still waiting).
      if (s.attention.some((i) => !known.has(i.id))) deps.attention(true)
      else if (hadAttention && !s.attention.length) deps.attention(false)
      paint()
      setMenu()
    },
    refreshMenu: () => setMenu(true),
    destroy() {
      stopFlash?.()
      stopFlash = null
      tray?.destroy()
      tray = null
    },
  }
}
