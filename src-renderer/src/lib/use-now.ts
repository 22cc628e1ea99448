import { useSyncExternalStore } from 'react'

/**
 * One shared ticker per period, so 80 visible "3m ago" cells cost one timer and one render of their table,
 * not 80 intervals. Aligned to the period so every display in the room changes at the same moment.
 */
const tickers = new Map<number, { now: number; subs: Set<() => void>; timer?: ReturnType<typeof setTimeout> }>()

const ticker = (periodMs: number) => {
  let t = tickers.get(periodMs)
  if (!t) tickers.set(periodMs, (t = { now: Date.now(), subs: new Set() }))
  return t
}

const schedule = (periodMs: number) => {
  const t = ticker(periodMs)
  const wait = periodMs - (Date.now() % periodMs)
  t.timer = setTimeout(() => {
    t.now = Date.now()
    for (const fn of t.subs) fn()
    if (t.subs.size) schedule(periodMs)
    else t.timer = undefined
  }, wait)
}

export const useNow = (periodMs: number): number => {
  const t = ticker(periodMs)
  return useSyncExternalStore(
    (onChange) => {
      t.subs.add(onChange)
      if (!t.timer) {
        t.now = Date.now()
        schedule(periodMs)
      }
      return () => void t.subs.delete(onChange)
    },
    () => t.now,
  )
}
