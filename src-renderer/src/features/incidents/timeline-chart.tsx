import { useMemo, useRef, type ReactNode } from 'react'
import type { Incident, TimelineEntry, TimelineKind } from '@shared/model/incident'
import { clockTime, fullTime } from '../../lib/time'
import { useWidth } from '../../lib/use-width'

/**
 * The incident's life on a time axis (SVG: one small chart does not need a charting library's weight).
 * A band shows the state over time (open → acknowledged → resolved); three lanes hold the entries: alerts
 * (first event, alerts joining, resolving, re-firing), people (acks, notes, assignments, escalations) and the
 * engine (severity/priority changes, problem links, resolve/close). Each marker has a shape per lane, and
 * the important ones a label, so nothing is told by colour alone.
 */

type Lane = 'alerts' | 'people' | 'engine'
/** Kinds added later (by newer servers) fall into the lifecycle lane with their raw name as label. */
const LANE_OF: Partial<Record<TimelineKind, Lane>> = {
  opened: 'alerts',
  'alert-joined': 'alerts',
  'alert-resolved': 'alerts',
  'alert-refired': 'alerts',
  'role-changed': 'engine',
  'severity-changed': 'engine',
  'priority-changed': 'engine',
  worsened: 'engine',
  flapping: 'engine',
  problem: 'engine',
  ack: 'people',
  unack: 'people',
  note: 'people',
  assign: 'people',
  escalate: 'people',
  resolve: 'engine',
  close: 'engine',
  reopen: 'engine',
  merge: 'engine',
  split: 'engine',
  notify: 'people',
  response: 'engine',
}
export const laneOf = (k: TimelineKind): Lane => LANE_OF[k] ?? 'engine'
const LANES: { lane: Lane; label: string }[] = [
  { lane: 'alerts', label: 'Alerts' },
  { lane: 'people', label: 'People' },
  { lane: 'engine', label: 'Lifecycle' },
]
/** Entries labelled on the chart; the rest are markers with a tooltip (and all are in the list below it). */
const LABELLED = new Set<TimelineKind>(['opened', 'ack', 'escalate', 'resolve', 'close', 'reopen', 'note'])
const SHORT: Partial<Record<TimelineKind, string>> = {
  opened: 'first event',
  ack: 'ack',
  escalate: 'escalated',
  resolve: 'resolved',
  close: 'closed',
  reopen: 're-opened',
  note: 'note',
}

const KIND_LABELS: Partial<Record<TimelineKind, string>> = {
  opened: 'Opened',
  'alert-joined': 'Alert joined',
  'alert-resolved': 'Alert resolved',
  'alert-refired': 'Alert re-fired',
  'role-changed': 'Role changed',
  'severity-changed': 'Severity changed',
  'priority-changed': 'Priority changed',
  worsened: 'Worsened',
  flapping: 'Flapping',
  problem: 'Problem',
  ack: 'Acknowledged',
  unack: 'Ack taken back',
  note: 'Note',
  assign: 'Assigned',
  escalate: 'Escalated',
  resolve: 'Resolved',
  close: 'Closed',
  reopen: 'Re-opened',
  merge: 'Merged',
  split: 'Split',
  notify: 'Notified',
  response: 'Response action',
}
export const kindLabel = (k: TimelineKind): string => KIND_LABELS[k] ?? k

const LEFT = 110
const RIGHT = 24
const TOP = 34
const LANE_H = 46
const H = TOP + LANE_H * LANES.length + 36

/** 5–8 ticks at a round step (1, 2, 5, 10, 15, 30 min, 1, 2, 3, 6, 12 h, 1 d). */
export const timeTicks = (from: number, to: number, max = 8): number[] => {
  const steps = [60e3, 2 * 60e3, 5 * 60e3, 10 * 60e3, 15 * 60e3, 30 * 60e3, 3600e3, 2 * 3600e3, 3 * 3600e3, 6 * 3600e3, 12 * 3600e3, 86400e3]
  const span = Math.max(1, to - from)
  const step = steps.find((s) => span / s <= max) ?? Math.ceil(span / max / 86400e3) * 86400e3
  const out: number[] = []
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) out.push(t)
  return out
}

const Marker = ({ lane, x, y, kind }: { lane: Lane; x: number; y: number; kind: TimelineKind }) => {
  const cls = `tl-marker tl-${lane} tl-k-${kind}`
  if (lane === 'alerts') return <circle className={cls} cx={x} cy={y} r={7} />
  if (lane === 'people') return <rect className={cls} x={x - 7} y={y - 7} width={14} height={14} transform={`rotate(45 ${x} ${y})`} />
  return <rect className={cls} x={x - 6} y={y - 6} width={12} height={12} />
}

