import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { fileBytes, FileOutput } from '@shared/api/file-output'
import { MetricsSummary } from '@shared/model/metrics'
import { HAVE_POPPLER, pdfText, squash } from './testing/poppler-kit'
import { stripBidiControls } from './testing/report-scripts-kit'
import { parseCsv } from './testing/csv-kit'
import type { RunningServer } from './server'
import { getJson, post, testServer } from './testing/server-kit'
import { closeAfterEach } from './testing/close-kit'

/**
 * Reports end to end over HTTP with an injected clock: a scripted week of one client (fire, ack, escalate,
 * resolve at known times through the real API and webhooks), then every report format and the metrics.
 */
const T0 = Date.parse('2026-11-16T10:00:00Z') // a Monday
const MIN = 60_000
const HOUR = 60 * MIN
let now = T0
const clock = () => now
const track = closeAfterEach()
afterEach(() => {
  now = T0
})
const start = async (opts: { configPath?: string } = {}) => {
  const s = await testServer({ clock, tickMs: 0, ...opts })
  track(s)
  return s
}

const XSS = '<img src=x onerror=alert(1)>'

const amAlert = (client: string, instance: string, o: { service?: string; summary?: string; startsAt?: number; status?: 'firing' | 'resolved' } = {}) => ({
  version: '4', status: o.status ?? 'firing', receiver: 'noc', groupKey: 'k', truncatedAlerts: 0, groupLabels: {}, commonLabels: {}, commonAnnotations: {}, externalURL: 'http://am:9093',
  alerts: [{
    status: o.status ?? 'firing',
    labels: { alertname: 'InstanceDown', client, service: o.service ?? 'billing', instance, severity: 'critical' },
    annotations: { summary: o.summary ?? `${instance} down` },
    startsAt: new Date(o.startsAt ?? now).toISOString(),
    endsAt: o.status === 'resolved' ? new Date(now).toISOString() : '0001-01-01T00:00:00Z',
    generatorURL: 'http://prom', fingerprint: `${client}-${instance}`.replace(/[^a-z0-9]/g, '').slice(0, 16).padEnd(16, '0'),
  }],
})

const get = async (s: RunningServer, path: string) => {
  const r = await fetch(`${s.url}${path}`)
  return { status: r.status, headers: r.headers, bytes: new Uint8Array(await r.arrayBuffer()) }
}
const text = (b: Uint8Array) => new TextDecoder().decode(b)
const act = async (s: RunningServer, id: string, verb: string, body: object) => {
  const r = await post(`${s.url}/api/v1/incidents/${id}/${verb}`, body)
  expect(r.status, r.text).toBe(200)
  return r.json
}
const incidentOf = async (s: RunningServer, client: string, service: string) =>
  ((await getJson(`${s.url}/api/v1/incidents?client=${client}`)).json as any[]).find((i) => i.service === service)

/**
 * acme's week (times after T0):
 *   A billing   fires +0 (onset −3 min), ack +4 min (alice), resolved +50 min (alice)      TTA 4, TTR 50, TTD 3
 *   B payments  fires +2 h, ack +2 h 10, escalate +2 h 15, resolved +3 h 30 (bob)          TTA 10, TTR 90, escalated
 *   C web       fires +5 h, its alert recovers +5 h 20, the 120 s hold resolves it +5 h 22   TTR 22, automated
 *   globex      one open incident at +1 h (another client: in no acme number)
 * ⇒ MTTA 7 min (n 2), MTTR 54 min (n 3), MTTD 1 min, escalation 1/3, automation 1/3.
 */
