/**
 * A main-thread long-task probe for Chromium pages (bench/ui.ts, e2e/long-task-probe.spec.ts).
 *
 * Why the old figure read 0 (issue #14): the Long Tasks API only reports the page's own event-loop tasks, and
 * work run through CDP (page.evaluate, a profiler) is not one — and nothing proved the probe could see anything.
 * Witnesses: PerformanceObserver 'longtask' (the figure, once it has proved itself live), 'long-animation-frame'
 * (kept for reading), and an event-loop lag sampler — a 10 ms interval whose late firings measure how long the
 * thread was busy — used when the Long Tasks API delivers nothing at all. `selfTest` blocks the page for 100 ms
 * in one of its own tasks and the probe must report it (the e2e spec and every bench run check that before
 * trusting a low figure).
 *
 * `installProbe` is evaluated in the page (page.addInitScript / page.evaluate), so it uses nothing from its
 * module scope.
 */
import type { Page } from 'playwright'

export interface ProbeTask {
  /** When the busy stretch ended (page time): "since t" means ended after t. */
  end: number
  dur: number
  by: 'longtask' | 'long-animation-frame' | 'lag'
}

export interface ProbeWindow {
  __probe: { tasks: ProbeTask[]; installed: boolean }
}

const witness = (tasks: ProbeTask[], by: ProbeTask['by']) => tasks.filter((t) => t.by === by)

export const installProbe = (): void => {
  const w = window as unknown as ProbeWindow
  if (w.__probe?.installed) return
  const probe = { tasks: [] as ProbeTask[], installed: true }
  w.__probe = probe
  for (const type of ['longtask', 'long-animation-frame'] as const) {
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) probe.tasks.push({ end: e.startTime + e.duration, dur: e.duration, by: type })
      }).observe({ type, buffered: true })
    } catch {
      // Not supported here: the lag sampler still sees every busy stretch.
    }
  }
  const period = 10
  let last = performance.now()
  setInterval(() => {
    const now = performance.now()
    const lag = now - last - period
    // Timer jitter is a few ms; a task ≥ 50 ms delays the tick by about its length.
    if (lag >= 45) probe.tasks.push({ end: now, dur: lag + period, by: 'lag' })
    last = now
  }, period)
}

/** Long tasks the probe saw since `since` (page time), and the longest of them. */
export const probeSince = async (page: Page, since: number): Promise<{ longestMs: number; over50: number; tasks: ProbeTask[] }> => {
  const { all, apiLive } = await page.evaluate((s) => {
    const p = (window as unknown as ProbeWindow).__probe
    return { all: p.tasks.filter((t) => t.end > s), apiLive: p.tasks.some((t) => t.by === 'longtask') }
  }, since)
  // One busy stretch shows up in several witnesses: take the Long Tasks API's word once it has shown it works.
  const tasks = witness(all, apiLive ? 'longtask' : 'lag')
  return { longestMs: Math.round(Math.max(0, ...tasks.map((t) => t.dur))), over50: tasks.length, tasks: all }
}

export const pageNow = (page: Page): Promise<number> => page.evaluate(() => performance.now())

/** Block the page's main thread for `ms` in one of the page's own tasks (what a too-slow delta handler would do). */
export const busyLoop = (page: Page, ms: number): Promise<void> =>
  page.evaluate(
    (d) =>
      new Promise<void>((done) =>
        setTimeout(() => {
          const end = performance.now() + d
          while (performance.now() < end) {
            // spin
          }
          done()
        }, 0),
      ),
    ms,
  )

/** Prove the probe can fail: a 100 ms busy loop must read ≥ 90 ms. Returns what it read. */
export const selfTest = async (page: Page, ms = 100): Promise<number> => {
  const since = await pageNow(page)
  await busyLoop(page, ms)
  // Let the sampler tick and the observer deliver.
  await page.waitForTimeout(120)
  return (await probeSince(page, since)).longestMs
}
