import { test, expect, type Served } from './fixtures'

const event = (client: string, over: Record<string, unknown> = {}) => ({
  client, class: 'TI_Linux_Agent', ems: 'ms-01', rule: 'Disk', components: [{ type: 'Host name', name: `${client}-DB01` }], severity: 'critical', text: `${client} disk almost full`, ...over,
})

const incidentOf = async (served: Served, client: string) => (await served.get(`/api/v1/incidents?client=${client}`))[0]

test('Enter works from a fresh load: the queue opens its top incident with no other key first', async ({ page, served }) => {
  await served.post('/api/v1/events', [event('fresh-a', { severity: 'warning' }), event('fresh-b')])
  const top = await incidentOf(served, 'fresh-b') // critical: the queue's first row
  await page.goto(`${served.url}/#/incidents`)
  await expect(page.locator('[data-connection="live"]')).toBeVisible()
  await expect(page.locator('tr.inc-row').first()).toHaveAttribute('data-incident-id', top.id)
  await page.keyboard.press('Enter')
  await expect(page.locator(`section.detail[data-incident-id="${top.id}"]`)).toBeVisible()
})

test('Enter in the alert table opens the alert\'s incident (selected row, or the top one on a fresh load)', async ({ page, served }) => {
  await served.post('/api/v1/events', [event('alert-a', { severity: 'major' }), event('alert-b', { severity: 'minor' })])
  const a = await incidentOf(served, 'alert-a')
  const b = await incidentOf(served, 'alert-b')
  await page.goto(`${served.url}/#/alerts`)
  await expect(page.locator('[data-connection="live"]')).toBeVisible()
  await expect(page.locator('tbody tr.alert-row')).toHaveCount(2)
  // Fresh load, nothing selected: the top row (the worst, alert-a's major) opens its incident.
  await page.keyboard.press('Enter')
  await expect(page.locator(`section.detail[data-incident-id="${a.id}"]`)).toBeVisible()
  await page.keyboard.press('Escape')
  await page.keyboard.press('g')
  await page.keyboard.press('a')
  // j j selects the second row; Enter opens that alert's incident.
  await page.keyboard.press('j')
  await page.keyboard.press('j')
  await expect(page.locator('tbody tr.alert-row[aria-selected="true"]')).toContainText('alert-b')
  await page.keyboard.press('Enter')
  await expect(page.locator(`section.detail[data-incident-id="${b.id}"]`)).toBeVisible()
  await expect(page.locator('.detail-alerts tr[data-alert-id]')).toContainText('alert-b disk almost full')
})
