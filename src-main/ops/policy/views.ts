import type { Alert } from '@shared/model/alert'
import type { ConsoleConfig } from '@shared/model/config'
import type { Incident } from '@shared/model/incident'
import type { MaintenanceWindow, PoliciesView, Runbook, Silence } from '@shared/model/ops'
import { matchesIncident, matchView, resolveChannels } from '../../engine/notification-rules'
import { windowActive, type WindowView } from '../../engine/suppression'
import type { StoredSilence, StoredWindow } from '../../store/suppression-repo'
import { storedWindowView, zoneOf } from './suppress'

/** Where a channel sends, without secrets: the URL's origin only (paths of Slack hooks are the secret). */
const destination = (url: string): string => {
  try {
    return new URL(url).origin
  } catch {
    return '(invalid URL)'
  }
}

export const policiesView = (cfg: ConsoleConfig): PoliciesView => ({
  policies: cfg.escalation.policies.map((p) => ({
    name: p.name,
    match: matchView(p.match),
    steps: p.steps.map((s) => ({ afterMs: s.after, notify: s.notify, channels: resolveChannels(cfg, s.notify).map((c) => c.channel), businessHoursOnly: s.businessHoursOnly })),
    repeat: p.repeat,
  })),
  rules: cfg.notifications.rules.map((r) => ({ name: r.name, match: matchView(r.match), channels: r.channels, delayMs: r.delay })),
  channels: Object.entries(cfg.notifications.channels).map(([name, c]) => ({ name, type: c.type, destination: c.type === 'desktop' ? null : destination(c.url) })),
  targets: cfg.notifications.targets,
  responses: cfg.responses.map((r) => ({ name: r.name, match: matchView(r.match), destination: destination(r.url), autoApprove: r.autoApprove })),
})

export const maintenanceView = (
  w: WindowView & Partial<Pick<StoredWindow, 'createdBy' | 'createdAt' | 'seq'>>,
  origin: MaintenanceWindow['origin'],
  cfg: ConsoleConfig,
  now: number,
): MaintenanceWindow => ({
  id: w.id,
  name: w.name,
  client: w.client,
  service: w.service,
  resource: w.resource,
  schedule: w.schedule,
  origin,
  createdBy: w.createdBy ?? 'config',
  createdAt: w.createdAt ?? 0,
  active: windowActive(w, now, zoneOf(cfg)),
  seq: w.seq ?? 0,
})

export const storedMaintenanceView = (w: StoredWindow, cfg: ConsoleConfig, now: number): MaintenanceWindow => ({
  ...maintenanceView({ ...storedWindowView(w), createdBy: w.createdBy, createdAt: w.createdAt, seq: w.seq }, 'api', cfg, now),
  // A deleted window is in force for nobody.
  active: w.deletedAt === null && windowActive(storedWindowView(w), now, zoneOf(cfg)),
})

export const silenceView = (s: StoredSilence, now: number): Silence => ({
  id: s.id,
  matchers: s.matchers,
  startsAt: s.startsAt,
  endsAt: s.endsAt,
  createdBy: s.createdBy,
  comment: s.comment,
  incidentId: s.incidentId,
  state: now < s.startsAt ? 'pending' : now < s.endsAt ? 'active' : 'expired',
  seq: s.seq,
})

const fill = (template: string, i: Incident): string =>
  template.replace(/\{(client|rule|service|resource)\}/g, (_, k: 'client' | 'rule' | 'service' | 'resource') => encodeURIComponent(i[k] ?? ''))

/** Runbooks of an incident: its alerts' own runbook URLs (annotations) first, then configured ones that match. */
export const runbooksFor = (cfg: ConsoleConfig, inc: Incident, alerts: Alert[]): Runbook[] => {
  const out: Runbook[] = []
  const seen = new Set<string>()
  for (const a of alerts) {
    const url = a.runbookUrl ?? a.annotations.runbook_url ?? a.annotations.runbook ?? null
    if (!url || seen.has(url)) continue
    seen.add(url)
    out.push({ url, title: `runbook of ${a.rule}`, source: 'annotation', alertId: a.id })
  }
  for (const r of cfg.runbooks) {
    if (!matchesIncident(r.match, inc)) continue
    const url = fill(r.url, inc)
    if (seen.has(url)) continue
    seen.add(url)
    out.push({ url, title: r.title ?? 'runbook', source: 'config', alertId: null })
  }
  return out
}
