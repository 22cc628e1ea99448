import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { AlertRowsPage, alertRowsIssues, Snapshot, SnapshotHead, splitBinaryResult } from '@shared/api/contract'
import { SEVERITIES } from '@shared/model/severity'
import type { RunningServer } from '../server'
import { getJson, post, testServer } from '../testing/server-kit'

let srv: RunningServer
beforeAll(async () => {
  srv = await testServer()
  const events = Array.from({ length: 7 }, (_, i) => ({
    client: i % 2 ? 'acme' : 'globex', class: 'TI_Linux_Agent', ems: 'ms-01', rule: `Rule${i}`, severity: i === 0 ? 'critical' : 'warning',
    components: [{ type: 'Host name', name: `H${i}` }], text: `check ${i} failed`, ...(i === 3 ? { resource: 'db-primary', service: 'billing' } : {}),
  }))
  expect((await post(`${srv.url}/api/v1/events`, events)).status).toBe(200)
  // One of them resolves: still "current" (resolved within the horizon), counted as resolved.
  expect((await post(`${srv.url}/api/v1/events`, { ...events[5], status: 'resolved' })).status).toBe(200)
})
afterAll(async () => srv.close())

const pageAll = async (limit: number) => {
  const pages: AlertRowsPage[] = []
  let after = 0
  for (;;) {
    const { status, json } = await getJson(`${srv.url}/api/v1/console/alert-rows?limit=${limit}&after=${after}`)
    expect(status).toBe(200)
    const page = AlertRowsPage.parse(json)
    expect(alertRowsIssues(page, SEVERITIES.length)).toEqual([])
    pages.push(page)
    if (page.next === null) return pages
    after = page.next
  }
}

describe('the console first view: head, then alert rows in pages', () => {
  it('the head has the clients, incidents and alert totals of the full snapshot, without the alerts', async () => {
    const head = SnapshotHead.parse((await getJson(`${srv.url}/api/v1/snapshot/head`)).json)
    const full = Snapshot.parse((await getJson(`${srv.url}/api/v1/snapshot`)).json)
    expect(head.seq).toBe(full.seq)
    expect(head.clients).toEqual(full.clients)
    expect(head.incidents.map((i) => i.id).sort()).toEqual(full.incidents.map((i) => i.id).sort())
    expect(head.alerts).toEqual({ firing: 6, resolved: 1 })
    expect(head).not.toHaveProperty('alerts.length')
  })

  it('pages cover exactly the snapshot\'s alerts, each once, with their fields', async () => {
    const full = Snapshot.parse((await getJson(`${srv.url}/api/v1/snapshot`)).json)
    const pages = await pageAll(3)
    expect(pages.map((p) => p.id.length)).toEqual([3, 3, 1])
    const ids = pages.flatMap((p) => p.id)
    expect(ids).toEqual([...ids].sort((a, b) => a - b))
    expect(ids.sort()).toEqual(full.alerts.map((a) => a.id).sort())
    expect(pages[0].total).toBe(7)
    const p = pages.find((x) => x.service.some((r) => r >= 0))!
    const i = p.service.findIndex((r) => r >= 0)
    const a = full.alerts.find((x) => x.id === p.id[i])!
    expect({ resource: p.strings[p.resource[i]], service: p.strings[p.service[i]], summary: p.strings[p.summary[i]], rev: p.rev[i] }).toEqual({
      resource: a.resource, service: a.service, summary: a.summary, rev: a.seq,
    })
    expect(p.strings[p.components[i]]).toBe('Host name\tH3')
  })

  it('over the WebSocket a `binary` call is answered with one binary frame holding the same output', async () => {
    const ws = new WebSocket(`${srv.url.replace('http', 'ws')}/ws`)
    const frames: (string | Buffer)[] = []
    ws.on('message', (d, isBinary) => frames.push(isBinary ? (d as Buffer) : String(d)))
    await new Promise((r) => ws.once('open', r))
    ws.send(JSON.stringify({ type: 'call', id: 'b1', method: 'alerts.rows', input: { limit: 100 }, binary: true }))
    ws.send(JSON.stringify({ type: 'call', id: 't1', method: 'alerts.rows', input: { limit: 100 } }))
    await expect.poll(() => frames.length).toBe(3) // hello, binary, text
    ws.close()
    const bin = new Uint8Array(frames.find((f) => typeof f !== 'string') as Buffer)
    const head = splitBinaryResult(bin)!
    expect(head.id).toBe('b1')
    const text = JSON.parse(frames.find((f) => typeof f === 'string' && f.includes('"t1"')) as string)
    expect(JSON.parse(new TextDecoder().decode(bin.subarray(head.offset)))).toEqual(text.output)
  })

  it('names the incident an alert belongs to, and 404s for an alert that does not exist', async () => {
    const [inc] = (await getJson(`${srv.url}/api/v1/incidents?client=globex`)).json
    const detail = (await getJson(`${srv.url}/api/v1/incidents/${inc.id}`)).json
    const alertId = detail.alerts[0].id
    const links = (await getJson(`${srv.url}/api/v1/alerts/${alertId}/incidents`)).json
    expect(links.map((l: { incidentId: string }) => l.incidentId)).toContain(inc.id)
    expect((await getJson(`${srv.url}/api/v1/alerts/999999/incidents`)).status).toBe(404)
  })
})
