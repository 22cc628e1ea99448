/** Time as operators read it. Inside the app times are epoch ms; these are the only formatters. */

/** "just now", "45s ago", "3m ago", "2h 5m ago", "3d ago". Small future skews (clock drift) read as now. */
export const relativeTime = (ts: number, now: number): string => {
  const sec = Math.floor((now - ts) / 1000)
  if (sec < -60) return `in ${relativeSpan(-sec)}`
  if (sec < 10) return 'just now'
  return `${relativeSpan(sec)} ago`
}

const relativeSpan = (sec: number): string => {
  if (sec < 60) return `${sec}s`
  const min = Math.floor(sec / 60)
  if (min < 60) return `${min}m`
  const h = Math.floor(min / 60)
  if (h < 24) return min % 60 ? `${h}h ${min % 60}m` : `${h}h`
  const d = Math.floor(h / 24)
  return h % 24 && d < 7 ? `${d}d ${h % 24}h` : `${d}d`
}

const pad = (n: number) => String(n).padStart(2, '0')

/** Local wall-clock time, 24 h: "14:05" or with seconds "14:05:09". */
export const clockTime = (ts: number, seconds = false): string => {
  const d = new Date(ts)
  return `${pad(d.getHours())}:${pad(d.getMinutes())}${seconds ? `:${pad(d.getSeconds())}` : ''}`
}

/** Full local timestamp for tooltips and screen readers: "2026-11-20 09:00:00". */
export const fullTime = (ts: number): string => {
  const d = new Date(ts)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${clockTime(ts, true)}`
}
