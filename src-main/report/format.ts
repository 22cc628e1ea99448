/**
 * How reports print times and durations. Reports go to clients and managers, so times are shown in the client's
 * time zone with the zone named ("2025-06-02 12:00:00 Europe/Berlin"); machine formats (CSV, JSON) use ISO 8601 UTC.
 */

const formatters = new Map<string, Intl.DateTimeFormat>()

const formatter = (timeZone: string): Intl.DateTimeFormat => {
  let f = formatters.get(timeZone)
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      })
    } catch {
      // An unknown zone must not break a report: the configuration validates zones, this is only a backstop.
      return formatter('UTC')
    }
    formatters.set(timeZone, f)
  }
  return f
}

export interface LocalParts {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

export const localParts = (at: number, timeZone: string): LocalParts => {
  const parts = formatter(timeZone).formatToParts(new Date(at))
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0)
  // Some ICU versions print midnight as 24 even with h23.
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour') % 24, minute: get('minute'), second: get('second') }
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

/** "2025-06-02" in the zone. */
export const formatDate = (at: number, timeZone = 'UTC'): string => {
  const p = localParts(at, timeZone)
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`
}

/** "2025-06-02 12:00:00 Europe/Berlin" (or without the zone name). */
export const formatTime = (at: number | null | undefined, timeZone = 'UTC', withZone = true): string => {
  if (at === null || at === undefined || !Number.isFinite(at)) return '—'
  const p = localParts(at, timeZone)
  const text = `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`
  return withZone ? `${text} ${timeZone}` : text
}

/** "12:00:05" in the zone: timeline rows, where the date is usually the same as the row above. */
export const formatClock = (at: number, timeZone = 'UTC'): string => {
  const p = localParts(at, timeZone)
  return `${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`
}

/** ISO 8601 UTC with seconds ("2025-06-02T10:00:00Z"); milliseconds only when there are any. */
export const isoTime = (at: number | null | undefined): string => {
  if (at === null || at === undefined || !Number.isFinite(at)) return ''
  const s = new Date(at).toISOString()
  return s.endsWith('.000Z') ? `${s.slice(0, -5)}Z` : s
}

/**
 * "45s", "4m 30s", "1h 05m", "2d 03h". Precision falls with size: nobody reads seconds on a two-day outage.
 * Negative spans (clock skew between a source and us) print with a minus sign rather than hide the skew.
 */
export const formatDuration = (ms: number | null | undefined): string => {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—'
  if (ms < 0) return `-${formatDuration(-ms)}`
  const sec = Math.round(ms / 1000)
  if (sec < 60) return `${sec}s`
  const min = Math.floor(sec / 60)
  if (min < 60) return `${min}m ${pad(sec % 60)}s`
  const h = Math.floor(min / 60)
  if (h < 24) return `${h}h ${pad(min % 60)}m`
  const d = Math.floor(h / 24)
  return `${d}d ${pad(h % 24)}h`
}

/** "+4m 30s" relative to the incident's opening (timeline offsets). */
export const formatOffset = (ms: number): string => (ms < 0 ? formatDuration(ms) : `+${formatDuration(ms)}`)

/** "12.5%" (one decimal), "—" when there is nothing to divide. */
export const formatPct = (ratio: number | null | undefined): string =>
  ratio === null || ratio === undefined || !Number.isFinite(ratio) ? '—' : `${(Math.round(ratio * 1000) / 10).toFixed(1)}%`

export const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`

/**
 * A file name part from hostile text (client ids come from payload labels): letters, digits, dot, dash and
 * underscore only, never starting with a dot, at most 60 characters.
 */
export const safeFilePart = (s: string): string => {
  const cleaned = s.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(0, 60)
  return cleaned || 'report'
}

export const mean = (xs: number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null)

/** Median (average of the two middle values for even counts). */
export const median = (xs: number[]): number | null => {
  if (!xs.length) return null
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

export const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null)
