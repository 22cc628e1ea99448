import { z } from 'zod'
import { NativeEventInput, type NocEvent } from '@shared/model/event'
import type { Adapter, AdapterContext } from './types'
import { resolveClient } from './client'
import { MAX_BATCH, SUMMARY_MAX, Warnings, attributesOf, chooseFingerprint, clip, compact, firstText, guard, invalid, toLabels } from './common'
import { eventTimeInfo } from './time'

/**
 * The console's own format (after the Tap In event model): one object or an array of them, as posted to
 * /api/v1/events or sent by agents over the WebSocket.
 */
const NativeBatch = z.array(NativeEventInput).max(MAX_BATCH)

/** Epoch seconds sent where milliseconds are expected is the classic agent bug: below this, warn. */
const LOOKS_LIKE_SECONDS = 100_000_000_000

const convert = (e: NativeEventInput, where: string, ctx: AdapterContext, warnings: Warnings): NocEvent => {
  const client = resolveClient(ctx.clientOverride, e.client)
  const ems = e.ems ?? firstText(e.source) ?? 'native'
  const labels = toLabels(e.attributes, warnings, `${where}.attributes`)
  const { fingerprint, fingerprintKind } = chooseFingerprint(ctx, warnings, {
    client, labels, sourceKey: e.fingerprint, class: e.class, ems, rule: e.rule, components: e.components,
  })

  // `ok` is a clear, never an open severity: it resolves whatever it is sent with.
  const clears = e.severity === 'ok'
  if (clears && e.status === 'firing') warnings.add(`${where}: severity ok with status firing; ok always resolves`)
  const status = clears || e.status === 'resolved' ? 'resolved' : 'firing'

  if (typeof e.time === 'number' && e.time < LOOKS_LIKE_SECONDS && ctx.receivedAt > LOOKS_LIKE_SECONDS) {
    warnings.add(`${where}.time ${e.time} looks like epoch seconds; the native format takes epoch milliseconds`)
  }
  const names = e.components.map((c) => c.name).join(' / ')
  return compact({
    source: 'native' as const,
    client,
    fingerprint,
    fingerprintKind,
    class: e.class,
    ems,
    rule: e.rule,
    group: firstText(e.group),
    components: e.components,
    // The first component (Host name, Node, ID…) is the thing a heatmap row is about.
    resource: firstText(e.resource) ?? e.components[0]?.name,
    service: firstText(e.service),
    severity: e.severity,
    status,
    summary: clip(firstText(e.text) ?? (names ? `${e.rule} on ${names}` : e.rule), SUMMARY_MAX),
    ...eventTimeInfo(e.time, ctx, warnings, `${where}.time`),
    receivedAt: ctx.receivedAt,
    labels,
    attributes: attributesOf({}, e.attributes, warnings, `${where}.attributes`),
  })
}

export const nativeAdapter: Adapter = guard('Native event', (body, ctx) => {
  const warnings = new Warnings()
  if (Array.isArray(body)) {
    const parsed = NativeBatch.safeParse(body)
    if (!parsed.success) return invalid('Native event batch', parsed.error)
    const events = parsed.data.map((e, i) => convert(e, `[${i}]`, ctx, warnings))
    return { ok: true, events, warnings: warnings.toArray() }
  }
  const parsed = NativeEventInput.safeParse(body)
  if (!parsed.success) return invalid('Native event', parsed.error)
  return { ok: true, events: [convert(parsed.data, '(event)', ctx, warnings)], warnings: warnings.toArray() }
})
