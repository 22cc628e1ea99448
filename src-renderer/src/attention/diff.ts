/**
 * What deserves an operator's attention, decided from successive versions of incidents. Pure (no DOM, no
 * clock): the runtime in ./attention feeds it and turns its answers into notifications, sounds and the
 * "missed while away" list. Notifications stay for what matters (alerta-webui#324: "without filtering it
 * overwhelms"): new P1/P2 incidents, a priority raised to P1/P2, escalations.
 */
import { isActive, type Incident } from '@shared/model/incident'

export type AttentionEvent =
  | { kind: 'new'; incident: Incident }
  | { kind: 'raised'; incident: Incident; from: Incident['priority'] }
  | { kind: 'escalated'; incident: Incident; from: number }
  | { kind: 'missed'; incident: Incident }

export const isUrgent = (i: Pick<Incident, 'priority'>): boolean => i.priority === 'P1' || i.priority === 'P2'

export interface DiffContext {
  now: number
  /** Whether nobody was looking at some moment within [from, to]. */
  wasAway(from: number, to: number): boolean
  /** Incidents older than this when first seen are history, not news (a console that connects late). */
  freshMs?: number
}

/** Compare one incident's previous version (undefined: first sight) with its new one. */
export const attentionFor = (prev: Incident | undefined, next: Incident, ctx: DiffContext): AttentionEvent[] => {
  const out: AttentionEvent[] = []
  const freshMs = ctx.freshMs ?? 10 * 60_000
  if (!prev) {
    if (next.status === 'open' && isUrgent(next) && ctx.now - next.openedAt <= freshMs) out.push({ kind: 'new', incident: next })
  } else {
    if (next.status === 'open' && isUrgent(next) && !isUrgent(prev)) out.push({ kind: 'raised', incident: next, from: prev.priority })
    if (isActive(next.status) && next.escalationLevel > prev.escalationLevel) out.push({ kind: 'escalated', incident: next, from: prev.escalationLevel })
  }
  // Fired and recovered without anyone acknowledging it, while nobody was looking.
  const ended = !isActive(next.status) && (!prev || isActive(prev.status))
  if (ended && next.acknowledgedAt === null && next.mergedInto === null) {
    const end = next.resolvedAt ?? next.closedAt ?? ctx.now
    if (ctx.wasAway(next.openedAt, end)) out.push({ kind: 'missed', incident: next })
  }
  return out
}

/** Away periods: closed intervals plus an optional open one. Kept for a day. */
export const createPresence = (keepMs = 24 * 3_600_000) => {
  let periods: Array<{ from: number; to: number }> = []
  let openSince: number | null = null
  const forgetBefore = (at: number) => (periods = periods.filter((p) => p.to >= at - keepMs))
  return {
    /** Start (or keep) an away period. */
    away(at: number) {
      if (openSince === null) openSince = at
    },
    /** End the current away period, if any. */
    back(at: number) {
      if (openSince === null) return
      if (at > openSince) periods.push({ from: openSince, to: at })
      openSince = null
      forgetBefore(at)
    },
    /** Record a finished away period directly (an idle gap noticed afterwards). */
    add(from: number, to: number) {
      if (to > from) periods.push({ from, to })
      forgetBefore(to)
    },
    isAway: () => openSince !== null,
    wasAway(from: number, to: number): boolean {
      if (openSince !== null && openSince <= to) return true
      return periods.some((p) => p.from <= to && p.to >= from)
    },
  }
}
export type Presence = ReturnType<typeof createPresence>
