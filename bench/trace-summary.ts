/**
 * UI_BENCH_TRACE=1 (bench/ui.ts): what the renderer's main thread did in its longest tasks, from a Chrome trace.
 * The CPU profile (UI_BENCH_PROFILE) shows JS self time only; style, layout, paint and GC show up there as
 * "(program)". A trace names them: each long task is broken down into its direct children (by event name).
 */
import type { Browser, Page } from 'playwright'

interface TraceEvent {
  name: string
  ph: string
  ts: number
  dur?: number
  pid: number
  tid: number
  args?: { name?: string }
}

const DEEP = ['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'MinorGC', 'MajorGC', 'V8.GC_SCAVENGER', 'V8.GC_MARK_COMPACTOR', 'HitTest']

export const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink.user_timing']

/** Trace `run` and return the longest main-thread tasks, each with its breakdown (ms). */
export const traceTasks = async (browser: Browser, page: Page, run: () => Promise<void>, top = 6): Promise<string[]> => {
  await browser.startTracing(page, { categories: TRACE_CATEGORIES })
  await run()
  const buf = await browser.stopTracing()
  const events = (JSON.parse(buf.toString()) as { traceEvents: TraceEvent[] }).traceEvents
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
  if (!main) return ['(no renderer main thread in the trace)']
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined)
  const tasks = onMain.filter((e) => e.name === 'RunTask').sort((a, b) => b.dur! - a.dur!).slice(0, top)
  return tasks.map((t) => {
    const end = t.ts + t.dur!
    // Direct children: events inside the task not inside another event inside it.
    const inside = onMain.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur! <= end).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!)
    const parts = new Map<string, number>()
    let coveredTo = -1
    for (const e of inside) {
      if (e.ts < coveredTo) continue
      coveredTo = e.ts + e.dur!
      parts.set(e.name, (parts.get(e.name) ?? 0) + e.dur!)
    }
    const list = [...parts].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([n, us]) => `${n} ${(us / 1000).toFixed(1)}`)
    // And, at any depth, the non-JS work a CPU profile cannot name.
    const deep = DEEP.map((n) => [n, inside.filter((e) => e.name === n).reduce((s, e) => s + e.dur!, 0)] as const).filter(([, us]) => us >= 500)
    return `${(t.dur! / 1000).toFixed(1).padStart(6)} ms  ${list.join(', ')}${deep.length ? `  [${deep.map(([n, us]) => `${n} ${(us / 1000).toFixed(1)}`).join(', ')}]` : ''}`
  })
}
