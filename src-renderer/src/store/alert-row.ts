/**
 * What the console keeps of an alert: the fields the alert table shows, sorts and searches — not the whole
 * `Alert` (labels, annotations, description: `alerts.get` has those). 100 k whole alerts cost ~250 MB of heap;
 * these rows with their search text ~50 MB. Rows come from two places — `alerts.rows` pages (decoded in the
 * worker) and deltas (whole alerts) — and both build them with the functions here, so a row and its search text
 * are the same whichever way it arrived.
 */
import type { Alert } from '@shared/model/alert'
import type { Severity } from '@shared/model/severity'

export interface AlertRow {
  id: number
  /** The alert's own change seq: a row only ever replaces an older one. */
  seq: number
  client: string
  severity: Severity
  status: 'firing' | 'resolved'
  summary: string
  /** The source's resource, else the component names ("NODE101 / A / 7"). */
  resource: string
  rule: string
  service: string | null
  count: number
  firstSeen: number
  lastSeen: number
  resolvedAt: number | null
  /** Lower-case search text: summary, client, resource, severity, rule, class, service, source, components. */
  hay: string
}

/** Component text as the wire carries it: "type\tname" per component, one per line. */
export const componentLines = (components: readonly { type: string; name: string }[]): string => components.map((c) => `${c.type}\t${c.name}`).join('\n')

/** The resource column: the source's own, else the component names. */
export const resourceText = (resource: string | null, components: string): string =>
  resource ??
  components
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(line.indexOf('\t') + 1))
    .join(' / ')

/** One definition of what a filter word is matched against. */
export const searchText = (f: { summary: string; client: string; resource: string; severity: string; rule: string; cls: string; service: string | null; source: string; components: string }): string =>
  [f.summary, f.client, f.resource, f.severity, f.rule, f.cls, f.service ?? '', f.source, f.components.replaceAll('\t', ' ')].join('\n').toLowerCase()

/** A delta's whole alert → the row kept. */
export const toAlertRow = (a: Alert): AlertRow => {
  const components = componentLines(a.components)
  const resource = resourceText(a.resource, components)
  return {
    id: a.id,
    seq: a.seq,
    client: a.client,
    severity: a.severity,
    status: a.status === 'firing' ? 'firing' : 'resolved',
    summary: a.summary,
    resource,
    rule: a.rule,
    service: a.service,
    count: a.count,
    firstSeen: a.firstSeen,
    lastSeen: a.lastSeen,
    resolvedAt: a.resolvedAt,
    hay: searchText({ summary: a.summary, client: a.client, resource, severity: a.severity, rule: a.rule, cls: a.class, service: a.service, source: a.source, components }),
  }
}
