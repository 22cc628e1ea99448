/**
 * A main-thread long-task probe for Chromium pages (bench/ui.ts, e2e/long-task-probe.spec.ts).
 *
 * Three witnesses, because the Long Tasks API alone read 0 here (issue #14: headless Chromium on these machines
 * delivers no 'longtask' entries even for a 100 ms busy loop): PerformanceObserver 'longtask' and
 * 'long-animation-frame' (tasks/frames ≥ 50 ms, where delivered), and an event-loop lag sampler — a 10 ms interval
 * whose late firings measure how long the thread was busy. The figure is the largest. Whether it can fail is
 * not assumed: `selfTest` blocks the page for 100 ms and the probe must report it (the e2e spec and every bench
 * run check that before trusting a 0).
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
  const tasks = await page.evaluate((s) => (window as unknown as ProbeWindow).__probe.tasks.filter((t) => t.end > s), since)
  // One busy stretch shows up in several witnesses: count it by the Long Tasks API when that reported any, else by lag.
  const byApi = tasks.filter((t) => t.by === 'longtask')
  return { longestMs: Math.round(Math.max(0, ...tasks.map((t) => t.dur))), over50: (byApi.length ? byApi : tasks.filter((t) => t.by === 'lag')).length, tasks }
}

export const pageNow = (page: Page): Promise<number> => page.evaluate(() => performance.now())

/** Block the page's main thread for `ms` (what a too-slow delta handler would do). */
export const busyLoop = (page: Page, ms: number): Promise<void> =>
  page.evaluate((d) => {
    const end = performance.now() + d
    while (performance.now() < end) {
      // spin
    }
  }, ms)

/** Prove the probe can fail: a 100 ms busy loop must read ≥ 90 ms. Returns what it read. */
export const selfTest = async (page: Page, ms = 100): Promise<number> => {
  const since = await pageNow(page)
  await busyLoop(page, ms)
  // Let the sampler tick and the observer deliver.
  await page.waitForTimeout(120)
  return (await probeSince(page, since)).longestMs
}