const scriptedWeek = async (s: RunningServer) => {
  await post(`${s.url}/webhook/alertmanager`, amAlert('acme', 'db01:9100', { summary: `${XSS} disk full`, startsAt: T0 - 3 * MIN }))
  const a = await incidentOf(s, 'acme', 'billing')
  now = T0 + 4 * MIN
  await act(s, a.id, 'ack', { by: 'alice', note: 'looking' })
  now = T0 + 20 * MIN
  await act(s, a.id, 'note', { by: 'alice', text: 'disk replaced on db01' })
  now = T0 + 50 * MIN
  await act(s, a.id, 'resolve', { by: 'alice', cause: 'failed disk', solution: 'replaced the disk', tags: ['hardware'] })

  now = T0 + HOUR
  await post(`${s.url}/webhook/alertmanager`, amAlert('globex', 'gw01'))

  now = T0 + 2 * HOUR
  await post(`${s.url}/webhook/alertmanager`, amAlert('acme', 'pay01', { service: 'payments' }))
  const b = await incidentOf(s, 'acme', 'payments')
  now = T0 + 2 * HOUR + 10 * MIN
  await act(s, b.id, 'ack', { by: 'bob' })
  now = T0 + 2 * HOUR + 15 * MIN
  await act(s, b.id, 'escalate', { by: 'bob', note: 'needs the payments team' })
  now = T0 + 3 * HOUR + 30 * MIN
  await act(s, b.id, 'resolve', { by: 'bob' })

  now = T0 + 5 * HOUR
  await post(`${s.url}/webhook/alertmanager`, amAlert('acme', 'web01', { service: 'web' }))
  const c = await incidentOf(s, 'acme', 'web')
  now = T0 + 5 * HOUR + 20 * MIN
  await post(`${s.url}/webhook/alertmanager`, amAlert('acme', 'web01', { service: 'web', status: 'resolved', startsAt: T0 + 5 * HOUR }))
  now = T0 + 5 * HOUR + 22 * MIN
  await s.hub.tick()
  now = T0 + 2 * 24 * HOUR
  return { a: a.id as string, b: b.id as string, c: c.id as string }
}

describe('incident report over HTTP', () => {
  it('a resolved incident exports to Markdown, HTML, PDF and JSON with its timeline, escaped', async () => {
    const s = await start()
    const { a } = await scriptedWeek(s)
    const detail = (await getJson(`${s.url}/api/v1/incidents/${a}`)).json
    expect(detail.incident.status).toBe('resolved')

    const md = await get(s, `/api/v1/incidents/${a}/report?format=md`)
    expect(md.status).toBe(200)
    expect(md.headers.get('content-type')).toMatch(/^text\/markdown/)
    expect(md.headers.get('content-disposition')).toBe(`attachment; filename="${a}-report.md"`)
    const mdText = text(md.bytes)
    // One table row per timeline entry: `| time | since open | who | event | details |` (toned kinds in bold).
    const row = (kind: string) => mdText.split('\n').find((l) => new RegExp(`^\\|.*\\| (\\*\\*)?${kind}(\\*\\*)? \\|`).test(l))
    expect(row('first-event')).toMatch(/^\| 2026-11-16 09:57:00 \| -3m 00s \| source \|/)
    expect(row('ack')).toMatch(/^\| 10:04:00 \| \+4m 00s \| alice \|.*acknowledged by alice: looking/)
    expect(row('note')).toMatch(/\| alice \|.*disk replaced on db01/)
    expect(row('resolve')).toMatch(/^\| 10:50:00 \| \+50m 00s \| alice \|.*failed disk/)
    expect(mdText).not.toContain(XSS)

    const html = await get(s, `/api/v1/incidents/${a}/report?format=html&inline=true`)
    expect(html.headers.get('content-disposition')).toMatch(/^inline;/)
    expect(html.headers.get('content-security-policy')).toMatch(/script-src 'none'|default-src 'none'/)
    expect(html.headers.get('x-content-type-options')).toBe('nosniff')
    const page = text(html.bytes)
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(page).not.toMatch(/<img\b/i)
    expect(page).not.toMatch(/<script\b/i)

    const pdf = await get(s, `/api/v1/incidents/${a}/report?format=pdf`)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    expect(Number(pdf.headers.get('content-length'))).toBe(pdf.bytes.byteLength)
    expect(text(pdf.bytes.slice(0, 5))).toBe('%PDF-')
    if (HAVE_POPPLER) {
      const { text: t, stderr } = pdfText(pdf.bytes)
      expect(stderr).toBe('')
      const flat = squash(t)
      expect(flat).toContain(a)
      expect(flat).toContain(squash(detail.incident.title))
      expect(flat).toMatch(/Timeline \(\d+\)/)
      expect(flat).toContain('disk replaced on db01')
      expect(flat).toMatch(/alice/)
      expect(flat).toMatch(/\back\b/)
      expect(flat).toMatch(/\bresolve\b/)
    }

    const json = JSON.parse(text((await get(s, `/api/v1/incidents/${a}/report?format=json`)).bytes))
    expect(json.kind).toBe('incident-report')
    expect(json.summary).toMatchObject({ id: a, title: detail.incident.title, status: 'resolved', priority: detail.incident.priority })
    expect(json.cause).toBe('failed disk')
    expect(json.tags).toEqual(['hardware'])
    expect(json.alerts.map((x: any) => x.id)).toEqual(detail.alerts.map((x: any) => x.id))
    // Every entry of the API's timeline is in the report (which adds the first event before the opening).
    const entries = json.timeline.map((e: any) => [e.kind, e.actor, e.text, Date.parse(e.at)])
    for (const e of detail.timeline) expect(entries).toContainEqual([e.kind, e.actor, e.text, e.at])
    expect(json.times).toMatchObject({ tta: 4 * MIN, ttr: 50 * MIN, ttd: 3 * MIN })

    expect((await get(s, `/api/v1/incidents/INC-424242/report?format=md`)).status).toBe(404)
    expect((await get(s, `/api/v1/incidents/${a}/report?format=docx`)).status).toBe(400)
  })

  it('WebSocket `call` answers the FileOutput itself (PDF as base64)', async () => {
    const s = await start()
    const { a } = await scriptedWeek(s)
    const ws = new WebSocket(`${s.url.replace('http', 'ws')}/ws`)
    await new Promise((res, rej) => (ws.once('open', res), ws.once('error', rej)))
    const answer = new Promise<any>((res) => ws.on('message', (m) => {
      const msg = JSON.parse(String(m))
      if (msg.type === 'result' && msg.id === 'r1') res(msg.output)
    }))
    ws.send(JSON.stringify({ type: 'call', id: 'r1', method: 'reports.incident', input: { id: a, format: 'pdf' } }))
    const out = FileOutput.parse(await answer)
    ws.close()
    expect(out).toMatchObject({ contentType: 'application/pdf', filename: `${a}-report.pdf`, encoding: 'base64' })
    const bytes = fileBytes(out)
    expect(text(bytes.slice(0, 5))).toBe('%PDF-')
    expect(text(bytes.slice(-6))).toMatch(/%%EOF/)
  })
})

