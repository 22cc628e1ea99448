/**
 * The desktop-notification port, implemented with Electron's `Notification`. The hub decides WHAT deserves a
 * notification (src-main/notify); the shell only knows HOW to show one and how to route the operator's answer.
 */
import { Notification } from 'electron'
import type { NotificationConstructorOptions } from 'electron'
import type { Severity } from '@shared/model/severity'

export type NotificationAction = 'ack'

export interface DesktopNotification {
  title: string
  body: string
  severity: Severity
  incidentId?: string
  /** Buttons to offer (shown where the OS supports notification actions — macOS; elsewhere click focuses the console). */
  actions?: readonly NotificationAction[]
}

export interface DesktopNotifierPort {
  notify(n: DesktopNotification): void
}

export interface DesktopNotifierDeps {
  /** Acknowledge through the hub (same path as the console's Ack button). */
  ack(incidentId: string): Promise<void>
  /** Show the console, optionally on this incident. */
  focus(incidentId?: string): void
  log?: (msg: string, err?: unknown) => void
}

const ACTION_LABEL: Record<NotificationAction, string> = { ack: 'Ack' }

/** Live notifications are kept referenced: a garbage-collected Notification silently drops its click/action events. */
const MAX_LIVE = 100

export const notificationOptions = (n: DesktopNotification): NotificationConstructorOptions => {
  const actions = n.incidentId ? (n.actions ?? []) : []
  return {
    title: n.title,
    body: n.body,
    urgency: n.severity === 'critical' ? 'critical' : n.severity === 'major' || n.severity === 'minor' ? 'normal' : 'low',
    // A critical stays on screen until someone looks at it.
    timeoutType: n.severity === 'critical' ? 'never' : 'default',
    silent: n.severity === 'info' || n.severity === 'ok',
    actions: actions.map((a) => ({ type: 'button' as const, text: ACTION_LABEL[a] })),
  }
}

export const createDesktopNotifier = (deps: DesktopNotifierDeps): DesktopNotifierPort & { readonly live: number } => {
  const log = deps.log ?? ((m: string, e?: unknown) => console.warn(`[notify] ${m}`, e ?? ''))
  const live = new Set<Notification>()
  return {
    get live() {
      return live.size
    },
    notify(n) {
      if (!Notification.isSupported()) return
      const options = notificationOptions(n)
      const actions = n.incidentId ? (n.actions ?? []) : []
      const note = new Notification(options)
      live.add(note)
      if (live.size > MAX_LIVE) live.delete(live.values().next().value!)
      note.on('click', () => deps.focus(n.incidentId))
      note.on('action', (_event, index) => {
        if (actions[index] === 'ack' && n.incidentId) deps.ack(n.incidentId).catch((e: unknown) => log(`ack of ${n.incidentId} failed`, e))
      })
      note.on('close', () => live.delete(note))
      note.show()
    },
  }
}
