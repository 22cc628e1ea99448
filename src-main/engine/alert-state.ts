import type { Alert } from '@shared/model/alert'

/** `ok` is a clear, never an open severity: an alert "firing" at `ok` counts as resolved. */
export const isFiring = (a: Alert): boolean => a.status === 'firing' && a.severity !== 'ok'

/** "`HighLatency` on web-01" — how alerts are named in reasons and timeline texts. */
export const alertName = (a: Alert): string => `\`${a.rule}\`${a.resource ? ` on ${a.resource}` : ''}`
