/**
 * JSON text of stored objects (label maps, component lists, priority breakdowns, flags), computed once per object.
 * Rows are treated as immutable values — a change makes a new object — so an object that is written again
 * unchanged (a repeat keeps its alert's labels, an incident keeps its breakdown while its priority inputs stand
 * still) reuses its text instead of being serialised again. Objects parsed from a row remember that row's text.
 */
const textOf = new WeakMap<object, string>()

export const json = (v: object): string => {
  let s = textOf.get(v)
  if (s === undefined) textOf.set(v, (s = JSON.stringify(v)))
  return s
}

export const parsed = <T extends object>(text: string): T => {
  const v = JSON.parse(text) as T
  if (typeof v === 'object' && v !== null) textOf.set(v, text)
  return v
}
