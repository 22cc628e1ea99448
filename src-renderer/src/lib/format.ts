/** Short spans for countdowns and ages on the wall and in the queue. */

const pad = (n: number) => String(n).padStart(2, '0')

/** 754_000 → "12:34"; 3 h 20 m → "3h 20m"; two days → "2d 4h". For countdowns (SLA). */
export const countdown = (ms: number): string => {
  const sec = Math.max(0, Math.floor(ms / 1000))
  if (sec < 3600) return `${pad(Math.floor(sec / 60))}:${pad(sec % 60)}`
  const min = Math.floor(sec / 60)
  const h = Math.floor(min / 60)
  if (h < 24) return `${h}h ${pad(min % 60)}m`
  return `${Math.floor(h / 24)}d ${h % 24}h`
}

/** Age without "ago": "45s", "3m", "2h 5m", "3d". */
export const age = (ms: number): string => {
  const sec = Math.max(0, Math.floor(ms / 1000))
  if (sec < 60) return `${sec}s`
  const min = Math.floor(sec / 60)
  if (min < 60) return `${min}m`
  const h = Math.floor(min / 60)
  if (h < 24) return min % 60 ? `${h}h ${min % 60}m` : `${h}h`
  const d = Math.floor(h / 24)
  return h % 24 && d < 7 ? `${d}d ${h % 24}h` : `${d}d`
}

export const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`
