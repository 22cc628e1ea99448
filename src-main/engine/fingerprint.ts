import { createHash } from 'node:crypto'
import type { Component } from '@shared/model/event'

/** Escape the two separators (and the escape itself) so distinct field tuples never join to the same string. */
const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/\u001f/g, '\\u').replace(/=/g, '\\e')

/**
 * Tap In's default fingerprint: client + class + ems + rule + the component type-name pairs.
 * Components are taken in the order given: order is part of identity (Node/Card/Port ≠ Port/Card/Node).
 * Fields are joined with a separator that cannot occur unescaped, so ("a|b","c") ≠ ("a","b|c").
 */
export const tapinFingerprint = (f: { client: string; class: string; ems: string; rule: string; components: Component[] }): string => {
  const parts = [esc(f.client), esc(f.class), esc(f.ems), esc(f.rule), ...f.components.map((c) => `${esc(c.type)}=${esc(c.name)}`)]
  return createHash('sha256').update(parts.join('\u001f')).digest('hex').slice(0, 16)
}

/** A stable key from chosen label values (per-source fingerprint override). */
export const labelFingerprint = (client: string, labels: Record<string, string>, names: string[]): string =>
  createHash('sha256')
    .update([esc(client), ...names.map((n) => `${esc(n)}=${esc(Object.hasOwn(labels, n) ? labels[n] : '')}`)].join('\u001f'))
    .digest('hex')
    .slice(0, 16)
