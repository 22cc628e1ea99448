import { z } from 'zod'
import type { Labels } from '@shared/model/event'
import type { Adapter } from './types'
import { clientCandidates, resolveClient } from './client'
import {
  SUMMARY_MAX, Warnings, attributesOf, chooseFingerprint, clip, compact, component, components, firstText, guard,
  hostOf, invalid, label, safeUrl, text, toLabels,
} from './common'
import { mapZabbixSeverity } from './severity-map'
import { settledInfo, wallClockInZone, wallClockUtc } from './time'

/**
 * Body posted by a Zabbix webhook media type (ours: resources/zabbix/noc-console-media-type.yaml): macro names as
 * keys, expanded macro values as strings. Zabbix has no fixed webhook JSON, so only EVENT.ID and EVENT.VALUE are
 * required; everything else improves the event when present.
 */
const digits = (name: string) =>
  z.union([z.string(), z.number().int().nonnegative()])
    .transform((v) => String(v).trim())
    .pipe(z.string().regex(/^\d{1,20}$/, `must be a number (the expanded {${name}} macro)`))
const oneOf = <T extends readonly [string, ...string[]]>(values: T, hint: string) =>
  z.union([z.string(), z.number()]).transform((v) => String(v).trim()).pipe(z.enum(values, { error: hint }))
const macro = z.union([z.string().max(65_536), z.number()]).transform(String).optional()

const ZabbixBody = z.object({
  'EVENT.ID': digits('EVENT.ID'),
  'EVENT.VALUE': oneOf(['0', '1'], 'must be 1 (problem) or 0 (recovery)'),
  'EVENT.NSEVERITY': oneOf(['0', '1', '2', '3', '4', '5'], 'must be 0..5').optional(),
  'EVENT.SEVERITY': macro,
  'EVENT.NAME': macro,
  'EVENT.STATUS': macro,
  'EVENT.TAGS': macro,
  'EVENT.TAGSJSON': z.union([z.string(), z.array(z.unknown())]).optional(),
  'EVENT.DATE': macro,
  'EVENT.TIME': macro,
  'EVENT.TZ': macro,
  'EVENT.RECOVERY.DATE': macro,
  'EVENT.RECOVERY.TIME': macro,
  'EVENT.UPDATE.STATUS': macro,
  'EVENT.UPDATE.DATE': macro,
  'EVENT.UPDATE.TIME': macro,
  'EVENT.ACK.STATUS': macro,
  'EVENT.OPDATA': macro,
  'HOST.HOST': macro,
  'HOST.NAME': macro,
  'HOST.IP': macro,
  'TRIGGER.ID': macro,
  'TRIGGER.DESCRIPTION': macro,
  'ZABBIX.URL': macro,
})
type ZabbixBody = z.infer<typeof ZabbixBody>

/**
 * Zabbix leaves a macro it cannot resolve in the text (`{EVENT.RECOVERY.DATE}` in a problem message) or writes
 * `*UNKNOWN*`; both mean "absent".
 */
