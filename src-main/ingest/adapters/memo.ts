/**
 * A small memo for pure string functions on the ingest path: senders repeat the same URLs (generatorURL,
 * externalURL) and client names in every alert of every request, and `new URL` costs a microsecond each time.
 * Bounded in entries (cleared when full) and in key length (longer strings are computed, not kept), so hostile
 * input costs at most what it would without the memo, plus ~1 MB.
 */
export const memo = <T>(f: (s: string) => T, maxEntries = 2000, maxKeyLength = 512): ((s: string) => T) => {
  const m = new Map<string, T>()
  return (s) => {
    if (s.length > maxKeyLength) return f(s)
    if (m.has(s)) return m.get(s) as T
    const v = f(s)
    if (m.size >= maxEntries) m.clear()
    m.set(s, v)
    return v
  }
}
