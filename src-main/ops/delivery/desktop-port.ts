import type { Severity } from '@shared/model/severity'

/**
 * The desktop notification port, as the notification layer sees it. The Electron shell implements it
 * (src-main/electron/desktop-notifier.ts has the same shape) and attaches it with `hub.attachDesktop(port)`;
 * the served console shows the same notices from the delta's `notifications` (Web Notifications + sound).
 */
export interface DesktopNotification {
  title: string
  body: string
  severity: Severity
  incidentId?: string
  actions?: readonly 'ack'[]
}

export interface DesktopPort {
  notify(n: DesktopNotification): void
}
