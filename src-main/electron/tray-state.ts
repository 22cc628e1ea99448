/**
 * What the tray shows, kept from the hub's incidents (the initial list, then every delta). Pure: no Electron.
 * Counts are active incidents (open + acknowledged) by severity, like a Nagstamon status bar; attention is on
 * while any P1 is still open (unacknowledged) — a new P1 turns it on, acknowledging (or resolving) the last one
 * turns it off.
 */
import type { Incident } from '@shared/model/incident'
import { severityRank, type Severity } from '@shared/model/severity'

export type TrayIncident = Pick<Incident, 'id' | 'status' | 'priority' | 'severity' | 'title' | 'client' | 'openedAt' | 'seq'>

export const COUNTED: readonly Exclude<Severity, 'ok'>[] = ['critical', 'major', 'minor', 'warning', 'info']

export interface TraySnapshot {
  counts: Record<Exclude<Severity, 'ok'>, number>
  /** Active incidents. */
  total: number
  /** Of those, not yet acknowledged. */
  unacked: number
  /** Worst severity among active incidents, null when none. */
  worst: Severity | null
  worstCount: number
  /** Unacknowledged P1s, newest first: attention is on while this is not empty. */
  attention: TrayIncident[]
}

const isActive = (i: TrayIncident) => i.status === 'open' || i.status === 'acknowledged'

/** Ended incidents whose last seq is remembered, so a late older copy cannot bring one back. */
const MAX_ENDED = 10_000

export const createTrayModel = () => {
  const active = new Map<string, TrayIncident>()
  const ended = new Map<string, number>()
  const lastSeq = (id: string) => active.get(id)?.seq ?? ended.get(id) ?? -1
  return {
    /**
     * Versions of incidents (a delta, or the initial list) in any order: the one with the higher `seq` wins, so
     * the initial list and deltas that raced it can be applied in whatever order they arrived.
     */
    apply(incidents: readonly TrayIncident[]): void {
      for (const i of incidents) {
        if (i.seq < lastSeq(i.id)) continue
        if (isActive(i)) {
          ended.delete(i.id)
          active.set(i.id, { id: i.id, status: i.status, priority: i.priority, severity: i.severity, title: i.title, client: i.client, openedAt: i.openedAt, seq: i.seq })
        } else {
          active.delete(i.id)
          ended.delete(i.id)
          ended.set(i.id, i.seq)
          if (ended.size > MAX_ENDED) ended.delete(ended.keys().next().value!)
        }
      }
    },
    snapshot(): TraySnapshot {
      const counts = { critical: 0, major: 0, minor: 0, warning: 0, info: 0 }
      let unacked = 0
      const attention: TrayIncident[] = []
      for (const i of active.values()) {
        // An `ok` severity on an active incident (everything cleared, hold not over yet) counts as info.
        counts[i.severity === 'ok' ? 'info' : i.severity]++
        if (i.status === 'open') {
          unacked++
          if (i.priority === 'P1') attention.push(i)
        }
      }
      attention.sort((a, b) => b.openedAt - a.openedAt || a.id.localeCompare(b.id))
      const worst = COUNTED.find((s) => counts[s] > 0) ?? null
      return { counts, total: active.size, unacked, worst, worstCount: worst ? counts[worst] : 0, attention }
    },
  }
}

const SHORT: Record<Exclude<Severity, 'ok'>, string> = { critical: 'crit', major: 'maj', minor: 'min', warning: 'warn', info: 'info' }

/** "2 crit · 5 maj" (macOS menu-bar title, tooltip); empty when nothing is active. */
export const countsText = (s: TraySnapshot): string =>
  COUNTED.filter((k) => s.counts[k] > 0)
    .map((k) => `${s.counts[k]} ${SHORT[k]}`)
    .join(' · ')

/** Windows cuts tray tooltips at 127 characters; every platform gets the same short text. */
export const TOOLTIP_MAX = 127

export const tooltipText = (s: TraySnapshot): string => {
  const head = s.total === 0 ? 'NOC console — all clear' : `NOC console — ${countsText(s)} (${s.unacked} unacked)`
  const p1 = s.attention[0]
  const text = p1 ? `${head}\nP1 ${p1.id} ${p1.client}: ${p1.title}${s.attention.length > 1 ? ` (+${s.attention.length - 1} more)` : ''}` : head
  return text.length > TOOLTIP_MAX ? `${text.slice(0, TOOLTIP_MAX - 1)}…` : text
}

/** Worst first, for menus. */
export const bySeverity = (a: TrayIncident, b: TrayIncident): number => severityRank(a.severity) - severityRank(b.severity)