const UNEXPANDED = /^(?:\{[#$]?[A-Z0-9_.]+(?::[^}]*)?\}|\*UNKNOWN\*)$/
const dropUnexpanded = (body: unknown): unknown =>
  body !== null && typeof body === 'object' && !Array.isArray(body)
    ? Object.fromEntries(Object.entries(body).filter(([, v]) => !(typeof v === 'string' && UNEXPANDED.test(v.trim()))))
    : body

const MAX_TAGS = 200

/** Tags as [name, value] pairs: {EVENT.TAGSJSON} when sent (safe with commas in values), else {EVENT.TAGS}. */
export const parseZabbixTags = (tagsJson: unknown, tags: string | undefined): Array<[string, string]> => {
  let list: unknown = tagsJson
  if (typeof list === 'string') {
    try {
      list = JSON.parse(list)
    } catch {
      list = undefined
    }
  }
  if (Array.isArray(list)) {
    return list.slice(0, MAX_TAGS).flatMap((t): Array<[string, string]> => {
      const name = text((t as { tag?: unknown } | null)?.tag)
      const value = (t as { value?: unknown } | null)?.value
      return name ? [[name, typeof value === 'string' ? value.trim() : '']] : []
    })
  }
  if (!tags) return []
  // "{EVENT.TAGS}" is "name:value, name2:value2"; a tag without a value has no colon.
  return tags.split(',').slice(0, MAX_TAGS).flatMap((part): Array<[string, string]> => {
    const p = part.trim()
    if (!p) return []
    const colon = p.indexOf(':')
    if (colon < 0) return [[p, '']]
    const name = p.slice(0, colon).trim()
    return name ? [[name, p.slice(colon + 1).trim()]] : []
  })
}

/** Tags → labels; a tag name used twice keeps both values, comma-joined. */
const tagLabels = (tags: Array<[string, string]>): Labels => {
  const grouped = new Map<string, string[]>()
  for (const [k, v] of tags) grouped.set(k, [...(grouped.get(k) ?? []), v])
  return Object.fromEntries([...grouped].map(([k, vs]) => [k, [...new Set(vs)].join(',')]))
}

/** `2026.11.20` + `23:41:07` → wall clock read as UTC. */
const zabbixWallClock = (date: string | undefined, time: string | undefined): number | undefined => {
  const d = date ? /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/.exec(date.trim()) : null
  const t = time ? /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(time.trim()) : null
  if (!d || !t) return undefined
  return wallClockUtc(+d[1]!, +d[2]!, +d[3]!, +t[1]!, +t[2]!, +(t[3] ?? 0))
}

/** Which date/time macros date this message: recovery, update (ack, severity change) or the problem itself. */
const timeFields = (b: ZabbixBody): { date?: string; time?: string; where: string } => {
  if (b['EVENT.VALUE'] === '0') return { date: b['EVENT.RECOVERY.DATE'], time: b['EVENT.RECOVERY.TIME'], where: 'EVENT.RECOVERY.DATE/TIME' }
  if (b['EVENT.UPDATE.STATUS'] === '1' && b['EVENT.UPDATE.DATE'] && b['EVENT.UPDATE.TIME']) {
    return { date: b['EVENT.UPDATE.DATE'], time: b['EVENT.UPDATE.TIME'], where: 'EVENT.UPDATE.DATE/TIME' }
  }
  return { date: b['EVENT.DATE'], time: b['EVENT.TIME'], where: 'EVENT.DATE/TIME' }
}

export const zabbixAdapter: Adapter = guard('Zabbix media type', (body, ctx) => {
  const parsed = ZabbixBody.safeParse(dropUnexpanded(body))
  if (!parsed.success) return invalid('Zabbix media type', parsed.error)
  const b = parsed.data
  const warnings = new Warnings()

  const tags = parseZabbixTags(b['EVENT.TAGSJSON'], b['EVENT.TAGS'])
  const fromTags = tagLabels(tags)
  const eventId = b['EVENT.ID']
  const hostName = firstText(b['HOST.HOST'])
  const host = hostName === undefined ? undefined : clip(hostName, 500)
  const labels = toLabels(
    {
      ...fromTags,
      zabbix_event_id: eventId,
      zabbix_trigger_id: firstText(b['TRIGGER.ID']),
      zabbix_host: host,
      zabbix_host_ip: firstText(b['HOST.IP']),
    },
    warnings,
    'EVENT.TAGS',
  )
  const client = resolveClient(ctx.clientOverride, ...clientCandidates(fromTags))

  const sev = mapZabbixSeverity(b['EVENT.NSEVERITY'], b['EVENT.SEVERITY'])
  if (!sev.known) warnings.add('neither EVENT.NSEVERITY nor a known EVENT.SEVERITY name was sent, mapped to warning')

  const { date, time, where } = timeFields(b)
  const wall = zabbixWallClock(date, time)
  let instant = wall
  const zone = firstText(b['EVENT.TZ'])
  if (wall !== undefined && zone !== undefined) {
    instant = wallClockInZone(wall, zone)
    if (instant === undefined) {
      warnings.add(`EVENT.TZ "${clip(zone, 40)}" is not an offset or a known time zone, reading the time as UTC`)
      instant = wall
    }
  }
  const raw = date || time ? `${date ?? ''} ${time ?? ''}`.trim() : undefined
  // Zabbix dates to the second; its episode is the problem's EVENT.ID, which the recovery carries too.
  const timing = settledInfo(instant, raw, ctx, warnings, where, undefined, 1000)
  const problemWall = zabbixWallClock(b['EVENT.DATE'], b['EVENT.TIME'])
  const problemStart = problemWall === undefined ? undefined : zone === undefined ? problemWall : (wallClockInZone(problemWall, zone) ?? problemWall)

  const zabbixUrl = safeUrl(b['ZABBIX.URL'])?.replace(/\/+$/, '')
  const triggerId = firstText(b['TRIGGER.ID'])
  const cls = 'zabbix'
  const ems = hostOf(zabbixUrl) ?? 'zabbix'
  const rule = clip(firstText(b['EVENT.NAME']) ?? `Zabbix event ${eventId}`, 200)
  const comps = components(component('Host name', host))

  const acknowledged = firstText(b['EVENT.ACK.STATUS'])?.toLowerCase() === 'yes'
  if (acknowledged && b['EVENT.VALUE'] === '1') warnings.add('problem is acknowledged in Zabbix; it stays firing here until it recovers')

  const { fingerprint, fingerprintKind } = chooseFingerprint(ctx, warnings, {
    // The problem and its recovery message both carry the problem's EVENT.ID.
    client, labels, sourceKey: `zabbix:${eventId}`, class: cls, ems, rule, components: comps,
  })

  const description = [firstText(b['TRIGGER.DESCRIPTION']), firstText(b['EVENT.OPDATA']) && `Operational data: ${firstText(b['EVENT.OPDATA'])}`]
    .filter(Boolean)
    .join('\n')

  // Build the event before reading the warnings: building it may add some.
  const event = compact({
    source: 'zabbix' as const,
    client,
    fingerprint,
    fingerprintKind,
    class: cls,
    ems,
    rule,
    group: label(labels, 'group'),
    components: comps,
    resource: host,
    service: label(labels, 'service'),
    severity: sev.severity,
    status: b['EVENT.VALUE'] === '0' ? ('resolved' as const) : ('firing' as const),
    summary: clip(firstText(b['EVENT.NAME']) ?? `Zabbix event ${eventId}${host ? ` on ${host}` : ''}`, SUMMARY_MAX),
    description: description ? clip(description, SUMMARY_MAX) : undefined,
    time: timing.time,
    timeBasis: timing.timeBasis,
    timePrecisionMs: timing.timePrecisionMs,
    episode: { key: eventId, start: problemStart },
    receivedAt: ctx.receivedAt,
    labels,
    attributes: attributesOf(
      {
        hostName: firstText(b['HOST.NAME']),
        zabbixSeverity: firstText(b['EVENT.SEVERITY']),
        zabbixStatus: firstText(b['EVENT.STATUS']),
        sourceAcknowledged: acknowledged || undefined,
      },
      undefined,
      warnings,
      '(body)',
    ),
    url: zabbixUrl && triggerId ? `${zabbixUrl}/tr_events.php?triggerid=${encodeURIComponent(triggerId)}&eventid=${eventId}` : zabbixUrl,
  })
  return { ok: true, events: [event], warnings: warnings.toArray() }
})
