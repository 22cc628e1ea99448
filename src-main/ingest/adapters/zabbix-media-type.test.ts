import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { runInNewContext } from 'node:vm'
import { afterEach, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { zabbixAdapter } from './zabbix'
import { accepted, ctx, fixture } from '../../testing/fixtures/adapters/load'

/**
 * The shipped media type (resources/zabbix) is exercised end to end: its script runs in a sandbox with stand-ins
 * for Zabbix's HttpRequest and Zabbix objects, and what it posts must be accepted by the adapter.
 */
const YAML_PATH = fileURLToPath(new URL('../../../resources/zabbix/noc-console-media-type.yaml', import.meta.url))
const exported = parse(readFileSync(YAML_PATH, 'utf8')) as {
  zabbix_export: { version: string; media_types: Array<{ name: string; type: string; script: string; parameters: Array<{ name: string; value: string }> }> }
}
const mediaType = exported.zabbix_export.media_types[0]!

interface Sent { url: string; body: string; headers: string[] }

/** Run the script the way Zabbix does: `value` holds the parameters as a JSON string. */
const runScript = (params: Record<string, string>, status = 202): { sent: Sent[]; result: unknown; error?: unknown } => {
  const sent: Sent[] = []
  class HttpRequest {
    private headers: string[] = []
    addHeader(h: string) { this.headers.push(h) }
    setProxy() {}
    post(url: string, body: string) { sent.push({ url, body, headers: this.headers }); return '{"accepted":1}' }
    getStatus() { return status }
  }
  const sandbox = { value: JSON.stringify(params), HttpRequest, Zabbix: { log: () => undefined } }
  try {
    const result = runInNewContext(`(function () {\n${mediaType.script}\n})()`, sandbox)
    return { sent, result }
  } catch (error) {
    return { sent, result: undefined, error }
  }
}

/** Parameters as Zabbix would expand them for the fixture event (unexpanded ones stay as macros). */
const expandedParams = (event: Record<string, string>, over: Record<string, string> = {}): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const p of mediaType.parameters) out[p.name] = event[p.name] ?? p.value
  return { ...out, 'ALERT.SENDTO': 'https://noc.example/webhook/zabbix', TOKEN: 's3cret', ...over }
}

const originalTz = process.env.TZ
afterEach(() => {
  process.env.TZ = originalTz
})

describe('Zabbix media type export', () => {
  it('is a webhook media type with the parameters the adapter reads', () => {
    expect(exported.zabbix_export.version).toBe('6.0')
    expect(mediaType.type).toBe('WEBHOOK')
    const names = mediaType.parameters.map((p) => p.name)
    for (const n of [
      'EVENT.ID', 'EVENT.NAME', 'EVENT.VALUE', 'EVENT.STATUS', 'EVENT.SEVERITY', 'EVENT.NSEVERITY', 'EVENT.TAGS', 'EVENT.DATE',
      'EVENT.TIME', 'EVENT.RECOVERY.DATE', 'EVENT.RECOVERY.TIME', 'HOST.HOST', 'HOST.NAME', 'HOST.IP', 'TRIGGER.ID', 'ZABBIX.URL',
      'URL', 'TOKEN',
    ]) expect(names).toContain(n)
  })

  it('posts the macros as JSON to ALERT.SENDTO with a bearer token, and the adapter accepts the body', () => {
    process.env.TZ = 'UTC'
    const { sent, result, error } = runScript(expandedParams(fixture('zabbix-media-type.json') as Record<string, string>))
    expect(error).toBeUndefined()
    expect(result).toBe('OK')
    expect(sent).toHaveLength(1)
    expect(sent[0]!.url).toBe('https://noc.example/webhook/zabbix')
    expect(sent[0]!.headers).toEqual(['Content-Type: application/json', 'Authorization: Bearer s3cret'])
    const body = JSON.parse(sent[0]!.body) as Record<string, string>
    expect(body.TOKEN).toBeUndefined() // the secret travels only in the header
    expect(body['EVENT.TZ']).toBe('+00:00')
    const e = accepted(zabbixAdapter(body, ctx())).events[0]!
    expect(e).toMatchObject({ fingerprint: 'zabbix:184467', client: 'umbrella-health', status: 'firing', time: Date.UTC(2026, 10, 20, 23, 41, 7) })
  })

  it('the URL parameter wins over ALERT.SENDTO; the server offset dates a recovery correctly', () => {
    process.env.TZ = 'Europe/Berlin'
    const params = expandedParams(fixture('zabbix-media-type-recovery.json') as Record<string, string>, { URL: 'http://noc.local:8080/webhook/zabbix/umbrella' })
    const { sent, error } = runScript(params)
    expect(error).toBeUndefined()
    expect(sent[0]!.url).toBe('http://noc.local:8080/webhook/zabbix/umbrella')
    const body = JSON.parse(sent[0]!.body) as Record<string, string>
    expect(body['EVENT.TZ']).toBe('+01:00')
    const e = accepted(zabbixAdapter(body, ctx())).events[0]!
    expect(e).toMatchObject({ status: 'resolved', time: Date.UTC(2026, 10, 20, 22, 58, 31) })
  })

  it('fails (so Zabbix retries) on a non-2xx answer, and refuses to run without a target', () => {
    const event = fixture('zabbix-media-type.json') as Record<string, string>
    expect(String(runScript(expandedParams(event), 503).error)).toMatch(/HTTP 503/)
    expect(String(runScript(expandedParams(event, { 'ALERT.SENDTO': '{ALERT.SENDTO}' })).error)).toMatch(/no target URL/)
  })
})
