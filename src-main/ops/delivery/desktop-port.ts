import type { DesktopNotification } from '@shared/api/hub-protocol'

/**
 * The desktop notification port, as the notification layer sees it. The Electron shell implements it
 * (src-main/electron/desktop-notifier.ts has the same shape) and attaches it with `hub.attachDesktop(port)`;
 * the served console shows the same notices from the delta's `notifications` (Web Notifications + sound).
 */
export type { DesktopNotification }

export interface DesktopPort {
  notify(n: DesktopNotification): void
}