export const TimelineChart = ({ incident, entries, now }: { incident: Incident; entries: TimelineEntry[]; now: number }) => {
  const box = useRef<HTMLDivElement>(null)
  const W = Math.max(400, useWidth(box))
  const { from, to } = useMemo(() => {
    const times = [incident.openedAt, ...entries.map((e) => e.at)]
    const end = incident.status === 'open' || incident.status === 'acknowledged' ? now : Math.max(...times, incident.resolvedAt ?? 0, incident.closedAt ?? 0)
    const start = Math.min(...times)
    const pad = Math.max(30_000, (end - start) * 0.03)
    return { from: start - pad, to: end + pad }
  }, [incident, entries, now])
  const x = (t: number) => LEFT + ((t - from) / (to - from)) * (W - LEFT - RIGHT)
  const laneY = (l: Lane) => TOP + LANES.findIndex((d) => d.lane === l) * LANE_H + LANE_H / 2
  const ackAt = incident.acknowledgedAt
  const endAt = incident.resolvedAt ?? incident.closedAt
  const bandEnd = endAt ?? now
  // Entries closer than ~10 px in one lane draw as one marker with a count ("alert joined ×4"): five alerts
  // joining within a second would otherwise be one dot that looks like one.
  const clusters: { lane: Lane; entries: TimelineEntry[] }[] = []
  const open: Partial<Record<Lane, { lane: Lane; entries: TimelineEntry[]; x: number }>> = {}
  for (const e of [...entries].sort((a, b) => a.at - b.at || a.id - b.id)) {
    const lane = laneOf(e.kind)
    const ex = x(e.at)
    const c = open[lane]
    if (c && ex - c.x < 10) c.entries.push(e)
    else {
      const next = { lane, entries: [e], x: ex }
      open[lane] = next
      clusters.push(next)
    }
  }
  // Labels alternate above/below their marker when they would collide with the previous one in the lane.
  const lastLabelX: Record<Lane, number> = { alerts: -1e9, people: -1e9, engine: -1e9 }
  const flip: Record<Lane, boolean> = { alerts: false, people: false, engine: false }

  return (
    <div className="timeline-box" ref={box}>
    <svg className="timeline-chart" width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Timeline of ${incident.id}: ${entries.length} entries`}>
      {/* state band */}
      <rect className="tl-band st-open" x={x(incident.openedAt)} y={6} width={Math.max(2, x(ackAt ?? bandEnd) - x(incident.openedAt))} height={16} />
      {ackAt !== null && <rect className="tl-band st-acknowledged" x={x(ackAt)} y={6} width={Math.max(2, x(endAt ?? now) - x(ackAt))} height={16} />}
      {endAt !== null && <rect className="tl-band st-resolved" x={x(endAt)} y={6} width={Math.max(2, x(to) - x(endAt))} height={16} />}
      <text className="tl-band-label" x={x(incident.openedAt) + 6} y={19}>
        {ackAt === null && endAt === null ? 'open — not acknowledged' : 'open'}
      </text>
      {ackAt !== null && (
        <text className="tl-band-label dark" x={x(ackAt) + 6} y={19}>
          acknowledged
        </text>
      )}
      {endAt !== null && (
        <text className="tl-band-label dark" x={x(endAt) + 6} y={19}>
          {incident.status === 'closed' ? 'closed' : 'resolved'}
        </text>
      )}

      {LANES.map((l) => (
        <g key={l.lane}>
          <line className="tl-lane" x1={LEFT} x2={W - RIGHT} y1={laneY(l.lane)} y2={laneY(l.lane)} />
          <text className="tl-lane-label" x={8} y={laneY(l.lane) + 6}>
            {l.label}
          </text>
        </g>
      ))}

      {timeTicks(from, to).map((t) => (
        <g key={t}>
          <line className="tl-tick" x1={x(t)} x2={x(t)} y1={TOP - 4} y2={H - 30} />
          <text className="tl-tick-label" x={x(t)} y={H - 10} textAnchor="middle">
            {clockTime(t)}
          </text>
        </g>
      ))}
      {(incident.status === 'open' || incident.status === 'acknowledged') && (
        <g>
          <line className="tl-now" x1={x(now)} x2={x(now)} y1={TOP - 8} y2={H - 30} />
          <text className="tl-tick-label now" x={x(now)} y={TOP - 12} textAnchor="end">
            now
          </text>
        </g>
      )}

      {clusters.map((c) => {
        const first = c.entries[0]
        const ex = x(first.at)
        const ey = laneY(c.lane)
        const named = c.entries.find((e) => LABELLED.has(e.kind))
        let label: ReactNode = null
        if (named || c.entries.length > 1) {
          if (ex - lastLabelX[c.lane] < 90) flip[c.lane] = !flip[c.lane]
          else flip[c.lane] = false
          lastLabelX[c.lane] = ex
          const text = named
            ? named.kind === 'escalate' && typeof named.data?.level === 'number'
              ? `escalated L${named.data.level}`
              : SHORT[named.kind]
            : kindLabel(first.kind).toLowerCase()
          label = (
            <text className="tl-label" x={ex} y={flip[c.lane] ? ey + 24 : ey - 12} textAnchor="middle">
              {text}
              {c.entries.length > 1 ? (named ? ` +${c.entries.length - 1} more` : ` ×${c.entries.length}`) : ''}
            </text>
          )
        }
        return (
          <g key={first.id} data-kind={first.kind} data-count={c.entries.length}>
            {/* One marker per kind in the cluster, so a test (or a screen reader) can still find every kind. */}
            {[...new Set(c.entries.map((e) => e.kind))].map((k, n) => (
              <g key={k} data-kind={n === 0 ? undefined : k}>
                <Marker lane={c.lane} x={ex} y={ey} kind={k} />
              </g>
            ))}
            {label}
            <title>{c.entries.map((e) => `${fullTime(e.at)} · ${kindLabel(e.kind)} · ${e.actor}: ${e.text}`).join('\n')}</title>
          </g>
        )
      })}
    </svg>
    </div>
  )
}