describe('incident list export', () => {
  it('CSV parses back (RFC 4180) with the same rows as the queue for the same filter; `export` is not an incident id', async () => {
    const s = await start()
    await scriptedWeek(s)
    // `/api/v1/incidents/:id` matches this path too: the export must win, not a 404 for incident "export".
    const bare = await get(s, '/api/v1/incidents/export')
    expect(bare.status).toBe(200)
    expect(bare.headers.get('content-type')).toMatch(/^text\/csv/)
    for (const q of ['', 'client=acme', 'status=resolved', 'client=globex&status=open', 'priority=P1']) {
      const queue = (await getJson(`${s.url}/api/v1/incidents?${q}`)).json as any[]
      const r = await get(s, `/api/v1/incidents/export?format=csv&${q}`)
      expect(r.status).toBe(200)
      expect(r.headers.get('content-type')).toMatch(/^text\/csv/)
      expect(r.headers.get('content-disposition')).toMatch(/^attachment; filename="incidents-\d{8}T\d{6}(\.\d+)?Z\.csv"$/)
      const [header, ...rows] = parseCsv(text(r.bytes))
      const col = (name: string) => header.indexOf(name)
      expect(rows.map((x) => x[col('id')])).toEqual(queue.map((i) => i.id))
      expect(rows.map((x) => [x[col('client')], x[col('status')], x[col('priority')], x[col('title')]])).toEqual(
        queue.map((i) => [i.client, i.status, i.priority, i.title.replace(/^([=+\-@\t\r])/, "'$1")]),
      )
    }
    const json = JSON.parse(text((await get(s, '/api/v1/incidents/export?format=json&client=acme')).bytes))
    const queue = (await getJson(`${s.url}/api/v1/incidents?client=acme`)).json as any[]
    expect(JSON.stringify(json)).toContain(queue[0].id)
    const bom = await get(s, '/api/v1/incidents/export?format=csv&bom=true')
    expect([...bom.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  })
})

describe('client period report and metrics', () => {
  it("the week's MTTA/MTTR/MTTD, escalation and automation match the hand-computed timeline in every format", async () => {
    const s = await start()
    await scriptedWeek(s)
    const base = `/api/v1/reports/clients/acme?period=week&from=${T0}`
    const r = await get(s, `${base}&format=json`)
    expect(r.status).toBe(200)
    const m = JSON.parse(text(r.bytes))
    expect(m.period).toMatchObject({ kind: 'week', label: '2026-W47', from: '2026-11-16T00:00:00Z', to: '2026-11-23T00:00:00Z' })
    expect(m.incidents.opened).toBe(3)
    expect(m.mtta).toEqual({ n: 2, meanMs: 7 * MIN, medianMs: 7 * MIN })
    expect(m.mttr).toEqual({ n: 3, meanMs: 54 * MIN, medianMs: 50 * MIN })
    expect(m.mttd.meanMs).toBe(1 * MIN)
    expect(m.escalation).toEqual({ escalated: 1, opened: 3, rate: 1 / 3 })
    expect(m.automation).toEqual({ automated: 1, resolved: 3, rate: 1 / 3 })
    expect(m.noise.events).toBe(4) // three firing events and one recovery, all acme
    expect(m.rows.map((x: any) => x.ackSla)).toEqual(['met', 'met', 'met'])

    const csv = parseCsv(text((await get(s, `${base}&format=csv`)).bytes))
    expect(csv.length).toBeGreaterThan(3)
    const md = text((await get(s, `${base}&format=md`)).bytes)
    expect(md).toMatch(/MTTA/)
    expect(md).toContain('2026-W47')
    const html = await get(s, `${base}&format=html`)
    expect(html.headers.get('content-disposition')).toBe('attachment; filename="acme-2026-W47-report.html"')
    if (HAVE_POPPLER) {
      const flat = squash(pdfText((await get(s, `${base}&format=pdf`)).bytes).text)
      expect(flat).toContain('acme')
      expect(flat).toMatch(/MTTA/)
    }
    // A custom range by calendar dates (the `to` date is inclusive) gives the same numbers for this week.
    const custom = JSON.parse(text((await get(s, '/api/v1/reports/clients/acme?period=custom&from=2026-11-16&to=2026-11-22&format=json')).bytes))
    expect(custom.period).toMatchObject({ kind: 'custom', from: '2026-11-16T00:00:00Z', to: '2026-11-23T00:00:00Z' })
    expect(custom.mtta).toEqual(m.mtta)
    expect(custom.mttr).toEqual(m.mttr)
    // `back=1` from the following week is this week again (periods counted in the client's calendar).
    const back = JSON.parse(text((await get(s, `/api/v1/reports/clients/acme?period=week&back=1&from=${T0 + 7 * 24 * HOUR}&format=json`)).bytes))
    expect(back.period.label).toBe('2026-W47')
    expect(back.mttr).toEqual(m.mttr)
    // The week before has nothing; an unknown client is a 404; a custom period without `to` is a 400.
    const before = JSON.parse(text((await get(s, `/api/v1/reports/clients/acme?period=week&from=${T0 - 7 * 24 * HOUR}&format=json`)).bytes))
    expect(before.incidents.opened).toBe(0)
    expect((await get(s, '/api/v1/reports/clients/nobody?format=md')).status).toBe(404)
    const bad = await getJson(`${s.url}/api/v1/reports/clients/acme?period=custom&from=2026-11-16`)
    expect(bad.status).toBe(400)
    expect(bad.json.issues[0].path).toBe('to')
  })

  it('an incident opened last week and acknowledged this week counts in this week\'s MTTA, and in last week\'s opened', async () => {
    const s = await start()
    const weekStart = Date.parse('2026-11-16T00:00:00Z')
    now = weekStart - 10 * MIN
    await post(`${s.url}/webhook/alertmanager`, amAlert('acme', 'late01'))
    const d = await incidentOf(s, 'acme', 'billing')
    now = weekStart + 10 * MIN
    await act(s, d.id, 'ack', { by: 'alice' })
    now = weekStart + 30 * MIN
    await act(s, d.id, 'resolve', { by: 'alice' })
    now = weekStart + 24 * HOUR
    const report = async (q: string) => JSON.parse(text((await get(s, `/api/v1/reports/clients/acme?period=week&format=json${q}`)).bytes))
    const thisWeek = await report('')
    expect(thisWeek.incidents.opened).toBe(0)
    expect(thisWeek.mtta).toEqual({ n: 1, meanMs: 20 * MIN, medianMs: 20 * MIN })
    expect(thisWeek.mttr).toEqual({ n: 1, meanMs: 40 * MIN, medianMs: 40 * MIN })
    const lastWeek = await report('&back=1')
    expect(lastWeek.incidents.opened).toBe(1)
    expect(lastWeek.mtta.n).toBe(0)
  })

  it('the metrics summary has one bucket per local day, adding up to the period report', async () => {
    const s = await start()
    await scriptedWeek(s)
    const from = T0 - 24 * HOUR
    const r = await getJson(`${s.url}/api/v1/metrics/summary?from=${from}&to=${T0 + 2 * 24 * HOUR}&client=acme`)
    expect(r.status).toBe(200)
    const m = MetricsSummary.parse(r.json)
    expect(m.bucket).toBe('day')
    expect(m.buckets.map((t) => new Date(t).toISOString())).toEqual(['2026-11-15T00:00:00.000Z', '2026-11-16T00:00:00.000Z', '2026-11-17T00:00:00.000Z', '2026-11-18T00:00:00.000Z'])
    expect(m.clients.map((c) => c.client)).toEqual(['acme'])
    const [before, day, ...after] = m.overall.points
    expect(before).toMatchObject({ incidents: 0, events: 0, mttaMs: null, mttrMs: null, escalationRate: null })
    expect(day).toMatchObject({ incidents: 3, acked: 2, resolved: 3, escalated: 1, automated: 1, events: 4, mttaMs: 7 * MIN, mttrMs: 54 * MIN, mttdMs: 1 * MIN })
    expect(day.escalationRate).toBeCloseTo(1 / 3)
    expect(after.map((p) => p.incidents)).toEqual([0, 0])

    const all = MetricsSummary.parse((await getJson(`${s.url}/api/v1/metrics/summary?from=${from}&to=${T0 + 2 * 24 * HOUR}`)).json)
    expect(all.clients.map((c) => c.client)).toEqual(['acme', 'globex'])
    expect(all.overall.totals.incidents).toBe(4)
    const hourly = MetricsSummary.parse((await getJson(`${s.url}/api/v1/metrics/summary?from=${T0}&to=${T0 + 6 * HOUR}&bucket=hour`)).json)
    expect(hourly.buckets).toHaveLength(6)
    expect(hourly.overall.points.map((p) => p.incidents)).toEqual([1, 1, 1, 0, 0, 1])
    const fine = MetricsSummary.parse((await getJson(`${s.url}/api/v1/metrics/summary?from=${T0}&to=${T0 + HOUR}&bucket=5min&client=acme`)).json)
    expect(fine.buckets).toHaveLength(12)
    expect(fine.overall.points[0]).toMatchObject({ incidents: 1, events: 1 })
    expect(fine.overall.points[0].t).toBe(T0)
    expect((await getJson(`${s.url}/api/v1/metrics/summary?from=${T0}&to=${T0 - 1}`)).status).toBe(400)
    expect((await getJson(`${s.url}/api/v1/metrics/summary?from=${T0 - 3 * 24 * HOUR}&to=${T0}&bucket=5min`)).status).toBe(400)
  })

  it('the resource inventory lists each resource with first and last seen', async () => {
    const s = await start()
    await scriptedWeek(s)
    const r = await get(s, `/api/v1/reports/inventory?from=2026-11-16&to=2026-11-17&format=json`)
    expect(r.status).toBe(200)
    const inv = JSON.parse(text(r.bytes))
    const acme = inv.clients.find((c: any) => c.client === 'acme')
    const names = acme.groups.flatMap((g: any) => g.resources.map((x: any) => x.resource)).sort()
    expect(names).toEqual(['db01:9100', 'pay01', 'web01'])
    expect(parseCsv(text((await get(s, '/api/v1/reports/inventory?from=2026-11-16&format=csv')).bytes)).length).toBeGreaterThan(1)
  })
})

describe('reports in every script over HTTP', () => {
  it('a Japanese client\'s incident on 東京-db01 exports a PDF whose text reads 東京-db01 and the Japanese summary; CSV and HTML keep it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'noc-cfg-'))
    const cfg = join(dir, 'noc.yaml')
    writeFileSync(cfg, 'clients:\n  tokyo-data:\n    name: 東京データ株式会社\n    tier: gold\n    timeZone: Asia/Tokyo\n  gulf:\n    name: شركة الخليج للاتصالات\n    tier: silver\n    timeZone: Asia/Riyadh\n')
    const s = await start({ configPath: cfg })
    const summary = 'データベースの応答が遅延しています'
    await post(`${s.url}/webhook/alertmanager`, amAlert('tokyo-data', '東京-db01', { summary }))
    await post(`${s.url}/webhook/alertmanager`, amAlert('gulf', 'خادم-الرياض', { service: 'payments', summary: 'خادم قاعدة البيانات لا يستجيب' }))
    const jp = await incidentOf(s, 'tokyo-data', 'billing')
    const ar = await incidentOf(s, 'gulf', 'payments')
    await act(s, jp.id, 'note', { by: 'Zoë', text: 'Сервер перезапущен · Ο διακομιστής επανεκκινήθηκε · השרת הופעל מחדש' })

    const pdf = await get(s, `/api/v1/incidents/${jp.id}/report?format=pdf`)
    expect(pdf.status).toBe(200)
    if (HAVE_POPPLER) {
      const t = squash(stripBidiControls(pdfText(pdf.bytes).text))
      for (const want of ['東京-db01', summary, '東京データ株式会社', 'Сервер перезапущен', 'Ο διακομιστής επανεκκινήθηκε', 'השרת הופעל מחדש', 'Zoë']) expect(t).toContain(want)
      expect(t).not.toContain('??')
      const ta = squash(stripBidiControls(pdfText((await get(s, `/api/v1/incidents/${ar.id}/report?format=pdf`)).bytes).text))
      // Right-to-left phrases read in order; a hyphenated RTL name is checked by its words (poppler orders the two
      // sides of an RTL hyphen by its own heuristic; the page itself shows خادم-الرياض).
      for (const want of ['شركة الخليج للاتصالات', 'خادم قاعدة البيانات لا يستجيب', 'خادم', 'الرياض']) expect(ta).toContain(want)
    }
    const html = text((await get(s, `/api/v1/incidents/${jp.id}/report?format=html`)).bytes)
    expect(html).toContain('東京-db01')
    expect(html).toContain(summary)
    const csv = parseCsv(text((await get(s, '/api/v1/incidents/export?format=csv')).bytes))
    const titles = csv.slice(1).map((r) => r[csv[0].indexOf('title')])
    expect(titles).toContain(jp.title)
    expect(titles).toEqual(expect.arrayContaining([summary, 'خادم قاعدة البيانات لا يستجيب']))
    const period = await get(s, `/api/v1/reports/clients/tokyo-data?period=week&from=${T0}&format=pdf`)
    if (HAVE_POPPLER) expect(squash(stripBidiControls(pdfText(period.bytes).text))).toContain('東京データ株式会社')
  })

  it("the period report's daily series is the metrics view's series for the same client and range", async () => {
    const s = await start()
    await scriptedWeek(s)
    const report = JSON.parse(text((await get(s, `/api/v1/reports/clients/acme?period=week&from=${T0}&format=json`)).bytes))
    const from = Date.parse(report.period.from)
    const to = Date.parse(report.period.to)
    const metrics = MetricsSummary.parse((await getJson(`${s.url}/api/v1/metrics/summary?client=acme&from=${from}&to=${to}&bucket=day`)).json)
    const series = metrics.clients.find((c) => c.client === 'acme')!.points.map((p) => ({ ...p, t: new Date(p.t).toISOString().replace('.000Z', 'Z') }))
    expect(report.series.points).toEqual(series)
    expect(series.reduce((a, p) => a + p.incidents, 0)).toBe(report.incidents.opened)
    expect(series.reduce((a, p) => a + p.events, 0)).toBe(report.noise.events)
  })
})
