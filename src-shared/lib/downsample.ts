/**
 * Chart downsampling, shared by the server (report layer) and the console's metrics charts (recharts draws every
 * point it is given; beyond ~600 per series a chart costs more than it shows).
 */

const defaultValue = (p: object): number => {
  const v = (p as { value?: unknown; y?: unknown }).value ?? (p as { y?: unknown }).y
  return typeof v === 'number' && Number.isFinite(v) ? v : 0
}

/**
 * Largest-Triangle-Three-Buckets (Steinarsson 2013): at most `max` points, keeping the first and the last and,
 * in each of the `max − 2` equal slices between, the point that spans the largest triangle with the point kept
 * before it and the average of the next slice — peaks and dips survive, flat stretches thin out. Points are kept
 * whole (every field of a multi-metric point), chosen by `value` (default `p.value` or `p.y`; nulls count as 0).
 */
export const downsample = <T extends { t: number }>(points: readonly T[], max = 600, value: (p: T) => number | null = defaultValue): T[] => {
  const n = points.length
  if (max >= n || n <= 2) return points.slice()
  if (max < 3) return max <= 1 ? points.slice(0, max) : [points[0], points[n - 1]]
  const y = (i: number) => value(points[i]) ?? 0
  const out: T[] = [points[0]]
  const every = (n - 2) / (max - 2)
  let a = 0
  for (let i = 0; i < max - 2; i++) {
    const nextStart = Math.floor((i + 1) * every) + 1
    const nextEnd = Math.min(Math.floor((i + 2) * every) + 1, n)
    let ax = 0
    let ay = 0
    for (let j = nextStart; j < nextEnd; j++) {
      ax += points[j].t
      ay += y(j)
    }
    const len = nextEnd - nextStart || 1
    ax /= len
    ay /= len
    const start = Math.floor(i * every) + 1
    const end = Math.floor((i + 1) * every) + 1
    let best = start
    let bestArea = -1
    for (let j = start; j < end; j++) {
      const area = Math.abs((points[a].t - ax) * (y(j) - y(a)) - (points[a].t - points[j].t) * (ay - y(a)))
      if (area > bestArea) {
        bestArea = area
        best = j
      }
    }
    out.push(points[best])
    a = best
  }
  out.push(points[n - 1])
  return out
}
