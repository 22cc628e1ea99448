import { retentionCutoffs } from '../../engine/retention'
import { HOUSEKEEPING_STEPS, type HousekeepingStep } from '../../store/housekeeping-repo'
import type { OpsCtx } from '../context'

export type HousekeepingReport = Record<HousekeepingStep, number>

/**
 * Retention runs as a series of small commits (`retention.batchRows` rows each) through the group committer, with a
 * turn of the event loop between them: ingest queued meanwhile is written between two housekeeping commits, so a
 * large backlog of old rows never holds the writer for long. The database file stays bounded because SQLite reuses
 * freed pages for new rows.
 */
export const createHousekeeping = (ctx: OpsCtx, submit: (fn: () => number) => Promise<number>) => {
  let running: Promise<HousekeepingReport> | null = null
  let lastRun = ctx.clock()
  let stopped = false

  const runOnce = async (): Promise<HousekeepingReport> => {
    const report = Object.fromEntries(HOUSEKEEPING_STEPS.map((s) => [s, 0])) as HousekeepingReport
    for (const step of HOUSEKEEPING_STEPS) {
      for (let i = 0; i < 1_000_000 && !stopped; i++) {
        const cfg = ctx.config().retention
        const now = ctx.clock()
        const cutoffs = { bySeverity: retentionCutoffs(cfg, now), housekeeping: now - cfg.housekeeping }
        const n = await submit(() => ctx.repos.housekeeping.step(step, cutoffs, cfg.batchRows))
        report[step] += n
        if (n === 0) break
        await new Promise((r) => setImmediate(r))
      }
    }
    return report
  }

  return {
    /** Run now (or join the run in progress); resolves with rows deleted per step. */
    run: (): Promise<HousekeepingReport> => {
      running ??= runOnce().finally(() => {
        running = null
        lastRun = ctx.clock()
      })
      return running
    },
    /** After a tick: start a run when the interval has passed since the last one. */
    maybeRun(): void {
      if (stopped || running || ctx.clock() - lastRun < ctx.config().retention.interval) return
      void this.run().catch((e) => console.error('housekeeping failed', e))
    },
    stop: () => {
      stopped = true
    },
  }
}
export type Housekeeping = ReturnType<typeof createHousekeeping>
