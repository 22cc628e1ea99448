import { useMemo, useRef } from 'react'
import type { Incident, TimelineEntry, TimelineKind } from '@shared/model/incident'
import { clockTime, fullTime } from '../../lib/time'
import { useWidth } from '../../lib/use-width'
import { BAND_H, BAND_Y, HEIGHT, kindLabel, LANE_H, LANES, layoutTimeline, LEFT, RIGHT, TOP, type Lane } from './timeline-layout'

export { kindLabel, laneOf } from './timeline-layout'

/**
 * The incident's life on a time axis (SVG: one small chart does not need a charting library's weight).
 * A band shows the state over time (open → acknowledged → resolved); three lanes hold the entries: alerts
 * (first event, alerts joining, resolving, re-firing), people (acks, notes, assignments, escalations) and the
 * engine (severity/priority changes, problem links, resolve/close). Each marker has a shape per lane, and
 * the important ones a label, so nothing is told by colour alone. Where every label goes is decided by
 * timeline-layout.ts, which never puts two in one place.
 */

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
  const g = useMemo(() => layoutTimeline(incident, entries, now, W), [incident, entries, now, W])
  const laneY = (i: number) => TOP + i * LANE_H + LANE_H / 2

  return (
    <div className="timeline-box" ref={box}>
      <svg className="timeline-chart" width={W} height={HEIGHT} viewBox={`0 0 ${W} ${HEIGHT}`} role="img" aria-label={`Timeline of ${incident.id}: ${entries.length} entries`}>
        {g.bands.map((b) => (
          <rect key={b.state} className={`tl-band st-${b.state}`} x={b.x} y={BAND_Y} width={b.width} height={BAND_H} />
        ))}
        {g.bandLabels.map((l) => (
          <text key={l.text} className={`tl-band-label${l.onBand ? '' : ' off-band'}`} x={l.x} y={l.y} data-band-label={l.text}>
            {l.text}
          </text>
        ))}

        {LANES.map((l, i) => (
          <g key={l.lane}>
            <line className="tl-lane" x1={LEFT} x2={W - RIGHT} y1={laneY(i)} y2={laneY(i)} />
            <text className="tl-lane-label" x={8} y={laneY(i) + 6}>
              {l.label}
            </text>
          </g>
        ))}

        {timeTicks(g.from, g.to).map((t) => (
          <g key={t}>
            <line className="tl-tick" x1={g.x(t)} x2={g.x(t)} y1={TOP - 4} y2={HEIGHT - 30} />
            <text className="tl-tick-label" x={g.x(t)} y={HEIGHT - 10} textAnchor="middle">
              {clockTime(t)}
            </text>
          </g>
        ))}
        {g.now && (
          <g>
            <line className="tl-now" x1={g.x(now)} x2={g.x(now)} y1={BAND_Y} y2={HEIGHT - 30} />
            <text className="tl-tick-label now" x={g.now.x} y={g.now.y}>
              now
            </text>
          </g>
        )}

        {g.clusters.map((c) => {
          const first = c.entries[0]
          return (
            <g key={first.id} data-kind={first.kind} data-count={c.entries.length}>
              {/* One marker per kind in the cluster, so a test (or a screen reader) can still find every kind. */}
              {[...new Set(c.entries.map((e) => e.kind))].map((k, n) => (
                <g key={k} data-kind={n === 0 ? undefined : k}>
                  <Marker lane={c.lane} x={c.x} y={c.y} kind={k} />
                </g>
              ))}
              {c.label && (
                <text className="tl-label" x={c.label.x} y={c.label.y}>
                  {c.label.text}
                </text>
              )}
              <title>{c.entries.map((e) => `${fullTime(e.at)} · ${kindLabel(e.kind)} · ${e.actor}: ${e.text}`).join('\n')}</title>
            </g>
          )
        })}
      </svg>
    </div>
  )
}
