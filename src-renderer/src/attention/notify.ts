/**
 * Web Notifications for the served console (the Electron shell shows its own). With a service worker (secure
 * contexts: https or localhost) a notification carries an "Ack" button; without one it is a plain
 * notification whose click opens the incident.
 */
import type { Severity } from '@shared/model/severity'

export type Permission = NotificationPermission | 'unsupported'

const supported = () => typeof Notification !== 'undefined' && globalThis.isSecureContext !== false

export const notificationPermission = (): Permission => (supported() ? Notification.permission : 'unsupported')

export const requestNotifications = async (): Promise<Permission> => {
  if (!supported()) return 'unsupported'
  try {
    return await Notification.requestPermission()
  } catch {
    return Notification.permission
  }
}

let registration: ServiceWorkerRegistration | null = null

export interface WorkerMessage {
  type: 'noc-ack' | 'noc-open'
  incidentId?: string
}

/** Register the worker that gives notifications their Ack button, and listen to what it reports. */
export const registerNotificationWorker = async (onMessage: (m: WorkerMessage) => void): Promise<void> => {
  const sw = (globalThis.navigator as Navigator | undefined)?.serviceWorker
  if (!sw || !supported() || !/^https?:$/.test(location.protocol)) return
  try {
    registration = await sw.register('./sw.js', { scope: './' })
    sw.addEventListener('message', (e: MessageEvent) => {
      const d = e.data as WorkerMessage | undefined
      if (d && (d.type === 'noc-ack' || d.type === 'noc-open')) onMessage(d)
    })
  } catch {
    registration = null // plain notifications still work
  }
}

export interface NoticeInput {
  title: string
  body: string
  severity: Severity
  incidentId: string | null
  /** Same tag → replaces the previous notification for that incident instead of stacking. */
  tag: string
}

export const showNotification = async (n: NoticeInput, onOpen: (incidentId: string) => void): Promise<boolean> => {
  if (notificationPermission() !== 'granted') return false
  const options: NotificationOptions & { actions?: { action: string; title: string }[] } = {
    body: n.body,
    tag: n.tag,
    requireInteraction: n.severity === 'critical',
    data: { incidentId: n.incidentId },
  }
  try {
    if (registration) {
      // `actions` is not in TypeScript's DOM NotificationOptions yet; Chromium supports it on worker notifications.
      await registration.showNotification(n.title, { ...options, actions: n.incidentId ? [{ action: 'ack', title: 'Ack' }] : [] } as NotificationOptions)
      return true
    }
    const note = new Notification(n.title, options)
    note.onclick = () => {
      globalThis.focus?.()
      if (n.incidentId) onOpen(n.incidentId)
      note.close()
    }
    return true
  } catch {
    return false
  }
}
