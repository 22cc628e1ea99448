import type { Incident } from './incident'
import type { Priority } from './severity'

/**
 * How long an incident may stay unacknowledged, per priority. One table for the wall's countdown, the queue's
 * SLA column and anything on the server that wants to report breaches.
 */
export const ACK_SLA_MS: Readonly<Record<Priority, number>> = {
  P1: 15 * 60_000,
  P2: 30 * 60_000,
  P3: 4 * 3_600_000,
  P4: 24 * 3_600_000,
}

/** When the ack SLA breaches, or null when it no longer applies (acknowledged, resolved, closed). */
export const ackDueAt = (i: Pick<Incident, 'status' | 'priority' | 'openedAt'>): number | null =>
  i.status === 'open' ? i.openedAt + ACK_SLA_MS[i.priority] : null

/** Milliseconds left before the ack SLA breaches (negative once breached), or null when it does not apply. */
export const ackSlaLeft = (i: Pick<Incident, 'status' | 'priority' | 'openedAt'>, now: number): number | null => {
  const due = ackDueAt(i)
  return due === null ? null : due - now
}
