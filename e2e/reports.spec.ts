import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import type { Download, Page } from '@playwright/test'
import { test, expect, type Served } from './fixtures'

/** Reports from the console: files come through the transport's `call` as a FileOutput and are saved as Blobs. */

const CLIENT = 'e2e-acme'
const XSS = '<img src=x onerror=alert(1)>'

const amAlert = (instance: string, status: 'firing' | 'resolved' = 'firing') => ({
  version: '4', status, receiver: 'noc', groupKey: 'k', truncatedAlerts: 0, groupLabels: {}, commonLabels: {}, commonAnnotations: {}, externalURL: 'http://am:9093',
  alerts: [{
    status, labels: { alertname: 'DiskFull', client: CLIENT, service: 'billing', instance, severity: 'critical' },
    annotations: { summary: `${instance} disk full ${XSS}` }, startsAt: new Date(Date.now() - 60_000).toISOString(),
    endsAt: status === 'resolved' ? new Date().toISOString() : '0001-01-01T00:00:00Z', generatorURL: 'http://prom', fingerprint: `e2e${instance}`.replace(/[^a-z0-9]/g, '').padEnd(16, '0').slice(0, 16),
  }],
})

/** One resolved incident of CLIENT: fired, acknowledged with a note, resolved with cause and solution. */
const resolvedIncident = async (served: Served): Promise<string> => {
  expect((await served.post('/webhook/alertmanager', amAlert('db01'))).status).toBe(200)
  const [inc] = await served.get(`/api/v1/incidents?client=${CLIENT}`)
  expect((await served.post(`/api/v1/incidents/${inc.id}/ack`, { by: 'alice', note: 'on it' })).status).toBe(200)
  expect((await served.post(`/api/v1/incidents/${inc.id}/note`, { by: 'alice', text: 'swapped the disk on db01' })).status).toBe(200)
  expect((await served.post(`/api/v1/incidents/${inc.id}/resolve`, { by: 'alice', cause: 'failed disk', solution: 'replaced it' })).status).toBe(200)
  return inc.id
}

const saved = async (download: Download): Promise<Buffer> => readFileSync((await download.path())!)

const pdfText = (bytes: Buffer): string => {
  const r = spawnSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: bytes, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`pdftotext failed (${r.status}): ${r.stderr}`)
  return r.stdout.replace(/\s+/g, ' ')
}

const live = async (page: Page, url: string) => {
  await page.goto(url)
  await expect(page.locator('[data-connection="live"]').first()).toBeVisible()
}

test('the client report screen previews the week and downloads it as Markdown, PDF and CSV', async ({ page, served }) => {
  await resolvedIncident(served)
  await live(page, `${served.url}/#/reports`)
  const view = page.getByTestId('reports-view')
  await view.getByLabel('Client').selectOption(CLIENT)
  await view.getByRole('radio', { name: 'This week' }).check()
  const preview = view.getByTestId('report-preview')
  await expect(preview).toContainText(CLIENT)
  await expect(preview.locator('[data-kpi="Incidents"] dd')).toHaveText('1')
  await expect(preview.locator('[data-kpi="MTTR"] dd')).not.toHaveText('—')

  const [md] = await Promise.all([page.waitForEvent('download'), view.locator('button[data-format="md"]').click()])
  expect(md.suggestedFilename()).toMatch(new RegExp(`^${CLIENT}-\\d{4}-W\\d{2}-report\\.md$`))
  const text = (await saved(md)).toString('utf8')
  expect(text).toContain(`# `)
  expect(text).toMatch(/MTTA/)
  expect(text).toContain(CLIENT)

  const [pdf] = await Promise.all([page.waitForEvent('download'), view.locator('button[data-format="pdf"]').click()])
  const bytes = await saved(pdf)
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
  const pt = pdfText(bytes)
  expect(pt).toContain(CLIENT)
  expect(pt).toMatch(/MTTR/)

  const [csv] = await Promise.all([page.waitForEvent('download'), view.locator('button[data-format="csv"]').click()])
  expect((await saved(csv)).toString('utf8')).toMatch(/\r\n$/)
  await page.screenshot({ path: test.info().outputPath('reports.png') })
})

test('an incident report downloads from the incident with one key, and its PDF shows the timeline', async ({ page, served }) => {
  const id = await resolvedIncident(served)
  await live(page, `${served.url}/#/incident/${id}`)
  await expect(page.locator('main')).toContainText(id)
  await page.keyboard.press('d')
  const dialog = page.getByRole('dialog')
  await expect(dialog).toBeVisible()
  const [pdf] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: /PDF/ }).click()])
  expect(pdf.suggestedFilename()).toBe(`${id}-report.pdf`)
  const pt = pdfText(await saved(pdf))
  expect(pt).toContain(id)
  expect(pt).toMatch(/Timeline \(\d+\)/)
  expect(pt).toContain('swapped the disk on db01')
  expect(pt).toMatch(/alice/)

  await page.keyboard.press('d')
  const [html] = await Promise.all([page.waitForEvent('download'), page.getByRole('dialog').getByRole('button', { name: /HTML/ }).click()])
  const page2 = (await saved(html)).toString('utf8')
  expect(page2).toContain('&lt;img src=x onerror=alert(1)&gt;')
  expect(page2).not.toMatch(/<img\b/i)
})

test('the metrics view charts the client and lists it per client', async ({ page, served }) => {
  await resolvedIncident(served)
  await live(page, `${served.url}/#/metrics`)
  const view = page.getByTestId('metrics-view')
  await expect(view.locator('.recharts-surface').first()).toBeVisible()
  expect(await view.locator('.recharts-surface').count()).toBeGreaterThanOrEqual(3)
  const row = view.locator(`tr[data-client="${CLIENT}"]`)
  await expect(row).toBeVisible()
  await expect(row.locator('td').nth(1)).toHaveText('1')
  await row.getByRole('button').click()
  await expect(row).toHaveAttribute('aria-selected', 'true')
  await expect(view.locator('.metrics-kpis')).toContainText('Incidents')
  await page.screenshot({ path: test.info().outputPath('metrics.png') })
})
